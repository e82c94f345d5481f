import {type MessagePort, parentPort, workerData} from 'node:worker_threads';
import type {Batch} from './batch-types.js';
import {checkBatch} from './check-batch.js';

export type CheckerData = {port: MessagePort; now: number};

const {port, now} = workerData as CheckerData;
port.on('message', (batch: Batch) => {
	const result = checkBatch(batch, now);
	parentPort!.postMessage(result, [result.keys.buffer as ArrayBuffer]);
	port.postMessage(0); // Tell the reader this checker can take another batch
});
