import {type DecodeFault, type DecodeResult, type JsonKind, foldKey, givenFields, maxNestingDepth} from './json-decode.js';
import type {GoType, StructField} from './go-types.js';
import {zeroValue} from './go-types.js';
import {parseGoTime} from './go-time.js';
import {nilUuid, parseGofrsUuid} from './uuid-text.js';

// The quick way to the same result as decodeGoJson for the records almost every file holds: V8's
// JSON.parse, then Go's rules applied to the parsed value. JSON.parse loses what Go's decoder sees in
// the text, so a record goes to the exact decoder (returns undefined here) when any of it could
// matter: a backslash anywhere (escapes: timestamps are parsed from the raw text, lone surrogates
// become U+FFFD), a repeated key (Go merges; JSON.parse keeps the last), a key that only matches by
// case folding, a key JSON.parse would reorder (an array index), an int written as 12.0 or 1e3 or too
// large for a double, nesting near Go's limit, or text JSON.parse refuses. The differential fuzz test
// holds the two to the same results.

type Fields = Record<string, unknown>;

function kindOf(value: unknown): JsonKind {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'string': {
			return 'string';
		}

		case 'number': {
			return 'number';
		}

		case 'boolean': {
			return 'boolean';
		}

		default: {
			return Array.isArray(value) ? 'array' : 'object';
		}
	}
}

/** A key JSON.parse would enumerate before the others (an array index), so out of the text's order. */
function isIndexKey(key: string): boolean {
	const c = key.charCodeAt(0);
	return c >= 48 && c <= 57 && /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;
}

/** Colons outside strings in text without a backslash (so every '"' starts or ends a string). */
export function colonsOutsideStrings(text: string): number {
	let count = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 34) inString = !inString;
		else if (c === 58 && !inString) count++;
	}

	return count;
}

type Names = {
	exact: Map<string, number>;
	folded: Set<string>;
	/**
	 * The field names met at each position of the last object, with their field index: records of a
	 * file mostly list their keys in one order, and comparing JSON.parse's (interned) keys is cheaper
	 * than looking them up.
	 */
	order: string[];
	orderAt: number[];
};
const names = new WeakMap<readonly StructField[], Names>();

/** A struct's field names, for the lookup of each key: exactly, and as Go's case folding sees them. */
function namesOf(fields: readonly StructField[]): Names {
	let found = names.get(fields);
	if (!found) {
		found = {
			exact: new Map(fields.map((field, i) => [field.json, i])),
			folded: new Set(fields.map(field => foldKey(field.json))),
			order: [],
			orderAt: [],
		};
		names.set(fields, found);
	}

	return found;
}

/** The `parsedAlready` of a record nobody parsed yet (undefined is no JSON value either, but a symbol says it). */
export const notParsed = Symbol('not parsed');

class NeedsExactDecoder {}
const needsExact = new NeedsExactDecoder();

function pointerOf(base: string, name: string | number): string {
	return typeof name === 'number'
		? `${base}/${name}`
		: `${base}/${name.includes('~') || name.includes('/') ? name.replaceAll('~', '~0').replaceAll('/', '~1') : name}`;
}

/**
 * Turns JSON.parse's value into the decoded Go value in place: most fields (strings, booleans) are
 * already what Go stores and are left alone, so a plain record costs few writes and no copies. With
 * no repeated key (checked at the end), every field starts from its zero value, so a value Go does
 * not store leaves the zero value, and a field the text lacks gets it.
 */
class ValueDecoder {
	readonly faults: DecodeFault[] = [];
	/** Members seen (keys of every object): checked against the colons of the text. */
	members = 0;
	private integersChecked: Map<string, boolean> | undefined;

	constructor(private readonly text: string) {}

	/** Walks a value that no field takes, for the counts (and the nesting) only. */
	walk(value: unknown, depth: number): void {
		if (depth > 64) throw needsExact; // Deep values are rare: the exact decoder measures them against Go's limit
		if (Array.isArray(value)) {
			for (const item of value) this.walk(item, depth + 1);
		} else if (value !== null && typeof value === 'object') {
			for (const key in value as Fields) {
				this.key(key);
				this.walk((value as Fields)[key], depth + 1);
			}
		}
	}

	/** The decoded value of `value` for a field of `type` whose zero value is still in place. `at()` is where it is, for a fault. */
	value(type: GoType, value: unknown, base: string, name: string | number, depth: number): unknown {
		switch (type.kind) {
			case 'string': {
				if (typeof value === 'string') return value;
				return value === null ? '' : this.mistyped(type, value, base, name, '', depth);
			}

			case 'bool': {
				if (typeof value === 'boolean') return value;
				return value === null ? false : this.mistyped(type, value, base, name, false, depth);
			}

			case 'int': {
				if (typeof value !== 'number') return value === null ? 0 : this.mistyped(type, value, base, name, 0, depth);
				// The literal's form (12 or 12.0) is in the text only
				if (!Number.isSafeInteger(value) || typeof name !== 'string' || !this.integerLiterals(name)) throw needsExact;
				return value + 0;
			}

			case 'uuid': {
				if (typeof value !== 'string') return value === null ? nilUuid : this.mistyped(type, value, base, name, nilUuid, depth);
				const uuid = parseGofrsUuid(value);
				if (uuid === undefined) this.faults.push({kind: 'uuid', pointer: pointerOf(base, name), raw: value});
				return uuid ?? nilUuid;
			}

			case 'pointer': {
				if (value === null) return null;
				const {elem} = type;
				if (elem.kind === 'struct') {
					if (typeof value !== 'object' || Array.isArray(value)) return this.mistyped(elem, value, base, name, null, depth);
					return this.struct(elem, value as Fields, pointerOf(base, name), depth);
				}

				if (typeof value !== 'string') return this.mistyped(elem, value, base, name, null, depth);
				if (elem.kind !== 'time') return value;
				const time = parseGoTime(value); // No backslash in the record: the raw text is the value
				if (time === undefined) this.faults.push({kind: 'time', pointer: pointerOf(base, name), raw: value});
				return time ?? null;
			}

			case 'slice': {
				if (value === null) return null;
				if (!Array.isArray(value)) return this.mistyped(type, value, base, name, null, depth);
				if (value.length === 0) return value;
				const pointer = pointerOf(base, name);
				const {elem} = type;
				for (let i = 0; i < value.length; i++) {
					const item: unknown = value[i];
					// A struct element's zero value is a fresh object: null and mistyped elements need one
					value[i] =
						elem.kind === 'struct' && (item === null || typeof item !== 'object' || Array.isArray(item))
							? this.zeroStruct(elem, item, pointer, i, depth + 1)
							: this.value(elem, item, pointer, i, depth + 1);
				}

				return value;
			}

			case 'struct': {
				if (value === null || typeof value !== 'object' || Array.isArray(value))
					return this.zeroStruct(type, value, base, name, depth);
				return this.struct(type, value as Fields, pointerOf(base, name), depth);
			}

			default: {
				throw needsExact; // A bare time.Time: not in Hanko's structs
			}
		}
	}

	struct(type: GoType & {kind: 'struct'}, object: Fields, pointer: string, depth: number): Fields {
		if (depth > 64) throw needsExact;
		const {fields} = type;
		const names = namesOf(fields);
		let present = 0;
		let given = 0;
		let position = 0;
		for (const key in object) {
			let at: number;
			if (key === names.order[position]) {
				this.members++;
				at = names.orderAt[position]!;
			} else {
				this.key(key);
				at = names.exact.get(key) ?? -1;
				if (at >= 0) {
					names.order[position] = key;
					names.orderAt[position] = at;
				}
			}

			position++;
			if (at < 0) {
				if (names.folded.has(foldKey(key))) throw needsExact;
				this.faults.push({kind: 'unknown-key', pointer: pointerOf(pointer, key), key});
				this.walk(object[key], depth + 1);
				delete object[key]; // Go drops it
				continue;
			}

			const value = object[key];
			present |= 1 << at;
			if (value !== null) given |= 1 << at;
			const decoded = this.value(fields[at]!.type, value, pointer, key, depth + 1);
			if (decoded !== value) object[key] = decoded;
		}

		const all = (1 << fields.length) - 1;
		if (present !== all) {
			for (let at = 0; at < fields.length; at++) {
				if ((present & (1 << at)) === 0) object[fields[at]!.json] = zeroValue(fields[at]!.type);
			}
		}

		if (type.trackGiven && given !== all)
			Object.defineProperty(object, givenFields, {value: given, writable: true, configurable: true});
		return object;
	}

	private key(key: string): void {
		this.members++;
		if (isIndexKey(key)) throw needsExact;
	}

	/** A struct left at its zero value by a null or a value of another JSON type. */
	private zeroStruct(type: GoType & {kind: 'struct'}, value: unknown, base: string, name: string | number, depth: number): unknown {
		return value === null ? zeroValue(type) : this.mistyped(type, value, base, name, zeroValue(type), depth);
	}

	private mistyped(type: GoType, value: unknown, base: string, name: string | number, zero: unknown, depth: number): unknown {
		this.faults.push({kind: 'type', pointer: pointerOf(base, name), type, found: kindOf(value)});
		this.walk(value, depth);
		return zero;
	}

	/**
	 * Whether every value of a key `name` in the text is written as an integer literal. With no
	 * backslash in the record, `"name"` cannot occur inside a string: each occurrence is a key.
	 */
	private integerLiterals(name: string): boolean {
		this.integersChecked ??= new Map();
		let answer = this.integersChecked.get(name);
		if (answer === undefined) {
			answer = true;
			const {text} = this;
			const key = `"${name}"`;
			for (let at = text.indexOf(key); at !== -1 && answer; at = text.indexOf(key, at + 1)) {
				let i = at + key.length;
				while (i < text.length && isSpaceOrColon(text.charCodeAt(i))) i++;
				for (; i < text.length && isNumberChar(text.charCodeAt(i)); i++) {
					const c = text.charCodeAt(i);
					if (c === 46 || c === 101 || c === 69) answer = false; // '.', 'e', 'E'
				}
			}

			this.integersChecked.set(name, answer);
		}

		return answer;
	}
}

function isSpaceOrColon(c: number): boolean {
	return c === 58 || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isNumberChar(c: number): boolean {
	return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69;
}

/**
 * decodeGoJson's result for `text` into the struct `type`, or undefined when only the exact decoder
 * can tell (see above). Never wrong: undefined is always allowed. `parsedAlready` holds what
 * JSON.parse made of `text`, when the caller parsed many records in one call; it is decoded in place,
 * so it must not be used afterwards. `colons` is the framer's count of colons outside strings, if known.
 */
export function decodeGoJsonFast(
	text: string,
	type: GoType & {kind: 'struct'},
	parsedAlready: unknown = notParsed,
	colons = -1,
): DecodeResult | undefined {
	if (text.includes('\\')) return undefined;
	let parsed: unknown;
	if (parsedAlready !== notParsed) {
		parsed = parsedAlready; // JSON.parse of this very text, done for a whole batch at once
	} else {
		try {
			parsed = JSON.parse(text);
		} catch {
			return undefined; // Its fault is placed by the exact decoder
		}
	}

	const decoder = new ValueDecoder(text);
	try {
		let value: unknown;
		if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
			value = decoder.struct(type, parsed as Fields, '', 1);
		} else {
			decoder.faults.push({kind: 'type', pointer: '', type, found: kindOf(parsed)}); // A null is no user either
			decoder.walk(parsed, 1);
			value = zeroValue(type);
		}

		// A repeated key leaves fewer members than the text has colons outside strings (one per key)
		if (decoder.members !== (colons < 0 ? colonsOutsideStrings(text) : colons)) return undefined;
		return {ok: true, value, faults: decoder.faults};
	} catch (error) {
		if (error === needsExact || error instanceof RangeError) return undefined;
		throw error;
	}
}

export {maxNestingDepth};
