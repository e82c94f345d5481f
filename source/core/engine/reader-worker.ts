import {type MessagePort, parentPort, workerData} from 'node:worker_threads';
import type {Batch} from './batch-types.js';
import {copyOf, readBatches} from './read-batches.js';

// Reads and frames the file, deals batches to the checker workers round robin (over their own
// ports, without passing through the UI thread), and holds back while each has two in hand.

export type ReaderData = {path: string; ports: MessagePort[]};

export type ReaderMessage =
	| {type: 'header'; header: import('./read-batches.js').SourceHeader}
	| {type: 'progress'; bytesRead: number}
	| {type: 'done'; batches: number; records: number; fatal?: import('../framing/frame-types.js').Fatal};

const maxInFlight = 2;
const {path, ports} = workerData as ReaderData;
const inFlight = ports.map(() => 0);
let wake: (() => void) | undefined;
for (const [index, port] of ports.entries()) {
	port.on('message', () => {
		inFlight[index]!--;
		wake?.();
	});
}

const post = (message: ReaderMessage) => parentPort!.postMessage(message);
let next = 0;
let batches = 0;

function owned(buf: Uint8Array): Uint8Array {
	// Only a buffer that is a whole ArrayBuffer can be transferred without taking memory from others
	return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength ? buf : copyOf(buf);
}

async function dispatch(batch: Batch): Promise<void> {
	while (inFlight[next]! >= maxInFlight) {
		// eslint-disable-next-line no-await-in-loop
		await new Promise<void>(resolve => {
			wake = resolve;
		});
	}

	batch.buf = owned(batch.buf);
	inFlight[next]!++;
	batches++;
	ports[next]!.postMessage(batch, [batch.buf.buffer as ArrayBuffer]);
	next = (next + 1) % ports.length;
}

const outcome = await readBatches(path, {
	header: header => post({type: 'header', header}),
	batch: dispatch,
	progress: bytesRead => post({type: 'progress', bytesRead}),
});
post({type: 'done', batches, records: outcome.records, fatal: outcome.fatal});
for (const port of ports) port.close();
