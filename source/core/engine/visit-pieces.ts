import type {BigIntStats} from 'node:fs';
import {type FileHandle, open} from 'node:fs/promises';
import {Worker} from 'node:worker_threads';
import {Cancelled, UserError} from '../errors.js';
import {FrameBatch} from '../framing/frame-types.js';
import type {OwnPiece, Segment, SourceFile} from './framed-pieces.js';
import type {ErrorFields, PieceMessage, PieceReaderData} from './piece-reader-worker.js';
import {workerLimits} from './worker-limits.js';
import {workerUrl} from './worker-url.js';

export type PieceOptions = {
	/** Ends the pass: the reader threads are stopped and the pass rejects with Cancelled. */
	signal?: AbortSignal;
	/** Bytes a read (1 MB; small in tests, so that records straddle pieces). */
	pieceBytes?: number;
	/** Pieces a reader thread reads ahead of the visits, at most (4: with 2, `fix` at 1M users took 0.1 s more, measured). */
	window?: number;
	/**
	 * Reader threads, taking every n-th segment (1). Two were measured on 2 cores at 1M users: no faster
	 * within the noise (the writer's thread and the other load share the cores), and 20 to 40 MB more at
	 * the peak, which then passed 256 MB.
	 */
	readers?: number;
	/**
	 * Groups of `checkpointEvery` records (by index: record `group * checkpointEvery` on) that may come
	 * as one piece of their bytes when the file lays them out joined (see joined-groups.ts): a visit
	 * that only copies them need not have them framed. Plain JSON arrays only; others are framed.
	 */
	joinedGroups?: (group: number) => boolean;
	/** For tests: each reader thread once started, and each time one waits for visits. */
	observe?: {started?(reader: Worker): void; held?(inFlight: number): void};
};

export type PassStats = {
	pieces: number;
	/** The most pieces of one reader that were read and not yet visited at once. */
	mostAhead: number;
};

/** A reading error as thrown where it happened: its message, and the code and path that say what it was. */
function errorFrom(fields: ErrorFields): Error {
	return Object.assign(new Error(fields.message), fields);
}

/**
 * A message of a reader as visited: a stretch's parts come one by one, sharing its buffer (a joined
 * part, a view of it) and its frames; the buffer goes back to the reader after the last of them
 * (`keeps`: later parts share it).
 */
type Arrival =
	| Exclude<PieceMessage, {type: 'piece' | 'stretch' | 'held'}>
	| (Omit<Extract<PieceMessage, {type: 'piece'}>, 'frames'> & {frames: FrameBatch; joined?: boolean; keeps?: boolean});

const noFrames = new FrameBatch(0);

/** The pieces and segment ends of a stretch, in order. */
function unpacked(stretch: Extract<PieceMessage, {type: 'stretch'}>): Arrival[] {
	const {buf, base} = stretch;
	const frames = Object.assign(new FrameBatch(0), stretch.frames);
	const arrivals: Arrival[] = [];
	const lastPart = stretch.parts.findLastIndex(part => part !== undefined);
	for (const [index, part] of stretch.parts.entries()) {
		if (part) {
			const {joined, start, end, firstRecord, from, to, lineBase} = part;
			const piece = {type: 'piece' as const, firstRecord, from, to, lineBase, keeps: index !== lastPart};
			arrivals.push(
				joined
					? {...piece, joined, buf: buf.subarray(start, end), frames: noFrames, base: base + start}
					: {...piece, buf, frames, base},
			);
		}

		arrivals.push({type: 'segment'});
	}

	return arrivals;
}

/** A reader thread, the messages it sent that are not handled yet, and how many of its pieces were visited. */
class Reader {
	readonly inbox: Arrival[] = [];
	failure: Error | undefined;
	/** Pieces arrived, and visited. */
	arrived = 0;
	visited = 0;
	/** The most pieces arrived and not yet visited at once. */
	mostAhead = 0;
	constructor(
		readonly worker: Worker,
		/** The count of visited pieces, in memory shared with the reader. */
		readonly visits: Int32Array,
		ring: () => void,
		held: ((inFlight: number) => void) | undefined,
	) {
		worker.on('message', (message: PieceMessage) => {
			// Said as it arrives: a visit may be what waits for it
			if (message.type === 'held') {
				held?.(this.arrived - this.visited);
				return;
			}

			if (message.type === 'piece' || message.type === 'stretch')
				this.mostAhead = Math.max(this.mostAhead, ++this.arrived - this.visited);
			if (message.type === 'stretch') {
				const arrivals = unpacked(message);
				this.inbox.push(...arrivals);
				// None of its segments had its records: nothing will give its buffer back
				if (!arrivals.some(arrival => arrival.type === 'piece')) this.giveBack(message.buf);
			} else if (message.type === 'piece') {
				this.inbox.push({...message, frames: Object.assign(new FrameBatch(0), message.frames)});
			} else this.inbox.push(message);
			ring();
		});
		worker.on('error', error => {
			this.failure ??= error;
			ring();
		});
		worker.on('exit', code => {
			this.failure ??= new Error(`a reader of the file stopped (exit code ${code})`);
			ring();
		});
	}

	/** A buffer visited goes back to be filled again, and the reader may read one more. */
	giveBack(buf: Uint8Array): void {
		const {buffer} = buf;
		this.worker.postMessage(buffer, [buffer as ArrayBuffer]);
		Atomics.store(this.visits, 0, ++this.visited);
		Atomics.notify(this.visits, 0);
	}
}

/** A reader thread started ahead of the pass that will use it, and whether it is still there. */
let prestarted: {worker: Worker; alive: boolean} | undefined;

/**
 * Starts a reader thread for the next pass, which then need not wait for one to start (a tenth of a
 * second: `fix` starts it as its check ends, while the other core is free). It keeps no process alive
 * while it waits, and a pass that finds it gone starts another.
 */
export function prestartPieceReader(): Worker {
	if (prestarted?.alive) return prestarted.worker;
	const worker = new Worker(workerUrl('piece-reader-worker'), {resourceLimits: workerLimits});
	const slot = {worker, alive: true};
	const gone = () => {
		slot.alive = false;
	};

	worker.on('error', gone);
	worker.on('exit', gone);
	worker.unref();
	prestarted = slot;
	return worker;
}

/** The reader thread started ahead, if it is still there: the pass's own from now on. */
function takePrestarted(): Worker | undefined {
	const slot = prestarted;
	prestarted = undefined;
	if (!slot?.alive) return undefined;
	slot.worker.ref();
	return slot.worker;
}

/**
 * Visits the pieces of the segments of a file in order, read and framed by worker threads meanwhile
 * (each takes every n-th segment): the caller's thread only visits. A piece's bytes are valid during
 * its visit only: its buffer then goes back to its reader. When `visit` returns a promise,
 * the next piece waits for it, and each reader stops `window` pieces ahead. The readers are ended
 * however the pass ends. The records of each segment must be the ones it was said to hold: a file
 * changed since its checkpoints were taken is an error, not a different pass.
 */
export async function visitPieces(
	file: SourceFile,
	/** Or what they are once the file is open (a plain file's stats then; a gzip file has none). */
	plan: readonly Segment[] | ((opened: BigIntStats | undefined) => readonly Segment[]),
	visit: (piece: OwnPiece) => void | Promise<void>,
	options: PieceOptions = {},
): Promise<PassStats> {
	const {signal} = options;
	if (signal?.aborted) throw new Cancelled();
	const window = Math.max(1, options.window ?? 4);
	let segments: readonly Segment[] = [];
	let count = 1;
	let cancelled = false;
	let wake: (() => void) | undefined;
	const ring = () => {
		wake?.();
		wake = undefined;
	};

	const readers: Reader[] = [];
	const onAbort = () => {
		cancelled = true;
		ring();
	};

	signal?.addEventListener('abort', onAbort, {once: true});
	let pieces = 0;
	// A plain file is opened once, here, for every reader and stretch: a source renamed over or removed
	// meanwhile is still the file that was checked, not a mix of two. Closed here too, once the readers
	// are ended (a thread ended from outside runs no `finally` of its own)
	let handle: FileHandle | undefined;
	try {
		if (!file.compressed) handle = await open(file.path, 'r');
		segments = typeof plan === 'function' ? plan(await handle?.stat({bigint: true})) : plan;
		count = Math.max(1, Math.min(options.readers ?? 1, segments.length));
		for (let i = 0; i < count; i++) {
			const visits = new Int32Array(new SharedArrayBuffer(4));
			const data: PieceReaderData = {
				...file,
				...(handle && {fd: handle.fd}),
				segments: segments.filter((_, index) => index % count === i),
				window,
				visits,
			};
			const ready = i === 0 ? takePrestarted() : undefined;
			ready?.postMessage(data);
			const worker = ready ?? new Worker(workerUrl('piece-reader-worker'), {workerData: data, resourceLimits: workerLimits});
			readers.push(new Reader(worker, visits, ring, options.observe?.held));
			options.observe?.started?.(worker);
		}

		const next = async (reader: Reader): Promise<Arrival> => {
			while (!cancelled && reader.inbox.length === 0 && !reader.failure) {
				await new Promise<void>(resolve => {
					wake = resolve;
				});
			}

			if (cancelled) throw new Cancelled();
			const message = reader.inbox.shift();
			if (!message) throw reader.failure!;
			if (message.type === 'error') throw errorFrom(message.error);
			return message;
		};

		for (const [index, segment] of segments.entries()) {
			const reader = readers[index % count]!;
			let expected = segment.first;
			for (let message = await next(reader); message.type !== 'segment'; message = await next(reader)) {
				if (message.type !== 'piece') throw new Error(`a reader of the file ended before record ${expected}`);
				if (message.firstRecord + message.from !== expected) break;
				pieces++;
				const waiting = visit(message);
				if (waiting instanceof Promise) await waiting;
				// Its bytes were lent for the visit
				if (!message.keeps) reader.giveBack(message.buf);
				expected = message.firstRecord + message.to;
			}

			if (expected !== segment.last + 1)
				throw new UserError(`the file changed since it was checked: record ${expected} is not where it was`);
		}

		return {pieces, mostAhead: Math.max(...readers.map(reader => reader.mostAhead))};
	} finally {
		signal?.removeEventListener('abort', onAbort);
		await Promise.all(readers.map(async reader => reader.worker.terminate()));
		await handle?.close();
	}
}
