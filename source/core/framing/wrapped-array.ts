import type {Fatal} from './frame-types.js';

// Firebase's auth:export writes `{"users": [` and the users after it, but the API's own response (and
// files saved from it) puts other members first: `{"kind": "...", "users": [`. The members before the
// array are skipped, however they are laid out, as long as they fit in the first bytes of the file.

const maxOpening = 1 << 20;

export type WrappedArray = {
	/** Offset of the '['. */
	offset: number;
	/** Line of the '[' and the offset that line starts at, for the framer's columns. */
	line: number;
	lineStart: number;
};

const space = new Set([0x20, 0x0a, 0x0d, 0x09]);

type Scan = {offset: number} | {missing: string} | 'more';

/** Past a string that starts at `at` (its '"'): the offset after its closing quote, or -1 when the head ends first. */
function stringEnd(head: Uint8Array, at: number): number {
	for (let i = at + 1; i < head.length; i++) {
		if (head[i] === 0x5c) i++;
		else if (head[i] === 0x22) return i + 1;
	}

	return -1;
}

/** Past one JSON value that starts at `at`: counted brackets, not recursion, so no nesting is too deep. */
function valueEnd(head: Uint8Array, at: number): number {
	let depth = 0;
	for (let i = at; i < head.length; i++) {
		const c = head[i]!;
		if (c === 0x22) {
			const end = stringEnd(head, i);
			if (end < 0) return -1;
			if (depth === 0) return end;
			i = end - 1;
		} else if (c === 0x7b || c === 0x5b) {
			depth++;
		} else if (c === 0x7d || c === 0x5d) {
			if (depth === 0) return i; // A scalar ended by its object's '}'
			if (--depth === 0) return i + 1;
		} else if (depth === 0 && (c === 0x2c || space.has(c))) {
			return i;
		}
	}

	return -1;
}

function findKey(head: Uint8Array, key: string, from: number): Scan {
	const skipSpace = (i: number) => {
		while (i < head.length && space.has(head[i]!)) i++;
		return i;
	};

	let i = skipSpace(from);
	if (i >= head.length) return 'more';
	if (head[i] !== 0x7b) return {missing: 'the file does not start with an object'};
	i++;
	for (;;) {
		i = skipSpace(i);
		if (i >= head.length) return 'more';
		if (head[i] === 0x7d) return {missing: `the object has no "${key}" member`};
		if (head[i] !== 0x22) return {missing: 'a member of the object is not "name": value'};
		const nameEnd = stringEnd(head, i);
		if (nameEnd < 0) return 'more';
		let name: unknown;
		try {
			name = JSON.parse(new TextDecoder().decode(head.subarray(i, nameEnd)));
		} catch {
			return {missing: 'a member name of the object is not valid JSON'};
		}

		i = skipSpace(nameEnd);
		if (i >= head.length) return 'more';
		if (head[i] !== 0x3a) return {missing: 'a member of the object is not "name": value'};
		i = skipSpace(i + 1);
		if (i >= head.length) return 'more';
		if (name === key) return head[i] === 0x5b ? {offset: i} : {missing: `its "${key}" member is not an array`};
		const end = valueEnd(head, i);
		if (end < 0) return 'more';
		i = skipSpace(end);
		if (i >= head.length) return 'more';
		if (head[i] === 0x2c) i++;
		else if (head[i] !== 0x7d) return {missing: 'a member of the object is not "name": value'};
	}
}

/** Where the array under `key` starts, undefined while `head` is too short to say, or why it is not there. */
export function findWrappedArray(head: Uint8Array, key: string, complete: boolean): WrappedArray | {fatal: Fatal} | undefined {
	const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
	const scanned = head.subarray(0, maxOpening);
	const found = findKey(scanned, key, bom);
	if (typeof found === 'object' && 'offset' in found) {
		let newlines = 0;
		let lastBreak = -1;
		for (let i = 0; i < found.offset; i++) {
			if (scanned[i] === 0x0a) {
				newlines++;
				lastBreak = i;
			}
		}

		return {offset: found.offset, line: newlines + 1, lineStart: newlines > 0 ? lastBreak + 1 : bom};
	}

	if (found === 'more' && !complete && head.length < maxOpening) return undefined;
	if (found === 'more' && scanned.subarray(bom).every(c => space.has(c)))
		return {fatal: {offset: 0, line: 1, column: 1, message: 'the file is empty'}};
	const why = found === 'more' ? (complete ? 'the file ends first' : `it is not within the first ${maxOpening >> 20} MB`) : found.missing;
	return {fatal: {offset: 0, line: 1, column: 1, message: `expected an object with a "${key}" array, {"${key}": [ ... ]}: ${why}`}};
}
