import {Worker} from 'node:worker_threads';
import {Cancelled} from '../errors.js';
import {FrameBatch} from '../framing/frame-types.js';
import type {OwnPiece, PieceSource} from './framed-pieces.js';
import type {ErrorFields, PieceMessage, PieceReaderData} from './piece-reader-worker.js';
import {workerLimits} from './worker-limits.js';
import {workerUrl} from './worker-url.js';

export type PieceOptions = {
	/** Ends the pass: the reader thread is stopped and the pass rejects with Cancelled. */
	signal?: AbortSignal;
	/** Bytes a read (1 MB; small in tests, so that records straddle pieces). */
	pieceBytes?: number;
	/** Pieces read ahead of the visits, at most. */
	window?: number;
	/** For tests: the reader thread once started, and each time it waits for visits. */
	observe?: {started?(reader: Worker): void; held?(inFlight: number): void};
};

export type PassStats = {
	pieces: number;
	/** The most pieces that were read and not yet visited at once. */
	mostAhead: number;
};

/** A reading error as thrown where it happened: its message, and the code and path that say what it was. */
function errorFrom(fields: ErrorFields): Error {
	return Object.assign(new Error(fields.message), fields);
}

/**
 * Visits the pieces of a file in order, read and framed by a worker thread meanwhile: the caller's
 * thread only visits. When `visit` returns a promise, the next piece waits for it, and the reader
 * stops `window` pieces ahead. The reader thread is ended however the pass ends.
 */
export async function visitPieces(
	source: PieceSource,
	visit: (piece: OwnPiece) => void | Promise<void>,
	options: PieceOptions = {},
): Promise<PassStats> {
	const {signal} = options;
	if (signal?.aborted) throw new Cancelled();
	const window = Math.max(1, options.window ?? 2);
	const reader = new Worker(workerUrl('piece-reader-worker'), {
		workerData: {...source, window} satisfies PieceReaderData,
		resourceLimits: workerLimits,
	});
	options.observe?.started?.(reader);
	const inbox: PieceMessage[] = [];
	let failure: Error | undefined;
	let cancelled = false;
	let wake: (() => void) | undefined;
	const ring = () => {
		wake?.();
		wake = undefined;
	};

	reader.on('message', (message: PieceMessage) => {
		inbox.push(message);
		ring();
	});
	reader.on('error', error => {
		failure ??= error;
		ring();
	});
	reader.on('exit', code => {
		failure ??= new Error(`the reader of the file stopped (exit code ${code})`);
		ring();
	});
	const onAbort = () => {
		cancelled = true;
		ring();
	};

	signal?.addEventListener('abort', onAbort, {once: true});
	let received = 0;
	let visited = 0;
	let mostAhead = 0;
	try {
		for (;;) {
			while (!cancelled && inbox.length === 0 && !failure) {
				await new Promise<void>(resolve => {
					wake = resolve;
				});
			}

			if (cancelled) throw new Cancelled();
			const message = inbox.shift();
			if (!message) throw failure!;
			switch (message.type) {
				case 'piece': {
					received++;
					mostAhead = Math.max(mostAhead, received - visited);
					const frames = Object.assign(new FrameBatch(0), message.frames);
					const waiting = visit({...message, frames});
					if (waiting instanceof Promise) await waiting;
					visited++;
					reader.postMessage(visited);
					break;
				}

				case 'held': {
					options.observe?.held?.(received - visited);
					break;
				}

				case 'done': {
					return {pieces: received, mostAhead};
				}

				case 'error': {
					throw errorFrom(message.error);
				}
			}
		}
	} finally {
		signal?.removeEventListener('abort', onAbort);
		await reader.terminate();
	}
}
