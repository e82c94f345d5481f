import {type MessagePort, parentPort, workerData} from 'node:worker_threads';
import type {Batch} from './batch-types.js';
import {checkBatch} from './check-batch.js';
import {niceThisThread} from './worker-priority.js';
import {type WorkerRules, contextOf} from './worker-rules.js';

export type CheckerData = {port: MessagePort; nice?: number} & WorkerRules;

const data = workerData as CheckerData;
const context = contextOf(data);
niceThisThread(data.nice);
data.port.on('message', (batch: Batch) => {
	const result = checkBatch(batch, context, data.who);
	parentPort!.postMessage(result, [result.keys.buffer as ArrayBuffer]);
	data.port.postMessage(0); // Tell the reader this checker can take another batch
});
