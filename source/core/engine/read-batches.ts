import {closeSync} from 'node:fs';
import {type InputStream, openInputStream} from '../files/input-stream.js';
import {openPositional, positionalReads, withCarry} from '../files/positional-reads.js';
import {concat} from '../typed-arrays.js';
import {type InputFormat, type Origin, detectFormat, isJsonSpace, mayEndInBom, startsWithBom} from '../framing/detect-format.js';
import {findWrappedArray} from '../framing/wrapped-array.js';
import {type Fatal, type Framer, FrameBatch} from '../framing/frame-types.js';
import {JsonArrayFramer} from '../framing/json-array-framer.js';
import {NdjsonFramer} from '../framing/ndjson-framer.js';
import type {Batch} from './batch-types.js';

export type SourceHeader = {
	format: InputFormat;
	compressed: boolean;
	/** Size of the file on disk (0 from a pipe or FIFO until its end). */
	bytes: number;
	/** Whether records can be read again by position (a regular file; not a pipe or FIFO). */
	seekable: boolean;
	bom: boolean;
};

export type ReadHandlers = {
	header(header: SourceHeader): void;
	/** May return a promise to hold reading back until a checker is free. */
	batch(batch: Batch): void | Promise<void>;
	/** Bytes of the file on disk consumed so far. */
	progress(bytesRead: number): void;
};

export type ReadOutcome = {
	records: number;
	fatal?: Fatal;
	/** Bytes of content read (after gunzip). */
	contentBytes?: number;
	/** Where something other than white space follows the array, which Hanko ignores. */
	trailing?: {offset: number; line: number; column: number};
};

export type ReadOptions = {
	/** The records are the array under this key of a top-level object (Firebase's `{"users": [...]}`). */
	arrayKey?: string;
	/**
	 * A buffer of a batch done with, for a read of a regular file to fill again (see positionalReads):
	 * the reader gets them back from the checkers.
	 */
	spareBuffer?: () => ArrayBuffer | undefined;
	/** Bytes of a batch (1 MB; small in tests, for many batches and records across them). */
	batchBytes?: number;
};

// Measured at 1M users, paired: 1 MB batches took 4 to 7% less time than 256 kB, and 2 MB no less
// than 1 MB. The peak is the same since batch buffers go back to the reader to be read into again
// (before, 1 MB batches left more garbage alive per checker: about 280 MB against 225 MB)
export const defaultBatchBytes = 1024 * 1024;
/**
 * For readers that hold the records of several batches at once, as objects (convert, the users of a
 * file that verify and preflight look up): their peak grows with the batch, and they read in 256 kB.
 */
export const smallBatchBytes = 256 * 1024;
// A stream (gzip, a pipe) is read a megabyte at a time and dealt out in batches of batchBytes: each
// read wakes a thread of libuv's pool, and its stream's round of events, four times fewer than a read
// a batch. A regular file is read by position instead, a batch at a time (see positional-reads.ts)
const readBytes = 1 << 20;
/** A record may not grow past this: beyond it a quote or bracket is surely not closed. */
export const maxRecordBytes = 16 << 20; // Real users take a few kB; the carry is copied on every chunk while it grows

/** A one-line reason for a failed open or read, without the stack. */
export function describeIoError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	switch (code) {
		case 'ENOENT': {
			return 'no such file';
		}

		case 'EACCES':
		case 'EPERM': {
			return 'permission denied';
		}

		case 'EISDIR': {
			return 'is a directory, not a file';
		}

		case 'Z_DATA_ERROR':
		case 'Z_BUF_ERROR': {
			return 'the gzip data is corrupt or truncated';
		}

		default: {
			return error instanceof Error ? error.message.split('\n')[0]! : String(error);
		}
	}
}

/** A copy that owns its memory (Buffer#slice would share it, and the batch buffer is transferred). */
export function copyOf(bytes: Uint8Array): Uint8Array {
	const copy = new Uint8Array(bytes.length);
	copy.set(bytes);
	return copy;
}

/** The file to read, as pieces of bytes in order. */
type Input = {
	size: number;
	compressed: boolean;
	seekable: boolean;
	/** Bytes of the file on disk consumed so far. */
	bytesRead(): number;
	pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
	/** Ends the reading early (and closes the file). */
	stop(): void;
	/** Bytes of a batch. */
	batchBytes: number;
};

/** A regular file read by position, a batch at a time (see positional-reads.ts); any other streamed, a megabyte at a time. */
async function openInput(path: string, batchBytes: number, spare: ReadOptions['spareBuffer']): Promise<Input> {
	const plain = await openPositional(path);
	if (plain) {
		const progress = {bytes: 0};
		let closed = false;
		const stop = () => {
			if (closed) return;
			closed = true;
			closeSync(plain.fd);
		};

		// The event loop turns every few reads: the coordinator's word of merged batches comes in by it
		async function* pieces(): AsyncGenerator<Uint8Array> {
			try {
				let reads = 0;
				for (const piece of positionalReads(plain!, batchBytes, progress, spare)) {
					yield piece;
					if (++reads % 4 === 0)
						await new Promise(resolve => {
							setImmediate(resolve);
						});
				}
			} finally {
				stop();
			}
		}

		return {size: plain.size, compressed: false, seekable: true, bytesRead: () => progress.bytes, pieces: pieces(), stop, batchBytes};
	}

	// Streamed batches are copies, gathered from gunzip's 64 kB pieces: they stay at 256 kB, as the
	// gathering copies more the larger they are (1 MB: the peak of a 50 MB gzip 185 → 227 MB)
	const input: InputStream = await openInputStream(path, readBytes);
	return {
		...input,
		pieces: input.stream as AsyncIterable<Uint8Array>,
		stop: () => input.stream.destroy(),
		batchBytes: Math.min(batchBytes, smallBatchBytes),
	};
}

/**
 * Reads the file once, frames its records and hands them out in batches of about a megabyte.
 * Records are numbered in file order; a batch owns its buffer (it may be transferred).
 */
export async function readBatches(path: string, handlers: ReadHandlers, options: ReadOptions = {}): Promise<ReadOutcome> {
	let input: Input;
	try {
		input = await openInput(path, options.batchBytes ?? defaultBatchBytes, options.spareBuffer);
	} catch (error) {
		return {records: 0, fatal: {offset: 0, line: 1, column: 1, message: `cannot read the file: ${describeIoError(error)}`}};
	}

	const {size, compressed, seekable, bytesRead, pieces, stop, batchBytes} = input;
	let framer: Framer | undefined;
	let seq = 0;
	let carry: Uint8Array = new Uint8Array(0);
	let carryBase = 0; // absolute offset of carry[0]
	let waiting: Uint8Array = new Uint8Array(0); // decompressed bytes gathered before a full chunk is scanned
	let position = 0; // absolute offset of the next byte to arrive
	let skip = 0; // the bytes of the first chunk before the records (a wrapper object's opening)

	// Before the format is known, a byte order mark and the whitespace after it are counted and let go
	// as they arrive (keeping them would rescan and copy them with every piece: quadratic), so the
	// kept bytes always end at `position` and the framer starts on the right line
	const leading: Origin = {offset: 0, line: 1, lineStart: 0, bomLength: -1};
	const dropLeading = (): boolean => {
		if (leading.bomLength < 0) {
			if (mayEndInBom(waiting)) return false;
			leading.bomLength = startsWithBom(waiting) ? 3 : 0;
			leading.lineStart = leading.bomLength;
		}

		let i = leading.offset === 0 ? leading.bomLength : 0;
		while (i < waiting.length && isJsonSpace(waiting[i]!)) {
			if (waiting[i] === 0x0a) {
				leading.line++;
				leading.lineStart = leading.offset + i + 1;
			}

			i++;
		}

		if (i > 0) {
			leading.offset += i;
			waiting = i === waiting.length ? new Uint8Array(0) : copyOf(waiting.subarray(i));
		}

		return waiting.length > 0;
	};

	const send = async (buf: Uint8Array, base: number, batch: FrameBatch) => {
		const notes = framer!.notes.splice(0);
		if (batch.count === 0 && notes.length === 0) return;
		const {count} = batch;
		await handlers.batch({
			seq: seq++,
			firstRecord: framer!.recordCount - count,
			base,
			buf,
			count,
			starts: batch.starts.slice(0, count),
			ends: batch.ends.slice(0, count),
			lines: batch.lines.slice(0, count),
			columns: batch.columns.slice(0, count),
			flags: batch.flags.slice(0, count),
			colons: batch.colons.slice(0, count),
			notes,
			joinable: framer instanceof JsonArrayFramer,
		});
	};

	/** `chunk` ends where the bytes read so far end (`position`). */
	const scan = async (chunk: Uint8Array) => {
		const start = position - chunk.length;
		// What comes before the records (the opening of a wrapper object) is passed over, not framed
		let at = skip;
		skip = 0;
		// A read that is one batch is handed on as it is: its buffer may become the batch's (see withCarry)
		if (at === 0 && chunk.length <= batchBytes) await scanBatch(chunk, start);
		else for (; at < chunk.length; at += batchBytes) await scanBatch(chunk.subarray(at, at + batchBytes), start + at);
	};

	/** `chunk` starts at `offset` in the file. */
	const scanBatch = async (chunk: Uint8Array, offset: number) => {
		// A batch owns its buffer: its receiver may transfer it, which would take a whole read with it
		const buf = withCarry(carry, chunk);
		const base = carry.length > 0 ? carryBase : offset;
		const batch = new FrameBatch(1024);
		const open = framer!.scan(buf, carry.length, base, batch);
		if (open >= 0) {
			carry = copyOf(buf.subarray(open));
			carryBase = base + open;
		} else {
			carry = new Uint8Array(0);
			carryBase = base + buf.length;
		}

		await send(buf, base, batch);
		if (carry.length > maxRecordBytes) framer!.tooLong(carry, carryBase, `${maxRecordBytes >> 20} MB`);
	};

	try {
		for await (const piece of pieces) {
			position += piece.length;
			waiting = waiting.length > 0 ? concat(waiting, piece) : piece;
			if (!framer && options.arrayKey) {
				const wrapped = findWrappedArray(waiting, options.arrayKey, false);
				if (!wrapped) continue;
				if ('fatal' in wrapped) {
					stop();
					return {records: 0, fatal: wrapped.fatal};
				}

				framer = new JsonArrayFramer(wrapped.lineStart, {line: wrapped.line, closers: 1});
				skip = wrapped.offset;
				handlers.header({format: 'json-array', compressed, bytes: size, seekable, bom: waiting[0] === 0xef});
			}

			if (!framer) {
				if (!dropLeading()) {
					handlers.progress(bytesRead()); // Megabytes of whitespace show as progress too
					continue;
				}

				const detected = detectFormat(waiting, false, leading);
				if (!detected) continue;
				if ('fatal' in detected) {
					stop();
					handlers.progress(bytesRead());
					return {records: 0, fatal: detected.fatal};
				}

				const made =
					detected.format === 'json-array' ? new JsonArrayFramer(leading.lineStart) : new NdjsonFramer(leading.lineStart);
				framer = made.startAt(leading.line, leading.lineStart);
				handlers.header({format: detected.format, compressed, bytes: size, seekable, bom: detected.bomLength > 0});
			}

			if (waiting.length < batchBytes && compressed) continue; // gunzip gives 64 kB at a time
			const chunk = waiting;
			waiting = new Uint8Array(0);
			await scan(chunk);
			handlers.progress(bytesRead());
			if (framer.fatal) {
				stop();
				return {records: framer.recordCount, fatal: framer.fatal};
			}
		}
	} catch (error) {
		// What gunzip gave before its fault is still the file's: its complete records count, and the
		// framer's line then is where the decompressed text stopped (the open record's line)
		if (framer && !framer.fatal && waiting.length > 0) {
			const chunk = waiting;
			waiting = new Uint8Array(0);
			await scan(chunk);
		}

		if (framer?.fatal) return {records: framer.recordCount, fatal: framer.fatal};
		return {
			records: framer?.recordCount ?? 0,
			fatal: {
				offset: position,
				line: framer?.lineNumber ?? leading.line,
				column: 1,
				message: `cannot read the file: ${describeIoError(error)}`,
			},
		};
	}

	if (!framer && options.arrayKey) {
		const wrapped = findWrappedArray(waiting, options.arrayKey, true);
		return {
			records: 0,
			fatal: wrapped && 'fatal' in wrapped ? wrapped.fatal : {offset: 0, line: 1, column: 1, message: 'the file is empty'},
		};
	}

	if (!framer) {
		if (leading.bomLength < 0) leading.bomLength = startsWithBom(waiting) ? 3 : 0;
		dropLeading();
		handlers.progress(bytesRead());
		const detected = detectFormat(waiting, true, leading);
		const fatal = detected && 'fatal' in detected ? detected.fatal : {offset: 0, line: 1, column: 1, message: 'the file is empty'};
		return {records: 0, fatal};
	}

	if (waiting.length > 0) await scan(waiting);
	const last = new FrameBatch();
	framer.finish(carry, carryBase, last);
	await send(carry, carryBase, last);
	handlers.progress(seekable ? size : bytesRead());
	const trailing = framer instanceof JsonArrayFramer ? framer.trailing : undefined;
	return {records: framer.recordCount, fatal: framer.fatal, contentBytes: position, trailing};
}
