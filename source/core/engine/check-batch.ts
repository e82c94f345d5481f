import {Buffer} from 'node:buffer';
import {recordHasHighBytes} from '../framing/frame-types.js';
import {advancePosition, advanceTextPosition} from '../framing/text-position.js';
import {decodeGoUtf8} from '../go/go-utf8.js';
import {type RuleContext, checkRecordText} from '../rules/validate-record.js';
import {notParsed} from '../go/json-fast-path.js';
import {type Batch, type BatchResult, type WireProblem, checkpointEvery, keyStride} from './batch-types.js';
import {resized} from '../typed-arrays.js';
import {whoOfBrokenText, whoOfEntry} from './record-who.js';
import {type KeyKind, type KeyVisitor, forEachKey, hashPair, packKind} from './unique-hash.js';

/** The records of a batch as text, and where bytes that are not UTF-8 start in each (-1: none). */
type BatchText = {
	/**
	 * '[', everything from the first record's start to the last one's end (separators included), ']':
	 * the brackets are joined in here, as JSON.parse would otherwise copy the batch once more to flatten
	 * `[${text}]` (measured: about a third of the cost of parsing).
	 */
	whole: string;
	/** Each record's span in `whole`, in UTF-16 units. */
	from: Int32Array;
	to: Int32Array;
	firstInvalid: Int32Array;
};

/**
 * Decodes a batch in as few calls as possible: runs of ASCII records (the usual case) as latin1 in one
 * piece each, which is several times faster than UTF-8 decoding and gives the same string; other
 * records as Go decodes UTF-8 (a byte that is not UTF-8 becomes U+FFFD). Records are then slices of
 * one string, which cost no copy.
 */
function batchText(batch: Batch, bytes: Buffer): BatchText {
	const {count, starts, ends, flags} = batch;
	const from = new Int32Array(count);
	const to = new Int32Array(count);
	const firstInvalid = new Int32Array(count).fill(-1);
	const parts: string[] = ['['];
	let length = 1;
	let run = count > 0 ? starts[0]! : 0;
	for (let r = 0; r < count; r++) {
		const start = starts[r]!;
		const end = ends[r]!;
		if ((flags[r]! & recordHasHighBytes) === 0) {
			from[r] = length + (start - run);
			to[r] = length + (end - run);
			continue;
		}

		// Latin1 for what lies before this record (ASCII records and separators, byte = character)
		if (start > run) {
			parts.push(bytes.toString('latin1', run, start));
			length += start - run;
		}

		const decoded = decodeGoUtf8(bytes, start, end);
		parts.push(decoded.text);
		from[r] = length;
		length += decoded.text.length;
		to[r] = length;
		firstInvalid[r] = decoded.firstInvalid;
		run = end;
	}

	if (count > 0 && ends[count - 1]! > run) parts.push(bytes.toString('latin1', run, ends[count - 1]!));
	parts.push(']');
	return {whole: parts.join(''), from, to, firstInvalid};
}

/**
 * What JSON.parse makes of each record, parsed in one call for the whole batch (a large share of the
 * run when done record by record), or undefined when that cannot be had: records that are not array
 * elements joined by commas (NDJSON, a note between records) or a syntax error somewhere. The records
 * are then parsed one by one, which finds and places the fault.
 */
function parseAll(batch: Batch, text: BatchText): unknown[] | undefined {
	if (batch.count === 0 || !batch.joinable || batch.notes.length > 0) return undefined;
	let values: unknown;
	try {
		values = JSON.parse(text.whole);
	} catch {
		return undefined;
	}

	return Array.isArray(values) && values.length === batch.count ? values : undefined;
}

/** The unique values of a batch's records, hashed, in `keyStride` slots each. */
class KeyTable implements KeyVisitor {
	keys: Uint32Array;
	count = 0;
	/** The record whose values are being added, and where it starts. */
	record = 0;
	line = 0;
	column = 0;

	constructor(records: number) {
		this.keys = new Uint32Array(records * keyStride * 2 + keyStride);
	}

	visit(kind: KeyKind, slot: number, value: string): void {
		if ((this.count + 1) * keyStride > this.keys.length) this.keys = resized(this.keys, this.keys.length * 2);
		const {keys} = this;
		const at = this.count * keyStride;
		keys[at] = this.record;
		keys[at + 1] = packKind(kind, slot);
		hashPair(value, kind, keys, at + 2);
		keys[at + 4] = this.line;
		keys[at + 5] = this.column;
		this.count++;
	}
}

/**
 * Checks every record of a batch. Runs in a worker; pure apart from the clock in the context. With
 * `keepWho`, says who each record with a problem is, while its values are at hand (a screen lists
 * and searches them; a large gzip file is too slow to read again).
 */
export function checkBatch(batch: Batch, context: RuleContext, keepWho = false): BatchResult {
	const {buf, count, starts, ends, lines, columns, colons} = batch;
	const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
	const problems: WireProblem[] = [];
	const table = new KeyTable(count);
	const checkpoints: number[] = [];
	const who = keepWho ? {records: [] as number[], values: [] as string[]} : undefined;
	let endOffset = batch.base;
	const texts = batchText(batch, bytes);
	const values = parseAll(batch, texts);
	for (let r = 0; r < count; r++) {
		const start = starts[r]!;
		const line = lines[r]!;
		const column = columns[r]!;
		const index = batch.firstRecord + r;
		if (index % checkpointEvery === 0) checkpoints.push(index, batch.base + start, line, column);
		endOffset = batch.base + ends[r]!;
		const text = texts.whole.slice(texts.from[r], texts.to[r]);
		const result = checkRecordText(text, context, values ? values[r] : notParsed, colons[r]);
		const firstInvalid = texts.firstInvalid[r]!;
		if (firstInvalid >= 0) {
			const syntax = result.problems.find(problem => problem.code === 'json.syntax');
			if (!syntax) {
				// Only inside strings: Go decodes each such byte as U+FFFD and stores it
				const at = advancePosition(bytes, start, start + firstInvalid, line, column);
				problems.push({
					record: r,
					line: at.line,
					column: at.column,
					pointer: '',
					code: 'text.invalid-utf8',
					message: 'bytes that are not UTF-8 from here: Hanko stores U+FFFD (�) in their place; re-encode the file as UTF-8',
				});
			} else if (text[syntax.index ?? -1] === '\uFFFD') {
				syntax.message = 'invalid UTF-8 outside a string: the file is not UTF-8 encoded (re-encode it)';
			}
		}

		if (who && (result.problems.length > 0 || firstInvalid >= 0)) {
			who.records.push(r);
			who.values.push(result.problems[0]?.code === 'json.syntax' ? whoOfBrokenText(text) : whoOfEntry(result.entry));
		}

		for (const problem of result.problems) {
			const at = problem.index === undefined ? {line, column} : advanceTextPosition(text, problem.index, line, column);
			problems.push({
				record: r,
				line: at.line,
				column: at.column,
				pointer: problem.pointer,
				code: problem.code,
				message: problem.message,
			});
		}

		table.record = r;
		table.line = line;
		table.column = column;
		forEachKey(result.keys, table);
	}

	return {
		seq: batch.seq,
		firstRecord: batch.firstRecord,
		count,
		endOffset,
		problems,
		keys: table.keys,
		keyCount: table.count,
		checkpoints,
		notes: batch.notes,
		...(who && {who}),
	};
}
