import {parentPort, receiveMessageOnPort, workerData} from 'node:worker_threads';
import {type PieceSource, framedPieces} from './framed-pieces.js';

// Reads and frames a file again for a pass over all its records (fix's write pass), so that the
// thread that writes only copies and fixes: framing is about half of that pass. Each piece goes to
// the caller with its memory (transferred, not copied); at most `window` pieces are on their way or
// being visited, so reading waits for a caller that waits for its disk and memory stays flat.

export type PieceReaderData = PieceSource & {window: number};

/** What a reading error keeps across threads: a caller tells a file gone by its code and path. */
export type ErrorFields = {message: string; code?: string; errno?: number; syscall?: string; path?: string};

export type PieceMessage =
	| {
			type: 'piece';
			buf: Uint8Array;
			frames: {
				count: number;
				starts: Int32Array;
				ends: Int32Array;
				lines: Int32Array;
				columns: Int32Array;
				flags: Uint8Array;
				colons: Int32Array;
			};
			firstRecord: number;
			from: number;
			to: number;
			base: number;
			lineBase: number;
	  }
	/** Reading waits: `window` pieces are with the caller. */
	| {type: 'held'}
	| {type: 'done'; mostAhead: number}
	| {type: 'error'; error: ErrorFields};

const data = workerData as PieceReaderData;
const post = (message: PieceMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

// The caller says how many pieces it has visited. Its word is also taken between pieces, without a
// turn of the event loop (framing runs from piece to piece without one)
let visited = 0;
let wake: (() => void) | undefined;
parentPort!.on('message', (count: number) => {
	visited = count;
	wake?.();
	wake = undefined;
});
const takeWord = () => {
	for (let word = receiveMessageOnPort(parentPort!); word; word = receiveMessageOnPort(parentPort!)) visited = word.message as number;
};

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

let sent = 0;
let mostAhead = 0;
try {
	for await (const piece of framedPieces(data)) {
		if (piece.from >= piece.to) continue;
		takeWord();
		if (sent - visited >= data.window) {
			post({type: 'held'});
			while (sent - visited >= data.window) {
				await new Promise<void>(resolve => {
					wake = resolve;
				});
			}
		}

		const {frames} = piece;
		const arrays = [frames.starts, frames.ends, frames.lines, frames.columns, frames.flags, frames.colons];
		post(
			{...piece, type: 'piece', frames: {...frames}},
			[piece.buf, ...arrays].map(array => array.buffer as ArrayBuffer),
		);
		sent++;
		mostAhead = Math.max(mostAhead, sent - visited);
	}

	post({type: 'done', mostAhead});
} catch (error) {
	post({type: 'error', error: fieldsOf(error)});
}
