import type {Fatal, FrameArrays, FramingNote} from '../framing/frame-types.js';
import type {RuleCode} from '../rules/catalogue.js';

/** Records framed by the reader, sent to a checker. Typed arrays are transferred, not copied. */
export type Batch = FrameArrays & {
	seq: number;
	firstRecord: number;
	/** Absolute offset of buf[0] in the (decompressed) input. */
	base: number;
	buf: Uint8Array;
	notes: FramingNote[];
	/** Whether the bytes from the first record to the last are array elements joined by commas. */
	joinable: boolean;
};

/** A problem as it travels from a checker to the coordinator: `record` is relative to the batch. */
export type WireProblem = {
	record: number;
	line: number;
	column: number;
	pointer: string;
	code: RuleCode;
	message: string;
};

// local record, kind | (email index << 2), hash a, hash b, record line, record column
export const keyStride = 6;

/** Every `checkpointEvery`-th record's position, so that any record can be read again cheaply. */
export const checkpointEvery = 64;

export type BatchResult = {
	seq: number;
	firstRecord: number;
	count: number;
	/** Where its first record starts in the input. */
	startOffset: number;
	/** Bytes of input this batch covers up to its last record (for progress). */
	endOffset: number;
	/** See looseSeparators in check-batch.ts. */
	looseSeparators: number[];
	problems: WireProblem[];
	keys: Uint32Array;
	keyCount: number;
	/** Flattened [record, offset, line, column] for records whose index is a multiple of checkpointEvery. */
	checkpoints: number[];
	notes: FramingNote[];
	/** Who the records with problems are (see record-who.ts), when asked for: batch-relative records and their values. */
	who?: {records: number[]; values: string[]};
	/** Set when a record could not be decoded (invalid UTF-8): nothing from this record on counts. */
	fatal?: Fatal & {record: number};
};

/**
 * Batches the reader may deal out ahead of the last one the coordinator merged: enough to keep every
 * checker (two batches each) and the reader busy, few enough that results never pile up unmerged.
 */
export function mergeWindow(checkers: number): number {
	return 4 * (checkers + 1);
}
