import {parentPort, receiveMessageOnPort, workerData} from 'node:worker_threads';
import type {FrameArrays} from '../framing/frame-types.js';
import {type Segment, type SourceFile, framedPieces} from './framed-pieces.js';

// Reads and frames segments of a file again for a pass over all its records (fix's write pass), so
// that the thread that writes only copies and fixes: framing is about half of that pass. Several of
// these can share the segments of a plain file (every n-th each). Each piece goes to the caller with
// its memory (transferred, not copied); at most `window` pieces are on their way or being visited, so
// reading waits for a caller that waits for its disk, and memory stays flat.

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
	/** Reading waits: `window` pieces are with the caller. */
	| {type: 'held'}
	/** The pieces of a segment have all been sent. */
	| {type: 'segment'}
	| {type: 'done'; mostAhead: number}
	| {type: 'error'; error: ErrorFields};

const data = workerData as PieceReaderData;
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
try {
	for (const segment of data.segments) {
		for await (const piece of framedPieces({...data, ...segment}, allocate, sizes)) {
			if (piece.from >= piece.to) continue;
			if (sent - visited() >= data.window) {
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

			const {frames} = piece;
			const arrays = [frames.starts, frames.ends, frames.lines, frames.columns, frames.flags, frames.colons];
			post(
				{...piece, type: 'piece', frames: {...frames}},
				[piece.buf, ...arrays].map(array => array.buffer as ArrayBuffer),
			);
			sent++;
			mostAhead = Math.max(mostAhead, sent - visited());
		}

		post({type: 'segment'});
	}

	post({type: 'done', mostAhead});
} catch (error) {
	post({type: 'error', error: fieldsOf(error)});
}
