import {closeSync, openSync, readSync} from 'node:fs';
import {FrameBatch} from '../framing/frame-types.js';
import {type Allocate, type Segment, type SourceFile, framerAt} from './framed-pieces.js';

// When `fix` copies the groups of records it has nothing to change as stretches of bytes (joined
// segments), the records it must frame between them come as short segments, a group or two each. A
// message, a buffer and a read for each took longer than the framing they saved (measured at 1M users:
// 7,760 pieces, the pass 10 to 20% slower than framing everything). Consecutive short segments are read
// as one stretch into one buffer instead, and sent together.

/**
 * A segment's records in a stretch. Joined: the bytes [start, end) of the stretch's buffer. Framed:
 * the stretch's frames [from, to), record `firstRecord + i` being frame i.
 */
export type StretchPart = {joined: boolean; start: number; end: number; firstRecord: number; from: number; to: number; lineBase: number};

/**
 * The bytes of consecutive segments (`buf`, from `base` in the file), the frames of all that are
 * framed (positions in `buf`: one set of arrays, not one a segment), and for each segment its part
 * (none when its records are not where they were).
 */
export type Stretch = {buf: Uint8Array; base: number; frames: FrameBatch; parts: Array<StretchPart | undefined>};

/** The separator between two records of a joined segment (see joined-groups.ts). */
const joint = Uint8Array.of(0x2c, 0x0a, 0x20, 0x20);

/** Where a segment's bytes start (a JSON array's record starts at its checkpoint). */
const startOf = (segment: Segment) => segment.checkpoint.offset;

/**
 * How many segments from `at` on make one stretch of at most `bytes`: segments of a plain JSON array
 * that end where the next record starts, each starting where the one before ends. A joined segment
 * may be a stretch alone, however long (the plan keeps them to a few pieces). 0 when the segment at
 * `at` is not one of these: it is framed a piece at a time.
 */
export function stretchLength(file: SourceFile, segments: readonly Segment[], at: number, bytes: number): number {
	if (file.compressed || file.format !== 'json-array') return 0;
	const first = segments[at]!;
	let end = first.until;
	if (end === undefined || (!first.joined && end - startOf(first) > bytes)) return 0;
	let count = 1;
	for (let next = segments[at + count]; next?.until !== undefined && startOf(next) === end; next = segments[at + count]) {
		if (next.until - startOf(first) > bytes) break;
		end = next.until;
		count++;
	}

	return count;
}

/**
 * Reads the segments (see stretchLength) at once, one byte past the last (what ends a record before
 * it when nothing else does, as when the file was checked), and frames each that is not joined. A
 * joined segment's piece is its records' bytes, checked to start with an object and to end with one
 * closed right before the separator at `until`.
 */
export function readStretch(file: SourceFile, segments: readonly Segment[], allocate: Allocate): Stretch {
	const from = startOf(segments[0]!);
	const buf = allocate(segments.at(-1)!.until! + 1 - from);
	const fd = file.fd ?? openSync(file.path, 'r');
	let read = 0;
	try {
		while (read < buf.length) {
			const got = readSync(fd, buf, read, buf.length - read, from + read);
			if (got === 0) break;
			read += got;
		}
	} finally {
		if (file.fd === undefined) closeSync(fd);
	}

	const frames = new FrameBatch(Math.max(16, segments.at(-1)!.last - segments[0]!.first + 2));
	const parts = segments.map(segment => {
		const start = startOf(segment) - from;
		const end = segment.until! - from;
		// The file is shorter than it was: the caller finds the segment's records missing
		if (end + 1 > read) return undefined;
		return segment.joined ? joinedPart(buf, segment, start, end) : framedPart(file, buf.subarray(0, end + 1), from, segment, frames);
	});
	return {buf, base: from, frames, parts};
}

function joinedPart(buf: Uint8Array, segment: Segment, start: number, end: number): StretchPart | undefined {
	const separated = joint.every((byte, i) => buf[end - 4 + i] === byte);
	// Its records are users without a problem: objects
	if (buf[start] !== 0x7b || buf[end - 5] !== 0x7d || !separated) return undefined;
	const {first, last, checkpoint} = segment;
	return {joined: true, start, end: end - 4, firstRecord: first, from: 0, to: last - first + 1, lineBase: checkpoint.line - 1};
}

/** Frames a segment, whose bytes `bytes` end one byte past, into `frames` after those already there. */
function framedPart(file: SourceFile, bytes: Uint8Array, base: number, segment: Segment, frames: FrameBatch): StretchPart {
	const {checkpoint, first, last} = segment;
	const {framer, lineBase} = framerAt(file.format, checkpoint);
	const before = frames.count;
	const start = checkpoint.offset - base;
	framer.scan(bytes, start, base, frames);
	const firstRecord = checkpoint.record - before;
	const from = before + Math.max(0, first - checkpoint.record);
	const to = Math.min(frames.count, last - firstRecord + 1);
	return {joined: false, start, end: bytes.length, firstRecord, from, to: Math.max(from, to), lineBase};
}
