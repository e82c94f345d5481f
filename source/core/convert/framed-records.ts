import type {Batch} from '../engine/batch-types.js';
import {recordHasHighBytes} from '../framing/frame-types.js';
import {maxNestingDepth} from '../go/json-decode.js';
import {nestsDeeperThan} from '../rules/json-values.js';
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
			// JSON.parse takes any depth; writing such a user to the rejects would overflow the stack. So
			// deep a text is at least twice the depth long, which spares the scan for every usual record
			if (text.length > 2 * maxNestingDepth && nestsDeeperThan(text, maxNestingDepth)) {
				record.value = undefined;
				record.error = `nested more than ${maxNestingDepth.toLocaleString('en-US')} levels deep`;
				record.raw = text;
			}
		} catch {
			// One reason for all such records (JSON.parse's own names a position); the rejects keep the text
			record.error = 'not JSON';
			record.raw = text;
		}

		yield record;
	}
}
