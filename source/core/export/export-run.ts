import {EventEmitter} from 'node:events';
import {AdaptiveConcurrency} from './adaptive-concurrency.js';
import {AdminClient} from './admin-client.js';
import {writeFinalFiles} from './assemble-export.js';
import {CheckpointSaver} from './checkpoint-saver.js';
import {readFull} from './deep-read.js';
import type {Checkpoint} from './export-checkpoint.js';
import {ExportOutputs} from './export-outputs.js';
import {type ExportSummary, summarise} from './export-summary.js';
import type {ExportOptions, ExportPhase, ExportProgress} from './export-types.js';
import {type FetchedPage, fetchedPage} from './fetched-page.js';
import {Limiter} from './limiter.js';
import {pageLines} from './page-users.js';
import {walkPages} from './page-walk.js';
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
	private readonly lookAhead: number;
	private readonly limiter: Limiter;
	private readonly concurrency: AdaptiveConcurrency;
	private readonly client: AdminClient;
	private checkpoint!: Checkpoint;
	private ids = new UuidSet();
	private seen: UuidSet | undefined;
	private readonly control = new RunControl();
	private readonly shown = {phase: 'walk' as ExportPhase, page: 0, pages: 0, checked: 0, toCheck: 0};
	private total: number | undefined;
	private readonly started = Date.now();
	private usersAtStart = 0;
	private lastProgress = 0;

	constructor(private readonly options: ExportOptions) {
		super();
		this.outputs = ExportOutputs.of(options);
		this.checkpointFile = `${options.out}.checkpoint`;
		this.saver = new CheckpointSaver(this.checkpointFile);
		this.perPage = options.perPage ?? 100;
		const concurrency = options.concurrency ?? 4;
		this.concurrency = new AdaptiveConcurrency(concurrency);
		this.limiter = new Limiter(concurrency);
		// Pages wait for their turn as output lines: about 2,000 users' worth, and never fewer pages than
		// requests in flight
		this.lookAhead = Math.max(concurrency + 1, Math.ceil(2000 / this.perPage));
		this.client = new AdminClient({
			apiUrl: options.apiUrl,
			apiKey: options.apiKey,
			allowHttp: options.allowHttp,
			connections: concurrency,
			...options.client,
			onEvent: event => {
				if (event.type === 'rateLimited') {
					this.checkpoint.stats.rateLimited++;
					this.concurrency.rateLimited(); // Fewer requests at once after a 429; more again once things are calm
				} else {
					this.checkpoint.stats.retries++;
				}

				this.emit(
					'event',
					event.type === 'retry'
						? `retry ${event.attempt} in ${event.delayMs} ms (${event.reason})`
						: `rate limited (429${event.retryAfterMs === undefined ? '' : `, Retry-After ${event.retryAfterMs / 1000} s`}): ${this.concurrency.current} at once now`,
				);
			},
		});
	}

	/** The partial file of the export (NDJSON of import records). */
	get partial(): string {
		return this.outputs.out.partial;
	}

	pause(): void {
		this.control.pause();
		this.emitProgress(true);
	}

	resume(): void {
		this.control.resume();
		this.emitProgress(true);
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
				this.emit(
					'event',
					walk === 1
						? resumed
							? `resuming at page ${this.checkpoint.nextPage}`
							: 'walking every page'
						: `walk ${walk}: checking that nothing was missed`,
				);
				await this.walk();
				if (this.control.cancelled) return await this.cancelledSummary(resumed);
				await this.saver.save(this.checkpoint);
				const outcome = await this.reconcile();
				if (this.control.cancelled) return await this.cancelledSummary(resumed);
				if (outcome.agree || walk >= (this.options.maxWalks ?? 10)) {
					// Complete: not verified (the list kept changing) still gives the file, with the reasons
					this.shown.phase = 'write';
					this.emitProgress(true);
					await writeFinalFiles(this.outputs, this.checkpoint, this.checkpointFile);
					return this.summary({verified: outcome.agree, reasons: outcome.reasons, resumed, cancelled: false});
				}

				Object.assign(this.checkpoint, {walk: walk + 1, nextPage: 1, walkTotal: null, totalMoved: false});
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
		const identity = {
			apiUrl: this.client.base.href,
			perPage: this.perPage,
			raw: this.options.raw ?? null,
			deep: Boolean(this.options.deep),
		};
		const {checkpoint, resumed} = await openExport(this.outputs, this.saver, identity, {
			restart: Boolean(this.options.restart),
			started: this.started,
			ids: this.ids,
		});
		this.checkpoint = checkpoint;
		this.usersAtStart = this.ids.size;
		return resumed;
	}

	private async fetchPage(page: number, release: () => void): Promise<FetchedPage> {
		await this.control.whilePaused();
		this.checkpoint.stats.requests++;
		const {users, total} = await this.client.listPage(page, this.perPage, this.control.signal);
		release(); // The next request goes out while this page is turned into lines
		// Full objects only for users not exported yet: a later walk mostly sees users it already has
		const known = (id: string) => this.ids.has(id);
		const full = this.outputs.contacts
			? await readFull(this.client, users, known, this.limiter, this.control.signal, () => this.checkpoint.stats.requests++)
			: undefined;
		return fetchedPage(users, total, {known, full, raw: this.outputs.raw !== undefined});
	}

	/** One walk from the checkpoint's next page; a later walk (walk > 1) records the ids it saw. */
	private async walk(): Promise<void> {
		this.shown.phase = 'walk';
		this.seen = this.checkpoint.walk > 1 ? new UuidSet(this.ids.size) : undefined;
		await walkPages<FetchedPage>({
			firstPage: this.checkpoint.nextPage,
			perPage: this.perPage,
			concurrency: () => this.concurrency.current,
			lookAhead: this.lookAhead,
			cancelled: () => this.control.cancelled,
			abort: () => this.control.abort(),
			fetch: async (page, release) => this.fetchPage(page, release),
			commit: async (page, fetched) => this.commit(page, fetched),
		});
	}

	/** Writes a page's new users and moves the checkpoint past it. */
	private async commit(page: number, fetched: FetchedPage): Promise<void> {
		const {checkpoint, outputs} = this;
		this.total = fetched.total!; // The walk has refused a page without a total before it gets here
		this.shown.pages = Math.max(1, Math.ceil(this.total / this.perPage));
		// Every page's total is compared with the walk's first (kept in the checkpoint across a resume)
		checkpoint.walkTotal ??= this.total;
		if (this.total !== checkpoint.walkTotal) checkpoint.totalMoved = true;
		const {lines, rawLines, contactLines} = pageLines(fetched, checkpoint, this.ids, this.seen);
		checkpoint.partialBytes += await outputs.out.append(lines);
		if (outputs.raw) checkpoint.rawBytes += await outputs.raw.append(rawLines);
		if (outputs.contacts) checkpoint.contactBytes += await outputs.contacts.append(contactLines);
		checkpoint.nextPage = page + 1;
		this.shown.page = page;
		await this.saver.saveWhenDue(checkpoint);
		this.concurrency.pageCommitted();
		// Every commit, unthrottled: a hook for whoever must act at an exact page (tests cancel here);
		// the page's users are on disk, the checkpoint that vouches for them may follow later
		this.emit('committed', {walk: checkpoint.walk, page});
		this.emitProgress(false);
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
			onRequest: () => this.checkpoint.stats.requests++,
			onCheckStart: toCheck => {
				Object.assign(this.shown, {phase: 'check', checked: 0, toCheck});
				if (toCheck > 0) this.emit('event', `looking up ${toCheck} users the walk did not see again`);
				this.emitProgress(true);
			},
			onChecked: checked => {
				this.shown.checked = checked;
				this.emitProgress(false);
			},
		});
	}

	private emitProgress(force: boolean): void {
		const now = Date.now();
		if (!force && now - this.lastProgress < 100) return;
		this.lastProgress = now;
		const elapsedMs = now - this.started;
		const progress: ExportProgress = {
			...this.checkpoint.stats,
			...this.shown,
			walk: this.checkpoint.walk,
			users: this.ids.size,
			total: this.total,
			concurrency: this.concurrency.current,
			usersPerSecond: elapsedMs > 0 ? ((this.ids.size - this.usersAtStart) * 1000) / elapsedMs : 0,
			elapsedMs,
			paused: this.control.paused,
		};
		this.emit('progress', progress);
	}

	private async cancelledSummary(resumed: boolean): Promise<ExportSummary> {
		await this.saver.save(this.checkpoint); // Everything committed so far is kept for the resume
		return this.summary({verified: false, reasons: ['cancelled: run the same command again to resume'], resumed, cancelled: true});
	}

	private summary(outcome: {verified: boolean; reasons: string[]; resumed: boolean; cancelled: boolean}): ExportSummary {
		return summarise({
			checkpoint: this.checkpoint,
			files: {out: this.options.out, raw: this.options.raw ?? null, contacts: this.outputs.contacts?.target ?? null},
			deep: Boolean(this.options.deep),
			ids: this.ids.size,
			total: this.total,
			started: this.started,
			outcome,
		});
	}
}
