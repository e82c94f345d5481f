import {type DecodeFault, type DecodeResult, type JsonKind, foldKey, givenFields, maxNestingDepth} from './json-decode.js';
import type {GoType, StructField} from './go-types.js';
import {zeroValue} from './go-types.js';
import {parseGoTime} from './go-time.js';
import {parseGofrsUuid} from './uuid-text.js';

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

function countOf(text: string, char: string): number {
	let count = 0;
	for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++;
	return count;
}

type Names = {exact: Map<string, number>; folded: Set<string>};
const names = new WeakMap<readonly StructField[], Names>();

/** A struct's field names, for the lookup of each key: exactly, and as Go's case folding sees them. */
function namesOf(fields: readonly StructField[]): Names {
	let found = names.get(fields);
	if (!found) {
		found = {exact: new Map(fields.map((field, i) => [field.json, i])), folded: new Set(fields.map(field => foldKey(field.json)))};
		names.set(fields, found);
	}

	return found;
}

class NeedsExactDecoder {}
const needsExact = new NeedsExactDecoder();

function pointerOf(base: string, name: string | number): string {
	return typeof name === 'number' ? `${base}/${name}` : `${base}/${name.includes('~') || name.includes('/') ? name.replaceAll('~', '~0').replaceAll('/', '~1') : name}`;
}

class ValueDecoder {
	readonly faults: DecodeFault[] = [];
	/** Members seen (keys of every object), and ':' inside keys and strings: checked against the text. */
	members = 0;
	colonsInStrings = 0;

	constructor(private readonly text: string) {}

	/** Walks a value that no field takes, for the counts (and the nesting) only. */
	walk(value: unknown, depth: number): void {
		if (depth > 64) throw needsExact; // Deep values are rare: the exact decoder measures them against Go's limit
		if (typeof value === 'string') {
			if (value.includes(':')) this.colonsInStrings += countOf(value, ':');
		} else if (Array.isArray(value)) {
			for (const item of value) this.walk(item, depth + 1);
		} else if (value !== null && typeof value === 'object') {
			for (const key in value as Fields) {
				this.key(key);
				this.walk((value as Fields)[key], depth + 1);
			}
		}
	}

	private key(key: string): void {
		this.members++;
		if (key.includes(':')) this.colonsInStrings += countOf(key, ':');
		if (isIndexKey(key)) throw needsExact;
	}

	value(type: GoType, value: unknown, current: unknown, base: string, name: string | number, depth: number): unknown {
		if (value === null) return type.kind === 'pointer' || type.kind === 'slice' ? null : current;
		const kind = kindOf(value);
		switch (type.kind) {
			case 'string': {
				if (kind !== 'string') return this.mistyped(type, kind, value, base, name, current, depth);
				if ((value as string).includes(':')) this.colonsInStrings += countOf(value as string, ':');
				return value;
			}

			case 'bool': {
				return kind === 'boolean' ? value : this.mistyped(type, kind, value, base, name, current, depth);
			}

			case 'int': {
				if (kind !== 'number') return this.mistyped(type, kind, value, base, name, current, depth);
				// The literal's form (12 or 12.0) is in the text only
				if (!Number.isSafeInteger(value) || typeof name !== 'string' || !this.integerLiterals(name)) throw needsExact;
				return (value as number) + 0;
			}

			case 'uuid': {
				if (kind !== 'string') return this.mistyped(type, kind, value, base, name, current, depth);
				this.countColons(value as string);
				const uuid = parseGofrsUuid(value as string);
				if (uuid === undefined) this.faults.push({kind: 'uuid', pointer: pointerOf(base, name), raw: value as string});
				return uuid ?? current;
			}

			case 'time': {
				if (kind !== 'string') return this.mistyped(type, kind, value, base, name, current, depth);
				this.countColons(value as string);
				const time = parseGoTime(value as string); // No backslash in the record: the raw text is the value
				if (time === undefined) this.faults.push({kind: 'time', pointer: pointerOf(base, name), raw: value as string});
				return time ?? current;
			}

			case 'pointer': {
				const {elem} = type;
				if (kind !== (elem.kind === 'struct' ? 'object' : 'string')) return this.mistyped(elem, kind, value, base, name, current, depth);
				if (elem.kind === 'struct') return this.struct(elem, value as Fields, (current as Fields | null) ?? zeroValue(elem) as Fields, pointerOf(base, name), depth);
				return this.value(elem, value, current ?? (elem.kind === 'time' ? null : zeroValue(elem)), base, name, depth);
			}

			case 'slice': {
				if (kind !== 'array') return this.mistyped(type, kind, value, base, name, current, depth);
				const items = value as unknown[];
				if (items.length === 0) return [];
				const pointer = pointerOf(base, name);
				const list: unknown[] = [];
				for (let i = 0; i < items.length; i++) list.push(this.value(type.elem, items[i], zeroValue(type.elem), pointer, i, depth + 1));
				return list;
			}

			case 'struct': {
				if (kind !== 'object') return this.mistyped(type, kind, value, base, name, current, depth);
				return this.struct(type, value as Fields, current as Fields, pointerOf(base, name), depth);
			}
		}
	}

	struct(type: GoType & {kind: 'struct'}, object: Fields, target: Fields, pointer: string, depth: number): Fields {
		if (depth > 64) throw needsExact;
		const {fields} = type;
		let given = 0;
		for (const key in object) {
			this.key(key);
			const at = namesOf(fields).exact.get(key) ?? -1;
			if (at < 0) {
				if (namesOf(fields).folded.has(foldKey(key))) throw needsExact;
				this.faults.push({kind: 'unknown-key', pointer: pointerOf(pointer, key), key});
				this.walk(object[key], depth + 1);
				continue;
			}

			const value = object[key];
			if (value !== null) given |= 1 << at;
			target[key] = this.value(fields[at]!.type, value, target[key], pointer, key, depth + 1);
		}

		if (type.trackGiven && given !== (1 << fields.length) - 1) Object.defineProperty(target, givenFields, {value: given, writable: true, configurable: true});
		return target;
	}

	private mistyped(type: GoType, found: JsonKind, value: unknown, base: string, name: string | number, current: unknown, depth: number): unknown {
		this.faults.push({kind: 'type', pointer: pointerOf(base, name), type, found});
		this.walk(value, depth);
		return current;
	}

	private countColons(value: string): void {
		if (value.includes(':')) this.colonsInStrings += countOf(value, ':');
	}

	private readonly integersChecked = new Map<string, boolean>();

	/**
	 * Whether every value of a key `name` in the text is written as an integer literal. With no
	 * backslash in the record, `"name"` cannot occur inside a string: each occurrence is a key.
	 */
	private integerLiterals(name: string): boolean {
		let answer = this.integersChecked.get(name);
		if (answer === undefined) {
			answer = true;
			const {text} = this;
			const key = `"${name}"`;
			for (let at = text.indexOf(key); at !== -1 && answer; at = text.indexOf(key, at + 1)) {
				let i = at + key.length;
				while (/[\s:]/.test(text[i] ?? '')) i++;
				while (i < text.length && /[-+\d.eE]/.test(text[i]!)) {
					if (/[.eE]/.test(text[i]!)) answer = false;
					i++;
				}
			}

			this.integersChecked.set(name, answer);
		}

		return answer;
	}
}

/**
 * decodeGoJson's result for `text` into the struct `type`, or undefined when only the exact decoder
 * can tell (see above). Never wrong: undefined is always allowed. `parsedAlready` holds what
 * JSON.parse made of `text`, when the caller parsed many records in one call.
 */
export function decodeGoJsonFast(text: string, type: GoType & {kind: 'struct'}, parsedAlready?: {value: unknown}): DecodeResult | undefined {
	if (text.includes('\\')) return undefined;
	let parsed: unknown;
	if (parsedAlready) {
		parsed = parsedAlready.value; // JSON.parse of this very text, done for a whole batch at once
	} else {
		try {
			parsed = JSON.parse(text);
		} catch {
			return undefined; // Its fault is placed by the exact decoder
		}
	}

	const decoder = new ValueDecoder(text);
	try {
		const kind = kindOf(parsed);
		let value: unknown;
		if (kind === 'object') {
			value = decoder.struct(type, parsed as Fields, zeroValue(type) as Fields, '', 1);
		} else {
			decoder.faults.push({kind: 'type', pointer: '', type, found: kind});
			decoder.walk(parsed, 1);
			value = zeroValue(type);
		}

		// A repeated key leaves fewer members than the text has colons outside strings
		if (decoder.members !== countOf(text, ':') - decoder.colonsInStrings) return undefined;
		return {ok: true, value, faults: decoder.faults};
	} catch (error) {
		if (error === needsExact || error instanceof RangeError) return undefined;
		throw error;
	}
}

export {maxNestingDepth};
