import {Buffer} from 'node:buffer';
import {recordHasHighBytes} from '../framing/frame-types.js';
import {advancePosition, advanceTextPosition} from '../framing/text-position.js';
import {decodeGoUtf8} from '../go/go-utf8.js';
import {type RuleContext, checkRecordText} from '../rules/validate-record.js';
import {type Batch, type BatchResult, type WireProblem, checkpointEvery, keyStride} from './batch-types.js';
import {resized} from '../typed-arrays.js';
import {hashPair, keyEntries, packKind} from './unique-hash.js';

/** Checks every record of a batch. Runs in a worker; pure apart from the clock in the context. */
export function checkBatch(batch: Batch, context: RuleContext): BatchResult {
	const {buf, count, starts, ends, lines, columns, flags} = batch;
	const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
	const problems: WireProblem[] = [];
	let keys = new Uint32Array(count * keyStride * 2 + keyStride);
	let keyCount = 0;
	const checkpoints: number[] = [];
	let endOffset = batch.base;
	for (let r = 0; r < count; r++) {
		const start = starts[r]!;
		const end = ends[r]!;
		const line = lines[r]!;
		const column = columns[r]!;
		const index = batch.firstRecord + r;
		if (index % checkpointEvery === 0) checkpoints.push(index, batch.base + start, line, column);
		endOffset = batch.base + end;
		let text: string;
		let firstInvalid = -1;
		if ((flags[r]! & recordHasHighBytes) === 0) {
			text = bytes.toString('latin1', start, end); // Pure ASCII (the usual case) decodes fastest as latin1, to the same string
		} else {
			({text, firstInvalid} = decodeGoUtf8(bytes, start, end));
		}

		const result = checkRecordText(text, context);
		if (firstInvalid >= 0) {
			const syntax = result.problems.find(problem => problem.code === 'json.syntax');
			if (!syntax) {
				// Only inside strings: Go decodes each such byte as U+FFFD and stores it
				const at = advancePosition(bytes, start, start + firstInvalid, line, column);
				problems.push({record: r, line: at.line, column: at.column, pointer: '', code: 'text.invalid-utf8', message: 'bytes that are not UTF-8 from here: Hanko stores U+FFFD (�) in their place; re-encode the file as UTF-8'});
			} else if (text[syntax.index ?? -1] === '\uFFFD') {
				syntax.message = 'invalid UTF-8 outside a string: the file is not UTF-8 encoded (re-encode it)';
			}
		}

		for (const problem of result.problems) {
			const at = problem.index === undefined ? {line, column} : advanceTextPosition(text, problem.index, line, column);
			problems.push({record: r, line: at.line, column: at.column, pointer: problem.pointer, code: problem.code, message: problem.message});
		}

		for (const key of keyEntries(result.keys)) {
			if ((keyCount + 1) * keyStride > keys.length) keys = resized(keys, keys.length * 2);
			const at = keyCount * keyStride;
			keys[at] = r;
			keys[at + 1] = packKind(key.kind, key.slot);
			hashPair(key.value, key.kind, keys, at + 2);
			keys[at + 4] = line;
			keys[at + 5] = column;
			keyCount++;
		}
	}

	return {seq: batch.seq, firstRecord: batch.firstRecord, count, endOffset, problems, keys, keyCount, checkpoints, notes: batch.notes};
}
