import {type RuleCode, type Severity, ruleIds, ruleList} from '../rules/catalogue.js';

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

/** The columns of the store, one typed array each, indexed by problem. */
type Columns = {
	records: Int32Array;
	lines: Int32Array;
	columns: Int32Array;
	codes: Uint8Array;
	pointers: Int32Array;
	messages: Int32Array;
	refs: Int32Array;
};

const columnNames = ['records', 'lines', 'columns', 'codes', 'pointers', 'messages', 'refs'] as const;

function allocate(size: number): Columns {
	return {
		records: new Int32Array(size),
		lines: new Int32Array(size),
		columns: new Int32Array(size),
		codes: new Uint8Array(size),
		pointers: new Int32Array(size),
		messages: new Int32Array(size),
		refs: new Int32Array(size),
	};
}

/**
 * Every problem of a run in record order, in columns of typed arrays (about 25 bytes a problem):
 * pointers and message templates are interned, the number of a record a message refers to is kept
 * apart, so a million problems do not mean a million strings.
 */
export class ProblemStore {
	private length = 0;
	private c: Columns = allocate(1024);
	private removed: Set<number> | undefined;
	private readonly strings: string[] = [];
	private readonly stringIds = new Map<string, number>();

	constructor(readonly limit = Number.POSITIVE_INFINITY) {}

	/** Changes when stored problems move (a late merge) or are taken back: indexes into it are stale then. */
	version = 0;

	/** The record of a stored problem (-1 for the whole file), without building the problem. */
	recordAt(i: number): number {
		return this.c.records[i]!;
	}

	/** The rule id of a stored problem, without building the problem (for filters over millions). */
	codeIdAt(i: number): number {
		return this.c.codes[i]!;
	}

	/**
	 * The message template (`{ref}` not filled in) and pointer of a stored problem, as ids of interned
	 * strings (`interned`): a search over millions looks at each distinct text once.
	 */
	messageIdAt(i: number): number {
		return this.c.messages[i]!;
	}

	pointerIdAt(i: number): number {
		return this.c.pointers[i]!;
	}

	interned(id: number): string {
		return this.strings[id]!;
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

		if (this.length === this.c.records.length) this.grow();
		const i = this.length++;
		this.c.records[i] = record ?? -1;
		this.c.lines[i] = line;
		this.c.columns[i] = column;
		this.c.codes[i] = ruleIds.get(code)!;
		this.c.pointers[i] = this.intern(pointer);
		this.c.messages[i] = this.intern(message);
		this.c.refs[i] = ref;
	}

	/**
	 * Adds problems found late (sorted by record) among the others, keeping record order and the limit:
	 * the store then holds the first problems of the file, as if they had come in order.
	 */
	mergeSorted(
		late: ReadonlyArray<{record: number; line: number; column: number; pointer: string; code: RuleCode; message: string; ref: number}>,
	): void {
		if (late.length === 0) return;
		this.version++;
		const old = {length: this.length, c: this.c, removed: this.removed};
		this.length = 0;
		this.c = allocate(Math.max(1024, Math.min(this.limit, old.length + late.length)));
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
			if (j >= late.length || (i < old.length && old.c.records[i]! <= late[j]!.record)) {
				if (this.length >= this.limit) break;
				if (this.length === this.c.records.length) this.grow();
				const k = this.length++;
				for (const name of columnNames) this.c[name][k] = old.c[name][i]!;
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
		this.c.refs[i] = ref;
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
			if (this.c.records[mid]! < record) low = mid + 1;
			else high = mid;
		}

		const found: number[] = [];
		for (let i = low; i < this.length && this.c.records[i] === record; i++) {
			if (!this.isRemoved(i)) found.push(i);
		}

		return found;
	}

	/** The record a duplicate problem refers to (the first one with the value), or -1. */
	refAt(i: number): number {
		return this.c.refs[i]!;
	}

	get(i: number): Problem {
		const rule = ruleList[this.c.codes[i]!]!;
		const ref = this.c.refs[i]!;
		const template = this.strings[this.c.messages[i]!]!;
		const record = this.c.records[i]!;
		return {
			record: record < 0 ? null : record,
			line: this.c.lines[i]!,
			column: this.c.columns[i]!,
			pointer: this.strings[this.c.pointers[i]!]!,
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
		const grown = allocate(this.c.records.length * 2);
		for (const name of columnNames) grown[name].set(this.c[name]);
		this.c = grown;
	}
}
