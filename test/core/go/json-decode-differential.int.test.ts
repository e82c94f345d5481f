// Differential test of decodeGoJson and foldKey (json-decode.ts) against real Go
// (test/go/decode/main.go), which json.Unmarshals each record's bytes into a mirror of Hanko's import
// structs. For every record: Go's error (a syntax error, another error, or none) must be ours (ok:false;
// a fault of kind type, time, uuid or int; neither), and when Go has no error every field must be
// decoded alike. Records reach both as the same bytes, invalid UTF-8 included (ours read with
// decodeGoUtf8, as the validation pipeline does). Skipped without a Go toolchain (see test/helpers/go.ts).
//
// `aaguid` is a plain string on both sides here: gofrs' UUID treats null, strings and other JSON types
// as a string field does, and its parsing is tested elsewhere.
//
// Go 1.19 and Go 1.20+ decode these records alike (found by running both on the same 100,000 records)
// except in time values (time.Time.UnmarshalJSON, see time-differential.test.ts): Go 1.19 accepts a
// zone offset above +24:60 or with a sign inside ("+99:99", "+-5:00") and missing seconds before a
// fraction ("15:04:.5Z"), later releases refuse them. With a Go older than 1.20 a record holding a
// string of such a shape is not compared when that Go decoded it without an error.
import {Buffer} from 'node:buffer';
import {inspect, isDeepStrictEqual} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {decodeGoUtf8} from '../../../source/core/go/go-utf8.js';
import {type GoType, type StructField, zeroValue} from '../../../source/core/go/go-types.js';
import {type GoTime, decodeGoJson, foldKey} from '../../../source/core/go/json-decode.js';
import {entryType} from '../../../source/core/rules/import-format.js';
import {type GoProgram, announceGo, buildGoProgram, findGo, goAtLeast, goLabel, runLines} from '../../helpers/go.js';
import {type Random, baseSeed, createRandom} from '../framing/fuzz-support.js';

const go = findGo();
announceGo(go, 'json-decode differential');

/** entryType with `aaguid` a plain string, as in test/go/decode/main.go. */
function withPlainAaguid(type: GoType): GoType {
	switch (type.kind) {
		case 'pointer':
		case 'slice': {
			return {kind: type.kind, elem: withPlainAaguid(type.elem)};
		}

		case 'struct': {
			const fields: StructField[] = type.fields.map(field => ({
				json: field.json,
				type: field.json === 'aaguid' ? {kind: 'string'} : withPlainAaguid(field.type),
			}));
			return {...type, fields};
		}

		default: {
			return type;
		}
	}
}

const recordType = withPlainAaguid(entryType);

// ---------------------------------------------------------------------------------------------
// Our decoded values in the plain form test/go/decode prints

function plain(type: GoType, value: unknown): unknown {
	switch (type.kind) {
		case 'string':
		case 'bool': {
			return value;
		}

		case 'int': {
			return String(value as number | bigint);
		}

		case 'pointer': {
			if (value === null) return null;
			if (type.elem.kind === 'time') {
				const time = value as GoTime;
				return {s: String(time.seconds), n: time.nanos, o: time.offset, z: time.zulu, y: time.year};
			}

			return plain(type.elem, value);
		}

		case 'slice': {
			return value === null ? null : (value as unknown[]).map(element => plain(type.elem, element));
		}

		case 'struct': {
			const object = value as Record<string, unknown>;
			return Object.fromEntries(type.fields.map(field => [field.json, plain(field.type, object[field.json])]));
		}

		default: {
			throw new Error(`no ${type.kind} in the test's struct`);
		}
	}
}

type Outcome = {error: 'syntax' | 'other'; detail: string} | {error: 'none'; value: unknown};

function ourOutcome(bytes: Uint8Array): Outcome {
	const {text} = decodeGoUtf8(bytes, 0, bytes.length);
	const result = decodeGoJson(text, recordType);
	if (!result.ok) return {error: 'syntax', detail: `index ${result.index}${result.depth ? ', too deep' : ''}`};
	const errors = result.faults.filter(
		fault => fault.kind === 'type' || fault.kind === 'time' || fault.kind === 'uuid' || fault.kind === 'int',
	);
	if (errors.length > 0)
		return {error: 'other', detail: JSON.stringify(errors[0], (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))};
	return {error: 'none', value: plain(recordType, result.value)};
}

function goOutcome(line: string): Outcome {
	const parsed = JSON.parse(line) as {error?: 'syntax' | 'other'; message?: string; value?: unknown};
	return parsed.error ? {error: parsed.error, detail: parsed.message!} : {error: 'none', value: parsed.value};
}

// ---------------------------------------------------------------------------------------------
// Random records

/** Stands for bytes that are not UTF-8 (replaced when the text becomes bytes); never generated otherwise. */
const invalidMark = '\u{10FFFE}';
const invalidSequences = [
	[0xff],
	[0x80],
	[0xc3],
	[0xe2, 0x82],
	[0xed, 0xa0, 0x80],
	[0xf4, 0x90, 0x80, 0x80],
	[0xc0, 0xaf],
	[0xf0, 0x9f, 0x98],
];

function toBytes(random: Random, text: string): Buffer {
	if (!text.includes(invalidMark)) return Buffer.from(text);
	const parts = text.split(invalidMark);
	const pieces: Buffer[] = [];
	for (const [k, part] of parts.entries()) {
		if (k > 0) pieces.push(Buffer.from(random.pick(invalidSequences)));
		pieces.push(Buffer.from(part));
	}

	return Buffer.concat(pieces);
}

type Gen = {random: Random; mess: number};

function hex4(random: Random, code: number): string {
	const text = code.toString(16).padStart(4, '0');
	return `\\u${random.chance(0.5) ? text : text.toUpperCase()}`;
}

/** A character of a string's content, as written in JSON. */
function stringPiece(g: Gen): string {
	const {random} = g;
	const kind = random.int(100);
	if (kind < 50) return random.pick([...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 -_.@+:/,{}[]']);
	if (kind < 60) return random.pick(['\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t']);
	if (kind < 66) return hex4(random, random.pick([0, 0x1f, 0x22, 0x5c, 0x41, 0xe9, 0x2028, 0xfeff, 0xfffd, 0xffff]));
	if (kind < 72) return hex4(random, random.between(0xd8_00, 0xdf_ff)); // An unpaired surrogate, mostly
	if (kind < 76) {
		const code = random.between(0x1_00_00, 0x10_ff_fd);
		return hex4(random, 0xd8_00 + ((code - 0x1_00_00) >> 10)) + hex4(random, 0xdc_00 + ((code - 0x1_00_00) & 0x3_ff));
	}

	if (kind < 80) return hex4(random, random.int(0x1_00_00));
	if (kind < 88) return random.pick(['é', 'ß', 'Ω', 'ſ', 'K', 'İ', 'ı', '日', '\u2028', '\uFEFF', '\uFFFD', '\u007F', '\u0080']);
	if (kind < 93) return String.fromCodePoint(random.between(0x1_00_00, 0x10_ff_fd));
	if (kind < 96 && random.chance(g.mess)) return invalidMark;
	return String.fromCodePoint(random.between(0xa0, 0xd7_ff));
}

function jsonString(g: Gen): string {
	let text = '"';
	const length = g.random.pick([0, 1, 2, 4, 8, 16]);
	for (let k = 0; k < length; k++) text += stringPiece(g);
	return `${text}"`;
}

const intLiterals = [
	'0',
	'-0',
	'1',
	'12',
	'-1',
	'42',
	'2147483647',
	'2147483648',
	'-2147483648',
	'9007199254740993',
	'9223372036854775807',
	'9223372036854775808',
	'-9223372036854775808',
	'-9223372036854775809',
	'18446744073709551616',
	'123456789012345678901234567890',
	'12.0',
	'1.5',
	'0.0',
	'-0.0',
	'1e3',
	'1E3',
	'1e0',
	'1e-3',
	'0e0',
	'100000000000000000000e-20',
	'12.5e1',
];

function intLiteral(random: Random): string {
	if (random.chance(0.4)) return String(random.between(-1000, 1_000_000));
	if (random.chance(0.1))
		return `${random.pick(['', '-'])}${random.between(1, 9)}${'0123456789'.repeat(2).slice(0, random.between(10, 19))}`;
	return random.pick(intLiterals);
}

const timeRaws = [
	'2006-01-02T15:04:05Z',
	'2006-01-02T15:04:05+07:00',
	'2006-01-02T15:04:05.123456789-02:30',
	'2006-01-02T5:04:05,5Z',
	'2006-01-02T15:04:05.1234567891234Z',
	'2006-01-02T15:04:05+24:00',
	'2006-01-02T15:04:05-23:60',
	'0000-01-01T00:00:00Z',
	'9999-12-31T23:59:59.999999999-24:60',
	'2000-02-29T12:00:00+00:00',
	'1970-01-01T00:00:00Z',
	'1969-12-31T23:59:59.5Z',
	'2006-01-02T15:04:05+99:99',
	'2006-01-02T15:04:05+-5:00',
	'2006-01-02T15:04:05',
	'2006-01-02',
	'2006-01-02t15:04:05Z',
	'2006-01-02T15:04:05z',
	'2006-01-02T24:00:00Z',
	'2006-01-02T15:04:60Z',
	'2006-02-30T00:00:00Z',
	'2006-01-02T15:04:05\\u002B01:00',
	'\\u0032006-01-02T15:04:05Z',
	'2006-01-02T15:04:05Z ',
	'',
	'now',
	'2006-01-02T15:04:.5Z',
];

function timeValue(g: Gen): string {
	const {random} = g;
	if (random.chance(0.6)) {
		const pad = (value: number, width: number) => String(value).padStart(width, '0');
		const zone = random.chance(0.5) ? 'Z' : `${random.pick(['+', '-'])}${pad(random.int(24), 2)}:${pad(random.int(60), 2)}`;
		const fraction = random.chance(0.3) ? `.${String(random.int(1_000_000_000)).padStart(random.between(1, 12), '0')}` : '';
		return `"${pad(random.between(1900, 2100), 4)}-${pad(random.between(1, 12), 2)}-${pad(random.between(1, 28), 2)}T${pad(random.int(24), 2)}:${pad(random.int(60), 2)}:${pad(random.int(60), 2)}${fraction}${zone}"`;
	}

	return `"${random.pick(timeRaws)}"`;
}

function ws(g: Gen): string {
	return g.random.chance(0.15) ? g.random.pick([' ', '\n', '\t', '\r\n', '  ', ' \t ']) : '';
}

/** Any JSON value, to put where a field's type does not want it or under an unknown key. */
function anyJson(g: Gen, depth: number): string {
	const {random} = g;
	const kind = random.int(depth > 3 ? 6 : 9);
	switch (kind) {
		case 0:
		case 1: {
			return jsonString(g);
		}

		case 2: {
			return intLiteral(random);
		}

		case 3: {
			return random.pick(['true', 'false']);
		}

		case 4: {
			return 'null';
		}

		case 5: {
			return random.pick(['[]', '{}', '""', '0']);
		}

		case 6:
		case 7: {
			const count = random.between(0, 3);
			return `[${Array.from({length: count}, () => ws(g) + anyJson(g, depth + 1) + ws(g)).join(',')}]`;
		}

		default: {
			const count = random.between(0, 3);
			return `{${Array.from({length: count}, () => `${ws(g)}${jsonString(g)}${ws(g)}:${ws(g)}${anyJson(g, depth + 1)}`).join(',')}}`;
		}
	}
}

/** A key for a field: its name as is, in other cases, with ſ or K, escaped, or nearly it. */
function spellKey(g: Gen, name: string): string {
	const {random} = g;
	let key = name;
	const kind = random.int(100);
	if (kind < 55) {
		// As is
	} else if (kind < 70) {
		key = [...name].map(char => (random.chance(0.4) ? char.toUpperCase() : char)).join('');
	} else if (kind < 75) {
		key = name.toUpperCase();
	} else if (kind < 85) {
		key = [...name]
			.map(char => {
				if (/[sS]/.test(char) && random.chance(0.6)) return 'ſ';
				if (/[kK]/.test(char) && random.chance(0.6)) return '\u212A';
				return random.chance(0.2) ? char.toUpperCase() : char;
			})
			.join('');
	} else {
		// Nearly: what must not match
		const at = random.int(name.length);
		key = random.pick([
			`${name} `,
			` ${name}`,
			name.replace('_', '-'),
			name.replace('_', ''),
			name.slice(0, -1),
			`${name}s`,
			name.replace('i', 'ı'),
			name.replace('i', 'İ'),
			name.replace('e', 'é'),
			name.slice(0, at) + '\u0000' + name.slice(at),
			`${name}\u0000`,
			name.replace('a', 'ａ'),
			name.replace('s', 'ß'),
			name.toUpperCase().replace('I', 'İ'),
			name.replace('k', 'ķ'),
			name.replace('_', '\u017F'),
		]);
	}

	return encodeKey(g, key);
}

/** A key as a JSON string, some characters written as escapes. */
function encodeKey(g: Gen, key: string): string {
	let text = '"';
	for (const char of key) {
		const code = char.codePointAt(0)!;
		if (code > 0xff_ff) text += char;
		else if (g.random.chance(0.08) || code < 0x20 || char === '"' || char === '\\') text += hex4(g.random, code);
		else if (char === '/' && g.random.chance(0.5)) text += '\\/';
		else text += char;
	}

	return `${text}"`;
}

const unknownKeys = [
	'',
	'x',
	'id',
	'ID',
	'emails_',
	'user',
	'extra',
	'is_verified',
	'password_hash',
	'__proto__',
	'constructor',
	'toString',
	'a/b',
	'a~b',
	'\u00E9',
];

function value(g: Gen, type: GoType, depth: number): string {
	const {random} = g;
	if (random.chance(0.05)) return 'null';
	if (random.chance(g.mess * 0.25)) return anyJson(g, depth);
	switch (type.kind) {
		case 'string': {
			return jsonString(g);
		}

		case 'bool': {
			return random.pick(['true', 'false']);
		}

		case 'int': {
			return intLiteral(random);
		}

		case 'pointer': {
			return type.elem.kind === 'time' ? timeValue(g) : value(g, type.elem, depth);
		}

		case 'slice': {
			const count = random.pick([0, 1, 1, 2, 3, 4]);
			return `[${Array.from({length: count}, () => ws(g) + value(g, type.elem, depth + 1) + ws(g)).join(',')}]`;
		}

		case 'struct': {
			return object(g, type, depth + 1);
		}

		default: {
			throw new Error(`no ${type.kind} in the test's struct`);
		}
	}
}

function object(g: Gen, type: GoType & {kind: 'struct'}, depth: number): string {
	const {random} = g;
	const members: string[] = [];
	const member = (key: string, text: string) => members.push(`${ws(g)}${key}${ws(g)}:${ws(g)}${text}${ws(g)}`);
	for (const field of type.fields) {
		if (!random.chance(depth === 1 ? 0.55 : 0.4)) continue;
		member(spellKey(g, field.json), value(g, field.type, depth));
		// The same field again: merged, replaced, set to nil or decoded element by element
		while (random.chance(0.12)) member(spellKey(g, field.json), value(g, field.type, depth));
	}

	if (random.chance(0.25))
		member(encodeKey(g, random.pick([...unknownKeys, ...type.fields.map(field => field.json)])), anyJson(g, depth));
	// Shuffle, so that repeated keys are not always next to each other
	for (let k = members.length - 1; k > 0; k--) {
		const other = random.int(k + 1);
		[members[k], members[other]] = [members[other]!, members[k]!];
	}

	return `{${members.join(',')}}`;
}

/** Damage that makes most texts invalid JSON (and leaves some valid). */
function damage(random: Random, text: string): string {
	const at = random.int(text.length + 1);
	switch (random.int(7)) {
		case 0: {
			const close = text.lastIndexOf(random.pick(['}', ']']));
			return close < 0 ? `${text},` : `${text.slice(0, close)},${text.slice(close)}`; // Trailing comma
		}

		case 1: {
			return text.slice(0, at) + text.slice(at + 1);
		}

		case 2: {
			return (
				text.slice(0, at) +
				random.pick([...'{}[],:"\\x0 -.e', 'true', 'nul', '01', '1.', '.5', '+1', 'NaN', '\u0001', '\uFEFF']) +
				text.slice(at)
			);
		}

		case 3: {
			return text.slice(0, at);
		}

		case 4: {
			return `${text}${random.pick([' {}', ' x', ',', ']', '}', ' null', '\n1'])}`;
		}

		case 5: {
			return `\uFEFF${text}`;
		}

		default: {
			return text.replace(random.pick([/true/, /false/, /null/, /:/, /,/]), random.pick(['True', 'nul', '=', ';', ',,', '']));
		}
	}
}

function randomRecord(random: Random): string {
	const g: Gen = {random, mess: random.pick([0, 0, 0.1, 0.3, 1])};
	const kind = random.int(100);
	if (kind < 3) return `${ws(g)}${anyJson(g, 0)}${ws(g)}`; // Not an object at all
	const text = `${ws(g)}${object(g, recordType as GoType & {kind: 'struct'}, 1)}${ws(g)}`;
	return kind < 15 ? damage(random, text) : text;
}

/** Nesting around Go's limit of 10,000 levels, under an unknown key or a field. */
function deepRecords(): string[] {
	const records: string[] = [];
	for (const levels of [9998, 9999, 10_000, 10_001]) {
		// The record's own object is one level; `levels` counts it
		const inner = levels - 1;
		records.push(`{"user_id":"x","deep":${'['.repeat(inner)}${']'.repeat(inner)}}`);
		records.push(`{"deep":${'{"a":'.repeat(inner - 1)}{}${'}'.repeat(inner - 1)},"user_id":"y"}`);
		records.push(`{"emails":${'['.repeat(inner)}${']'.repeat(inner)}}`);
		records.push(`{"webauthn_credentials":[{"transports":${'['.repeat(inner - 2)}${']'.repeat(inner - 2)}}]}`);
		const pairs = Math.floor((inner - 2) / 2); // Each '[{"a":' is two levels
		records.push(`{"password":{"x":${'[{"a":'.repeat(pairs)}0${'}]'.repeat(pairs)}}}`);
		records.push(`{"deep":${'['.repeat(inner)}${']'.repeat(inner - 1)}}`); // Unclosed as well
	}

	return records;
}

const handPicked = [
	'{}',
	'[]',
	'""',
	'0',
	'true',
	' {} ',
	'{"user_id":"a"}',
	'{"USER_ID":"a"}',
	'{"uſer_id":"a"}',
	'{"\\u0075ser_id":"a"}',
	'{"user_id":"a","user_id":"b"}',
	'{"password":{"password":"x"}}',
	'{"paſſword":{"paſſword":"x"}}',
	'{"PASSWORD":{"Password":"x"}}',
	'{"public_key":1}',
	'{"webauthn_credentials":[{"public_\u212Aey":"k","bac\u212Aup_eligible":true}]}',
	'{"user_ıd":"a"}',
	'{"İd":1}',
	'{"emails":[null]}',
	'{"emails":[null,{"address":"a"}]}',
	'{"emails":null}',
	'{"emails":[]}',
	'{"emails":{}}',
	'{"emails":"a@b.co"}',
	'{"webauthn_credentials":[{"transports":[null,"usb"]}]}',
	'{"webauthn_credentials":[{"transports":null}]}',
	'{"webauthn_credentials":[{"transports":"usb"}]}',
	'{"webauthn_credentials":[{"transports":[1]}]}',
	'{"username":"a","username":null}',
	'{"username":null,"username":"a"}',
	'{"username":1}',
	'{"username":"\\ud800"}',
	'{"username":"\\ud83d\\ude00"}',
	'{"username":"\\ude00\\ud83d"}',
	'{"username":"\\ud800\\ud800\\udc00"}',
	'{"username":"\\u0000"}',
	'{"password":{"password":"a","created_at":"2006-01-02T15:04:05Z"},"password":{"password":"b"}}',
	'{"password":{"password":"a"},"password":null,"password":{"created_at":"2006-01-02T15:04:05Z"}}',
	'{"password":{"password":"a"},"password":null}',
	'{"password":null,"password":{"password":"a"}}',
	'{"password":[]}',
	'{"password":"x"}',
	'{"emails":[{"address":"a","is_primary":true},{"address":"b"}],"emails":[{"is_verified":true}]}',
	'{"emails":[{"address":"a"}],"emails":[{"is_primary":true},{"address":"c"}]}',
	// A shorter array keeps the slice's capacity, so a longer one after it decodes into the elements
	// the first one left there (reflect SetLen, not zeroed): Go gives emails[1] {address "b", is_primary
	// true}. Ours (json-decode.ts `slice`, `list.length = length`) forgets them: a known bug, to be fixed
	'{"emails":[{"address":"a"},{"address":"b","is_primary":true}],"emails":[{}],"emails":[{},{}]}',
	'{"webauthn_credentials":[{"transports":["a","b"]}],"webauthn_credentials":[{"transports":["c"]}],"webauthn_credentials":[{"transports":["d",null]}]}',
	'{"emails":[{"address":"a"},{"address":"b"}],"emails":[],"emails":[{},{}]}',
	'{"emails":[{"address":"a"},{"address":"b"}],"emails":null,"emails":[{},{}]}',
	'{"emails":[{"address":"a"}],"emails":[null]}',
	'{"emails":[{"address":"a"}],"emails":[]}',
	'{"webauthn_credentials":[{"sign_count":12}]}',
	'{"webauthn_credentials":[{"sign_count":-0}]}',
	'{"webauthn_credentials":[{"sign_count":12.0}]}',
	'{"webauthn_credentials":[{"sign_count":1e3}]}',
	'{"webauthn_credentials":[{"sign_count":9223372036854775807}]}',
	'{"webauthn_credentials":[{"sign_count":9223372036854775808}]}',
	'{"webauthn_credentials":[{"sign_count":-9223372036854775808}]}',
	'{"webauthn_credentials":[{"sign_count":-9223372036854775809}]}',
	'{"webauthn_credentials":[{"sign_count":"12"}]}',
	'{"webauthn_credentials":[{"sign_count":null}]}',
	'{"webauthn_credentials":[{"sign_count":5,"sign_count":null}]}',
	'{"webauthn_credentials":[{"aaguid":null}]}',
	'{"webauthn_credentials":[{"aaguid":1}]}',
	'{"webauthn_credentials":[{"name":null,"user_handle":"h"}]}',
	'{"created_at":"2006-01-02T15:04:05Z"}',
	'{"created_at":"2006-01-02T15:04:05\\u002B01:00"}',
	'{"created_at":null}',
	'{"created_at":0}',
	'{"created_at":"2006-01-02T15:04:05Z","created_at":null}',
	'{"created_at":"2006-01-02T15:04:05+24:00"}',
	'{"created_at":{}}',
	'{"created_at":[]}',
	'{"created_at":true}',
	'{"is_primary":true}',
	'{"emails":[{"is_primary":"true"}]}',
	'{"emails":[{"is_primary":null}]}',
	'{"emails":[{"is_primary":true,"is_primary":null}]}',
	'{"user_id":null}',
	'{"user_id":"a","user_id":null}',
	'{"user_id":1}',
	'{"user_id":"a",}',
	'{"user_id":"a"',
	'{"user_id" "a"}',
	'{user_id:"a"}',
	"{'user_id':'a'}",
	'{"user_id":"a"}}',
	'{"a":01}',
	'{"a":1.}',
	'{"a":.5}',
	'{"a":-}',
	'{"a":+1}',
	'{"a":NaN}',
	'{"a":[1,]}',
	'{"a":"\\x"}',
	'{"a":"\\u12"}',
	'{"a":"\t"}',
	'\uFEFF{}',
	'{} {}',
	'',
	'{"user_id":"a"} ',
	'\n\t{ "user_id" : "a" }\r\n',
	'{"":1}',
	'{"\\u0000":1}',
	'{"__proto__":{"user_id":"x"}}',
	'{"otp_secret":{"secret":"s"}}',
	'{"otp_secret":{"SECRET":"s","secret":"t"}}',
	'{"otp_ſecret":{"ſecret":"s"}}',
	'{"Otp_Secret":null}',
];

// ---------------------------------------------------------------------------------------------
// Key folding: which field of a struct holding every json name a key fills

const fieldNames = [...new Set(collectNames(recordType))];

function collectNames(type: GoType): string[] {
	if (type.kind === 'pointer' || type.kind === 'slice') return collectNames(type.elem);
	if (type.kind !== 'struct') return [];
	return type.fields.flatMap(field => [field.json, ...collectNames(field.type)]);
}

const allFieldsType: GoType = {kind: 'struct', name: 'allFields', fields: fieldNames.map(json => ({json, type: {kind: 'int'}}))};

/** Our answer from foldKey alone: an exact match first, then a folded one. */
function fieldByFoldKey(key: string): string {
	const exact = fieldNames.find(name => name === key);
	if (exact) return exact;
	return fieldNames.find(name => foldKey(name) === foldKey(key)) ?? '-';
}

/** Our answer from the whole decoder. */
function fieldByDecoder(key: string): string {
	const result = decodeGoJson(`{${JSON.stringify(key)}:1}`, allFieldsType);
	if (!result.ok) return 'syntax error';
	const value = result.value as Record<string, number>;
	return fieldNames.find(name => value[name] === 1) ?? '-';
}

function randomKey(random: Random): string {
	if (random.chance(0.15)) {
		// Anything at all, from characters that fold in Unicode but not in Go's field matching
		let key = '';
		const length = random.between(0, 12);
		for (let k = 0; k < length; k++)
			key += random.pick([
				...'abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ',
				'ſ',
				'K',
				'ı',
				'İ',
				'ß',
				'ẞ',
				'ǅ',
				'Å',
				'Ω',
				'ｓ',
				'\u0000',
				'\uD800',
				'é',
				'ſ',
			]);
		return key;
	}

	const name = random.pick(fieldNames);
	return [...name]
		.map(char => {
			const roll = random.int(100);
			if (roll < 30) return char.toUpperCase();
			if (roll < 40 && /[sS]/.test(char)) return 'ſ';
			if (roll < 40 && /[kK]/.test(char)) return '\u212A';
			if (roll === 40) return random.pick(['ı', 'İ', 'ß', '-', ' ', 'ｓ', 'Ｓ', '\u0130', 'K']);
			if (roll === 41) return '';
			return char;
		})
		.join('');
}

/** Go sees keys through JSON: an unpaired surrogate arrives as U+FFFD. */
function wellFormed(text: string): string {
	return text.replaceAll(/[\uD800-\uDFFF]/gu, '\uFFFD');
}

// ---------------------------------------------------------------------------------------------

/** A time in some string that Go 1.19 may accept where Go 1.20+ refuse (see above). */
function hasTimeOnlyGo119Accepts(text: string): boolean {
	if (/\d:[.,]\d/.test(text)) return true;
	for (const match of text.matchAll(/[+-]([\d+-]{2}):([\d+-]{2})"/g)) {
		const [hours, minutes] = [match[1]!, match[2]!];
		if (
			/[+-]/.test(hours + minutes) ||
			(/^\d\d$/.test(hours) && Number(hours) > 24) ||
			(/^\d\d$/.test(minutes) && Number(minutes) > 60)
		)
			return true;
	}

	return false;
}

function excerpt(text: string): string {
	return JSON.stringify(text.length > 400 ? `${text.slice(0, 200)}…${text.slice(-200)}` : text);
}

describe.skipIf(!go.toolchain)(`json-decode.ts, differential against ${goLabel(go)}`, () => {
	let program: GoProgram;
	beforeAll(() => {
		program = buildGoProgram(go.toolchain!, 'decode');
	}, 240_000);
	afterAll(() => program?.dispose());

	/** Compares every record; returns how many Go decoded without error. */
	function compare(records: readonly Buffer[], context: string): {decoded: number; syntax: number; other: number} {
		const results = runLines(
			program,
			['entries'],
			records.map(bytes => bytes.toString('base64')),
		);
		const mismatches: string[] = [];
		const counts = {decoded: 0, syntax: 0, other: 0};
		let skipped = 0;
		for (const [k, bytes] of records.entries()) {
			const text = bytes.toString('utf8');
			const theirs = goOutcome(results[k]!);
			if (!goAtLeast(go.toolchain!, 20) && theirs.error === 'none' && hasTimeOnlyGo119Accepts(text)) {
				skipped++;
				continue;
			}

			// A top-level null: Go decodes nothing into the struct, without an error; ours reports a
			// type fault on purpose (json-decode.ts `run`). Compared in its own test below.
			if (/^[ \t\r\n]*null[ \t\r\n]*$/.test(text)) continue;
			const ours = ourOutcome(bytes);
			if (theirs.error === 'none') counts.decoded++;
			else counts[theirs.error]++;
			const same =
				ours.error === theirs.error && (ours.error !== 'none' || isDeepStrictEqual(ours.value, (theirs as typeof ours).value));
			if (!same) {
				const show = (outcome: Outcome) =>
					outcome.error === 'none'
						? `decoded ${inspect(outcome.value, {depth: null, breakLength: Number.POSITIVE_INFINITY, sorted: true})}`
						: `${outcome.error} error (${outcome.detail})`;
				mismatches.push(`${context}, record ${k}: ${excerpt(text)}\n    ours ${show(ours)}\n    Go   ${show(theirs)}`);
			}
		}

		if (skipped > 0)
			console.log(`${context}: skipped ${skipped} records with a time that ${go.toolchain!.version} accepts and Go 1.20+ refuse`);
		expect(mismatches.slice(0, 12), `${mismatches.length} of ${records.length} records differ`).toEqual([]);
		return counts;
	}

	test('hand-picked records', () => {
		const counts = compare(
			handPicked.map(text => Buffer.from(text)),
			'hand-picked',
		);
		expect(counts.decoded).toBeGreaterThan(40);
	});

	test('generated records', () => {
		const seed = baseSeed + 7400;
		const random = createRandom(seed);
		const records = Array.from({length: 20_000}, () => toBytes(random, randomRecord(random)));
		const counts = compare(records, `seed ${seed}`);
		// Enough of each outcome for the comparison to mean something
		expect(counts.decoded).toBeGreaterThan(records.length * 0.2);
		expect(counts.other).toBeGreaterThan(records.length * 0.1);
		expect(counts.syntax).toBeGreaterThan(records.length * 0.05);
	});

	test('nesting around 10,000 levels', () => {
		const counts = compare(
			deepRecords().map(text => Buffer.from(text)),
			'deep',
		);
		expect(counts.syntax).toBeGreaterThan(4);
		expect(counts.decoded).toBeGreaterThan(4);
	});

	test('a top-level null: Go decodes nothing and no error; ours flags it as not an object', () => {
		const [line] = runLines(program, ['entries'], [Buffer.from(' null ').toString('base64')]);
		const theirs = goOutcome(line!);
		expect(theirs).toEqual({error: 'none', value: plain(recordType, zeroValue(recordType))});
		const ours = decodeGoJson(' null ', recordType);
		expect(ours.ok && ours.faults.map(fault => [fault.kind, fault.pointer])).toEqual([['type', '']]);
	});

	test('which field a key fills: foldKey and the decoder agree with Go', () => {
		const seed = baseSeed + 7500;
		const random = createRandom(seed);
		const keys = [
			...fieldNames,
			...fieldNames.map(name => name.toUpperCase()),
			'uſer_id',
			'public_\u212Aey',
			'USER_ıD',
			'İD',
			'ıd',
			'ID',
			'Id',
			...Array.from({length: 20_000}, () => randomKey(random)),
		];
		const results = runLines(
			program,
			['fields'],
			keys.map(key => JSON.stringify(key)),
		);
		const mismatches: string[] = [];
		let matched = 0;
		for (const [k, key] of keys.entries()) {
			const theirs = results[k]!;
			if (theirs !== '-') matched++;
			const byFold = fieldByFoldKey(wellFormed(key));
			const byDecoder = fieldByDecoder(key);
			if (byFold !== theirs || byDecoder !== theirs)
				mismatches.push(`seed ${seed}, key ${k}: ${JSON.stringify(key)}: foldKey ${byFold}, decoder ${byDecoder}, Go ${theirs}`);
		}

		expect(mismatches.slice(0, 20), `${mismatches.length} of ${keys.length} keys differ`).toEqual([]);
		expect(matched).toBeGreaterThan(keys.length * 0.3);
		expect(matched).toBeLessThan(keys.length * 0.95);
	});
});
