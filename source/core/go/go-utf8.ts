import {Buffer, isUtf8} from 'node:buffer';
import {firstInvalidUtf8} from '../framing/text-position.js';

// Bytes that are not UTF-8, decoded as Go does: `utf8.DecodeRune` gives U+FFFD for each byte it cannot
// start a character with, and moves on by one byte (so a cut three-byte character is two U+FFFD, where
// the WHATWG decoder that Node uses gives one). Go's JSON decoder stores these U+FFFD in strings; the
// same bytes outside a string are a syntax error either way.

export type DecodedText = {
	text: string;
	/** Offset (from `start`) of the first byte that is not UTF-8, or -1. */
	firstInvalid: number;
};

export function decodeGoUtf8(bytes: Uint8Array, start: number, end: number): DecodedText {
	const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (isUtf8(bytes.subarray(start, end))) return {text: buffer.toString('utf8', start, end), firstInvalid: -1};
	let text = '';
	let run = start;
	let firstInvalid = -1;
	for (;;) {
		const bad = firstInvalidUtf8(bytes, run, end);
		text += buffer.toString('utf8', run, bad);
		if (bad === end) break;
		if (firstInvalid < 0) firstInvalid = bad - start;
		text += '\uFFFD';
		run = bad + 1;
	}

	return {text, firstInvalid};
}
