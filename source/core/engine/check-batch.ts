import {Buffer, isUtf8} from 'node:buffer';
import {recordHasHighBytes} from '../framing/frame-types.js';
import {locateSyntaxError} from '../framing/locate-syntax-error.js';
import {advancePosition, advanceTextPosition, firstInvalidUtf8} from '../framing/text-position.js';
import {validateRecord} from '../rules/validate-record.js';
import {type Batch, type BatchResult, type WireProblem, checkpointEvery, keyStride} from './batch-types.js';
import {KeyKind, hashPair} from './unique-hash.js';

/** Parses and checks every record of a batch. Runs in a worker; pure apart from the clock it is given. */
export function checkBatch(batch: Batch, now: number): BatchResult {
	const {buf, count, starts, ends, lines, columns, flags} = batch;
	const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
	const problems: WireProblem[] = [];
	let keys = new Uint32Array(count * keyStride * 2 + keyStride);
	let keyCount = 0;
	const checkpoints: number[] = [];
	const addKey = (record: number, kind: KeyKind, slot: number, text: string, line: number, column: number) => {
		if ((keyCount + 1) * keyStride > keys.length) {
			const bigger = new Uint32Array(keys.length * 2);
			bigger.set(keys);
			keys = bigger;
		}

		const at = keyCount * keyStride;
		keys[at] = record;
		keys[at + 1] = kind | (slot << 2);
		hashPair(text, kind, keys, at + 2);
		keys[at + 4] = line;
		keys[at + 5] = column;
		keyCount++;
	};

	let endOffset = batch.base;
	for (let r = 0; r < count; r++) {
		const start = starts[r]!;
		const end = ends[r]!;
		const line = lines[r]!;
		const column = columns[r]!;
		const index = batch.firstRecord + r;
		if (index % checkpointEvery === 0) checkpoints.push(index, batch.base + start, line, column);
		if ((flags[r]! & recordHasHighBytes) !== 0 && !isUtf8(bytes.subarray(start, end))) {
			const bad = firstInvalidUtf8(bytes, start, end);
			const at = advancePosition(bytes, start, bad, line, column);
			return {
				seq: batch.seq, firstRecord: batch.firstRecord, count: r, endOffset, problems, keys, keyCount, checkpoints, notes: batch.notes,
				fatal: {record: index, offset: batch.base + bad, line: at.line, column: at.column, message: 'invalid UTF-8: the file is not UTF-8 encoded (re-encode it)'},
			};
		}

		endOffset = batch.base + end;
		// Pure ASCII (the usual case) decodes much faster as latin1, to the same string
		const text = (flags[r]! & recordHasHighBytes) === 0 ? bytes.toString('latin1', start, end) : bytes.toString('utf8', start, end);
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			const fault = locateSyntaxError(text) ?? {index: 0, message: 'not valid JSON'};
			const at = advanceTextPosition(text, fault.index, line, column);
			problems.push({record: r, line: at.line, column: at.column, pointer: '', code: 'json.syntax', message: fault.message});
			continue;
		}

		const result = validateRecord(value, now);
		for (const problem of result.problems) {
			problems.push({record: r, line, column, pointer: problem.pointer, code: problem.code, message: problem.message});
		}

		const {userId, username, emails} = result.keys;
		if (userId !== undefined) addKey(r, KeyKind.UserId, 0, userId, line, column);
		if (username !== undefined) addKey(r, KeyKind.Username, 0, username, line, column);
		for (const email of emails) addKey(r, KeyKind.Email, email.index, email.address, line, column);
	}

	return {seq: batch.seq, firstRecord: batch.firstRecord, count, endOffset, problems, keys, keyCount, checkpoints, notes: batch.notes};
}
