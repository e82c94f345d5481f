import {type RuleCode, type Severity, ruleIds, ruleList} from '../rules/catalogue.js';
import {resized} from '../typed-arrays.js';

/** A problem as reports and views see it. */
export type Problem = {
	/** Record index, 0-based; null for a problem of the whole file. */
	record: number | null;
	line: number;
	column: number;
	pointer: string;
	code: RuleCode;
	severity: Severity;
	message: string;
};

const refMarker = '{ref}';

/**
 * Every problem of a run in record order, in columns of typed arrays (about 25 bytes a problem):
 * pointers and message templates are interned, the number of a record a message refers to is kept
 * apart, so a million problems do not mean a million strings.
 */
export class ProblemStore {
	private length = 0;
	private records = new Int32Array(1024);
	private lines = new Int32Array(1024);
	private columns = new Int32Array(1024);
	private codes = new Uint8Array(1024);
	private pointers = new Int32Array(1024);
	private messages = new Int32Array(1024);
	private refs = new Int32Array(1024);
	private removed: Set<number> | undefined;
	private readonly strings: string[] = [];
	private readonly stringIds = new Map<string, number>();

	constructor(readonly limit = Number.POSITIVE_INFINITY) {}

	/** Changes when stored problems move (a late merge) or are taken back: indexes into it are stale then. */
	version = 0;

	/** The rule id of a stored problem, without building the problem (for filters over millions). */
	codeIdAt(i: number): number {
		return this.codes[i]!;
	}

	/** Stored problems, including any taken back. */
	get size(): number {
		return this.length;
	}

	/** Whether problems were dropped because the limit was reached. */
	truncated = false;

	/** `message` may contain `{ref}`, filled in with `ref` when read. */
	add(record: number | null, line: number, column: number, pointer: string, code: RuleCode, message: string, ref = -1): void {
		if (this.length >= this.limit) {
			this.truncated = true;
			return;
		}

		if (this.length === this.records.length) this.grow();
		const i = this.length++;
		this.records[i] = record ?? -1;
		this.lines[i] = line;
		this.columns[i] = column;
		this.codes[i] = ruleIds.get(code)!;
		this.pointers[i] = this.intern(pointer);
		this.messages[i] = this.intern(message);
		this.refs[i] = ref;
	}

	/**
	 * Adds problems found late (sorted by record) among the others, keeping record order and the limit:
	 * the store then holds the first problems of the file, as if they had come in order.
	 */
	mergeSorted(late: ReadonlyArray<{record: number; line: number; column: number; pointer: string; code: RuleCode; message: string; ref: number}>): void {
		if (late.length === 0) return;
		this.version++;
		const old = {
			length: this.length, records: this.records, lines: this.lines, columns: this.columns, codes: this.codes,
			pointers: this.pointers, messages: this.messages, refs: this.refs, removed: this.removed,
		};
		const capacity = Math.max(1024, Math.min(this.limit, old.length + late.length));
		this.length = 0;
		this.records = new Int32Array(capacity);
		this.lines = new Int32Array(capacity);
		this.columns = new Int32Array(capacity);
		this.codes = new Uint8Array(capacity);
		this.pointers = new Int32Array(capacity);
		this.messages = new Int32Array(capacity);
		this.refs = new Int32Array(capacity);
		this.removed = undefined;
		const full = this.truncated;
		let i = 0;
		let j = 0;
		while (i < old.length || j < late.length) {
			if (i < old.length && old.removed?.has(i)) {
				i++;
				continue;
			}

			// Problems of the same record: the earlier ones first (duplicates come last in a record)
			if (j >= late.length || (i < old.length && old.records[i]! <= late[j]!.record)) {
				if (this.length >= this.limit) break;
				if (this.length === this.records.length) this.grow();
				const k = this.length++;
				this.records[k] = old.records[i]!;
				this.lines[k] = old.lines[i]!;
				this.columns[k] = old.columns[i]!;
				this.codes[k] = old.codes[i]!;
				this.pointers[k] = old.pointers[i]!;
				this.messages[k] = old.messages[i]!;
				this.refs[k] = old.refs[i]!;
				i++;
			} else {
				const problem = late[j++]!;
				this.add(problem.record, problem.line, problem.column, problem.pointer, problem.code, problem.message, problem.ref);
			}
		}

		this.truncated = full || i < old.length || j < late.length;
	}

	/** Takes a problem back (a duplicate that the real values did not confirm). */
	remove(i: number): void {
		this.version++;
		this.removed ??= new Set();
		this.removed.add(i);
	}

	/** Points a problem's message at another record. */
	setRef(i: number, ref: number): void {
		this.refs[i] = ref;
	}

	isRemoved(i: number): boolean {
		return this.removed?.has(i) ?? false;
	}

	/** Indexes of the stored problems of `record` (problems are stored in record order). */
	indexesOf(record: number): number[] {
		let low = 0;
		let high = this.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (this.records[mid]! < record) low = mid + 1;
			else high = mid;
		}

		const found: number[] = [];
		for (let i = low; i < this.length && this.records[i] === record; i++) {
			if (!this.isRemoved(i)) found.push(i);
		}

		return found;
	}

	get(i: number): Problem {
		const rule = ruleList[this.codes[i]!]!;
		const ref = this.refs[i]!;
		const template = this.strings[this.messages[i]!]!;
		const record = this.records[i]!;
		return {
			record: record < 0 ? null : record,
			line: this.lines[i]!,
			column: this.columns[i]!,
			pointer: this.strings[this.pointers[i]!]!,
			code: rule.code as RuleCode,
			severity: rule.severity,
			message: ref >= 0 ? template.replace(refMarker, String(ref)) : template,
		};
	}

	*[Symbol.iterator](): IterableIterator<Problem> {
		for (let i = 0; i < this.length; i++) {
			if (!this.isRemoved(i)) yield this.get(i);
		}
	}

	private intern(text: string): number {
		let id = this.stringIds.get(text);
		if (id === undefined) {
			id = this.strings.length;
			this.strings.push(text);
			this.stringIds.set(text, id);
		}

		return id;
	}

	private grow(): void {
		const size = this.records.length * 2;
		this.records = resized(this.records, size);
		this.lines = resized(this.lines, size);
		this.columns = resized(this.columns, size);
		this.codes = resized(this.codes, size);
		this.pointers = resized(this.pointers, size);
		this.messages = resized(this.messages, size);
		this.refs = resized(this.refs, size);
	}
}
