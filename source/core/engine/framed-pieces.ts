import {type ReadStream, closeSync, createReadStream, openSync, readSync} from 'node:fs';
import {type Gunzip, createGunzip} from 'node:zlib';
import type {InputFormat} from '../framing/detect-format.js';
import {type Framer, FrameBatch} from '../framing/frame-types.js';
import {JsonArrayFramer} from '../framing/json-array-framer.js';
import {NdjsonFramer} from '../framing/ndjson-framer.js';

/** Where a validation run saw a record start: reading again can begin there. */
export type Checkpoint = {record: number; offset: number; line: number; column: number};

/** A framer that continues at a checkpoint, as if it had read the file up to there. */
export function framerAt(format: InputFormat, checkpoint: Checkpoint): {framer: Framer; lineBase: number; from: number} {
	const from = readingStart(format, checkpoint);
	const lineBase = checkpoint.line - 1;
	if (format === 'ndjson') return {framer: new NdjsonFramer(from), lineBase, from};
	const framer = new JsonArrayFramer(from - (checkpoint.column - 1));
	framer.scan(Uint8Array.of(0x5b), 0, checkpoint.offset - 1, new FrameBatch(1)); // The array is open here
	return {framer, lineBase, from};
}

/** The offset (in the plain text) that reading from a checkpoint starts at. */
export function readingStart(format: InputFormat, checkpoint: Checkpoint): number {
	// NDJSON lines are read from their start (only spaces can come before a record there)
	return format === 'ndjson' ? checkpoint.offset - (checkpoint.column - 1) : checkpoint.offset;
}

/**
 * The decompressed stream of a file stream. `pipe` does not pass errors on: a file gone or unreadable
 * by now would be an uncaught error event instead of a rejection of the read.
 */
export function gunzipped(file: ReadStream, chunkSize?: number): Gunzip {
	const gunzip = createGunzip(chunkSize === undefined ? {} : {chunkSize});
	file.on('error', error => gunzip.destroy(error));
	return file.pipe(gunzip);
}

export type SourceFile = {
	path: string;
	/**
	 * The file, open for the whole pass (a plain file): each stretch is read through it, so that a pass
	 * reads one file, whatever its name points to meanwhile. Without it, each stretch opens the path.
	 */
	fd?: number;
	format: InputFormat;
	compressed: boolean;
	/** The size of a read (of decompressed bytes for a gzip file). */
	pieceBytes: number;
};

/** A stretch of the file that can be framed on its own: it starts at a checkpoint. */
export type Segment = {
	checkpoint: Checkpoint;
	/** The records wanted, inclusive: reading stops past `last`. */
	first: number;
	last: number;
	/**
	 * Where the record after `last` starts (its line, for NDJSON), when known: reading stops just past
	 * it, and the framer is not asked to finish the file. Plain files only.
	 */
	until?: number;
	/**
	 * The records are whole groups laid out as a fixed file lays them out (see joined-groups.ts), from
	 * the checkpoint to `until`, the start of the record after `last`: they come as one piece of their
	 * bytes, not framed. Plain JSON arrays only.
	 */
	joined?: boolean;
};

export type PieceSource = SourceFile & Segment;

/**
 * A piece of the file and the records framed in it. `buf` and the arrays of `frames` belong to the
 * piece alone (nothing else views their memory), so they can be handed to another thread as they are.
 */
export type OwnPiece = {
	buf: Uint8Array;
	frames: FrameBatch;
	/** The index of the record of `frames` 0. */
	firstRecord: number;
	/** The frames wanted: [from, to). */
	from: number;
	to: number;
	/** The offset of `buf` 0 in the (decompressed) file. */
	base: number;
	lineBase: number;
	/** `buf` is the records [from, to) of a joined segment, one after another with `,\n  ` between them; `frames` is empty. */
	joined?: boolean;
};

/** A buffer of `length` bytes for a piece: new, or one given back by the caller. */
export type Allocate = (length: number) => Uint8Array;

/**
 * A plain file from `from` on, in reads of `size` bytes, each into a new buffer after `carry` (the
 * open record of the previous piece): the read itself puts the bytes where the framer wants them.
 * With `until`, reading stops one byte past it: the first byte of the next record is what ends the
 * record before it when nothing else does (stray bytes between records, with no comma after them, are
 * a record that only the next one closes), as it did when the file was checked.
 */
function* plainReads(
	source: {path: string; fd?: number},
	from: number,
	size: number,
	until: number | undefined,
	allocate: Allocate,
): Generator<Uint8Array, void, Uint8Array> {
	const fd = source.fd ?? openSync(source.path, 'r');
	try {
		let position = from;
		let carry: Uint8Array = new Uint8Array(0);
		for (;;) {
			// A segment is read whole when it is not much longer than a piece
			const wanted = until === undefined ? size : Math.min(until + 1 - position, 2 * size);
			if (wanted <= 0) return;
			const buf = allocate(carry.length + wanted);
			buf.set(carry);
			const read = readSync(fd, buf, carry.length, wanted, position);
			if (read === 0) return;
			position += read;
			carry = yield buf.subarray(0, carry.length + read);
		}
	} finally {
		if (source.fd === undefined) closeSync(fd);
	}
}

/**
 * The records from `first` to `last` of a file, framed a piece at a time from a checkpoint (a gzip
 * file is decompressed from its start). Stops after the piece that holds `last`, at `until`, or where
 * framing finds the structure lost. Errors of reading (a file gone, a corrupt gzip) are thrown.
 */
export async function* framedPieces(
	source: PieceSource,
	allocate: Allocate = length => new Uint8Array(length),
	/** The records of the last piece framed, kept from segment to segment by the caller. */
	sizes = {records: 0},
): AsyncGenerator<OwnPiece> {
	const {checkpoint, first, last} = source;
	if (source.joined) throw new Error('a joined segment is read in a stretch (see stretch-pieces.ts)');
	const {framer, lineBase, from} = framerAt(source.format, checkpoint);
	let carry = new Uint8Array(0);
	let carryBase = from;
	// Each piece gets arrays of its own, as long as the last piece's: they go with it
	const framed = (buf: Uint8Array, scan: (out: FrameBatch) => void): OwnPiece => {
		const frames = new FrameBatch(Math.max(256, sizes.records + (sizes.records >> 3)));
		const before = framer.recordCount;
		scan(frames);
		sizes.records = frames.count;
		const firstRecord = checkpoint.record + before;
		const wantedFrom = Math.max(0, first - firstRecord);
		const wantedTo = Math.min(frames.count, last - firstRecord + 1);
		return {buf, frames, firstRecord, from: wantedFrom, to: Math.max(wantedFrom, wantedTo), base: carryBase, lineBase};
	};

	// Scans a piece that starts with the carry; what stays open is carried into the next one
	const scanned = (buf: Uint8Array): OwnPiece => {
		let open = -1;
		const piece = framed(buf, out => {
			open = framer.scan(buf, carry.length, carryBase, out);
		});
		const keep = open >= 0 ? open : buf.length;
		carry = buf.slice(keep);
		carryBase += keep;
		return piece;
	};

	const done = () => checkpoint.record + framer.recordCount > last || framer.fatal !== undefined;
	if (source.compressed) {
		const file = createReadStream(source.path, {highWaterMark: 1 << 20});
		const gunzip = gunzipped(file, source.pieceBytes);
		try {
			let position = 0;
			for await (const chunk of gunzip as AsyncIterable<Uint8Array>) {
				const chunkStart = position;
				position += chunk.length;
				if (position <= from) continue;
				const usable = chunk.subarray(Math.max(0, from - chunkStart));
				// Decompressed chunks share their memory: copied into a buffer of the piece's own
				const buf = allocate(carry.length + usable.length);
				buf.set(carry);
				buf.set(usable, carry.length);
				yield scanned(buf);
				if (done()) return;
			}
		} finally {
			gunzip.destroy();
			file.destroy();
		}
	} else {
		const reads = plainReads(source, from, source.pieceBytes, source.until, allocate);
		try {
			for (let read = reads.next(carry); !read.done; read = reads.next(carry)) {
				yield scanned(read.value);
				if (done()) return;
			}
		} finally {
			reads.return();
		}

		// The file goes on past the segment
		if (source.until !== undefined) return;
	}

	yield framed(carry, out => {
		framer.finish(carry, carryBase, out);
	});
}
