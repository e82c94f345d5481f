import {Buffer} from 'node:buffer';
import {recordHasHighBytes} from '../framing/frame-types.js';
import {advancePosition, advanceTextPosition} from '../framing/text-position.js';
import {decodeGoUtf8} from '../go/go-utf8.js';
import {type RuleContext, checkRecordText} from '../rules/validate-record.js';
import {notParsed} from '../go/json-fast-path.js';
import {type Batch, type BatchResult, type WireProblem, checkpointEvery, keyStride} from './batch-types.js';
import {resized} from '../typed-arrays.js';
import {whoOfResult} from './record-who.js';
import {type KeyKind, type KeyVisitor, forEachKey, hashUtf8Pair, hashPair, packKind} from './unique-hash.js';
import {PlainRecordReader} from '../rules/plain-record.js';

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
 * Decodes the listed records of a batch (in record order) in as few calls as possible: runs of ASCII
 * records (the usual case) as latin1 in one piece each, which is several times faster than UTF-8
 * decoding and gives the same string; other records as Go decodes UTF-8 (a byte that is not UTF-8
 * becomes U+FFFD). Records are then slices of one string, which cost no copy. Records that are not
 * next to each other in the batch (or not joined by commas alone) are joined with a comma here.
 */
function batchText(batch: Batch, bytes: Buffer, records: Int32Array, listed: number): BatchText {
	const {starts, ends, flags} = batch;
	const from = new Int32Array(listed);
	const to = new Int32Array(listed);
	const firstInvalid = new Int32Array(listed).fill(-1);
	const parts: string[] = ['['];
	let length = 1;
	// Bytes from `run` on, up to the record before, are ASCII not in `parts` yet
	let run = listed > 0 ? starts[records[0]!]! : 0;
	for (let k = 0; k < listed; k++) {
		const r = records[k]!;
		const start = starts[r]!;
		const end = ends[r]!;
		if (k > 0 && (records[k - 1] !== r - 1 || !batch.joinable)) {
			const previousEnd = ends[records[k - 1]!]!;
			if (previousEnd > run) parts.push(bytes.toString('latin1', run, previousEnd));
			length += Math.max(0, previousEnd - run) + 1;
			parts.push(',');
			run = start;
		}

		if ((flags[r]! & recordHasHighBytes) === 0) {
			from[k] = length + (start - run);
			to[k] = length + (end - run);
			continue;
		}

		// Latin1 for what lies before this record (ASCII records and separators, byte = character)
		if (start > run) {
			parts.push(bytes.toString('latin1', run, start));
			length += start - run;
		}

		const decoded = decodeGoUtf8(bytes, start, end);
		parts.push(decoded.text);
		from[k] = length;
		length += decoded.text.length;
		to[k] = length;
		firstInvalid[k] = decoded.firstInvalid;
		run = end;
	}

	const lastEnd = listed > 0 ? ends[records[listed - 1]!]! : 0;
	if (lastEnd > run) parts.push(bytes.toString('latin1', run, lastEnd));
	parts.push(']');
	return {whole: parts.join(''), from, to, firstInvalid};
}

/**
 * What JSON.parse makes of each listed record, parsed in one call for all of them (a large share of
 * the run when done record by record), or undefined when that cannot be had: records that are not
 * elements of a JSON array (an NDJSON line may hold two values, or half of one: joined, `{A},{B}` and
 * `[{C}` … `{D}]` would parse as one element each, each given its neighbour's value), a note between
 * records or a syntax error somewhere. The records are then parsed one by one, which finds and places
 * the fault.
 */
function parseAll(batch: Batch, text: BatchText, listed: number): unknown[] | undefined {
	if (listed === 0 || !batch.joinable || batch.notes.length > 0) return undefined;
	let values: unknown;
	try {
		values = JSON.parse(text.whole);
	} catch {
		return undefined;
	}

	return Array.isArray(values) && values.length === listed ? values : undefined;
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
		hashPair(value, kind, this.slot(kind, slot), this.count++ * keyStride + 2);
	}

	/** The values the plain reader found, hashed from their bytes as `visit` hashes their text. */
	addPlain(reader: PlainRecordReader, bytes: Uint8Array): void {
		for (let k = 0; k < reader.keyCount; k++) {
			const kind = reader.keyKinds[k]! as KeyKind;
			hashUtf8Pair(
				bytes,
				reader.keyFrom[k]!,
				reader.keyTo[k]!,
				kind,
				this.slot(kind, reader.keySlots[k]!),
				this.count++ * keyStride + 2,
			);
		}
	}

	/** Entry `entry` of `other`, as it is. */
	copy(other: KeyTable, entry: number): void {
		this.makeRoom();
		const at = this.count++ * keyStride;
		for (let i = 0; i < keyStride; i++) this.keys[at + i] = other.keys[entry * keyStride + i]!;
	}

	/** The keys, with the next entry's record, kind and place filled in (its hash is the caller's). */
	private slot(kind: KeyKind, slot: number): Uint32Array {
		this.makeRoom();
		const {keys} = this;
		const at = this.count * keyStride;
		keys[at] = this.record;
		keys[at + 1] = packKind(kind, slot);
		keys[at + 4] = this.line;
		keys[at + 5] = this.column;
		return keys;
	}

	/** Room for one more entry. */
	private makeRoom(): void {
		if ((this.count + 1) * keyStride > this.keys.length) this.keys = resized(this.keys, this.keys.length * 2);
	}
}

/**
 * The plain pass's keys and the list of records for the full checks, one of each a thread, emptied
 * for each batch: two more arrays a batch, freed at once, left the process's memory allocator holding
 * tens of megabytes more at the end of a 10M-user run (measured with RSS).
 */
let scratch: {plainKeys: KeyTable; full: Int32Array} | undefined;
function scratchFor(count: number): {plainKeys: KeyTable; full: Int32Array} {
	if (!scratch || scratch.full.length < count) scratch = {plainKeys: new KeyTable(count), full: new Int32Array(count)};
	scratch.plainKeys.count = 0;
	return scratch;
}

/** One reader a thread, made for the run's clock. */
let plainReader: PlainRecordReader | undefined;
function plainReaderFor(now: number): PlainRecordReader {
	if (plainReader?.now !== now) plainReader = new PlainRecordReader(now);
	return plainReader;
}

/** What checking a batch gathers, record by record. */
type Gathered = {
	problems: WireProblem[];
	table: KeyTable;
	who: {records: number[]; values: string[]} | undefined;
};

/**
 * Reads each record of the batch with the plain reader: its values go to `plainKeys`; the others are
 * listed in `full`, in order. Returns how many are listed. (Each pass is a function of its own: the
 * optimising compiler then compiles small functions once each, where one large one was compiled again
 * and again, in each thread, as new paths in it became hot.)
 */
function readPlainRecords(batch: Batch, reader: PlainRecordReader | undefined, plainKeys: KeyTable, full: Int32Array): number {
	const {buf, count, starts, ends, lines, columns} = batch;
	let listed = 0;
	for (let r = 0; r < count; r++) {
		if (reader?.read(buf, starts[r]!, ends[r]!)) {
			plainKeys.record = r;
			plainKeys.line = lines[r]!;
			plainKeys.column = columns[r]!;
			plainKeys.addPlain(reader, buf);
		} else {
			full[listed++] = r;
		}
	}

	return listed;
}

/** The full checks of record `r` (the `k`-th listed one), with its problems, values and who it is gathered. */
function checkFully(
	batch: Batch,
	bytes: Buffer,
	r: number,
	text: string,
	firstInvalid: number,
	parsed: unknown,
	context: RuleContext,
	out: Gathered,
): void {
	const start = batch.starts[r]!;
	const line = batch.lines[r]!;
	const column = batch.columns[r]!;
	const result = checkRecordText(text, context, parsed, batch.colons[r]);
	const {problems, who, table} = out;
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
		who.values.push(whoOfResult(text, result));
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

/**
 * The records of a batch (batch-relative, at most one per group of checkpointEvery, in order) that are
 * not followed by exactly the separator a fixed file has between records (`,\n  `) and then the next
 * record: their group cannot be copied by `fix` as one stretch of bytes. The last record counts as
 * followed when the separator is there: whether the next batch starts right after it is the merge's
 * to see (`startOffset`).
 */
export function looseSeparators(batch: Batch): number[] {
	const {buf, count, starts, ends, firstRecord} = batch;
	const loose: number[] = [];
	for (let r = 0; r < count; r++) {
		const end = ends[r]!;
		const joined =
			end + 4 <= buf.length &&
			buf[end] === 0x2c &&
			buf[end + 1] === 0x0a &&
			buf[end + 2] === 0x20 &&
			buf[end + 3] === 0x20 &&
			(r + 1 === count || starts[r + 1] === end + 4);
		if (joined) continue;
		loose.push(r);
		// The rest of its group does not matter
		r += checkpointEvery - 1 - ((firstRecord + r) % checkpointEvery);
	}

	return loose;
}

/**
 * Checks every record of a batch. Runs in a worker; pure apart from the clock in the context. With
 * `keepWho`, says who each record with a problem is, while its values are at hand (a screen lists
 * and searches them; a large gzip file is too slow to read again).
 */
export function checkBatch(batch: Batch, context: RuleContext, keepWho = false): BatchResult {
	const {buf, count, starts, ends, lines, columns} = batch;
	const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
	const out: Gathered = {problems: [], table: new KeyTable(count), who: keepWho ? {records: [], values: []} : undefined};
	const {problems, table, who} = out;
	const checkpoints: number[] = [];
	// Records in the plain shape are done first (their values hashed into `plainKeys`); the others are
	// listed for the full checks, parsed together
	const reader = context.decodePath === undefined ? plainReaderFor(context.now) : undefined;
	const {plainKeys, full} = scratchFor(count);
	const listed = readPlainRecords(batch, reader, plainKeys, full);
	const texts = batchText(batch, bytes, full, listed);
	const values = parseAll(batch, texts, listed);
	let k = 0; // The next listed record
	let p = 0; // The next plain key
	for (let r = 0; r < count; r++) {
		const index = batch.firstRecord + r;
		if (index % checkpointEvery === 0) checkpoints.push(index, batch.base + starts[r]!, lines[r]!, columns[r]!);
		if (k < listed && full[k] === r) {
			const text = texts.whole.slice(texts.from[k], texts.to[k]);
			checkFully(batch, bytes, r, text, texts.firstInvalid[k]!, values ? values[k] : notParsed, context, out);
			k++;
		} else {
			for (; p < plainKeys.count && plainKeys.keys[p * keyStride] === r; p++) table.copy(plainKeys, p);
		}
	}

	return {
		seq: batch.seq,
		firstRecord: batch.firstRecord,
		count,
		startOffset: count > 0 ? batch.base + starts[0]! : batch.base,
		endOffset: count > 0 ? batch.base + ends[count - 1]! : batch.base,
		looseSeparators: looseSeparators(batch),
		problems,
		keys: table.keys,
		keyCount: table.count,
		checkpoints,
		notes: batch.notes,
		...(who && {who}),
	};
}
