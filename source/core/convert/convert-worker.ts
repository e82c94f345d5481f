import {parentPort, workerData} from 'node:worker_threads';
import {niceThisThread} from '../engine/worker-priority.js';
import {type ConvertedBatch, convertRecords} from './convert-record.js';
import type {ConvertOptions} from './converted-user.js';
import {type FramedRecords, framedRecords} from './framed-records.js';
import type {SourceKind} from './source-kinds.js';

// A conversion thread: parses and converts the records of each batch the reader framed, and sends
// back what the output files get, in the batch's order.

export type ConvertWorkerData = {kind: SourceKind; options: ConvertOptions; nice?: number};

export type FramedBatch = FramedRecords & {seq: number};

export type ConvertedMessage = {seq: number; batch: ConvertedBatch};

const {kind, options, nice} = workerData as ConvertWorkerData;
niceThisThread(nice);

parentPort!.on('message', (framed: FramedBatch) => {
	parentPort!.postMessage({seq: framed.seq, batch: convertRecords(framedRecords(framed), kind, options)} satisfies ConvertedMessage);
});
