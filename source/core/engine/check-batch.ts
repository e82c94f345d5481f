import {Buffer, isUtf8} from 'node:buffer';
import {recordHasHighBytes} from '../framing/frame-types.js';
import {locateSyntaxError} from '../framing/locate-syntax-error.js';
import {advancePosition, advanceTextPosition, firstInvalidUtf8} from '../framing/text-position.js';
import {validateRecord} from '../rules/validate-record.js';
import {type Batch, type BatchResult, type WireProblem, checkpointEvery, keyStride} from './batch-types.js';
import {resized} from '../typed-arrays.js';
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
		if ((keyCount + 1) * keyStride > keys.length) keys = resized(keys, keys.length * 2);

		const at = keyCount * keyStride;
		keys[at] = record;
		keys[at + 1] = kind | (slot << 2);
		hashPair(text, kind, keys, at + 2);
		keys[at + 4] = line;
		keys[at + 5] = column;
		keyCount++;
	};

	const values = parseAll(batch, bytes);
	let endOffset = batch.base;
	for (let r = 0; r < count; r++) {
		const start = starts[r]!;
		const end = ends[r]!;
		const line = lines[r]!;
		const column = columns[r]!;
		const index = batch.firstRecord + r;
		if (index % checkpointEvery === 0) checkpoints.push(index, batch.base + start, line, column);
		let value: unknown;
		if (values) {
			value = values[r];
		} else {
			if ((flags[r]! & recordHasHighBytes) !== 0 && !isUtf8(bytes.subarray(start, end))) {
				const bad = firstInvalidUtf8(bytes, start, end);
				const at = advancePosition(bytes, start, bad, line, column);
				return {
					seq: batch.seq, firstRecord: batch.firstRecord, count: r, endOffset, problems, keys, keyCount, checkpoints, notes: batch.notes,
					fatal: {record: index, offset: batch.base + bad, line: at.line, column: at.column, message: 'invalid UTF-8: the file is not UTF-8 encoded (re-encode it)'},
				};
			}

			const text = decode(bytes, start, end, flags[r]!);
			try {
				value = JSON.parse(text);
			} catch {
				endOffset = batch.base + end;
				const fault = locateSyntaxError(text) ?? {index: 0, message: 'not valid JSON'};
				const at = advanceTextPosition(text, fault.index, line, column);
				problems.push({record: r, line: at.line, column: at.column, pointer: '', code: 'json.syntax', message: fault.message});
				continue;
			}
		}

		endOffset = batch.base + end;
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

function decode(bytes: Buffer, start: number, end: number, flags: number): string {
	// Pure ASCII (the usual case) decodes much faster as latin1, to the same string
	return (flags & recordHasHighBytes) === 0 ? bytes.toString('latin1', start, end) : bytes.toString('utf8', start, end);
}

/**
 * The usual case, a batch of well-formed array elements, costs one JSON.parse for all records
 * instead of one per record (measured: a large share of the run). Runs of ASCII records are decoded
 * as latin1 in one piece each, which is several times faster than UTF-8 decoding; only records with
 * other bytes go through the UTF-8 decoder. Anything unusual (NDJSON, a note between records, a syntax
 * error, bad UTF-8) returns undefined: records are then taken one by one, which finds and places the fault.
 */
function parseAll(batch: Batch, bytes: Buffer): unknown[] | undefined {
	const {count, starts, ends, flags} = batch;
	if (count === 0 || !batch.joinable || batch.notes.length > 0) return undefined;
	const parts: string[] = [];
	let runStart = starts[0]!;
	for (let r = 0; r < count; r++) {
		if ((flags[r]! & recordHasHighBytes) === 0) continue;
		const start = starts[r]!;
		const end = ends[r]!;
		if (!isUtf8(bytes.subarray(start, end))) return undefined;
		if (start > runStart) parts.push(bytes.toString('latin1', runStart, start));
		parts.push(bytes.toString('utf8', start, end));
		runStart = end;
	}

	if (ends[count - 1]! > runStart) parts.push(bytes.toString('latin1', runStart, ends[count - 1]!));
	let values: unknown;
	try {
		values = JSON.parse(`[${parts.join('')}]`);
	} catch {
		return undefined;
	}

	return Array.isArray(values) && values.length === count ? values : undefined;
}
