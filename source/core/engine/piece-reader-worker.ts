import {parentPort, receiveMessageOnPort, workerData} from 'node:worker_threads';
import type {FrameArrays, FrameBatch} from '../framing/frame-types.js';
import {type Segment, type SourceFile, framedPieces} from './framed-pieces.js';
import {type Stretch, readStretch, stretchLength} from './stretch-pieces.js';

// Reads and frames segments of a file again for a pass over all its records (fix's write pass), so
// that the thread that writes only copies and fixes: framing is about half of that pass. Several of
// these can share the segments of a plain file (every n-th each). Each piece goes to the caller with
// its memory (transferred, not copied); at most `window` buffers are on their way or being visited, so
// reading waits for a caller that waits for its disk, and memory stays flat. Short segments (the
// records `fix` must frame between the groups it copies as they are) go a stretch at a time.

export type PieceReaderData = SourceFile & {
	segments: Segment[];
	window: number;
	/** [0]: the pieces visited so far, on a SharedArrayBuffer. */
	visits: Int32Array;
};

/** What a reading error keeps across threads: a caller tells a file gone by its code and path. */
export type ErrorFields = {message: string; code?: string; errno?: number; syscall?: string; path?: string};

export type PieceMessage =
	| {
			type: 'piece';
			buf: Uint8Array;
			frames: FrameArrays;
			firstRecord: number;
			from: number;
			to: number;
			base: number;
			lineBase: number;
	  }
	/**
	 * Consecutive segments read at once (see stretch-pieces.ts): their pieces share `buf` and `frames`,
	 * and each segment is over after its part (none when its records were not found).
	 */
	| (Omit<Stretch, 'frames'> & {type: 'stretch'; frames: FrameArrays})
	/** Reading waits: `window` buffers are with the caller. */
	| {type: 'held'}
	/** The pieces of a segment have all been sent. */
	| {type: 'segment'}
	| {type: 'done'; mostAhead: number}
	| {type: 'error'; error: ErrorFields};

// Started ahead of its pass (see prestartPieceReader), a reader is told what to read by its first message
const data = (workerData ??
	(await new Promise(resolve => {
		parentPort!.once('message', resolve);
	}))) as PieceReaderData;
const post = (message: PieceMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

// The caller counts the pieces it has visited in shared memory: a message a piece cost the caller's
// thread half a millisecond each (measured: a quarter of a second over 1M records)
const {visits} = data;
const visited = () => Atomics.load(visits, 0);
// In Node since 16; the ES2023 lib of this project does not declare it
const {waitAsync} = Atomics as unknown as {
	waitAsync(array: Int32Array, index: number, value: number): {async: boolean; value: Promise<string> | string};
};

// The caller gives each piece's buffer back once visited: filled again, a few buffers serve the whole
// pass. A new buffer a piece, freed by the caller's collector whenever it ran, took 30 MB more at the
// peak of a fix of 1M users (measured), for no gain in time
const spare: ArrayBuffer[] = [];
function allocate(length: number): Uint8Array {
	for (let given = receiveMessageOnPort(parentPort!); given; given = receiveMessageOnPort(parentPort!)) {
		spare.push(given.message as ArrayBuffer);
	}

	const fits = spare.findIndex(buffer => buffer.byteLength >= length);
	if (fits >= 0) return new Uint8Array(spare.splice(fits, 1)[0]!, 0, length);
	// Room for the next pieces, which are about as long, and no more buffers than the pieces in flight
	if (spare.length > data.window) spare.shift();
	return new Uint8Array(new ArrayBuffer(Math.max(length, data.pieceBytes) + (length >> 3)), 0, length);
}

function fieldsOf(error: unknown): ErrorFields {
	if (!(error instanceof Error)) return {message: String(error)};
	const {code, errno, syscall, path} = error as NodeJS.ErrnoException;
	return {
		message: error.message,
		...(typeof code === 'string' ? {code} : {}),
		...(typeof errno === 'number' ? {errno} : {}),
		...(typeof syscall === 'string' ? {syscall} : {}),
		...(typeof path === 'string' ? {path} : {}),
	};
}

const sizes = {records: 0};
let sent = 0;
let mostAhead = 0;

/** Waits while `window` buffers are with the caller. */
async function room(): Promise<void> {
	if (sent - visited() < data.window) return;
	post({type: 'held'});
	for (let seen = visited(); sent - seen >= data.window; seen = visited()) {
		const waiting = waitAsync(visits, 0, seen);
		if (!waiting.async) continue;
		// A wait on shared memory does not keep a thread alive: without a timer, it would end here
		const alive = setInterval(() => undefined, 1 << 30);
		try {
			await waiting.value;
		} finally {
			clearInterval(alive);
		}
	}
}

const framesOf = ({frames}: {frames: FrameBatch}) => ({...frames});
const transfers = ({frames}: {frames: FrameBatch}) =>
	[frames.starts, frames.ends, frames.lines, frames.columns, frames.flags, frames.colons].map(array => array.buffer as ArrayBuffer);

try {
	const {segments} = data;
	for (let at = 0; at < segments.length;) {
		const stretch = stretchLength(data, segments, at, data.pieceBytes);
		if (stretch > 0) {
			await room();
			const {buf, base, frames, parts} = readStretch(data, segments.slice(at, at + stretch), allocate);
			post({type: 'stretch', buf, base, frames: framesOf({frames}), parts}, [buf.buffer as ArrayBuffer, ...transfers({frames})]);
			sent++;
			mostAhead = Math.max(mostAhead, sent - visited());
			at += stretch;
			continue;
		}

		for await (const piece of framedPieces({...data, ...segments[at]!}, allocate, sizes)) {
			if (piece.from >= piece.to) continue;
			await room();
			post({...piece, type: 'piece', frames: framesOf(piece)}, [piece.buf.buffer as ArrayBuffer, ...transfers(piece)]);
			sent++;
			mostAhead = Math.max(mostAhead, sent - visited());
		}

		post({type: 'segment'});
		at++;
	}

	post({type: 'done', mostAhead});
} catch (error) {
	post({type: 'error', error: fieldsOf(error)});
}
