import {EventEmitter} from 'node:events';
import {availableParallelism, tmpdir} from 'node:os';
import {MessageChannel, Worker} from 'node:worker_threads';
import type {Fatal, FramingNote} from '../framing/frame-types.js';
import {type RuleCode, type Severity, ruleFor} from '../rules/catalogue.js';
import {resized} from '../typed-arrays.js';
import {ioReason} from '../files/open-private-file.js';
import {type BatchResult, keyStride} from './batch-types.js';
import {type Candidate, duplicateCodes, duplicateMessages, duplicatePointer, findCollisions} from './duplicate-confirmation.js';
import {DuplicateFinder} from './duplicate-finder.js';
import {collectGarbage} from './collect-garbage.js';
import {JoinedGroups} from './joined-groups.js';
import {type SourceStamp, stampOf} from '../files/source-stamp.js';
import {InOrderResults} from './in-order-results.js';
import {KeyLog} from './key-log.js';
import {isKeysReply, keysFromWorker} from './key-requests.js';
import {PairKeys} from './pair-keys.js';
import {ProblemStore} from './problem-store.js';
import type {ReaderMessage} from './reader-worker.js';
import type {ReadOutcome, SourceHeader} from './read-batches.js';
import {type KeyReading, readRecordKeys} from './record-keys.js';
import {whoOfText} from './record-who.js';
import {RecordLabels} from './record-labels.js';
import {RecordReader} from './record-reader.js';
import {kindOf, slotOf} from './unique-hash.js';
import {hankoRules, isHankoRules} from '../rules/hanko-versions.js';
import type {DecodePath, RuleContext} from '../rules/record-check.js';
import {workerLimits} from './worker-limits.js';
import {workerUrl} from './worker-url.js';

export type RunOptions = {
	/** Checker threads beside the reader (which checks too when they are busy); default: cores - 1, at least one. */
	checkers?: number;
	/** Problems kept for listing; counts go on past it. */
	maxStoredProblems?: number;
	/** The clock for "in the future" (ms since the epoch). */
	now?: number;
	/** The Hanko version whose importer the file is checked against (see hankoRules); default the latest release. */
	hankoVersion?: string;
	/** The record decoder (see DecodePath): the tests that compare the two set it; the product never does. */
	decodePath?: DecodePath;
	/** How often `progress` is emitted. */
	progressIntervalMs?: number;
	/** Keeps only these bits of the value hashes: tests use it to force collisions. */
	hashMask?: number;
	/** For tests: called as the end of the run begins, with the reader worker when it stays for it. */
	onTail?: (reader: Worker | undefined) => void;
	/** Values held in memory for the duplicate checks (and the kept unique values) before they go to temporary files. */
	duplicateMemoryBudget?: number;
	/** Where the duplicate checks may spill (default: the system's temporary folder). */
	tempDir?: string;
	/** Duplicate pairs re-read to confirm them; past this many the 64-bit hashes are trusted. */
	maxConfirmations?: number;
	/**
	 * Keeps the hashes of every record's unique values (`keyLog`, 16 bytes a value, in a temporary file
	 * past a few megabytes) for a fix to check its output against. Default: when problems are kept for
	 * listing (maxStoredProblems above 0), as a run that lists problems may be fixed.
	 */
	keepKeys?: boolean;
	/**
	 * Niceness of the worker threads (Linux only, where it is per thread): behind a screen the workers
	 * give way to the thread that draws it and reads keys.
	 */
	workerNice?: number;
	/**
	 * Keeps who each record with a problem is (`labels`), for a screen's user column and search: the
	 * most characters kept, 0 for none (the default).
	 */
	labelBudget?: number;
};

export type RunStats = {
	file: string;
	header: SourceHeader | undefined;
	bytesRead: number;
	records: number;
	valid: number;
	invalid: number;
	/** Errors of the file as a whole (a byte order mark, NDJSON, gzip): Hanko refuses it whatever its records. */
	fileErrors: number;
	warnings: number;
	byCode: Map<RuleCode, number>;
	/** The Hanko version checked against, as named. */
	hankoVersion: string;
	startedAt: number;
	finishedAt: number | undefined;
	fatal: Fatal | undefined;
	done: boolean;
	/** Average since the start, updated with each progress event. */
	recordsPerSecond: number;
	bytesPerSecond: number;
};

/** Spilled values up to which the reader worker reads the duplicate pairs (3M at 1M users, 30M at 10M). */
const tailWorkerValues = 8_000_000;

/** Hanko Cloud's Console takes import files up to about 50 MB. */
export const consoleLimitBytes = 50_000_000;

/** Record positions kept every `checkpointEvery` records, flattened as [record, offset, line, column]. */
export type Checkpoints = number[];

/**
 * Validates one file in worker threads. The reader worker frames records and deals batches to the
 * checker workers (checking batches itself when they are busy); this side, the UI thread, only merges
 * their results in record order, runs the duplicate checks across the file, and keeps the counts and
 * the problem list. Emits `progress` at a fixed rate, `tail` as the end of the run begins (the file is
 * read to its end), and `done` once.
 */
export class ValidationRun extends EventEmitter {
	readonly problems: ProblemStore;
	readonly checkpoints: Checkpoints = [];
	/** The groups of records between checkpoints that `fix` may copy as they are laid out. */
	readonly joinedGroups = new JoinedGroups();
	/** The file as it was when the run began, if a regular file. */
	sourceStamp: SourceStamp | undefined;
	readonly stats: RunStats;
	private readonly duplicates: DuplicateFinder;
	private readonly results = new InOrderResults<BatchResult>();
	private readonly notes: FramingNote[] = [];
	/** The most batches the reader had dealt out that were not merged yet (it keeps a window). */
	mostAhead = 0;
	private totalBatches: number | undefined;
	private readerOutcome: ReadOutcome | undefined;
	private workers: Worker[] = [];
	private reader: Worker | undefined;
	private timer: NodeJS.Timeout | undefined;
	/** The end of the run has begun (`maybeFinish`): once, whatever calls it again. */
	private finishing = false;
	private invalidBits = new Uint8Array(1 << 13); // one bit a record: has it an error?
	private newlyInvalid = 0; // records of the batch being merged that got their first error
	private readonly candidates: Candidate[] = [];
	/**
	 * Records with a duplicate whose problem the store had no room for: their duplicates not stored, and
	 * whether they have errors that are not duplicates (1 or more), so that taking a duplicate back can
	 * tell whether the record is left valid, as when every problem is stored.
	 */
	private readonly unstoredDuplicates = new Map<number, {duplicates: number; others: number}>();
	/** The hashes of every record's unique values, in record order, when kept (see `keepKeys`). */
	readonly keyLog: KeyLog | undefined;
	/** Who the records with problems are, when kept (see `labelBudget`). */
	readonly labels: RecordLabels | undefined;
	private readonly now: number;
	/** The clock and the Hanko version's rules the records are checked with (fixes check their results with it too). */
	readonly ruleContext: RuleContext;

	constructor(
		readonly file: string,
		private readonly options: RunOptions = {},
	) {
		super();
		this.problems = new ProblemStore(options.maxStoredProblems);
		this.now = options.now ?? Date.now();
		const rules = hankoRules(options.hankoVersion);
		if (!isHankoRules(rules)) throw new Error(rules.error);
		this.ruleContext = {now: this.now, rules, decodePath: options.decodePath};
		this.duplicates = new DuplicateFinder(this.duplicateMemoryBudget, options.tempDir);
		if (options.keepKeys ?? (options.maxStoredProblems ?? 1) > 0)
			this.keyLog = new KeyLog(options.duplicateMemoryBudget, options.tempDir);
		if (options.labelBudget) this.labels = new RecordLabels(options.labelBudget);
		this.stats = {
			file,
			header: undefined,
			bytesRead: 0,
			records: 0,
			valid: 0,
			invalid: 0,
			fileErrors: 0,
			warnings: 0,
			byCode: new Map(),
			hankoVersion: rules.label,
			startedAt: Date.now(),
			finishedAt: undefined,
			fatal: undefined,
			done: false,
			recordsPerSecond: 0,
			bytesPerSecond: 0,
		};
	}

	start(): this {
		// Before the reader opens it: what `fix` later checks the file against (see source-stamp.ts)
		this.sourceStamp = stampOf(this.file);
		const checkers = Math.max(1, this.options.checkers ?? availableParallelism() - 1);
		const rules = {
			now: this.now,
			hankoVersion: this.ruleContext.rules.label,
			who: this.labels !== undefined,
			decodePath: this.ruleContext.decodePath,
		};
		const ports = [];
		const checked = new Int32Array(new SharedArrayBuffer(4 * checkers));
		for (let i = 0; i < checkers; i++) {
			const {port1, port2} = new MessageChannel();
			const checker = new Worker(workerUrl('checker-worker'), {
				workerData: {port: port2, checked, index: i, nice: this.options.workerNice, ...rules},
				transferList: [port2],
				resourceLimits: workerLimits,
			});
			checker.on('message', (result: BatchResult) => {
				this.accept(result);
			});
			checker.on('error', error => {
				this.fail(error);
			});
			this.workers.push(checker);
			ports.push(port1);
		}

		const reader = new Worker(workerUrl('reader-worker'), {
			workerData: {path: this.file, ports, checked, nice: this.options.workerNice, ...rules},
			transferList: ports,
			resourceLimits: workerLimits,
		});
		reader.on('message', (message: ReaderMessage) => {
			if (!isKeysReply(message)) this.onReader(message);
		});
		reader.on('error', error => {
			this.fail(error);
		});
		this.workers.push(reader);
		this.reader = reader;
		this.timer = setInterval(() => {
			this.publish();
		}, this.options.progressIntervalMs ?? 100);
		return this;
	}

	/** Progress at a fixed rate, never once per record: the UI thread must stay free for keys. */
	private publish(): void {
		const seconds = Math.max(0.001, ((this.stats.finishedAt ?? Date.now()) - this.stats.startedAt) / 1000);
		this.stats.recordsPerSecond = this.stats.records / seconds;
		this.stats.bytesPerSecond = this.stats.bytesRead / seconds;
		this.emit('progress', this.stats);
	}

	/** Resolves when the run has finished (also after a fatal error). */
	async finished(): Promise<RunStats> {
		if (this.stats.done) return this.stats;
		return new Promise(resolve => {
			this.once('done', resolve);
		});
	}

	/** Stops all work; the counts so far stay. The kept unique values (`keyLog`) are released. */
	async cancel(): Promise<void> {
		await this.stop();
		this.duplicates.dispose();
		this.keyLog?.dispose();
	}

	/** Where temporary files of this run go (the duplicate checks; a fix's own checks). */
	get tempDir(): string | undefined {
		return this.options.tempDir;
	}

	/** Values held in memory before they go to temporary files, for checks like this run's. */
	get duplicateMemoryBudget(): number {
		return this.options.duplicateMemoryBudget ?? 250_000;
	}

	private onReader(message: ReaderMessage): void {
		switch (message.type) {
			case 'header': {
				this.stats.header = message.header;
				const {bom, format, compressed} = message.header;
				if (bom)
					this.addProblem(
						null,
						1,
						1,
						'',
						'file.bom',
						"the file starts with a UTF-8 byte order mark, which Go's decoder does not skip: Hanko stops at once; save it without BOM",
					);
				if (format === 'ndjson')
					this.addProblem(
						null,
						1,
						1,
						'',
						'file.ndjson',
						'the file is NDJSON (one user a line): Hanko reads only a JSON array; hanko-tui fix writes one',
					);
				if (compressed)
					this.addProblem(
						null,
						1,
						1,
						'',
						'file.compressed',
						'the file is gzip-compressed: Hanko reads only plain JSON; hanko-tui fix writes it uncompressed',
					);

				this.drain();
				break;
			}

			case 'progress': {
				this.stats.bytesRead = message.bytesRead;
				break;
			}

			case 'result': {
				this.accept(message.result);
				break;
			}

			case 'done': {
				// A pipe's length is known only now
				if (this.stats.header && !this.stats.header.seekable) this.stats.header.bytes = this.stats.bytesRead;
				this.totalBatches = message.batches;
				this.mostAhead = message.mostAhead;
				this.readerOutcome = message;

				this.maybeFinish();
				break;
			}
		}
	}

	private accept(result: BatchResult): void {
		this.results.add(result.seq, result);
		this.drain();
	}

	/** Merges the results that are next in record order. */
	private drain(): void {
		// Checkers answer on their own channels, so a result can overtake the reader's header: wait for
		// it, as the header's own problem (a byte order mark) comes before every record's
		if (!this.stats.header) return;
		const before = this.results.next;
		let merged = before;
		while (!this.stats.fatal) {
			const next = this.results.take();
			if (!next) break;
			try {
				this.merge(next);
			} catch (error) {
				// The only writes here are the temporary files (a full disk, a file size limit): the run
				// stops as a fatal problem, not as an exception out of a worker's message handler
				this.tempFault(error, next);
				break;
			}

			merged++;
		}

		// The reader holds back until results are merged (see reader-worker.ts)
		if (merged > before) this.reader?.postMessage(merged);

		this.maybeFinish();
	}

	private merge(result: BatchResult): void {
		this.notes.push(...result.notes);
		this.checkpoints.push(...result.checkpoints);
		this.joinedGroups.merge(result);
		const {problems, keys, keyCount, firstRecord, count} = result;
		if (result.who && this.labels) {
			for (const [k, r] of result.who.records.entries()) this.labels.add(firstRecord + r, result.who.values[k]!);
		}

		let p = 0;
		let k = 0;
		this.newlyInvalid = 0;
		const mask = this.options.hashMask ?? 0xff_ff_ff_ff;
		for (let r = 0; r < count; r++) {
			const record = firstRecord + r;
			this.flushNotes(record);
			for (; p < problems.length && problems[p]!.record === r; p++) {
				const problem = problems[p]!;
				this.addProblem(record, problem.line, problem.column, problem.pointer, problem.code, problem.message);
			}

			for (; k < keyCount && keys[k * keyStride] === r; k++) {
				const at = k * keyStride;
				this.keyLog?.add(record, keys[at + 1]!, keys[at + 2]!, keys[at + 3]!);
				const earlier = this.duplicates.add(
					(keys[at + 2]! & mask) >>> 0,
					(keys[at + 3]! & mask) >>> 0,
					record,
					keys[at + 1]!,
					keys[at + 4]!,
					keys[at + 5]!,
				);
				if (earlier >= 0) {
					const kind = kindOf(keys[at + 1]!);
					const slot = slotOf(keys[at + 1]!);
					const wasInvalid = this.isInvalid(record);
					const size = this.problems.size;
					this.addProblem(
						record,
						keys[at + 4]!,
						keys[at + 5]!,
						duplicatePointer(kind, slot),
						duplicateCodes[kind],
						duplicateMessages[kind],
						earlier,
					);
					// Whether the store took it: it may fill up with this very problem
					const problem = this.problems.size > size ? size : -1;
					if (problem < 0) this.countUnstored(record, wasInvalid);
					this.candidates.push({
						record,
						earlier,
						kind,
						slot,
						problem,
						code: duplicateCodes[kind],
						line: keys[at + 4]!,
						column: keys[at + 5]!,
					});
				}
			}
		}

		this.stats.records += count;
		this.stats.invalid += this.newlyInvalid;
		this.stats.valid += count - this.newlyInvalid;
		if (result.fatal) this.stats.fatal = result.fatal;
	}

	private flushNotes(upTo: number): void {
		while (this.notes.length > 0 && this.notes[0]!.record <= upTo) {
			const note = this.notes.shift()!;
			this.addProblem(note.record, note.line, note.column, '', 'json.syntax', note.message);
		}
	}

	/**
	 * A duplicate of `record` not stored. The first one finds out whether the record has other errors:
	 * the ones before it are all stored (then they are in the store), or, once the store is full, they
	 * are its own problems (no duplicate of this record was stored, or this would not be the first).
	 */
	private countUnstored(record: number, wasInvalid: boolean): void {
		const known = this.unstoredDuplicates.get(record);
		if (known) {
			known.duplicates++;
			return;
		}

		const stored = this.problems
			.indexesOf(record)
			.map(i => this.problems.get(i))
			.filter(problem => problem.severity === 'error');
		const others = wasInvalid && (stored.length === 0 || stored.some(problem => !problem.code.startsWith('duplicate.'))) ? 1 : 0;
		this.unstoredDuplicates.set(record, {duplicates: 1, others});
	}

	private addProblem(
		record: number | null,
		line: number,
		column: number,
		pointer: string,
		code: RuleCode,
		message: string,
		ref = -1,
	): void {
		const {severity} = ruleFor(code) as {severity: Severity};
		this.problems.add(record, line, column, pointer, code, message, ref);
		this.stats.byCode.set(code, (this.stats.byCode.get(code) ?? 0) + 1);
		if (severity === 'warning') {
			this.stats.warnings++;
		} else if (record === null) {
			this.stats.fileErrors++;
		} else {
			this.markInvalid(record);
			// An error found after a duplicate that was not stored (a syntax note that came late); the
			// duplicates themselves (with a ref) are counted by their candidates
			if (ref < 0 && this.unstoredDuplicates.size > 0) {
				const known = this.unstoredDuplicates.get(record);
				if (known) known.others++;
			}
		}
	}

	private isInvalid(record: number): boolean {
		return ((this.invalidBits[record >>> 3] ?? 0) & (1 << (record & 7))) !== 0;
	}

	private markInvalid(record: number): void {
		if (this.isInvalid(record)) return;
		if (record >>> 3 >= this.invalidBits.length)
			this.invalidBits = resized(this.invalidBits, Math.max(this.invalidBits.length * 2, (record >>> 3) + 1));

		this.invalidBits[record >>> 3]! |= 1 << (record & 7);
		if (record >= this.stats.records) {
			this.newlyInvalid++; // Counted when its batch is
		} else {
			// A record counted already: a trailing comma after it, or a duplicate found at the end
			this.stats.valid--;
			this.stats.invalid++;
		}
	}

	private markValid(record: number): void {
		if (!this.isInvalid(record)) return;
		this.invalidBits[record >>> 3]! &= ~(1 << (record & 7));
		this.stats.invalid--;
		this.stats.valid++;
	}

	private maybeFinish(): void {
		if (this.finishing) return;
		const allMerged = this.totalBatches !== undefined && this.results.next >= this.totalBatches;
		if (!allMerged && !this.stats.fatal) return;
		if (!this.readerOutcome && !this.stats.fatal) return;
		this.finishing = true;
		const last = this.stats.records - 1;
		for (const note of this.notes.splice(0)) {
			// A note for a record that never came (the file ended) belongs to the last one
			const record = Math.min(note.record, last);
			if (record >= 0) this.addProblem(record, note.line, note.column, '', 'json.syntax', note.message);
		}

		this.stats.fatal ??= this.readerOutcome?.fatal;
		// The reader worker stays to read the records of the duplicate pairs again (see key-requests.ts),
		// unless the run failed (a worker may be the cause), the partitions to check are large (their
		// tables, the worker's heap and its reading at once took the peak up: 267 to 289 MB in three runs
		// at 10M users, against 236 to 259 MB in seven with the pairs read here after them), or the run
		// is behind a screen (workers at a lower priority: the reading waited on the screen's work, and
		// the screen on its answers)
		const keepReader = !this.stats.fatal && this.duplicates.spilledValues <= tailWorkerValues && !this.options.workerNice;
		void this.stop(keepReader ? this.reader : undefined)
			.then(async () => {
				this.options.onTail?.(this.tailWorker);
				this.emit('tail');
				await this.completeDuplicates();
			})
			.then(async () => this.stop())
			.then(async () => this.labelTheRest())
			.then(() => {
				this.addEndOfFileProblems();
				this.stats.done = true;
				this.stats.finishedAt = Date.now();
				this.publish();
				this.emit('done', this.stats);
			});
	}

	/** What only the end of the file tells, listed after every record's problems. */
	private addEndOfFileProblems(): void {
		const outcome = this.readerOutcome;
		if (!outcome || this.stats.fatal) return;
		if (outcome.trailing) {
			const {line, column} = outcome.trailing;
			this.addProblem(
				null,
				line,
				column,
				'',
				'file.trailing-data',
				"something follows the closing ']': Hanko stops at the ']' and ignores it (users there are not imported)",
			);
		}

		if ((outcome.contentBytes ?? 0) > consoleLimitBytes) {
			this.addProblem(
				null,
				1,
				1,
				'',
				'file.console-size',
				`the users take ${Math.round(outcome.contentBytes! / 1e6).toLocaleString('en-US')} MB: Hanko Cloud's Console takes import files up to about 50 MB (hanko user import has no such limit)`,
			);
		}
	}

	/**
	 * Reads records of this file again by index (for detail views and confirmations); none from a pipe
	 * or FIFO, which cannot be read a second time.
	 */
	recordReader(): RecordReader | undefined {
		if (!this.stats.header?.seekable) return undefined;
		return new RecordReader(this.file, this.stats.header, this.checkpoints, this.sourceStamp);
	}

	/**
	 * Finishes the duplicate checks: the hashes spilled to disk give their duplicates now; then every
	 * pair is confirmed against the real values (unless there are too many to re-read: 64-bit hashes
	 * are then trusted); last, the duplicates found now join the problem list in record order.
	 */
	private async completeDuplicates(): Promise<void> {
		const reader = this.recordReader();
		const most = this.options.maxConfirmations ?? 20_000;
		const pairs = reader ? new PairKeys(this.pairReading(reader), 2 * most) : undefined;
		// In the reader worker, the records of the pairs found so far are read while the partitions give
		// the others; here, after them
		const early = this.tailWorker ? pairs : undefined;
		early?.ask(this.candidates.flatMap(candidate => [candidate.record, candidate.earlier]));
		try {
			const spilled = this.duplicates.spilled;
			const late = await this.duplicates.finish(found => early?.ask(found.flatMap(pair => [pair.record, pair.earlier])));
			// The partitions' tables (tens of MB at 10M users) are garbage now; the confirmation's reads
			// would otherwise sit on top of them at the run's peak
			if (spilled) collectGarbage();
			for (const found of late) {
				const kind = kindOf(found.kindSlot);
				this.candidates.push({
					record: found.record,
					earlier: found.earlier,
					kind,
					slot: slotOf(found.kindSlot),
					problem: undefined,
					code: duplicateCodes[kind],
					line: found.line,
					column: found.column,
				});
			}

			if (pairs && this.candidates.length <= most) await this.confirmDuplicates(reader!, pairs.reading);
		} catch (error) {
			// The last buffers of the spill are written here: the duplicates found so far stay
			this.tempFault(error);
		} finally {
			this.duplicates.dispose();
		}

		const late = this.candidates.filter(candidate => candidate.problem === undefined && !candidate.dropped);
		for (const candidate of late) {
			this.stats.byCode.set(candidate.code, (this.stats.byCode.get(candidate.code) ?? 0) + 1);
			this.markInvalid(candidate.record);
		}

		this.problems.mergeSorted(
			late.map(candidate => ({
				record: candidate.record,
				line: candidate.line,
				column: candidate.column,
				pointer: duplicatePointer(candidate.kind, candidate.slot),
				code: candidate.code,
				message: duplicateMessages[candidate.kind],
				ref: candidate.earlier,
			})),
		);
	}

	/**
	 * Records whose only problems were found across records (duplicates) were not labelled by the
	 * checkers: their values are read again here, in one pass, as far as the labels' budget goes.
	 */
	private async labelTheRest(): Promise<void> {
		const {labels} = this;
		const reader = this.recordReader();
		if (!labels || !reader || this.stats.fatal) return;
		const missing: number[] = [];
		for (let i = 0; i < this.problems.size && !labels.full; i++) {
			const record = this.problems.recordAt(i);
			if (record >= 0 && !labels.has(record) && missing.at(-1) !== record) missing.push(record);
		}

		try {
			await reader.each(missing, ({index, text}) => {
				labels.add(index, whoOfText(text, this.ruleContext));
			});
		} catch {
			// The file changed or vanished meanwhile: those rows go without a label
		}
	}

	/** Applies the verdicts of the re-reading: a corrected earlier record, or no duplicate at all. */
	private async confirmDuplicates(reader: RecordReader, reading: KeyReading): Promise<void> {
		if (this.candidates.length === 0) return;
		let corrections;
		try {
			corrections = await findCollisions(reader, this.candidates, this.ruleContext, async records => {
				const found = await reading(records);
				// Only the later record of a pair has a problem to show, and a label
				const {labels} = this;
				const later = new Set(this.candidates.map(candidate => candidate.record));
				for (const [index, {who}] of found) {
					if (labels && who !== undefined && later.has(index) && !labels.has(index)) labels.add(index, who);
				}

				return found;
			});
		} catch {
			return; // The file changed or vanished meanwhile: keep the duplicates as found
		}

		for (const [candidate, first] of corrections) {
			if (first === undefined) {
				this.takeBack(candidate);
			} else {
				candidate.earlier = first;
				if (candidate.problem !== undefined && candidate.problem >= 0) this.problems.setRef(candidate.problem, first);
			}
		}
	}

	/**
	 * How the records of the duplicate pairs are read again: by the reader worker while it is there,
	 * else (it failed) here, unless the run was stopped meanwhile.
	 */
	private pairReading(reader: RecordReader): KeyReading {
		const who = this.labels !== undefined;
		const here: KeyReading = async records => readRecordKeys(reader, records, this.ruleContext, who);
		const worker = this.tailWorker;
		if (!worker) return here;
		const there = keysFromWorker(worker, {file: this.file, header: this.stats.header!, checkpoints: this.checkpoints, who});
		return async records =>
			there(records).catch(async (error: unknown) => {
				if (this.workers.length === 0) throw error;
				return here(records);
			});
	}

	private takeBack(candidate: Candidate): void {
		candidate.dropped = true;
		if (candidate.problem === undefined) return; // Not reported yet: nothing to take back
		const count = (this.stats.byCode.get(candidate.code) ?? 1) - 1;
		if (count === 0) this.stats.byCode.delete(candidate.code);
		else this.stats.byCode.set(candidate.code, count);
		const unstored = this.unstoredDuplicates.get(candidate.record);
		if (candidate.problem < 0) unstored!.duplicates--;
		else this.problems.remove(candidate.problem);
		// Valid again when this was its last error: stored, or counted when the store had no room
		const stillInvalid =
			(unstored !== undefined && (unstored.duplicates > 0 || unstored.others > 0)) ||
			this.problems.indexesOf(candidate.record).some(i => this.problems.get(i).severity === 'error');
		if (!stillInvalid) this.markValid(candidate.record);
	}

	private tempFault(error: unknown, at?: BatchResult): void {
		const where = this.options.tempDir ?? tmpdir();
		const position = at && at.keyCount > 0 ? {line: at.keys[4]!, column: at.keys[5]!} : {line: 1, column: 1};
		this.stats.fatal ??= {offset: 0, ...position, message: `cannot write temporary files in ${where}: ${ioReason(error)}`};
	}

	private fail(error: Error): void {
		// Once every record is in, a worker that fails (the reader, reading duplicate pairs again) is
		// replaced by this thread: the run is complete, not failed
		if (this.finishing) return;
		this.stats.fatal ??= {offset: 0, line: 1, column: 1, message: `internal error: ${error.message}`};
		this.maybeFinish();
	}

	/** The reader worker, while it stays for the end of the run (see maybeFinish). */
	private get tailWorker(): Worker | undefined {
		return this.workers.find(worker => worker === this.reader);
	}

	/** Ends the workers, all of them or all but `keep`. */
	private async stop(keep?: Worker): Promise<void> {
		if (this.timer) clearInterval(this.timer);
		const workers = this.workers.filter(worker => worker !== keep);
		this.workers = this.workers.filter(worker => worker === keep);
		await Promise.all(workers.map(async worker => worker.terminate()));
	}
}
