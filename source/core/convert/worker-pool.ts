import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';
import {InOrderResults} from '../engine/in-order-results.js';
import {readBatches, smallBatchBytes} from '../engine/read-batches.js';
import {workerLimits} from '../engine/worker-limits.js';
import {workerUrl} from '../engine/worker-url.js';
import {Cancelled} from '../errors.js';
import type {Fatal} from '../framing/frame-types.js';
import type {ConvertedBatch} from './convert-record.js';
import type {ConvertWorkerData, ConvertedMessage, FramedBatch} from './convert-worker.js';
import type {ConvertOptions} from './converted-user.js';
import {type SourceLayout, arrayKeyOf} from './source-kinds.js';

// JSON exports are framed on this thread by the validator's reader and converted on worker threads;
// the converted batches come back in any order and are handed to `write` in the file's order.

export type WorkerPoolOptions = ConvertOptions & {
	/** Threads (default: one per core, at most 4). */
	workers?: number;
	/** Niceness of those threads behind a screen (Linux). */
	workerNice?: number;
	signal?: AbortSignal;
};

/** Converts the JSON batches of `file` on worker threads; a fault of the file itself, or undefined. */
export async function convertOnWorkers(
	file: string,
	layout: SourceLayout,
	options: WorkerPoolOptions,
	write: (batch: ConvertedBatch) => Promise<void>,
	progress: (bytesRead: number, size: number) => void,
): Promise<Fatal | undefined> {
	const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), 4));
	const data: ConvertWorkerData = {
		kind: layout.kind,
		options: {
			includeDisabled: options.includeDisabled,
			hashConfig: options.hashConfig,
			passwords: options.passwords,
			profile: options.profile,
		},
		nice: options.workerNice,
	};
	const workers = Array.from(
		{length: count},
		() => new Worker(workerUrl('../convert/convert-worker'), {workerData: data, resourceLimits: workerLimits}),
	);
	const inFlight = new Array<number>(count).fill(0);
	const results = new InOrderResults<ConvertedBatch>();
	let failure: Error | undefined;
	let writing = Promise.resolve();
	// Woken when a batch comes back: a free slot for the reader, or the last batches done
	let wake: (() => void) | undefined;
	const settled = () => {
		wake?.();
		wake = undefined;
	};

	const sleep = async () =>
		new Promise<void>(resolve => {
			wake = resolve;
		});

	for (const [at, worker] of workers.entries()) {
		worker.on('message', ({seq, batch}: ConvertedMessage) => {
			inFlight[at]!--;
			results.add(seq, batch);
			// Written strictly in order: a batch waits for those before it
			for (let ready = results.take(); ready; ready = results.take()) {
				const batch = ready;
				// A failed write (a full disk) stops the run like a failed thread, never unhandled
				writing = writing
					.then(async () => write(batch))
					.catch((error: unknown) => {
						failure ??= error as Error;
						settled();
					});
			}

			settled();
		});
		worker.on('error', error => {
			failure = error;
			settled();
		});
	}

	let sent = 0;
	let size = 0;
	try {
		const outcome = await readBatches(
			file,
			{
				header(header) {
					size = header.bytes;
				},
				progress(bytesRead) {
					progress(bytesRead, size);
				},
				async batch(batch) {
					if (batch.count === 0) return;
					// Two batches a thread keeps them all busy without holding the file in memory
					while (!failure && !options.signal?.aborted && Math.min(...inFlight) >= 2) await sleep();
					if (failure) throw failure;
					if (options.signal?.aborted) throw new Cancelled();
					const at = inFlight.indexOf(Math.min(...inFlight));
					inFlight[at]!++;
					const message: FramedBatch = {
						seq: sent++,
						firstRecord: batch.firstRecord,
						buf: batch.buf,
						starts: batch.starts,
						ends: batch.ends,
						lines: batch.lines,
						flags: batch.flags,
						count: batch.count,
					};
					workers[at]!.postMessage(message, [batch.buf.buffer as ArrayBuffer]);
					await writing;
				},
			},
			{arrayKey: arrayKeyOf(layout), batchBytes: smallBatchBytes},
		);
		// A thread's failure or a cancel stops the reader as a fault of the read: it is told as what it is
		if (failure) throw failure;
		if (options.signal?.aborted) throw new Cancelled();
		while (!failure && !options.signal?.aborted && results.next < sent) await sleep();
		await writing;
		if (failure) throw failure;
		// A cancel that came while the last batches were converted still cancels
		if (options.signal?.aborted) throw new Cancelled();
		return outcome.fatal;
	} finally {
		await Promise.all(workers.map(async worker => worker.terminate()));
	}
}
