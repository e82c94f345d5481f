import {EventEmitter} from 'node:events';
import {availableParallelism} from 'node:os';
import {MessageChannel, Worker} from 'node:worker_threads';
import type {Fatal, FramingNote} from '../framing/frame-types.js';
import {type RuleCode, type Severity, ruleFor} from '../rules/catalogue.js';
import {type BatchResult, keyStride} from './batch-types.js';
import {DuplicateIndex} from './duplicate-index.js';
import {ProblemStore} from './problem-store.js';
import type {ReaderMessage} from './reader-worker.js';
import type {SourceHeader} from './read-batches.js';
import {KeyKind} from './unique-hash.js';
import {workerUrl} from './worker-url.js';

export type RunOptions = {
	/** Checker threads; default: one per core, at least one. */
	checkers?: number;
	/** Problems kept for listing; counts go on past it. */
	maxStoredProblems?: number;
	/** The clock for "in the future" (ms since the epoch). */
	now?: number;
	/** How often `progress` is emitted. */
	progressIntervalMs?: number;
};

export type RunStats = {
	file: string;
	header: SourceHeader | undefined;
	bytesRead: number;
	records: number;
	valid: number;
	invalid: number;
	warnings: number;
	byCode: Map<RuleCode, number>;
	startedAt: number;
	finishedAt: number | undefined;
	fatal: Fatal | undefined;
	done: boolean;
};

/** Record positions kept every `checkpointEvery` records, flattened as [record, offset, line, column]. */
export type Checkpoints = number[];

const duplicateCodes: Record<KeyKind, RuleCode> = {
	[KeyKind.UserId]: 'duplicate.user-id',
	[KeyKind.Email]: 'duplicate.email',
	[KeyKind.Username]: 'duplicate.username',
};

const duplicateMessages: Record<KeyKind, string> = {
	[KeyKind.UserId]: 'user_id already used by record {ref}: give one of them a new ID or merge them',
	[KeyKind.Email]: 'address already used by record {ref} (compared in lower case): remove it from one of them or merge them',
	[KeyKind.Username]: 'username already used by record {ref}: rename or merge',
};

function duplicatePointer(kind: KeyKind, slot: number): string {
	if (kind === KeyKind.UserId) return '/user_id';
	if (kind === KeyKind.Username) return '/username';
	return `/emails/${slot}/address`;
}

/**
 * Validates one file in worker threads. The reader worker frames records and deals them to checker
 * workers; this side (the UI thread) only merges their results in record order, runs the duplicate
 * checks across the file, and keeps counts and the problem list. Emits `progress` at a fixed rate and
 * `done` once.
 */
export class ValidationRun extends EventEmitter {
	readonly problems: ProblemStore;
	readonly checkpoints: Checkpoints = [];
	readonly stats: RunStats;
	private readonly index = new DuplicateIndex();
	private readonly pending = new Map<number, BatchResult>();
	private readonly notes: FramingNote[] = [];
	private nextSeq = 0;
	private totalBatches: number | undefined;
	private readerOutcome: {records: number; fatal?: Fatal} | undefined;
	private workers: Worker[] = [];
	private timer: NodeJS.Timeout | undefined;
	private readonly errorRecords = new Set<number>(); // records of the current batch with an error

	constructor(readonly file: string, private readonly options: RunOptions = {}) {
		super();
		this.problems = new ProblemStore(options.maxStoredProblems);
		this.stats = {
			file, header: undefined, bytesRead: 0, records: 0, valid: 0, invalid: 0, warnings: 0,
			byCode: new Map(), startedAt: Date.now(), finishedAt: undefined, fatal: undefined, done: false,
		};
	}

	start(): this {
		const checkers = Math.max(1, this.options.checkers ?? availableParallelism());
		const now = this.options.now ?? Date.now();
		const ports = [];
		for (let i = 0; i < checkers; i++) {
			const {port1, port2} = new MessageChannel();
			const checker = new Worker(workerUrl('checker-worker'), {workerData: {port: port2, now}, transferList: [port2]});
			checker.on('message', (result: BatchResult) => {
				this.accept(result);
			});
			checker.on('error', error => {
				this.fail(error);
			});
			this.workers.push(checker);
			ports.push(port1);
		}

		const reader = new Worker(workerUrl('reader-worker'), {workerData: {path: this.file, ports}, transferList: ports});
		reader.on('message', (message: ReaderMessage) => {
			this.onReader(message);
		});
		reader.on('error', error => {
			this.fail(error);
		});
		this.workers.push(reader);
		this.timer = setInterval(() => this.emit('progress', this.stats), this.options.progressIntervalMs ?? 100);
		return this;
	}

	/** Resolves when the run has finished (also after a fatal error). */
	async finished(): Promise<RunStats> {
		if (this.stats.done) return this.stats;
		return new Promise(resolve => {
			this.once('done', resolve);
		});
	}

	/** Stops all work; the counts so far stay. */
	async cancel(): Promise<void> {
		await this.stop();
	}

	private onReader(message: ReaderMessage): void {
		switch (message.type) {
			case 'header': {
				this.stats.header = message.header;
				if (message.header.bom) {
					this.addProblem(null, 1, 1, '', 'file.bom', 'the file starts with a UTF-8 byte order mark, which Go\'s decoder does not skip: save it without BOM');
				}

				break;
			}

			case 'progress': {
				this.stats.bytesRead = message.bytesRead;
				break;
			}

			case 'done': {
				this.totalBatches = message.batches;
				this.readerOutcome = {records: message.records, fatal: message.fatal};
				this.maybeFinish();
				break;
			}
		}
	}

	private accept(result: BatchResult): void {
		this.pending.set(result.seq, result);
		let next = this.pending.get(this.nextSeq);
		while (next && !this.stats.fatal) {
			this.pending.delete(this.nextSeq);
			this.merge(next);
			this.nextSeq++;
			next = this.pending.get(this.nextSeq);
		}

		this.maybeFinish();
	}

	private merge(result: BatchResult): void {
		this.notes.push(...result.notes);
		this.checkpoints.push(...result.checkpoints);
		const {problems, keys, keyCount, firstRecord, count} = result;
		let p = 0;
		let k = 0;
		this.errorRecords.clear();
		for (let r = 0; r < count; r++) {
			const record = firstRecord + r;
			this.flushNotes(record);
			for (; p < problems.length && problems[p]!.record === r; p++) {
				const problem = problems[p]!;
				this.addProblem(record, problem.line, problem.column, problem.pointer, problem.code, problem.message);
			}

			for (; k < keyCount && keys[k * keyStride] === r; k++) {
				const at = k * keyStride;
				const kind = (keys[at + 1]! & 3) as KeyKind;
				const earlier = this.index.firstOrAdd(keys[at + 2]!, keys[at + 3]!, record);
				if (earlier >= 0) {
					this.addProblem(record, keys[at + 4]!, keys[at + 5]!, duplicatePointer(kind, keys[at + 1]! >>> 2), duplicateCodes[kind], duplicateMessages[kind], earlier);
				}
			}
		}

		this.stats.records += count;
		this.stats.invalid += this.errorRecords.size;
		this.stats.valid += count - this.errorRecords.size;
		if (result.fatal) this.stats.fatal = result.fatal;
	}

	private flushNotes(upTo: number): void {
		while (this.notes.length > 0 && this.notes[0]!.record <= upTo) {
			const note = this.notes.shift()!;
			this.addProblem(note.record, note.line, note.column, '', 'json.syntax', note.message);
		}
	}

	private addProblem(record: number | null, line: number, column: number, pointer: string, code: RuleCode, message: string, ref = -1): void {
		const {severity} = ruleFor(code) as {severity: Severity};
		this.problems.add(record, line, column, pointer, code, message, ref);
		this.stats.byCode.set(code, (this.stats.byCode.get(code) ?? 0) + 1);
		if (severity === 'warning') this.stats.warnings++;
		else if (record !== null) {
			if (record >= this.stats.records) this.errorRecords.add(record);
			else this.lateError(record);
		}
	}

	/** An error found for a record already counted (a trailing comma after the last record). */
	private lateError(record: number): void {
		if (this.lateErrors.has(record)) return;
		this.lateErrors.add(record);
		this.stats.valid--;
		this.stats.invalid++;
	}

	private readonly lateErrors = new Set<number>();

	private maybeFinish(): void {
		if (this.stats.done) return;
		const allMerged = this.totalBatches !== undefined && this.nextSeq >= this.totalBatches;
		if (!allMerged && !this.stats.fatal) return;
		if (!this.readerOutcome && !this.stats.fatal) return;
		const last = this.stats.records - 1;
		for (const note of this.notes.splice(0)) {
			// A note for a record that never came (the file ended) belongs to the last one
			const record = Math.min(note.record, last);
			if (record >= 0) this.addProblem(record, note.line, note.column, '', 'json.syntax', note.message);
		}

		this.stats.fatal ??= this.readerOutcome?.fatal;
		void this.stop().then(() => {
			this.stats.done = true;
			this.stats.finishedAt = Date.now();
			this.emit('progress', this.stats);
			this.emit('done', this.stats);
		});
	}

	private fail(error: Error): void {
		this.stats.fatal ??= {offset: 0, line: 1, column: 1, message: `internal error: ${error.message}`};
		this.maybeFinish();
	}

	private async stop(): Promise<void> {
		if (this.timer) clearInterval(this.timer);
		const workers = this.workers;
		this.workers = [];
		await Promise.all(workers.map(async worker => worker.terminate()));
	}
}
