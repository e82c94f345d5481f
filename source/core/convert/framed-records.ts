import type {Batch} from '../engine/batch-types.js';
import {recordHasHighBytes} from '../framing/frame-types.js';
import type {SourceRecord} from './source-records.js';

// The records the validator's reader framed in one batch, parsed one by one into users of the export.

export type FramedRecords = Pick<Batch, 'firstRecord' | 'buf' | 'starts' | 'ends' | 'lines' | 'flags' | 'count'>;

export function* framedRecords(framed: FramedRecords): Generator<SourceRecord> {
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
