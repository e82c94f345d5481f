import {readSync} from 'node:fs';
import type {InputFormat} from '../framing/detect-format.js';
import {FrameBatch} from '../framing/frame-types.js';
import {type Checkpoint, framerAt} from './framed-pieces.js';

// Reads a few records at a time from an uncompressed file, each from the checkpoint before it: the
// records of a duplicate check's pairs (thousands at the end of a run) and those a screen shows.
//
// Read synchronously: a read from the page cache takes a few microseconds, its round trip through
// libuv's thread pool ten times that (measured: 2,000 reads of 8 kB, 7 ms against 100 ms one at a
// time and 32 ms eight at a time). A read from a disk holds the thread for one seek at most, and the
// event loop turns every few milliseconds (a stretch of long records is megabytes of reads).
//
// The framer scans a read a step at a time and stops at the last record wanted: the records of a
// duplicate check lie about 15 kB past their checkpoint on average (pretty-printed users), a step is
// 8 kB. Nothing is allocated a stretch: one buffer takes every read (an open record is moved to its
// front before the next), and one frame batch every step. A new buffer for each of the 40,000 records
// of a duplicate check at 10M users took the run's peak from 220 to 270 MB: the garbage is memory
// outside V8's heap, which it collects late.

/** Frame `i` of `frames`, a record wanted: its bytes are in `buf`, valid during the visit only. */
export type StretchVisit = (buf: Uint8Array, frames: FrameBatch, firstRecord: number, i: number, base: number, lineBase: number) => void;

const readBytes = 32 * 1024;
const stepBytes = 8 * 1024;
/** A buffer grown past this for a long record is let go after its stretch. */
const keptBytes = 1 << 20;
/** How long reading may keep the thread (a screen's) before it lets others run. */
const turnMs = 8;

export class StretchReader {
	private bytes = new Uint8Array(readBytes);
	private readonly out = new FrameBatch();
	private turn = performance.now();

	constructor(
		private readonly fd: number,
		private readonly format: InputFormat,
	) {}

	/** Visits the records of `wanted` from the checkpoint's record up to `last` (inclusive). */
	async read(checkpoint: Checkpoint, last: number, wanted: ReadonlySet<number>, visit: StretchVisit): Promise<void> {
		try {
			await this.stretch(checkpoint, last, wanted, visit);
		} finally {
			if (this.bytes.length > keptBytes) this.bytes = new Uint8Array(readBytes);
		}
	}

	private async stretch(checkpoint: Checkpoint, last: number, wanted: ReadonlySet<number>, visit: StretchVisit): Promise<void> {
		const {framer, lineBase, from} = framerAt(this.format, checkpoint);
		const {out} = this;
		let bytes = this.bytes;
		let base = from; // the file offset of bytes[0]
		let filled = 0; // bytes[0, filled) hold the file from `base` on
		let start = 0; // the first byte still needed: the open record's
		let scanned = 0; // the framer has seen bytes[start, scanned)
		const emit = (end: number) => {
			for (let i = 0; i < out.count; i++) {
				const record = checkpoint.record + (framer.recordCount - out.count) + i;
				if (wanted.has(record)) visit(bytes.subarray(start, end), out, record - i, i, base + start, lineBase);
			}
		};

		for (;;) {
			await this.letOthersRun();
			if (scanned === filled) {
				if (start > 0) {
					bytes.copyWithin(0, start, filled);
					base += start;
					filled -= start;
					scanned -= start;
					start = 0;
				}

				if (filled === bytes.length) {
					const larger = new Uint8Array(bytes.length * 2);
					larger.set(bytes);
					bytes = larger;
					this.bytes = larger;
				}

				const read = readSync(this.fd, bytes, filled, bytes.length - filled, base + filled);
				if (read === 0) break;
				filled += read;
			}

			const end = Math.min(filled, scanned + stepBytes);
			out.count = 0;
			const open = framer.scan(bytes.subarray(start, end), scanned - start, base + start, out);
			emit(end);
			if (checkpoint.record + framer.recordCount > last || framer.fatal) return;
			scanned = end;
			start = open >= 0 ? start + open : end;
		}

		await this.letOthersRun();
		// The file ends here (or was cut short): what the framer makes of the rest
		out.count = 0;
		framer.finish(bytes.subarray(start, filled), base + start, out);
		emit(filled);
	}

	private async letOthersRun(): Promise<void> {
		if (performance.now() - this.turn < turnMs) return;
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		this.turn = performance.now();
	}
}
