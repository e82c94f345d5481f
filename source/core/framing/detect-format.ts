import type {Fatal} from './frame-types.js';
import {foldKey} from '../go/json-decode.js';
import type {GoType} from '../go/go-types.js';
import {entryType} from '../rules/import-format.js';

/** Said of any file whose top-level value is an object, on one line or many. */
export const topLevelObjectMessage =
	'the top-level value is an object: Hanko expects an array of users (an export shaped {"users": [...]} is converted with hanko-tui convert)';

const userKeys = new Set((entryType as GoType & {kind: 'struct'}).fields.map(field => foldKey(field.json)));

export type InputFormat = 'json-array' | 'ndjson';

/**
 * Where `head` starts in the file when what came before it (a byte order mark, whitespace) was
 * already read and dropped: its absolute offset, the line it is on and where that line starts.
 */
export type Origin = {offset: number; line: number; lineStart: number; bomLength: number};

export type Detected = {format: InputFormat; bomLength: number} | {fatal: Fatal};

export const gzipMagic = [0x1f, 0x8b] as const;

export function isGzip(head: Uint8Array): boolean {
	return head[0] === gzipMagic[0] && head[1] === gzipMagic[1];
}

/** JSON's whitespace: space, line feed, carriage return, tab. */
export function isJsonSpace(c: number): boolean {
	return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export function startsWithBom(head: Uint8Array): boolean {
	return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
}

/** Too short to tell yet: a first piece that may end inside the byte order mark. */
export function mayEndInBom(head: Uint8Array): boolean {
	return head.length < 3 && head.every((c, i) => c === [0xef, 0xbb][i]);
}

/** What the start of an object shows of its own keys, read up to its end, its first line break or the end of the head. */
type ObjectStart = {
	/** Just past its closing brace, when it closes on its first line; else -1. */
	end: number;
	/** The line break reached while it is still open; else -1. */
	lineBreak: number;
	/** One of its own keys is a user's field (as Go's case folding reads keys). */
	userKey: boolean;
	/** One of its own keys that is no user's field holds an array: the shape of `{"users": [...]}`. */
	arrayKey: boolean;
};

function readObjectStart(head: Uint8Array, from: number): ObjectStart {
	const found: ObjectStart = {end: -1, lineBreak: -1, userKey: false, arrayKey: false};
	const decoder = new TextDecoder();
	let depth = 0;
	let inString = false;
	let stringStart = 0;
	let expectKey = false; // In the object itself, after '{' or ','
	let key: string | undefined; // Its key whose value comes next
	for (let i = from; i < head.length; i++) {
		const c = head[i]!;
		if (inString) {
			if (c === 0x5c) {
				i++;
			} else if (c === 0x22) {
				inString = false;
				if (expectKey) {
					key = parseKey(decoder.decode(head.subarray(stringStart, i + 1)));
					if (key !== undefined && userKeys.has(foldKey(key))) found.userKey = true;
					expectKey = false;
				}
			}
		} else if (c === 0x22) {
			inString = true;
			stringStart = i;
		} else if (c === 0x7b || c === 0x5b) {
			if (depth === 1 && c === 0x5b && key !== undefined && !userKeys.has(foldKey(key))) found.arrayKey = true;
			depth++;
			expectKey = depth === 1;
		} else if (c === 0x7d || c === 0x5d) {
			depth--;
			if (depth === 0) {
				found.end = i + 1;
				return found;
			}
		} else if (c === 0x2c) {
			expectKey = depth === 1;
			if (depth === 1) key = undefined;
		} else if (c === 0x0a) {
			found.lineBreak = i;
			return found;
		}
	}

	return found;
}

function parseKey(quoted: string): string | undefined {
	try {
		return JSON.parse(quoted) as string;
	} catch {
		return undefined;
	}
}

/** Whether a one-line object is a wrapper around users rather than a user: no user's field, and an array or nothing after it. */
function isWrapper(head: Uint8Array, from: number, end: number, complete: boolean): boolean {
	let value: unknown;
	try {
		value = JSON.parse(new TextDecoder().decode(head.subarray(from, end)));
	} catch {
		return false; // A broken first record is reported as such, in its line
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	if (Object.keys(value).some(key => userKeys.has(foldKey(key)))) return false;
	const alone = complete && head.subarray(end).every(c => isJsonSpace(c));
	return alone || Object.values(value).some(member => Array.isArray(member));
}

/** How much of a first line is waited for before deciding on what its start shows. */
const firstLineLimit = 1 << 20;

/**
 * NDJSON (true), the top-level object Hanko refuses (false), or undefined while more of the first line
 * is worth waiting for. One object a line is NDJSON unless it wraps users: none of its own keys is a
 * user's field and one holds an array (Firebase writes `{"users": [` on a line of its own), or it is
 * all the file holds. An object that spans lines without being such a wrapper is NDJSON only when the
 * next line starts a record (a broken first record); otherwise it is one pretty-printed object.
 */
function isNdjson(head: Uint8Array, from: number, complete: boolean): boolean | undefined {
	const start = readObjectStart(head, from);
	if (start.end >= 0) return !isWrapper(head, from, start.end, complete);
	// The head ends inside the first line: wait for more of it, within reason
	if (start.lineBreak < 0 && !complete && head.length - from < firstLineLimit) return undefined;
	if (start.arrayKey && !start.userKey) return false;
	if (start.lineBreak < 0) return true;
	let next = start.lineBreak + 1;
	while (next < head.length && isJsonSpace(head[next]!)) next++;
	// What the next line starts with decides: wait for it unless the input has ended
	if (next >= head.length) return complete ? true : undefined;
	return head[next] === 0x7b;
}

/**
 * Decides the format from the first bytes of the (decompressed) content: '[' is a JSON array, '{'
 * starts NDJSON unless it is a top-level object Hanko refuses (see isNdjson). `complete` says whether
 * `head` holds the whole input; undefined asks for more of it.
 */
export function detectFormat(head: Uint8Array, complete: boolean, origin?: Origin): Detected | undefined {
	const bomLength = origin ? origin.bomLength : startsWithBom(head) ? 3 : 0;
	if (!origin && !complete && mayEndInBom(head)) return undefined;
	const base = origin?.offset ?? 0;
	let i = origin ? 0 : bomLength;
	let line = origin?.line ?? 1;
	let lineStart = origin ? origin.lineStart - base : bomLength; // Relative to head[0]
	while (i < head.length && isJsonSpace(head[i]!)) {
		if (head[i] === 0x0a) {
			line++;
			lineStart = i + 1;
		}

		i++;
	}

	if (i === head.length) {
		const spaces = base + head.length - bomLength;
		const message =
			spaces === 0 ? 'the file is empty' : `the file holds no JSON, only ${spaces.toLocaleString('en-US')} bytes of whitespace`;
		return complete ? {fatal: {offset: base + i, line, column: i - lineStart + 1, message}} : undefined;
	}

	const at = {offset: base + i, line, column: i - lineStart + 1};
	const c = head[i]!;
	if (c === 0x5b) return {format: 'json-array', bomLength};
	if (c === 0x7b) {
		const ndjson = isNdjson(head, i, complete);
		if (ndjson === undefined) return undefined;
		return ndjson ? {format: 'ndjson', bomLength} : {fatal: {...at, message: topLevelObjectMessage}};
	}

	const shown = c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
	return {fatal: {...at, message: `not JSON: expected '[' or '{' but found ${shown}`}};
}
