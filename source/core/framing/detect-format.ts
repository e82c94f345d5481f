import type {Fatal} from './frame-types.js';
import {foldKey} from '../go/json-decode.js';
import type {GoType} from '../go/go-types.js';
import {entryType} from '../rules/import-format.js';

/** Said of any file whose top-level value is an object, on one line or many. */
export const topLevelObjectMessage = 'the top-level value is an object: Hanko expects an array of users (an export shaped {"users": [...]} is converted with hanko-tui convert)';

const userKeys = new Set((entryType as GoType & {kind: 'struct'}).fields.map(field => foldKey(field.json)));

/**
 * Whether the one-line object at the start of the content is a wrapper around users rather than a
 * user (the first line of NDJSON): none of its keys is a user's field (as Go's case folding reads
 * keys), and it holds an array, or it is all the file holds.
 */
function isWrapper(head: Uint8Array, from: number, complete: boolean): boolean {
	let end = head.indexOf(0x0a, from);
	if (end < 0) {
		if (!complete) return false; // The first line is longer than what we looked at: take it as NDJSON
		end = head.length;
	}

	let value: unknown;
	try {
		value = JSON.parse(new TextDecoder().decode(head.subarray(from, end)));
	} catch {
		return false; // A broken first record is reported as such, in its line
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const keys = Object.keys(value);
	if (keys.some(key => userKeys.has(foldKey(key)))) return false;
	const alone = complete && head.subarray(end).every(c => isSpace(c));
	return alone || Object.values(value).some(member => Array.isArray(member));
}

export type InputFormat = 'json-array' | 'ndjson';

export type Detected = {format: InputFormat; bomLength: number} | {fatal: Fatal};

export const gzipMagic = [0x1f, 0x8b] as const;

export function isGzip(head: Uint8Array): boolean {
	return head[0] === gzipMagic[0] && head[1] === gzipMagic[1];
}

function isSpace(c: number): boolean {
	return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Whether the object starting at `from` closes before the end of its line (strings respected). */
function closesOnItsLine(head: Uint8Array, from: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = from; i < head.length; i++) {
		const c = head[i]!;
		if (inString) {
			if (c === 0x5c) i++;
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) {
			inString = true;
		} else if (c === 0x7b || c === 0x5b) {
			depth++;
		} else if (c === 0x7d || c === 0x5d) {
			depth--;
			if (depth === 0) return true;
		} else if (c === 0x0a) {
			// A line that ends with the object still open: NDJSON only if the next line starts a record
			let next = i + 1;
			while (next < head.length && isSpace(head[next]!)) next++;
			return next >= head.length || head[next] === 0x7b;
		}
	}

	return true; // The first line is longer than what we looked at: take it as one record a line
}

/**
 * Decides the format from the first bytes of the (decompressed) content: '[' is a JSON array, '{'
 * starts NDJSON unless that object spans lines (a single pretty-printed object, which Hanko refuses).
 * `complete` says whether `head` holds the whole input.
 */
export function detectFormat(head: Uint8Array, complete: boolean): Detected | undefined {
	const bomLength = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
	// The first piece may end inside the byte order mark
	if (!complete && head.length < 3 && head.every((c, i) => c === [0xef, 0xbb][i])) return undefined;
	let i = bomLength;
	let line = 1;
	let lineStart = bomLength;
	while (i < head.length && isSpace(head[i]!)) {
		if (head[i] === 0x0a) {
			line++;
			lineStart = i + 1;
		}

		i++;
	}

	if (i === head.length) {
		return complete ? {fatal: {offset: i, line, column: i - lineStart + 1, message: 'the file is empty'}} : undefined;
	}

	const at = {offset: i, line, column: i - lineStart + 1};
	const c = head[i]!;
	if (c === 0x5b) return {format: 'json-array', bomLength};
	if (c === 0x7b) {
		if (closesOnItsLine(head, i) && !isWrapper(head, i, complete)) return {format: 'ndjson', bomLength};
		return {fatal: {...at, message: topLevelObjectMessage}};
	}

	const shown = c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
	return {fatal: {...at, message: `not JSON: expected '[' or '{' but found ${shown}`}};
}
