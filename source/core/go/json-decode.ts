import type {GoType, StructField} from './go-types.js';
import {zeroValue} from './go-types.js';
import {type GoTime, parseGoTime} from './go-time.js';
import {parseGofrsUuid} from './uuid-text.js';

// One JSON value decoded the way Go's `encoding/json` decodes it into a typed value (Go 1.21 to 1.26,
// decode.go and scanner.go), over the text of one record:
// - the whole value must be valid JSON, nested at most 10,000 levels (scanner.go `maxNestingDepth`);
// - object keys match a struct field exactly, else by Unicode simple case folding (`foldName`: so
//   `Emails`, `USER_ID`, `paſſword` with U+017F and `K` with the Kelvin sign U+212A all match);
//   unknown keys are dropped;
// - a repeated key decodes again into the same field: a later object is merged into the earlier
//   struct, a later array decodes element by element into the earlier slice's elements (then cut to
//   its own length), a later scalar replaces; `null` sets a pointer or slice to nil and leaves any
//   other type as it was (so `[null]` is one zero-valued element);
// - a value of the wrong JSON type leaves the field as it was and is an error (Hanko then stops);
// - an `int` takes only an integer literal within int64 (`12.0` and `1e3` are errors);
// - `*time.Time` parses the raw bytes between the quotes, escapes not decoded (go-time.ts);
// - gofrs' UUID parses the unescaped string with `UnmarshalText` (uuid-text.ts);
// - strings decode escapes with unpaired surrogates replaced by U+FFFD (invalid UTF-8 was already
//   replaced, byte by byte, when the record was read: see go-utf8.ts).

export type JsonKind = 'string' | 'number' | 'object' | 'array' | 'boolean' | 'null';

/** Something Go's decoder did not simply store. `pointer` is the JSON pointer of the field. */
export type DecodeFault =
	| {kind: 'type'; pointer: string; type: GoType; found: JsonKind}
	/** A string `time.Time.UnmarshalJSON` refuses (`raw` as written between the quotes). */
	| {kind: 'time'; pointer: string; raw: string}
	/** A string gofrs' `UnmarshalText` refuses. */
	| {kind: 'uuid'; pointer: string; raw: string}
	/** A number `strconv.ParseInt(…, 10, 64)` refuses. */
	| {kind: 'int'; pointer: string; literal: string}
	| {kind: 'unknown-key'; pointer: string; key: string}
	| {kind: 'folded-key'; pointer: string; key: string; field: string}
	| {kind: 'duplicate-key'; pointer: string; key: string; field: string};

export type DecodeResult =
	| {ok: true; value: unknown; faults: DecodeFault[]}
	/** Not valid JSON for Go's scanner: `index` is where it noticed, `depth` when nesting was the fault. */
	| {ok: false; index: number; depth: boolean};

/**
 * On each decoded struct: a bit for every field that a non-null value was decoded into, in the order
 * of the struct's fields (Go cannot tell, but a report can say that `is_verified` was missing).
 */
export const givenFields = Symbol('given fields');

/**
 * Whether a non-null value was decoded into the field `json` of a decoded struct of `type` (one whose
 * type asks for it with `trackGiven`: no mark means every field was given).
 */
export function wasGiven(value: object, type: GoType, json: string): boolean {
	if (type.kind !== 'struct' || !type.trackGiven) return false;
	const given = (value as Record<symbol, number | undefined>)[givenFields];
	if (given === undefined) return true; // Every field was given: the usual case
	const at = type.fields.findIndex(field => field.json === json);
	return at >= 0 && ((given >> at) & 1) === 1;
}

/** On a decoded slice cut shorter by a repeated key: the elements past its length that Go still holds. */
const sliceTail = Symbol('slice tail');

/** Go's scanner refuses values nested deeper than this. */
export const maxNestingDepth = 10_000;

class SyntaxFault {
	constructor(
		readonly index: number,
		readonly depth = false,
	) {}
}

function isSpace(c: number): boolean {
	return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function hexDigit(c: number): number {
	if (c >= 48 && c <= 57) return c - 48;
	if (c >= 97 && c <= 102) return c - 87;
	if (c >= 65 && c <= 70) return c - 55;
	return -1;
}

/** `foldName`: ASCII letters upper-cased, ſ (U+017F) and the Kelvin sign K (U+212A) folded to S and K. */
export function foldKey(key: string): string {
	let folded = '';
	for (let i = 0; i < key.length; i++) {
		const c = key.charCodeAt(i);
		if (c >= 97 && c <= 122) folded += String.fromCharCode(c - 32);
		else if (c === 0x01_7f) folded += 'S';
		else if (c === 0x21_2a) folded += 'K';
		else folded += key[i];
	}

	return folded;
}

type StructIndex = {
	/** Field indexes by the length of their JSON name: a key is matched in place, without a copy. */
	byLength: Array<number[] | undefined>;
	folded: Map<string, number>;
	/** Every field's bit: what `given` is when every field was given. */
	all: number;
};
const indexes = new WeakMap<readonly StructField[], StructIndex>();

function indexOf(fields: readonly StructField[]): StructIndex {
	let index = indexes.get(fields);
	if (!index) {
		const byLength: StructIndex['byLength'] = [];
		for (const [i, field] of fields.entries()) (byLength[field.json.length] ??= []).push(i);
		index = {byLength, folded: new Map(fields.map((field, i) => [foldKey(field.json), i])), all: (1 << fields.length) - 1};
		indexes.set(fields, index);
	}

	return index;
}

/** The JSON pointer of `name` under `base`, built only when a fault needs it. */
function pointerOf(base: string, name: string | number): string {
	return typeof name === 'number' ? `${base}/${name}` : `${base}/${segment(name)}`;
}

/** A key as a JSON pointer segment (RFC 6901). */
function segment(key: string): string {
	return key.includes('~') || key.includes('/') ? key.replaceAll('~', '~0').replaceAll('/', '~1') : key;
}

class Decoder {
	readonly faults: DecodeFault[] = [];
	private i = 0;
	private depth = 0;
	private stack = new Uint8Array(64); // Open brackets while skipping a value: 1 object, 2 array
	private escapes = false; // Whether the string scanned last had escapes

	constructor(private readonly text: string) {}

	run(type: GoType): unknown {
		this.space();
		let value: unknown;
		const kind = this.kindAt();
		if (type.kind !== 'struct') {
			value = this.value(type, zeroValue(type), '', '');
		} else if (kind === 'object') {
			value = this.struct(type, zeroValue(type) as Record<string, unknown>, '');
		} else {
			// Not the object the type wants; a top-level null decodes into nothing, which is no user either
			this.faults.push({kind: 'type', pointer: '', type, found: kind});
			this.skip();
			value = zeroValue(type);
		}

		this.space();
		if (this.i !== this.text.length) throw new SyntaxFault(this.i);
		return value;
	}

	private space(): void {
		const {text} = this;
		let {i} = this;
		while (i < text.length && isSpace(text.charCodeAt(i))) i++;
		this.i = i;
	}

	private kindAt(): JsonKind {
		const c = this.text.charCodeAt(this.i);
		switch (c) {
			case 0x22: {
				return 'string';
			}

			case 0x7b: {
				return 'object';
			}

			case 0x5b: {
				return 'array';
			}

			case 0x74:
			case 0x66: {
				return 'boolean';
			}

			case 0x6e: {
				return 'null';
			}

			default: {
				return 'number';
			}
		}
	}

	private enter(): void {
		if (++this.depth > maxNestingDepth) throw new SyntaxFault(this.i, true);
	}

	/**
	 * Decodes the value at `i` into `current` (a field's value so far) and returns the field's new
	 * value. The field is `name` under the pointer `base`.
	 */
	private value(type: GoType, current: unknown, base: string, name: string | number): unknown {
		const kind = this.kindAt();
		if (kind === 'null') {
			this.literal('null');
			// A pointer or slice becomes nil; any other type keeps what it had
			return type.kind === 'pointer' || type.kind === 'slice' ? null : current;
		}

		switch (type.kind) {
			case 'string': {
				if (kind === 'string') return this.string();
				return this.mistyped(type, kind, base, name, current);
			}

			case 'bool': {
				if (kind === 'boolean') return this.text.charCodeAt(this.i) === 0x74 ? this.literal('true') : this.literal('false');
				return this.mistyped(type, kind, base, name, current);
			}

			case 'int': {
				if (kind !== 'number') return this.mistyped(type, kind, base, name, current);
				return this.int(base, name, current);
			}

			case 'uuid': {
				if (kind === 'string') {
					const text = this.string();
					const uuid = parseGofrsUuid(text);
					if (uuid === undefined) this.faults.push({kind: 'uuid', pointer: pointerOf(base, name), raw: text});
					return uuid ?? current;
				}

				return this.mistyped(type, kind, base, name, current);
			}

			case 'time': {
				if (kind === 'string') {
					const raw = this.rawString();
					const time = parseGoTime(raw);
					if (time === undefined) this.faults.push({kind: 'time', pointer: pointerOf(base, name), raw});
					return time ?? current;
				}

				return this.mistyped(type, kind, base, name, current);
			}

			case 'pointer': {
				const {elem} = type;
				// Go would allocate the pointer before finding the wrong type; keeping nil spares the checks after a decode error
				if (kind !== (elem.kind === 'struct' ? 'object' : 'string')) return this.mistyped(elem, kind, base, name, current);
				if (elem.kind === 'struct')
					return this.struct(
						elem,
						(current as Record<string, unknown> | null) ?? (zeroValue(elem) as Record<string, unknown>),
						pointerOf(base, name),
					);
				return this.value(elem, current ?? (elem.kind === 'time' ? null : zeroValue(elem)), base, name);
			}

			case 'slice': {
				if (kind === 'array') return this.slice(type.elem, current as unknown[] | null, pointerOf(base, name));
				return this.mistyped(type, kind, base, name, current);
			}

			case 'struct': {
				if (kind === 'object') return this.struct(type, current as Record<string, unknown>, pointerOf(base, name));
				return this.mistyped(type, kind, base, name, current);
			}
		}
	}

	private mistyped(type: GoType, found: JsonKind, base: string, name: string | number, current: unknown): unknown {
		this.faults.push({kind: 'type', pointer: pointerOf(base, name), type, found});
		this.skip();
		return current;
	}

	/** The field a key names: matched exactly in place, else (copied and unescaped) by Go's case folding. */
	private field(index: StructIndex, fields: readonly StructField[], start: number, end: number, pointer: string): number | undefined {
		const candidates = this.escapes ? undefined : index.byLength[end - start];
		if (candidates) {
			for (const at of candidates) if (this.text.startsWith(fields[at]!.json, start)) return at;
		}

		const key = this.escapes ? unquote(this.text, start, end) : this.text.slice(start, end);
		for (const at of index.byLength[key.length] ?? []) if (fields[at]!.json === key) return at; // An escaped exact key
		const at = index.folded.get(foldKey(key));
		if (at === undefined) {
			this.faults.push({kind: 'unknown-key', pointer: pointerOf(pointer, key), key});
		} else {
			this.faults.push({kind: 'folded-key', pointer: pointerOf(pointer, key), key, field: fields[at]!.json});
		}

		return at;
	}

	private struct(type: GoType & {kind: 'struct'}, target: Record<string, unknown>, pointer: string): Record<string, unknown> {
		const {text} = this;
		const {fields} = type;
		const index = indexOf(fields);
		this.enter();
		this.i++; // '{'
		this.space();
		let seen = 0;
		// A repeated key merges into what was given
		let given = type.trackGiven ? ((target as Record<symbol, number>)[givenFields] ?? 0) : 0;
		if (text.charCodeAt(this.i) === 0x7d) {
			this.i++;
			this.depth--;
			if (type.trackGiven) Object.defineProperty(target, givenFields, {value: given, writable: true, configurable: true});
			return target;
		}

		for (;;) {
			if (text.charCodeAt(this.i) !== 0x22) throw new SyntaxFault(this.i);
			const keyStart = this.i + 1;
			const keyEnd = this.scanString();
			this.i = keyEnd + 1;
			const at = this.field(index, fields, keyStart, keyEnd, pointer);
			this.space();
			if (text.charCodeAt(this.i) !== 0x3a) throw new SyntaxFault(this.i);
			this.i++;
			this.space();
			if (at === undefined) {
				this.skip();
			} else {
				const field = fields[at]!;
				const bit = 1 << at;
				if ((seen & bit) !== 0) {
					const key = text.slice(keyStart, keyEnd);
					this.faults.push({kind: 'duplicate-key', pointer: pointerOf(pointer, key), key, field: field.json});
				}

				seen |= bit;
				if (text.charCodeAt(this.i) !== 0x6e) given |= bit;
				target[field.json] = this.value(field.type, target[field.json], pointer, field.json);
			}

			if (this.closes(0x7d)) {
				this.depth--;
				// Not enumerable: the decoded value compares and serialises as the plain struct it stands for
				if (type.trackGiven && given !== index.all)
					Object.defineProperty(target, givenFields, {value: given, writable: true, configurable: true});
				return target;
			}
		}
	}

	/** After a member or element: true when `close` ends the container, false after a ',' (and the blanks after it). */
	private closes(close: number): boolean {
		this.space();
		const c = this.text.charCodeAt(this.i);
		if (c === 0x2c) {
			this.i++;
			this.space();
			return false;
		}

		if (c !== close) throw new SyntaxFault(this.i);
		this.i++;
		return true;
	}

	/**
	 * Into a slice: elements decode into the existing ones, then it is cut to length. Go keeps the
	 * elements past a cut in the slice's backing array (reflect's Grow preserves them too), so a later,
	 * longer array decodes into them again; they ride along on the slice, out of sight.
	 */
	private slice(elem: GoType, current: unknown[] | null, pointer: string): unknown[] {
		const {text} = this;
		this.enter();
		this.i++; // '['
		this.space();
		const hidden = current ? (current as unknown as Record<symbol, unknown[] | undefined>)[sliceTail] : undefined;
		const backing = current ? (hidden ? [...current, ...hidden] : current) : [];
		let length = 0;
		if (text.charCodeAt(this.i) === 0x5d) {
			this.i++;
		} else {
			do {
				const existing = length < backing.length ? backing[length] : zeroValue(elem);
				backing[length] = this.value(elem, existing, pointer, length);
				length++;
			} while (!this.closes(0x5d));
		}

		this.depth--;
		// An empty array replaces the slice with a new, empty one
		if (length === 0) return [];
		if (length === backing.length) return backing;
		const list = backing.slice(0, length);
		Object.defineProperty(list, sliceTail, {value: backing.slice(length), configurable: true});
		return list;
	}

	private int(base: string, name: string | number, current: unknown): unknown {
		const start = this.i;
		this.number();
		const literal = this.text.slice(start, this.i);
		const integral = !/[.eE]/.test(literal);
		let value: number | bigint | undefined;
		if (integral) {
			if (literal.length <= 15) {
				value = Number(literal) + 0; // -0 is 0 to Go
			} else {
				const big = BigInt(literal);
				if (big >= -(2n ** 63n) && big < 2n ** 63n) value = big;
			}
		}

		if (value === undefined) {
			this.faults.push({kind: 'int', pointer: pointerOf(base, name), literal});
			return current;
		}

		return value;
	}

	private literal<T extends 'true' | 'false' | 'null'>(word: T): T extends 'true' ? true : T extends 'false' ? false : null {
		if (!this.text.startsWith(word, this.i)) throw new SyntaxFault(this.i);
		this.i += word.length;
		return (word === 'true' ? true : word === 'false' ? false : null) as never;
	}

	private number(): void {
		const {text} = this;
		let {i} = this;
		if (text.charCodeAt(i) === 0x2d) i++;
		let c = text.charCodeAt(i);
		if (c === 0x30) {
			i++;
		} else if (c >= 0x31 && c <= 0x39) {
			do i++;
			while (isDigitAt(text, i));
		} else {
			throw new SyntaxFault(i);
		}

		if (text.charCodeAt(i) === 0x2e) {
			i++;
			if (!isDigitAt(text, i)) throw new SyntaxFault(i);
			do i++;
			while (isDigitAt(text, i));
		}

		c = text.charCodeAt(i);
		if (c === 0x65 || c === 0x45) {
			i++;
			c = text.charCodeAt(i);
			if (c === 0x2b || c === 0x2d) i++;
			if (!isDigitAt(text, i)) throw new SyntaxFault(i);
			do i++;
			while (isDigitAt(text, i));
		}

		this.i = i;
	}

	/** The index of the closing quote of the string starting at `i`; sets `escapes`. */
	private scanString(): number {
		const {text} = this;
		let j = this.i + 1;
		let escapes = false;
		for (;;) {
			if (j >= text.length) throw new SyntaxFault(j);
			const c = text.charCodeAt(j);
			if (c === 0x22) {
				this.escapes = escapes;
				return j;
			}

			if (c < 0x20) throw new SyntaxFault(j);
			if (c === 0x5c) {
				escapes = true;
				const e = text.charCodeAt(j + 1);
				if (e === 0x75) {
					for (let k = j + 2; k < j + 6; k++) if (hexDigit(text.charCodeAt(k)) < 0) throw new SyntaxFault(k);
					j += 6;
					continue;
				}

				if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74)
					throw new SyntaxFault(j + 1);
				j += 2;
				continue;
			}

			j++;
		}
	}

	/** A string's value, escapes decoded as Go's `unquote` does. */
	private string(): string {
		const start = this.i + 1;
		const end = this.scanString();
		this.i = end + 1;
		return this.escapes ? unquote(this.text, start, end) : this.text.slice(start, end);
	}

	/** A string's text as written between its quotes. */
	private rawString(): string {
		const start = this.i + 1;
		const end = this.scanString();
		this.i = end + 1;
		return this.text.slice(start, end);
	}

	/** Skips any value, checking its syntax and nesting, without recursion. */
	private skip(): void {
		const {text} = this;
		const base = this.depth;
		for (;;) {
			const kind = this.kindAt();
			switch (kind) {
				case 'string': {
					this.i = this.scanString() + 1;
					break;
				}

				case 'number': {
					this.number();
					break;
				}

				case 'boolean': {
					this.literal(text.charCodeAt(this.i) === 0x74 ? 'true' : 'false');
					break;
				}

				case 'null': {
					this.literal('null');
					break;
				}

				default: {
					this.enter();
					this.push(kind === 'object' ? 1 : 2);
					this.i++;
					this.space();
					const close = kind === 'object' ? 0x7d : 0x5d;
					if (text.charCodeAt(this.i) === close) {
						this.i++;
						this.depth--;
						break;
					}

					if (kind === 'object') this.key();
					continue; // The first member's value
				}
			}

			// After a value: close containers that end here, or go on to the next member
			for (;;) {
				if (this.depth === base) return;
				this.space();
				const open = this.stack[this.depth - 1]!;
				const c = text.charCodeAt(this.i);
				if (c === 0x2c) {
					this.i++;
					this.space();
					if (open === 1) this.key();
					break;
				}

				if (c === (open === 1 ? 0x7d : 0x5d)) {
					this.i++;
					this.depth--;
					continue;
				}

				throw new SyntaxFault(this.i);
			}
		}
	}

	/** A member's key and colon while skipping; leaves `i` at its value. */
	private key(): void {
		if (this.text.charCodeAt(this.i) !== 0x22) throw new SyntaxFault(this.i);
		this.i = this.scanString() + 1;
		this.space();
		if (this.text.charCodeAt(this.i) !== 0x3a) throw new SyntaxFault(this.i);
		this.i++;
		this.space();
	}

	private push(open: number): void {
		// The kind of the container open at each depth, for the brackets that must close it
		const at = this.depth - 1;
		if (at >= this.stack.length) {
			const grown = new Uint8Array(this.stack.length * 2);
			grown.set(this.stack);
			this.stack = grown;
		}

		this.stack[at] = open;
	}
}

function isDigitAt(text: string, i: number): boolean {
	const c = text.charCodeAt(i);
	return c >= 48 && c <= 57;
}

/** Go's `unquote` of the text between `start` and `end` (known to be well-formed). */
function unquote(text: string, start: number, end: number): string {
	let out = '';
	let run = start;
	for (let j = start; j < end; j++) {
		if (text.charCodeAt(j) !== 0x5c) continue;
		out += text.slice(run, j);
		const e = text[j + 1]!;
		if (e === 'u') {
			const unit = Number.parseInt(text.slice(j + 2, j + 6), 16);
			j += 5;
			if (unit >= 0xd8_00 && unit < 0xe0_00) {
				// A surrogate: a pair only with a following \u low surrogate, else U+FFFD
				const next = text.charCodeAt(j + 1) === 0x5c && text[j + 2] === 'u' ? Number.parseInt(text.slice(j + 3, j + 7), 16) : -1;
				if (unit < 0xdc_00 && next >= 0xdc_00 && next < 0xe0_00) {
					out += String.fromCharCode(unit, next);
					j += 6;
				} else {
					out += '\uFFFD';
				}
			} else {
				out += String.fromCharCode(unit);
			}
		} else {
			out += e === 'b' ? '\b' : e === 'f' ? '\f' : e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e;
			j++;
		}

		run = j + 1;
	}

	return out + text.slice(run, end);
}

/** Decodes one JSON value (the whole of `text`, blanks around it allowed) into a value of `type`. */
export function decodeGoJson(text: string, type: GoType): DecodeResult {
	const decoder = new Decoder(text);
	try {
		const value = decoder.run(type);
		return {ok: true, value, faults: decoder.faults};
	} catch (error) {
		if (error instanceof SyntaxFault) return {ok: false, index: error.index, depth: error.depth};
		throw error;
	}
}

export type {GoTime};
