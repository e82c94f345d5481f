import {parentPort, workerData} from 'node:worker_threads';
import {niceThisThread} from '../engine/worker-priority.js';
import {recordHasHighBytes} from '../framing/frame-types.js';
import {type ConvertedBatch, convertRecords} from './convert-record.js';
import type {ConvertOptions} from './converted-user.js';
import type {SourceKind} from './source-kinds.js';
import type {SourceRecord} from './source-records.js';

// A conversion thread: parses and converts the records of each batch the reader framed, and sends
// back what the output files get, in the batch's order.

export type ConvertWorkerData = {kind: SourceKind; options: ConvertOptions; nice?: number};

export type FramedBatch = {seq: number; firstRecord: number; buf: Uint8Array; starts: Int32Array; ends: Int32Array; lines: Int32Array; flags: Uint8Array; count: number};

export type ConvertedMessage = {seq: number; batch: ConvertedBatch};

const {kind, options, nice} = workerData as ConvertWorkerData;
niceThisThread(nice);

function* records(framed: FramedBatch): Generator<SourceRecord> {
	const bytes = Buffer.from(framed.buf.buffer, framed.buf.byteOffset, framed.buf.byteLength);
	for (let i = 0; i < framed.count; i++) {
		const record: SourceRecord = {index: framed.firstRecord + i, line: framed.lines[i]!, value: undefined};
		// Pure ASCII (the usual case) decodes much faster as latin1, to the same string
		const text = bytes.toString((framed.flags[i]! & recordHasHighBytes) === 0 ? 'latin1' : 'utf8', framed.starts[i], framed.ends[i]);
		try {
			record.value = JSON.parse(text);
		} catch {
			// One reason for all such records (JSON.parse's own names a position); the rejects keep the text
			record.error = 'not JSON';
			record.raw = text;
		}

		yield record;
	}
}

parentPort!.on('message', (framed: FramedBatch) => {
	parentPort!.postMessage({seq: framed.seq, batch: convertRecords(records(framed), kind, options)} satisfies ConvertedMessage);
});
