import {Buffer} from 'node:buffer';

// Go's net/url and strconv as Hanko's admin server applies them to a request (echo on net/http), for
// the mock Admin API: `url.ParseQuery`, `url.Values.Encode`, `URL.EscapedPath` and the message of a
// `strconv.ParseInt` error. Go strings are bytes, so decoded text is kept as a "byte string" here: one
// character a byte (latin1), which survives a round trip even when the bytes are not UTF-8.

const hex = '0123456789ABCDEF';

function hexDigit(code: number): number {
	if (code >= 48 && code <= 57) return code - 48;
	if (code >= 65 && code <= 70) return code - 55;
	if (code >= 97 && code <= 102) return code - 87;
	return -1;
}

/**
 * `url.QueryUnescape` (query) or `url.PathUnescape` (path) of ASCII text: a byte string, or undefined
 * where Go reports an error (a `%` without two hex digits after it).
 */
export function goUnescape(text: string, mode: 'query' | 'path'): string | undefined {
	if (!text.includes('%') && (mode === 'path' || !text.includes('+'))) return text;
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!;
		if (char === '%') {
			const high = hexDigit(text.charCodeAt(i + 1));
			const low = hexDigit(text.charCodeAt(i + 2));
			if (high < 0 || low < 0) return undefined;
			out += String.fromCharCode(high * 16 + low);
			i += 2;
		} else {
			out += mode === 'query' && char === '+' ? ' ' : char;
		}
	}

	return out;
}

/**
 * `url.ParseQuery` (Go 1.17 and later): pairs split on `&`; a pair holding `;` is dropped, and so is one
 * whose key or value does not unescape; keys and values as byte strings, in order of appearance.
 */
export function parseGoQuery(rawQuery: string): Map<string, string[]> {
	const values = new Map<string, string[]>();
	for (const pair of rawQuery.split('&')) {
		if (pair === '' || pair.includes(';')) continue;
		const equals = pair.indexOf('=');
		const key = goUnescape(equals < 0 ? pair : pair.slice(0, equals), 'query');
		const value = goUnescape(equals < 0 ? '' : pair.slice(equals + 1), 'query');
		if (key === undefined || value === undefined) continue;
		const list = values.get(key);
		if (list) list.push(value);
		else values.set(key, [value]);
	}

	return values;
}

function isUnreserved(code: number): boolean {
	return (
		(code >= 48 && code <= 57) ||
		(code >= 65 && code <= 90) ||
		(code >= 97 && code <= 122) ||
		code === 45 ||
		code === 46 ||
		code === 95 ||
		code === 126
	);
}

/** `url.QueryEscape` of a byte string: letters, digits and `-._~` stay, a space is `+`, the rest `%XX`. */
export function goQueryEscape(bytes: string): string {
	let out = '';
	for (let i = 0; i < bytes.length; i++) {
		const code = bytes.charCodeAt(i);
		if (isUnreserved(code)) out += bytes[i];
		else if (code === 32) out += '+';
		else out += `%${hex[code >> 4]}${hex[code & 15]}`;
	}

	return out;
}

/** `url.Values.Encode`: keys sorted by their bytes, each value in its order, `key=value` joined by `&`. */
export function encodeGoQuery(values: ReadonlyMap<string, readonly string[]>): string {
	const parts: string[] = [];
	for (const key of [...values.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
		for (const value of values.get(key)!) parts.push(`${goQueryEscape(key)}=${goQueryEscape(value)}`);
	}

	return parts.join('&');
}

// Characters Go leaves as they are in a path: unreserved, and `$&+,/:;=@`
const pathKept = new Set([...'$&+,/:;=@'].map(char => char.charCodeAt(0)));
// Characters Go accepts in an already escaped path (`validEncoded`) beside those
const encodedKept = new Set([..."!$&'()*+,;=:@[]/"].map(char => char.charCodeAt(0)));

function escapePath(bytes: string): string {
	let out = '';
	for (let i = 0; i < bytes.length; i++) {
		const code = bytes.charCodeAt(i);
		out += isUnreserved(code) || pathKept.has(code) ? bytes[i] : `%${hex[code >> 4]}${hex[code & 15]}`;
	}

	return out;
}

/**
 * `URL.EscapedPath` of a path parsed from a request target: the path as received when Go deems it a
 * valid encoding, else Go's own escaping of the decoded path (`{` becomes `%7B`). Undefined when the
 * path does not unescape (Go's `url.Parse` fails).
 */
export function goEscapedPath(rawPath: string): string | undefined {
	const decoded = goUnescape(rawPath, 'path');
	if (decoded === undefined) return undefined;
	const escaped = escapePath(decoded);
	if (escaped === rawPath) return escaped;
	for (let i = 0; i < rawPath.length; i++) {
		const code = rawPath.charCodeAt(i);
		if (code !== 37 && !isUnreserved(code) && !encodedKept.has(code)) return escaped;
	}

	return rawPath;
}

/** Whether Go's `unicode.IsPrint` holds: letters, marks, numbers, punctuation, symbols, and the ASCII space. */
function isGoPrint(char: string): boolean {
	return char === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(char);
}

/** The length of the UTF-8 character at `at` as Go's `utf8.DecodeRune` accepts it, or 0 for a byte that starts none. */
function utf8Length(bytes: Uint8Array, at: number): number {
	const first = bytes[at]!;
	if (first < 0x80) return 1;
	const continuation = (offset: number, low = 0x80, high = 0xbf) => {
		const byte = bytes[at + offset];
		return byte !== undefined && byte >= low && byte <= high;
	};

	if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0;
	if (first >= 0xe0 && first <= 0xef) {
		const [low, high] = first === 0xe0 ? [0xa0, 0xbf] : first === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
		return continuation(1, low, high) && continuation(2) ? 3 : 0;
	}

	if (first >= 0xf0 && first <= 0xf4) {
		const [low, high] = first === 0xf0 ? [0x90, 0xbf] : first === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
		return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
	}

	return 0;
}

const controlEscapes: Record<number, string> = {7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v'};

/** `strconv.Quote` of a byte string: Go's quoting, with `\x` for each byte that is not UTF-8. */
export function goQuote(bytes: string): string {
	const buffer = Buffer.from(bytes, 'latin1');
	let out = '"';
	for (let i = 0; i < buffer.length;) {
		const length = utf8Length(buffer, i);
		if (length === 0) {
			out += `\\x${buffer[i]!.toString(16).padStart(2, '0')}`;
			i++;
			continue;
		}

		const char = buffer.toString('utf8', i, i + length);
		i += length;
		const code = char.codePointAt(0)!;
		if (char === '"' || char === '\\') out += `\\${char}`;
		else if (isGoPrint(char)) out += char;
		else if (controlEscapes[code]) out += controlEscapes[code];
		else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
		else if (code < 0x1_00_00) out += `\\u${code.toString(16).padStart(4, '0')}`;
		else out += `\\U${code.toString(16).padStart(8, '0')}`;
	}

	return `${out}"`;
}

const int64Limit = 2n ** 63n;
const uint64Max = 2n ** 64n - 1n;

/**
 * `strconv.ParseInt(text, 10, 64)`: the value, or the error's text (`strconv.ParseInt: parsing "x":
 * invalid syntax`, or `value out of range`). `text` is a byte string. As Go, the digits are read left
 * to right and a value past 64 unsigned bits is out of range before a later character is looked at.
 */
export function parseGoInt(text: string): {value: bigint} | {error: string} {
	const error = (why: string) => ({error: `strconv.ParseInt: parsing ${goQuote(text)}: ${why}`});
	const negative = text.startsWith('-');
	let i = negative || text.startsWith('+') ? 1 : 0;
	if (i === text.length) return error('invalid syntax');
	let value = 0n;
	for (; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 48 || code > 57) return error('invalid syntax');
		value = value * 10n + BigInt(code - 48);
		if (value > uint64Max) return error('value out of range');
	}

	if (negative ? value > int64Limit : value >= int64Limit) return error('value out of range');
	return {value: negative ? -value : value};
}
