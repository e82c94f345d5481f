import {type MessagePort, parentPort, workerData} from 'node:worker_threads';
import type {Batch} from './batch-types.js';
import {checkBatch} from './check-batch.js';
import {niceThisThread} from './worker-priority.js';
import {type WorkerRules, contextOf} from './worker-rules.js';

export type CheckerData = {
	port: MessagePort;
	/** Batches each checker has checked, counted by the checkers: the reader reads it to deal the next. */
	checked: Int32Array;
	/** This checker's place in `checked`. */
	index: number;
	nice?: number;
} & WorkerRules;

const data = workerData as CheckerData;
const context = contextOf(data);
niceThisThread(data.nice);
data.port.on('message', (batch: Batch) => {
	const result = checkBatch(batch, context, data.who);
	parentPort!.postMessage(result, [result.keys.buffer as ArrayBuffer]);
	Atomics.add(data.checked, data.index, 1); // The reader may deal this checker another batch
	// Its bytes go back to the reader to be read into again (nothing of the result views them)
	const {buffer} = batch.buf;
	data.port.postMessage(buffer, [buffer as ArrayBuffer]);
});
