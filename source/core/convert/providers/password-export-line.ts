import {maxItemBytes} from './byte-keyed-store.js';
import {emailKey, idKey, packHash} from './password-codecs.js';

// One line of Auth0's password export, read from its bytes when it has the usual shape: `_id` an
// object with `$oid`, each field named once, its value a plain string of ASCII without escapes. A line
// of any other shape is left to JSON.parse, so that both ways read the same keys and hash.

/** Where the line's keys and hash go: the packed hash first, then each key. */
export type LineSink = {line(hash: Uint8Array, length: number): void; key(key: Uint8Array, length: number): void};

const hashBytes = Buffer.allocUnsafeSlow(maxItemBytes + 1);

/** The fields read, by where their names sit: `$oid` inside `_id`, the others at the top. */
const wanted = [
	{name: Buffer.from('passwordHash'), depth: 1},
	{name: Buffer.from('email'), depth: 1},
	{name: Buffer.from('alt_id'), depth: 1},
	{name: Buffer.from('_id'), depth: 1},
	{name: Buffer.from('$oid'), depth: 2},
];
const [hashField, emailField, altIdField, idField, oidField] = [0, 1, 2, 3, 4];

const starts = new Int32Array(wanted.length);
const ends = new Int32Array(wanted.length);

function fieldOf(line: Uint8Array, start: number, end: number, depth: number): number {
	// Indexed: an iterator a name would be millions of objects of garbage
	for (let at = 0; at < wanted.length; at++) {
		const {name, depth: where} = wanted[at]!;
		if (where !== depth || name.length !== end - start) continue;
		let same = true;
		for (let i = 0; same && i < name.length; i++) same = line[start + i] === name[i];
		if (same) return at;
	}

	return -1;
}

/** The end of the string whose opening quote is at `at` (its closing quote), or -1 with an escape, a control or a non-ASCII byte. */
function plainStringEnd(line: Uint8Array, at: number, end: number): number {
	for (let i = at + 1; i < end; i++) {
		const byte = line[i]!;
		if (byte === 0x22) return i;
		if (byte === 0x5c || byte >= 0x80 || byte < 0x20) return -1;
	}

	return -1;
}

const isBlank = (byte: number) => byte === 0x20 || byte === 0x09;

/**
 * Finds the wanted fields in `line[start, end)`: false when the line is not of the usual shape (a
 * wanted field named twice, or not a plain string, or something the scan cannot follow).
 */
function scan(line: Uint8Array, start: number, end: number): boolean {
	starts.fill(-1);
	let depth = 0;
	let inId = false;
	for (let i = start; i < end; i++) {
		const byte = line[i]!;
		if (byte === 0x7b || byte === 0x5b) depth++;
		else if (byte === 0x7d || byte === 0x5d) {
			depth--;
			if (depth === 1) inId = false;
		} else if (byte === 0x22) {
			const close = plainStringEnd(line, i, end);
			if (close < 0) {
				// Escapes or other characters in a string: fine in values the line does not need
				let j = i + 1;
				while (j < end && line[j] !== 0x22) j += line[j] === 0x5c ? 2 : 1;
				if (j >= end) return false;
				let next = j + 1;
				while (next < end && isBlank(line[next]!)) next++;
				if (line[next] === 0x3a) return false; // A name with escapes may spell a wanted one
				i = j;
				continue;
			}

			let next = close + 1;
			while (next < end && isBlank(line[next]!)) next++;
			if (line[next] !== 0x3a) {
				i = close;
				continue;
			}

			// A name: the value follows the colon
			const field = depth === 2 && !inId ? -1 : fieldOf(line, i + 1, close, depth);
			next++;
			while (next < end && isBlank(line[next]!)) next++;
			if (field === idField) {
				if (line[next] !== 0x7b) return false; // `_id` as a string: JSON.parse reads it
				inId = true;
				i = next - 1;
				continue;
			}

			if (field >= 0) {
				if (starts[field] !== -1 || line[next] !== 0x22) return false;
				const valueEnd = plainStringEnd(line, next, end);
				if (valueEnd < 0 || valueEnd - next > maxItemBytes) return false;
				starts[field] = next + 1;
				ends[field] = valueEnd;
				i = valueEnd;
				continue;
			}

			i = next - 1;
		}
	}

	return depth === 0;
}

/** Reads `bytes[start, end)` into `sink` when it has the usual shape: whether it had. */
export function readExportLine(bytes: Buffer, start: number, end: number, sink: LineSink, keyBytes: Buffer): boolean {
	if (!scan(bytes, start, end) || starts[hashField]! < 0) return false;
	sink.line(hashBytes, packHash(bytes, starts[hashField]!, ends[hashField]!, hashBytes));
	for (const field of [oidField, altIdField])
		if (starts[field]! >= 0 && ends[field]! > starts[field]!)
			sink.key(keyBytes, idKey(bytes, starts[field]!, ends[field]!, keyBytes, true));
	if (starts[emailField]! >= 0) {
		const length = emailKey(bytes, starts[emailField]!, ends[emailField]!, keyBytes, true);
		if (length > 1) sink.key(keyBytes, length);
	}

	return true;
}
