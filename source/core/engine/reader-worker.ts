import {type MessagePort, parentPort, workerData} from 'node:worker_threads';
import {type Batch, type BatchResult, mergeWindow} from './batch-types.js';
import {checkBatch} from './check-batch.js';
import {serveKeyRequests} from './key-requests.js';
import {defaultBatchBytes, readBatches} from './read-batches.js';
import {SpareBuffers} from './spare-buffers.js';
import {readBufferBytes} from '../files/positional-reads.js';
import {niceThisThread} from './worker-priority.js';
import {type WorkerRules, contextOf} from './worker-rules.js';

// Reads and frames the file and deals batches to the checker workers (over their own ports, not
// through the UI thread). When every checker has two batches in hand, it checks the batch itself:
// framing is about a quarter of the work, so on two cores one reader that also checks plus one
// checker keep both cores busy with one thread (and one heap) fewer than a reader that only waits.

export type ReaderData = {
	path: string;
	ports: MessagePort[];
	/** Batches each checker has checked (see CheckerData). */
	checked: Int32Array;
	nice?: number;
} & WorkerRules;

export type ReaderMessage =
	| {type: 'header'; header: import('./read-batches.js').SourceHeader}
	| {type: 'progress'; bytesRead: number}
	| {type: 'result'; result: BatchResult}
	| ({type: 'done'; batches: number; mostAhead: number} & import('./read-batches.js').ReadOutcome);

const maxInFlight = 2;
const data = workerData as ReaderData;
const {path, ports} = data;
const context = contextOf(data);
niceThisThread(data.nice);
// Counted through shared memory, not acknowledged by message: a message reaches this thread only when
// its event loop turns, which it does not while it frames a read, so a checker that was done could
// still look busy here; and a message a batch is one post fewer for each side
const sent = ports.map(() => 0);
const inFlight = (index: number) => sent[index]! - Atomics.load(data.checked, index);

const post = (message: ReaderMessage) => parentPort!.postMessage(message);
let next = 0;
let batches = 0;

// Checkers acknowledge a batch once checked, not once merged: without word from the coordinator, the
// reader and the checkers outrun a coordinator that is slower (many checkers, or a problem in every
// record), and their results wait in its queue, hundreds of MB at millions of records. The coordinator
// says how many batches it has merged; the reader keeps at most `window` batches ahead of that.
const window = mergeWindow(ports.length);
let merged = 0;
let mostAhead = 0;
let wake: (() => void) | undefined;
parentPort!.on('message', (count: unknown) => {
	if (typeof count !== 'number') return; // A request for keys (see below)
	merged = count;
	wake?.();
	wake = undefined;
});

async function keepWithinWindow(): Promise<void> {
	while (batches - merged >= window) {
		await new Promise<void>(resolve => {
			wake = resolve;
		});
	}
}

const spares = new SpareBuffers(ports, readBufferBytes(defaultBatchBytes));

async function dispatch(batch: Batch): Promise<void> {
	spares.collect();
	await keepWithinWindow();
	batches++;
	mostAhead = Math.max(mostAhead, batches - merged);
	const free = ports.findIndex((_, index) => inFlight((next + index) % ports.length) < maxInFlight);
	if (free < 0) {
		const result = checkBatch(batch, context, data.who);
		parentPort!.postMessage({type: 'result', result} satisfies ReaderMessage, [result.keys.buffer as ArrayBuffer]);
		spares.keep(batch.buf.buffer as ArrayBuffer);
		// Let the coordinator's word of merged batches in before the next batch
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		return;
	}

	next = (next + free) % ports.length;
	sent[next]!++;
	// Transferred, not copied: readBatches gives each batch a buffer and frame arrays of its own
	const {buf, starts, ends, lines, columns, flags, colons} = batch;
	ports[next]!.postMessage(
		batch,
		[buf, starts, ends, lines, columns, flags, colons].map(array => array.buffer as ArrayBuffer),
	);
	next = (next + 1) % ports.length;
}

const outcome = await readBatches(
	path,
	{
		header: header => post({type: 'header', header}),
		batch: dispatch,
		progress: bytesRead => post({type: 'progress', bytesRead}),
	},
	{spareBuffer: () => spares.take()},
);
post({type: 'done', batches, mostAhead, ...outcome});
for (const port of ports) port.close();
// Then it reads records of duplicate pairs again for the run (see key-requests.ts)
serveKeyRequests(context);
