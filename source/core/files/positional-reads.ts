import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {stat} from 'node:fs/promises';
import {isGzip} from '../framing/detect-format.js';
import {concat} from '../typed-arrays.js';
import {sourcePath} from './input-stream.js';

// A regular file that is not gzip is read by position, synchronously, on the thread that frames it:
// each read of a stream went through libuv's thread pool and a round of stream events, and every byte
// was then copied again into a batch of its own (a third of the reader thread's time at 1M users, with
// the framing's). A read here goes into a buffer of its own with room before it, where the record
// left open by the read before is put: the batch is then that buffer, copied no further.

/** A regular file open for reads by position. */
export type PositionalFile = {fd: number; size: number};

/** Room before each read for the open record of the read before (a longer one is joined by a copy). */
export const headroom = 64 * 1024;

/** The reads made here, with `headroom` free bytes before them in a buffer of their own. */
const reads = new WeakSet<Uint8Array>();

/**
 * `path` open for reads by position when it is a regular file whose content is not gzip; otherwise
 * (a pipe, a FIFO, a terminal, a gzip file, or one that cannot be opened) undefined: it is streamed,
 * and the stream's opening says why it cannot be read. Looked at before it is opened: opening a FIFO
 * waits for a writer, and a second opening of one could lose what it gets.
 */
export async function openPositional(path: string): Promise<PositionalFile | undefined> {
	try {
		if (!(await stat(sourcePath(path))).isFile()) return undefined;
	} catch {
		return undefined;
	}

	let fd: number;
	try {
		fd = openSync(sourcePath(path), 'r');
	} catch {
		return undefined;
	}

	try {
		const found = fstatSync(fd);
		const head = new Uint8Array(2);
		const length = found.isFile() ? readSync(fd, head, 0, 2, 0) : 0;
		if (found.isFile() && !isGzip(head.subarray(0, length))) return {fd, size: found.size};
	} catch {}

	closeSync(fd);
	return undefined;
}

/** The bytes of the buffer of a read of `size` bytes: a buffer given back for another read must be as long. */
export const readBufferBytes = (size: number) => headroom + size;

/**
 * The file from its start, `size` bytes a read, each read in a buffer of its own (see `withCarry`):
 * one that `spare` gives back (of readBufferBytes(size)), else a new one. Memory used before costs
 * less than new memory, which the system hands over a page at a time as the read fills it.
 */
export function* positionalReads(
	file: PositionalFile,
	size: number,
	progress: {bytes: number},
	spare: () => ArrayBuffer | undefined = () => undefined,
): Generator<Uint8Array> {
	for (;;) {
		const given = spare();
		const buffer = given?.byteLength === headroom + size ? given : new ArrayBuffer(headroom + size);
		const chunk = new Uint8Array(buffer, headroom, size);
		const read = readSync(file.fd, chunk, 0, size, progress.bytes);
		if (read === 0) return;
		progress.bytes += read;
		const piece = read === size ? chunk : chunk.subarray(0, read);
		reads.add(piece);
		yield piece;
	}
}

/**
 * `carry` then `chunk` in one array that owns its memory (it may be transferred): the carry put in the
 * room before a read made here, else both copied into a new array.
 */
export function withCarry(carry: Uint8Array, chunk: Uint8Array): Uint8Array {
	if (reads.has(chunk) && carry.length <= chunk.byteOffset) {
		const joined = new Uint8Array(chunk.buffer, chunk.byteOffset - carry.length, carry.length + chunk.length);
		joined.set(carry);
		return joined;
	}

	return concat(carry, chunk);
}
