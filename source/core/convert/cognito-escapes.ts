import {Transform, type TransformCallback} from 'node:stream';

// Cognito's user CSV does not quote a value with a comma: it writes `\,` (AWS's CSV export of a user
// pool). csv-parse knows no such escape, so before parsing each `\,` becomes a character of the Private
// Use Area, which no CSV reading splits on, and the cells get their commas back after.

const backslash = 0x5c;
const comma = 0x2c;
export const escapedComma = '\uE000';
const escapedBytes = Buffer.from(escapedComma);

/** A stream that turns every `\,` into `escapedComma`, also when the two are split across chunks. */
export function hideEscapedCommas(): Transform {
	let pending = false; // The last chunk ended with a backslash
	return new Transform({
		transform(chunk: Buffer, _encoding, done: TransformCallback) {
			const parts: Buffer[] = [];
			let from = 0;
			if (pending) {
				pending = false;
				if (chunk[0] === comma) {
					parts.push(escapedBytes);
					from = 1;
				} else {
					parts.push(Buffer.of(backslash));
				}
			}

			for (let i = from; i < chunk.length; i++) {
				if (chunk[i] !== backslash) continue;
				if (i === chunk.length - 1) {
					parts.push(chunk.subarray(from, i));
					pending = true;
					from = chunk.length;
					break;
				}

				if (chunk[i + 1] === comma) {
					parts.push(chunk.subarray(from, i), escapedBytes);
					from = i + 2;
					i++;
				}
			}

			if (from < chunk.length) parts.push(chunk.subarray(from));
			done(null, Buffer.concat(parts));
		},
		flush(done: TransformCallback) {
			done(null, pending ? Buffer.of(backslash) : undefined);
		},
	});
}

/** The cells with their escaped commas back. */
export function restoreEscapedCommas(cells: string[]): string[] {
	return cells.map(cell => (cell.includes(escapedComma) ? cell.replaceAll(escapedComma, ',') : cell));
}
