import {type MessagePort, parentPort, workerData} from 'node:worker_threads';
import type {Batch} from './batch-types.js';
import {checkBatch} from './check-batch.js';
import {niceThisThread} from './worker-priority.js';

export type CheckerData = {port: MessagePort; now: number; nice?: number};

const {port, now, nice} = workerData as CheckerData;
niceThisThread(nice);
port.on('message', (batch: Batch) => {
	const result = checkBatch(batch, now);
	parentPort!.postMessage(result, [result.keys.buffer as ArrayBuffer]);
	port.postMessage(0); // Tell the reader this checker can take another batch
});
