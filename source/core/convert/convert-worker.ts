import {parentPort, workerData} from 'node:worker_threads';
import {niceThisThread} from '../engine/worker-priority.js';
import {type RecordOutcome, convertRecord} from './convert-record.js';
import type {ConvertOptions} from './converted-user.js';
import type {SourceKind} from './source-kinds.js';
import type {SourceRecord} from './source-records.js';

// A conversion thread: parses and converts the records of each batch the reader framed, and sends
// back what the output files get, in the batch's order.

export type ConvertWorkerData = {kind: SourceKind; options: ConvertOptions; nice?: number};

export type ConvertBatch = {seq: number; firstRecord: number; buf: Uint8Array; starts: Int32Array; ends: Int32Array; lines: Int32Array; count: number};

export type ConvertedBatch = {seq: number; outcomes: RecordOutcome[]};

const {kind, options, nice} = workerData as ConvertWorkerData;
niceThisThread(nice);
const decoder = new TextDecoder();
parentPort!.on('message', (batch: ConvertBatch) => {
	const outcomes: RecordOutcome[] = [];
	for (let i = 0; i < batch.count; i++) {
		const record: SourceRecord = {index: batch.firstRecord + i, line: batch.lines[i]!, value: undefined};
		try {
			record.value = JSON.parse(decoder.decode(batch.buf.subarray(batch.starts[i]!, batch.ends[i]!)));
		} catch (error) {
			record.error = `not JSON: ${(error as Error).message.split('\n')[0]!}`;
		}

		outcomes.push(convertRecord(record, kind, options));
	}

	parentPort!.postMessage({seq: batch.seq, outcomes} satisfies ConvertedBatch);
});
