import type {Fatal} from './frame-types.js';

// Firebase's auth:export writes `{"users": [` and the users after it: the array starts after a short
// opening that must sit in the first bytes of the file.

const maxOpening = 4096;

export type WrappedArray = {
	/** Offset of the '['. */
	offset: number;
	/** Line of the '[' and the offset that line starts at, for the framer's columns. */
	line: number;
	lineStart: number;
};

/** Where the array under `key` starts, undefined while `head` is too short to say, or why it is not there. */
export function findWrappedArray(head: Uint8Array, key: string, complete: boolean): WrappedArray | {fatal: Fatal} | undefined {
	const text = new TextDecoder('latin1').decode(head.subarray(0, maxOpening));
	const opening = new RegExp(`^(?:\\xef\\xbb\\xbf)?\\s*\\{\\s*"${key}"\\s*:\\s*\\[`).exec(text);
	if (opening) {
		const offset = opening[0].length - 1;
		const before = text.slice(0, offset);
		const newlines = before.split('\n').length - 1;
		const bom = text.startsWith('\xef\xbb\xbf') ? 3 : 0;
		return {offset, line: newlines + 1, lineStart: newlines > 0 ? before.lastIndexOf('\n') + 1 : bom};
	}

	if (!complete && head.length < maxOpening) return undefined;
	const first = /\S/.exec(text.replace(/^\xef\xbb\xbf/, ''));
	const message = first ? `expected {"${key}": [ ... ]} at the start of the file` : 'the file is empty';
	return {fatal: {offset: 0, line: 1, column: 1, message}};
}
