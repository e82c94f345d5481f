import {EventEmitter} from 'node:events';
import {AdaptiveConcurrency} from './adaptive-concurrency.js';
import type {AdminClient} from './admin-client.js';
import {writeFinalFiles} from './assemble-export.js';
import {CheckpointSaver} from './checkpoint-saver.js';
import {type Checkpoint, recordTotal, startWalk} from './export-checkpoint.js';
import {exportClient} from './export-client.js';
import {ExportOutputs} from './export-outputs.js';
import {type ProgressFacts, ProgressReporter} from './export-progress.js';
import {type ExportSummary, type RunOutcome, cancelledOutcome, completeOutcome, summarise} from './export-summary.js';
import type {ExportOptions} from './export-types.js';
import {fetchPage, type PageSource} from './fetch-page.js';
import type {FetchedPage} from './fetched-page.js';
import {Limiter} from './limiter.js';
import {pageLines} from './page-users.js';
import {lastPageOf, lookAheadPages, walkPages} from './page-walk.js';
import {type Reconciliation, reconcile} from './reconcile.js';
import {openExport} from './resume-export.js';
import {RunControl} from './run-control.js';
import {UuidSet} from './uuid-set.js';

// Every user out of the Admin API into Hanko's import format, resumable. Pages are fetched several at
// a time and committed in page order: their new users are appended to `<out>.partial` (NDJSON), then a
// checkpoint saying how far the partial file is good is replaced atomically. A killed run resumes from
// the checkpoint. When a walk ends, the unique users are counted against X-Total-Count; if they differ
// (ties on created_at, users created or deleted meanwhile), walks go on until one finds nothing new,
// the users a walk did not see are looked up by id, and the counts agree. The final file appears by
// rename, from the partial one, only then.

export type {ExportStats} from './export-checkpoint.js';
export type {ExportSummary, ExportSummaryNotes} from './export-summary.js';
export type {CommittedPage, ExportOptions, ExportPhase, ExportProgress} from './export-types.js';
export {defaultContactsFile} from './needs-reset-csv.js';

export class ExportRun extends EventEmitter {
	readonly checkpointFile: string;
	private readonly outputs: ExportOutputs;
	private readonly saver: CheckpointSaver;
	private readonly perPage: number;
	private readonly deep: boolean;
	private readonly source: PageSource;
	private readonly concurrency: AdaptiveConcurrency;
	private readonly client: AdminClient;
	private readonly progress: ProgressReporter;
	private readonly control = new RunControl();
	private readonly started = Date.now();
	// Set once the run has opened its outputs: a pause or resume before that has nothing to report yet
	private checkpoint!: Checkpoint;
	private readonly ids = new UuidSet();
	private seen: UuidSet | undefined;
	private total: number | undefined;
	private readonly countRequest = () => this.checkpoint.stats.requests++;

	constructor(private readonly options: ExportOptions) {
		super();
		this.outputs = ExportOutputs.of(options);
		this.checkpointFile = `${options.out}.checkpoint`;
		this.saver = new CheckpointSaver(this.checkpointFile);
		this.perPage = options.perPage ?? 100;
		this.deep = Boolean(options.deep);
		const concurrency = options.concurrency ?? 4;
		this.concurrency = new AdaptiveConcurrency(concurrency);
		const tell = (line: string) => this.emit('event', line);
		this.client = exportClient(options, this.concurrency, () => this.checkpoint.stats, tell);
		const {client, perPage, deep, ids, control} = this;
		const raw = this.outputs.raw !== undefined;
		const limiter = new Limiter(concurrency);
		this.source = {client, perPage, deep, raw, limiter, known: id => ids.has(id), signal: control.signal, onRequest: this.countRequest};
		this.progress = new ProgressReporter(
			this.started,
			() => this.progressFacts(),
			progress => this.emit('progress', progress),
			tell,
		);
	}

	/** The partial file of the export (NDJSON of import records). */
	get partial(): string {
		return this.outputs.out.partial;
	}

	pause(): void {
		this.control.pause();
		if (this.checkpoint !== undefined) this.progress.report(true);
	}

	resume(): void {
		this.control.resume();
		if (this.checkpoint !== undefined) this.progress.report(true);
	}

	/** Stops after the requests in flight; the checkpoint stays, so the same command resumes. */
	cancel(): void {
		if (this.control.cancel()) this.resume();
	}

	async run(): Promise<ExportSummary> {
		let resumed = false;
		try {
			await this.outputs.acquire(this.checkpointFile);
			resumed = await this.open();
			for (;;) {
				const {walk} = this.checkpoint;
				this.progress.walkStarts(walk, resumed, this.checkpoint.nextPage);
				await this.walk();
				if (this.control.cancelled) return await this.cancelled(resumed);
				await this.saver.save(this.checkpoint);
				const outcome = await this.reconcile();
				if (this.control.cancelled) return await this.cancelled(resumed);
				if (outcome.agree || walk >= (this.options.maxWalks ?? 10)) {
					// Complete: not verified (the list kept changing) still gives the file, with the reasons
					this.progress.writing();
					await writeFinalFiles(this.outputs, this.checkpoint, this.checkpointFile);
					return this.summary(completeOutcome(outcome, resumed));
				}

				startWalk(this.checkpoint, walk + 1);
				await this.saver.save(this.checkpoint);
			}
		} catch (error) {
			// A first attempt that failed before its first checkpoint (a wrong URL, key or tenant) leaves
			// nothing behind, so the corrected command is not told that its checkpoint is another export's
			if (this.outputs.locked && !resumed && !this.saver.saved) await this.outputs.remove();
			throw error;
		} finally {
			await this.outputs.close();
			await this.client.close();
			await this.outputs.unlock();
		}
	}

	/** Loads the checkpoint of an earlier run (cutting the partial files back to it), or starts afresh. */
	private async open(): Promise<boolean> {
		const identity = {apiUrl: this.client.base.href, perPage: this.perPage, raw: this.options.raw ?? null, deep: this.deep};
		const settings = {restart: Boolean(this.options.restart), started: this.started, ids: this.ids};
		const {checkpoint, resumed} = await openExport(this.outputs, this.saver, identity, settings);
		this.checkpoint = checkpoint;
		this.progress.start(this.ids.size);
		return resumed;
	}

	/** One walk from the checkpoint's next page; a later walk (walk > 1) records the ids it saw. */
	private async walk(): Promise<void> {
		this.seen = this.checkpoint.walk > 1 ? new UuidSet(this.ids.size) : undefined;
		await walkPages<FetchedPage>({
			firstPage: this.checkpoint.nextPage,
			perPage: this.perPage,
			concurrency: () => this.concurrency.current,
			lookAhead: lookAheadPages(this.concurrency.max, this.perPage),
			cancelled: () => this.control.cancelled,
			abort: () => this.control.abort(),
			fetch: async (page, release) => {
				await this.control.whilePaused();
				return fetchPage(page, release, this.source);
			},
			commit: async (page, fetched) => this.commit(page, fetched),
		});
	}

	/** Writes a page's new users and moves the checkpoint past it. */
	private async commit(page: number, fetched: FetchedPage): Promise<void> {
		const {checkpoint} = this;
		this.total = fetched.total!; // The walk has refused a page without a total before it gets here
		this.progress.pages(lastPageOf(this.total, this.perPage));
		recordTotal(checkpoint, this.total);
		await this.outputs.appendPage(pageLines(fetched, checkpoint, this.ids, this.seen), checkpoint);
		checkpoint.nextPage = page + 1;
		this.progress.page(page);
		await this.saver.saveWhenDue(checkpoint);
		this.concurrency.pageCommitted();
		// Every commit, unthrottled: a hook for whoever must act at an exact page (tests cancel here);
		// the page's users are on disk, the checkpoint that vouches for them may follow later
		this.emit('committed', {walk: checkpoint.walk, page});
		this.progress.report(false);
	}

	private async reconcile(): Promise<Reconciliation> {
		return reconcile({
			client: this.client,
			out: this.outputs.out,
			checkpoint: this.checkpoint,
			ids: this.ids,
			seen: this.seen,
			total: this.total,
			concurrency: this.concurrency.current,
			signal: this.control.signal,
			onRequest: this.countRequest,
			onCheckStart: toCheck => this.progress.checkStarts(toCheck),
			onChecked: checked => this.progress.checked(checked),
		});
	}

	private progressFacts(): ProgressFacts {
		const {checkpoint, ids, total} = this;
		const {paused} = this.control;
		return {checkpoint, users: ids.size, total, concurrency: this.concurrency.current, paused, pausedMs: this.control.pausedMs()};
	}

	private async cancelled(resumed: boolean): Promise<ExportSummary> {
		await this.saver.save(this.checkpoint); // Everything committed so far is kept for the resume
		return this.summary(cancelledOutcome(resumed));
	}

	private summary(outcome: RunOutcome): ExportSummary {
		const {checkpoint, deep, total, started} = this;
		return summarise({checkpoint, files: this.outputs.files, deep, ids: this.ids.size, total, started, outcome});
	}
}
