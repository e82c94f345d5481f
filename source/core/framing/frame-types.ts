import {resized} from '../typed-arrays.js';

/** Where reading stopped for good: the structure of the file is lost from here on. */
export type Fatal = {
	readonly offset: number;
	readonly line: number;
	readonly column: number;
	readonly message: string;
};

/** A syntax fault between records, charged to the record it names. */
export type FramingNote = {
	readonly record: number;
	readonly line: number;
	readonly column: number;
	readonly message: string;
};

/** A FrameBatch's arrays and count as plain data: what travels between threads. */
export type FrameArrays = Pick<FrameBatch, 'count' | 'starts' | 'ends' | 'lines' | 'columns' | 'flags' | 'colons'>;

/** Per-record flags the framer sets while scanning. */
export const recordHasHighBytes = 1;

/**
 * Records found in one buffer. Offsets are local to the buffer; `base` is the absolute offset of its
 * first byte in the (decompressed) input. Arrays are filled up to `count`.
 */
export class FrameBatch {
	count = 0;
	starts: Int32Array;
	ends: Int32Array;
	lines: Int32Array;
	columns: Int32Array;
	flags: Uint8Array;
	/** Colons outside strings: one per object member of a valid record, for telling repeated keys (-1: not counted). */
	colons: Int32Array;

	constructor(capacity = 256) {
		this.starts = new Int32Array(capacity);
		this.ends = new Int32Array(capacity);
		this.lines = new Int32Array(capacity);
		this.columns = new Int32Array(capacity);
		this.flags = new Uint8Array(capacity);
		this.colons = new Int32Array(capacity);
	}

	push(start: number, end: number, line: number, column: number, flags: number, colons = -1): void {
		if (this.count === this.starts.length) this.grow();
		const i = this.count++;
		this.starts[i] = start;
		this.ends[i] = end;
		this.lines[i] = line;
		this.columns[i] = column;
		this.flags[i] = flags;
		this.colons[i] = colons;
	}

	private grow(): void {
		const size = this.starts.length * 2;
		this.starts = resized(this.starts, size);
		this.ends = resized(this.ends, size);
		this.lines = resized(this.lines, size);
		this.columns = resized(this.columns, size);
		this.flags = resized(this.flags, size);
		this.colons = resized(this.colons, size);
	}
}

/** The common face of the JSON-array and NDJSON framers. */
export type Framer = {
	/** Records completed so far (their global indexes are 0..recordCount-1). */
	readonly recordCount: number;
	/** The line the scan has reached (1-based). */
	readonly lineNumber: number;
	readonly fatal: Fatal | undefined;
	readonly notes: FramingNote[];
	/**
	 * Scan `buf` from `from` (earlier bytes were scanned by an earlier call and are kept only because
	 * a record started there). `base` is the absolute offset of buf[0]. Completed records go to `out`.
	 * Returns the local offset where the unfinished record starts, or -1 if none is open.
	 */
	scan(buf: Uint8Array, from: number, base: number, out: FrameBatch): number;
	/** End of input: completes a last record if allowed, sets `fatal` when the structure is unfinished. */
	finish(buf: Uint8Array, base: number, out: FrameBatch): void;
	/**
	 * The open record (starting at buf[0], absolute offset `base`) has grown past what may be held in
	 * memory: stop with a fatal error that says where it starts and, if found, its first fault.
	 */
	tooLong(buf: Uint8Array, base: number, limit: string): void;
};
