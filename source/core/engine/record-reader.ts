import {createReadStream} from 'node:fs';
import {open} from 'node:fs/promises';
import {FrameBatch} from '../framing/frame-types.js';
import {decodeGoUtf8} from '../go/go-utf8.js';
import {checkpointEvery} from './batch-types.js';
import {sourcePath} from '../files/input-stream.js';
import {type SourceStamp, unchangedSince} from '../files/source-stamp.js';
import type {SourceHeader} from './read-batches.js';
import {concat} from '../typed-arrays.js';
import {type Checkpoint, type Segment, framerAt, gunzipped, readingStart} from './framed-pieces.js';
import {StretchReader} from './stretch-reader.js';
import {type PassStats, type PieceOptions, visitPieces} from './visit-pieces.js';

/** Visits each record of a piece in turn. */
function visitEach(keep: (record: RecordText) => void): PieceVisit {
	return piece => {
		for (let i = piece.from; i < piece.to; i++) keep(piece.record(i));
	};
}

/** A record read again from the file: its exact text and where it starts. */
export type RecordText = {
	index: number;
	offset: number;
	line: number;
	column: number;
	/** The record's bytes, valid during the visit; copied by whoever keeps them. */
	bytes: Uint8Array;
	text: string;
};

/**
 * Decodes its text only when asked: a pass that copies most records as bytes decodes only the few it
 * changes. Decoded as the checker decodes it (as Go does): each byte that is not UTF-8 is one U+FFFD,
 * where the WHATWG decoder gives one for a whole cut sequence. Values read again then compare as the
 * checker saw them (two usernames that differ only in such bytes can be the same to Hanko).
 */
class RecordSlice implements RecordText {
	#text: string | undefined;
	constructor(
		readonly index: number,
		readonly offset: number,
		readonly line: number,
		readonly column: number,
		readonly bytes: Uint8Array,
	) {}

	get text(): string {
		this.#text ??= decodeGoUtf8(this.bytes, 0, this.bytes.length).text;
		return this.#text;
	}
}

/**
 * A piece of the file as read, and the records framed in it (`frames`, positions in `buf`): a pass
 * over every record can copy runs of them without a call or an object a record.
 */
export class FramedPiece {
	constructor(
		/** The bytes, valid during the visit; copied by whoever keeps them. */
		readonly buf: Uint8Array,
		readonly frames: FrameBatch,
		/** The index of the record of `frames` 0. */
		readonly firstRecord: number,
		/** The frames to visit: [from, to). */
		readonly from: number,
		readonly to: number,
		private readonly base: number,
		private readonly lineBase: number,
		/**
		 * `buf` is the records [from, to), whole groups of them, each followed by `,\n  ` but the last: one
		 * stretch to copy as it is (see PieceOptions.joinedGroups). `frames` is empty then.
		 */
		readonly joined = false,
	) {}

	/** Frame `i` as a record read again. */
	record(i: number): RecordText {
		const {frames} = this;
		return new RecordSlice(
			this.firstRecord + i,
			this.base + frames.starts[i]!,
			this.lineBase + frames.lines[i]!,
			frames.columns[i]!,
			this.buf.subarray(frames.starts[i]!, frames.ends[i]!),
		);
	}
}

type PieceVisit = (piece: FramedPiece) => void | Promise<void>;

/**
 * Reads records again by index, using the positions the validation run kept for every
 * `checkpointEvery`-th record: a plain file is read from the nearest checkpoint on; a gzip file is
 * decompressed from its start (one pass for any number of records).
 */
export class RecordReader {
	constructor(
		private readonly file: string,
		private readonly header: SourceHeader,
		/** Flattened [record, offset, line, column], in record order. */
		private readonly checkpoints: readonly number[],
		/** The file as it was when they were taken: groups are copied joined only from that file, unchanged. */
		private readonly stamp?: SourceStamp,
	) {}

	/**
	 * Whether reading a few records is quick. A gzip file can only be read from its start: past a few
	 * megabytes, views should not read records on every scroll.
	 */
	get quick(): boolean {
		return !this.header.compressed || this.header.bytes <= 20e6;
	}

	async read(index: number): Promise<RecordText | undefined> {
		return (await this.readMany([index])).get(index);
	}

	async readMany(indexes: readonly number[]): Promise<Map<number, RecordText>> {
		const found = new Map<number, RecordText>();
		await this.each(indexes, record => {
			// A copy of its bytes: a view would keep the whole piece it was read in (32 kB or more a
			// record: 700 MB for the 20,000 records of a duplicate check at 10M users)
			// (new Uint8Array copies a Buffer too, whose slice() is a view)
			found.set(record.index, new RecordSlice(record.index, record.offset, record.line, record.column, new Uint8Array(record.bytes)));
		});
		return found;
	}

	/** Calls `keep` with each of the records, in record order, keeping none of them. */
	async each(indexes: readonly number[], keep: (record: RecordText) => void): Promise<void> {
		const wanted = [...new Set(indexes)].sort((a, b) => a - b);
		if (wanted.length === 0) return;
		if (this.header.compressed) {
			// A gzip file can only be read from its start: one pass for all
			await this.stream(this.checkpointFor(wanted[0]!), wanted.at(-1)!, new Set(wanted), visitEach(keep));
			return;
		}

		// A plain file is read from the checkpoint before each group of wanted records, through one handle
		const groups: number[][] = [];
		for (const index of wanted) {
			const group = groups.at(-1);
			if (group && this.checkpointFor(group[0]!).record === this.checkpointFor(index).record) group.push(index);
			else groups.push([index]);
		}

		const handle = await open(sourcePath(this.file), 'r');
		try {
			const stretches = new StretchReader(handle.fd, this.header.format);
			for (const group of groups) {
				await stretches.read(
					this.checkpointFor(group[0]!),
					group.at(-1)!,
					new Set(group),
					(buf, frames, firstRecord, i, base, lineBase) => {
						keep(new FramedPiece(buf, frames, firstRecord, i, i + 1, base, lineBase).record(i));
					},
				);
			}
		} finally {
			await handle.close();
		}
	}

	private checkpointFor(index: number): Checkpoint {
		const slot = Math.min(Math.floor(index / checkpointEvery), this.checkpoints.length / 4 - 1);
		return this.checkpointAt(Math.max(0, slot) * 4);
	}

	/** The checkpoint whose record is at `at` in the flattened list. */
	private checkpointAt(at: number): Checkpoint {
		return {
			record: this.checkpoints[at]!,
			offset: this.checkpoints[at + 1]!,
			line: this.checkpoints[at + 2]!,
			column: this.checkpoints[at + 3]!,
		};
	}

	/**
	 * Calls `visit` with every record from `first` to `last` (inclusive) in order, in one pass. When
	 * `visit` returns a promise (a writer waiting for its disk), reading waits for it.
	 */
	async forEach(first: number, last: number, visit: (record: RecordText) => void | Promise<void>): Promise<void> {
		await this.forEachPiece(first, last, async piece => {
			for (let i = piece.from; i < piece.to; i++) {
				const waiting = visit(piece.record(i));
				if (waiting instanceof Promise) await waiting;
			}
		});
	}

	/**
	 * The records from `first` to `last` (inclusive) in order, in one pass, a piece of the file at a
	 * time, read and framed by a worker thread while this one visits (framing is about half of a pass
	 * that copies most records as bytes). When `visit` returns a promise, the next piece waits for it;
	 * the reader keeps at most a few pieces ahead. A piece's buffer goes back to the reader after its
	 * visit: its bytes are copied by whoever keeps them.
	 */
	async forEachPiece(first: number, last: number, visit: PieceVisit, options: PieceOptions = {}): Promise<PassStats> {
		const pieceBytes = options.pieceBytes ?? 1 << 20;
		const {format, compressed} = this.header;
		return visitPieces(
			{path: sourcePath(this.file), format, compressed, pieceBytes},
			// Decided once the file is open: the groups come joined only if it is the one checked, unchanged
			opened =>
				this.segments(first, last, pieceBytes, opened && unchangedSince(this.stamp, opened) ? options.joinedGroups : undefined),
			({buf, frames, firstRecord, from, to, base, lineBase, joined}) =>
				visit(new FramedPiece(buf, frames, firstRecord, from, to, base, lineBase, joined)),
			options,
		);
	}

	/**
	 * The records from `first` to `last` in stretches that start at checkpoints: runs of the groups that
	 * `joined` allows, as joined segments of up to about `bytes`, and the records between them in
	 * stretches of about `bytes` to frame, each on its own.
	 */
	private segments(first: number, last: number, bytes: number, joined?: (group: number) => boolean): Segment[] {
		if (!joined || this.header.compressed || this.header.format !== 'json-array') return this.framedSegments(first, last, bytes);
		const segments: Segment[] = [];
		const groups = this.checkpoints.length / 4;
		let from = first;
		// A group whose records are all wanted, with a checkpoint after it, of no more than a few pieces
		const whole = (group: number) =>
			group * checkpointEvery >= first &&
			(group + 1) * checkpointEvery - 1 <= last &&
			group + 1 < groups &&
			this.checkpoints[(group + 1) * 4] === (group + 1) * checkpointEvery &&
			this.checkpoints[(group + 1) * 4 + 1]! - this.checkpoints[group * 4 + 1]! <= 4 * bytes &&
			joined(group);
		for (let group = Math.ceil(first / checkpointEvery); (group + 1) * checkpointEvery - 1 <= last;) {
			if (!whole(group)) {
				group++;
				continue;
			}

			const start = this.checkpointAt(group * 4);
			if (from < start.record) segments.push(...this.framedSegments(from, start.record - 1, bytes, start.offset));
			let end = group + 1;
			while (whole(end) && this.checkpoints[(end + 1) * 4 + 1]! - start.offset <= bytes) end++;
			segments.push({
				checkpoint: start,
				first: start.record,
				last: end * checkpointEvery - 1,
				until: this.checkpoints[end * 4 + 1]!,
				joined: true,
			});
			from = end * checkpointEvery;
			group = end;
		}

		if (from <= last) segments.push(...this.framedSegments(from, last, bytes));
		return segments;
	}

	/**
	 * The records from `first` to `last` in stretches of about `bytes` that start at checkpoints, so
	 * that each can be framed on its own. A gzip file is one: it can only be read from its start.
	 * `nextStart`: where the record after `last` starts, when known (a plain JSON array).
	 */
	private framedSegments(first: number, last: number, bytes: number, nextStart?: number): Segment[] {
		let start = this.checkpointFor(first);
		if (this.header.compressed) return [{checkpoint: start, first, last}];
		const segments: Segment[] = [];
		let from = first;
		const {checkpoints} = this;
		for (let at = (Math.floor(first / checkpointEvery) + 1) * 4; at < checkpoints.length && checkpoints[at]! <= last; at += 4) {
			const checkpoint = this.checkpointAt(at);
			if (checkpoint.record <= from || checkpoint.offset - start.offset < bytes) continue;
			// An NDJSON record is framed from the start of its line: the segment before ends there
			const until = readingStart(this.header.format, checkpoint);
			segments.push({checkpoint: start, first: from, last: checkpoint.record - 1, until});
			start = checkpoint;
			from = checkpoint.record;
		}

		segments.push({checkpoint: start, first: from, last, ...(nextStart !== undefined && {until: nextStart})});
		return segments;
	}

	/**
	 * Reads sequentially from the checkpoint (decompressing from the start of the file if need be), and
	 * visits each wanted record: a few records of a gzip file (full passes go through `forEachPiece`,
	 * framed in a worker; a few records of a plain file through a StretchReader).
	 */
	private async stream(checkpoint: Checkpoint, last: number, wanted: ReadonlySet<number>, visit: PieceVisit): Promise<void> {
		const {framer, lineBase, from} = framerAt(this.header.format, checkpoint);
		// In pieces large enough that a piece's cost is not paid a few records at a time
		const file = createReadStream(sourcePath(this.file), {start: this.header.compressed ? 0 : from, highWaterMark: 1 << 20});
		const stream = this.header.compressed ? gunzipped(file) : file;
		let position = this.header.compressed ? 0 : from;
		let carry = new Uint8Array(0);
		let carryBase = from;
		const emit = async (out: FrameBatch, buf: Uint8Array, firstRecord: number) => {
			for (let i = 0; i < out.count; i++) {
				if (!wanted.has(firstRecord + i)) continue;
				const waiting = visit(new FramedPiece(buf, out, firstRecord, i, i + 1, carryBase, lineBase));
				if (waiting instanceof Promise) await waiting;
			}
		};

		// One batch for every piece, emptied before each: its arrays grow to the records of a piece once
		const out = new FrameBatch();
		try {
			for await (const piece of stream as AsyncIterable<Uint8Array>) {
				const pieceStart = position;
				position += piece.length;
				if (position <= from) continue;
				const usable = piece.subarray(Math.max(0, from - pieceStart));
				const buf = carry.length === 0 ? usable : concat(carry, usable);
				out.count = 0;
				const before = framer.recordCount;
				const open = framer.scan(buf, carry.length, carryBase, out);
				await emit(out, buf, checkpoint.record + before);
				if (checkpoint.record + framer.recordCount > last || framer.fatal) return;
				const keep = open >= 0 ? open : buf.length;
				carry = buf.slice(keep);
				carryBase += keep;
			}

			out.count = 0;
			const before = framer.recordCount;
			framer.finish(carry, carryBase, out);
			await emit(out, carry, checkpoint.record + before);
		} finally {
			if ('destroy' in stream) stream.destroy();
			file.destroy();
		}
	}
}
