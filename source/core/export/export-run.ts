import {EventEmitter} from 'node:events';
import {createReadStream} from 'node:fs';
import {type FileHandle, open, readFile, rm, stat, truncate} from 'node:fs/promises';
import {createInterface} from 'node:readline';
import {AtomicFile} from '../files/atomic-file.js';
import {AdminApiError, AdminClient, type ClientOptions, type Page} from './admin-client.js';
import {type ExportNotes, noNotes, toImportUser} from './to-import-user.js';
import {UuidSet} from './uuid-set.js';

// Every user out of the Admin API into Hanko's import format, resumable. Pages are fetched several at
// a time and committed in page order: their new users are appended to `<out>.partial` (NDJSON), then a
// checkpoint saying how far the partial file is good is replaced atomically. A killed run resumes from
// the checkpoint: the partial file is cut back to it and the walk goes on at the next page. When a walk
// ends, the unique users are counted against X-Total-Count; if they differ (ties on created_at, users
// created or deleted meanwhile), walks go on until one finds nothing new and the counts agree. The final
// file appears by rename, from the partial one, only then.

export type ExportOptions = {
	apiUrl: string;
	apiKey: string;
	out: string;
	/** Also write the Admin API objects, as NDJSON. */
	raw?: string;
	perPage?: number;
	concurrency?: number;
	/** Discard a checkpoint of an earlier run instead of resuming it. */
	restart?: boolean;
	/** Walks before giving up on agreement (default 10). */
	maxWalks?: number;
	client?: Partial<ClientOptions>;
};

export type ExportStats = {
	requests: number;
	retries: number;
	rateLimited: number;
};

export type ExportProgress = ExportStats & {
	walk: number;
	page: number;
	pages: number;
	users: number;
	total: number;
	concurrency: number;
	usersPerSecond: number;
	elapsedMs: number;
	paused: boolean;
};

export type ExportSummary = ExportStats & {
	out: string;
	raw: string | null;
	users: number;
	total: number;
	verified: boolean;
	walks: number;
	/** Users found in a later walk that were created after the export started. */
	createdDuringRun: number;
	/** Exported users that the API no longer knows at the end (404): left out of the file. */
	deletedDuringRun: number;
	missing: number;
	extra: number;
	reasons: string[];
	notes: ExportNotes;
	resumed: boolean;
	cancelled: boolean;
	seconds: number;
};

/** A fetched page, already in the strings it will be written as: the user objects are not kept. */
type FetchedPage = {
	total: number;
	count: number;
	items: Array<{id: string; createdAt: string; line: string; raw: string | undefined; notes: ExportNotes}>;
};

type WalkResult = {seen: UuidSet | undefined; totalAtStart: number; totalAtEnd: number; foundNew: boolean};

type Checkpoint = {
	version: 1;
	/** X-Total-Count at the first page of the current walk, and whether it ever differed since. */
	walkTotal: number | null;
	totalMoved: boolean;
	/** A run of this export was interrupted: changes while it was down are invisible to the totals. */
	interrupted: boolean;
	apiUrl: string;
	perPage: number;
	raw: string | null;
	walk: number;
	nextPage: number;
	partialBytes: number;
	rawBytes: number;
	startedAt: number;
	deleted: string[];
	createdDuringRun: number;
	notes: ExportNotes;
	stats: ExportStats;
};

/** Emitted as `committed` after each page's users and the checkpoint are on disk. */
export type CommittedPage = {walk: number; page: number};

export class ExportRun extends EventEmitter {
	readonly partial: string;
	readonly checkpointFile: string;
	private readonly rawPartial: string | undefined;
	private readonly perPage: number;
	private readonly maxConcurrency: number;
	private readonly lookAhead: number;
	private concurrency: number;
	private calmPages = 0;
	private client: AdminClient;
	private checkpoint!: Checkpoint;
	private ids = new UuidSet();
	private partialHandle: FileHandle | undefined;
	private rawHandle: FileHandle | undefined;
	private paused = false;
	private cancelled = false;
	private resumeWaiters: Array<() => void> = [];
	/** Cuts requests and backoff waits short on cancel. */
	private readonly aborter = new AbortController();
	private page = 0;
	private pages = 0;
	private total = 0;
	private readonly started = Date.now();
	private usersAtStart = 0;
	private lastProgress = 0;

	constructor(private readonly options: ExportOptions) {
		super();
		this.partial = `${options.out}.partial`;
		this.checkpointFile = `${options.out}.checkpoint`;
		this.rawPartial = options.raw === undefined ? undefined : `${options.raw}.partial`;
		this.perPage = options.perPage ?? 100;
		this.maxConcurrency = options.concurrency ?? 4;
		this.concurrency = this.maxConcurrency;
		// Pages wait for their turn as output lines: about 2,000 users' worth, and never fewer pages than
		// requests in flight
		this.lookAhead = Math.max(this.maxConcurrency + 1, Math.ceil(2000 / this.perPage));
		this.client = new AdminClient({
			apiUrl: options.apiUrl,
			apiKey: options.apiKey,
			connections: this.maxConcurrency,
			...options.client,
			onEvent: event => {
				if (event.type === 'rateLimited') {
					this.checkpoint.stats.rateLimited++;
					// Fewer requests at once after a 429; more again once things are calm
					this.concurrency = Math.max(1, Math.floor(this.concurrency / 2));
					this.calmPages = 0;
				} else {
					this.checkpoint.stats.retries++;
				}

				this.emit('event', event.type === 'retry' ? `retry ${event.attempt} in ${event.delayMs} ms (${event.reason})` : `rate limited (429${event.retryAfterMs === undefined ? '' : `, Retry-After ${event.retryAfterMs / 1000} s`}): ${this.concurrency} at once now`);
			},
		});
	}

	pause(): void {
		this.paused = true;
		this.emitProgress(true);
	}

	resume(): void {
		this.paused = false;
		for (const wake of this.resumeWaiters.splice(0)) wake();
		this.emitProgress(true);
	}

	/** Stops after the pages in flight; the checkpoint stays, so the same command resumes. */
	cancel(): void {
		if (this.cancelled) return;
		this.cancelled = true;
		this.aborter.abort();
		this.resume();
	}

	async run(): Promise<ExportSummary> {
		try {
			const resumed = await this.open();
			let verified = false;
			let reasons: string[] = [];
			for (;;) {
				const {walk} = this.checkpoint;
				this.emit('event', walk === 1 ? (resumed ? `resuming at page ${this.checkpoint.nextPage}` : 'walking every page') : `walk ${walk}: checking that nothing was missed`);
				// eslint-disable-next-line no-await-in-loop
				const result = await this.walk(walk);
				if (this.cancelled) return this.summary({verified: false, reasons: ['cancelled: run the same command again to resume'], resumed, cancelled: true});
				// eslint-disable-next-line no-await-in-loop
				const outcome = await this.reconcile(result);
				verified = outcome.agree;
				reasons = outcome.reasons;
				if (verified || walk >= (this.options.maxWalks ?? 10)) break;
				this.checkpoint.walk++;
				this.checkpoint.nextPage = 1;
				this.checkpoint.walkTotal = null;
				this.checkpoint.totalMoved = false;
				// eslint-disable-next-line no-await-in-loop
				await this.saveCheckpoint();
			}

			// Complete: every walk done. Not verified (the list kept changing) still gives the file, with
			// exit code 1 and the reasons
			await this.finish();
			return this.summary({verified, reasons, resumed, cancelled: false});
		} finally {
			await this.partialHandle?.close();
			await this.rawHandle?.close();
			await this.client.close();
		}
	}

	/** Loads the checkpoint of an earlier run (cutting the partial files back to it), or starts afresh. */
	private async open(): Promise<boolean> {
		const fresh: Checkpoint = {
			version: 1, walkTotal: null, totalMoved: false, interrupted: false, apiUrl: this.client.base.href, perPage: this.perPage, raw: this.options.raw ?? null, walk: 1, nextPage: 1, partialBytes: 0, rawBytes: 0,
			startedAt: this.started, deleted: [], createdDuringRun: 0, notes: noNotes(), stats: {requests: 0, retries: 0, rateLimited: 0},
		};
		let saved: Checkpoint | undefined;
		if (!this.options.restart) {
			try {
				saved = JSON.parse(await readFile(this.checkpointFile, 'utf8')) as Checkpoint;
			} catch {}
		}

		if (saved && (saved.apiUrl !== fresh.apiUrl || saved.perPage !== fresh.perPage || saved.raw !== fresh.raw)) {
			throw new AdminApiError(`${this.checkpointFile} belongs to another export (${saved.apiUrl}, ${saved.perPage} a page${saved.raw ? `, raw ${saved.raw}` : ''}): run it with those options, or add --restart to discard it`);
		}

		this.checkpoint = saved ? {...saved, interrupted: true} : fresh;
		const partialSize = await stat(this.partial).then(info => info.size, () => -1);
		if (saved && partialSize < saved.partialBytes) throw new AdminApiError(`${this.partial} is shorter than its checkpoint says: add --restart to start again`);
		// Anything after the last checkpoint was not committed: cut it off
		await (partialSize >= 0 ? truncate(this.partial, this.checkpoint.partialBytes) : Promise.resolve());
		if (this.rawPartial) {
			const rawSize = await stat(this.rawPartial).then(info => info.size, () => -1);
			if (saved && rawSize < saved.rawBytes) throw new AdminApiError(`${this.rawPartial} is shorter than its checkpoint says: add --restart to start again`);
			if (rawSize >= 0) await truncate(this.rawPartial, this.checkpoint.rawBytes);
		}
		this.partialHandle = await open(this.partial, 'a', 0o600);
		if (this.rawPartial) this.rawHandle = await open(this.rawPartial, 'a', 0o600);
		if (saved) {
			await this.forEachExported(id => {
				this.ids.add(id);
			});
		}
		this.usersAtStart = this.ids.size;
		// A reconciliation walk keeps the ids it saw in memory only: it starts again from its first page
		if (this.checkpoint.walk > 1) {
			this.checkpoint.nextPage = 1;
			this.checkpoint.walkTotal = null;
			this.checkpoint.totalMoved = false;
		}
		await this.saveCheckpoint();
		return saved !== undefined;
	}

	private async forEachExported(visit: (id: string, line: string) => void | Promise<void>): Promise<void> {
		const lines = createInterface({input: createReadStream(this.partial, {encoding: 'utf8', end: Math.max(0, this.checkpoint.partialBytes - 1)}), crlfDelay: Number.POSITIVE_INFINITY});
		if (this.checkpoint.partialBytes === 0) {
			lines.close();
			return;
		}

		for await (const line of lines) {
			const id = /^\{"user_id":"([^"]*)"/.exec(line)?.[1];
			if (id !== undefined) await visit(id, line);
		}
	}

	private async waitWhilePaused(): Promise<void> {
		while (this.paused && !this.cancelled) {
			// eslint-disable-next-line no-await-in-loop
			await new Promise<void>(resolve => this.resumeWaiters.push(resolve));
		}
	}

	private async fetchPage(page: number): Promise<FetchedPage> {
		await this.waitWhilePaused();
		this.checkpoint.stats.requests++;
		const {users, total}: Page = await this.client.listPage(page, this.perPage, 'asc', this.aborter.signal);
		return {
			total,
			count: users.length,
			items: users.map(user => {
				const notes = noNotes();
				const line = JSON.stringify(toImportUser(user, notes));
				return {id: user.id, createdAt: user.created_at, line, raw: this.rawHandle ? JSON.stringify(user) : undefined, notes};
			}),
		};
	}

	/**
	 * One walk over the pages from the checkpoint's next page, `concurrency` pages in flight, committed
	 * in order. A reconciliation walk (walk > 1) also returns the ids it saw.
	 */
	private async walk(walk: number): Promise<WalkResult> {
		const seen = walk > 1 ? new UuidSet(this.ids.size) : undefined;
		const bytesAtStart = this.checkpoint.partialBytes;
		// Fetching never waits for committing: `concurrency` requests stay in flight, their pages wait in
		// order (at most a few windows ahead) until the commits, one at a time, reach them
		const fetched = new Map<number, Promise<FetchedPage>>();
		let next = this.checkpoint.nextPage;
		let last = Number.POSITIVE_INFINITY;
		let inFlight = 0;
		let committing = this.checkpoint.nextPage;
		let wake: (() => void) | undefined;
		const launch = () => {
			while (!this.cancelled && inFlight < this.concurrency && next <= last && next < committing + this.lookAhead) {
				const page = next++;
				inFlight++;
				const promise = this.fetchPage(page).finally(() => {
					inFlight--;
					launch();
					wake?.();
				});
				promise.catch(() => undefined); // Awaited in its turn
				fetched.set(page, promise);
			}
		};

		let totalAtStart = Number.NaN;
		try {
			for (; committing <= last && !this.cancelled; committing++) {
				launch();
				// A page is fetched only after the commit before it has moved the window: wait for its turn
				while (!fetched.has(committing) && !this.cancelled) {
					// eslint-disable-next-line no-await-in-loop
					await new Promise<void>(resolve => {
						wake = resolve;
					});
					launch();
				}

				if (this.cancelled) break;
				let result: FetchedPage;
				try {
					// eslint-disable-next-line no-await-in-loop
					result = await fetched.get(committing)!;
				} catch (error) {
					if (this.cancelled) break; // A request cut short by the cancel
					throw error;
				}

				fetched.delete(committing);
				if (this.cancelled) break;
				if (Number.isNaN(totalAtStart)) totalAtStart = result.total;
				// Every page's total is compared with the walk's first (kept in the checkpoint across a resume)
				this.checkpoint.walkTotal ??= result.total;
				if (result.total !== this.checkpoint.walkTotal) this.checkpoint.totalMoved = true;
				this.total = result.total;
				this.pages = Math.max(1, Math.ceil(result.total / this.perPage));
				if (result.count < this.perPage) last = committing;
				// eslint-disable-next-line no-await-in-loop
				await this.commit(committing, result, seen);
				if (++this.calmPages >= 20 && this.concurrency < this.maxConcurrency) {
					this.concurrency++;
					this.calmPages = 0;
				}
			}
		} finally {
			// Pages fetched past the end (or before a cancel) are not needed
			await Promise.allSettled(fetched.values());
		}

		return {seen, totalAtStart, totalAtEnd: this.total, foundNew: this.checkpoint.partialBytes !== bytesAtStart};
	}

	private async commit(page: number, fetchedPage: FetchedPage, seen: UuidSet | undefined): Promise<void> {
		let lines = '';
		let rawLines = '';
		const notes = noNotes();
		let created = 0;
		for (const item of fetchedPage.items) {
			seen?.add(item.id);
			if (!this.ids.add(item.id)) continue; // Already exported: a page boundary moved
			lines += `${item.line}\n`;
			if (item.raw !== undefined) rawLines += `${item.raw}\n`;
			for (const key of Object.keys(notes) as Array<keyof ExportNotes>) notes[key] += item.notes[key];
			if (Date.parse(item.createdAt) >= this.checkpoint.startedAt) created++;
		}

		if (lines) {
			const buffer = Buffer.from(lines);
			await this.partialHandle!.write(buffer);
			this.checkpoint.partialBytes += buffer.length;
		}

		if (rawLines) {
			const buffer = Buffer.from(rawLines);
			await this.rawHandle!.write(buffer);
			this.checkpoint.rawBytes += buffer.length;
		}

		const {notes: total} = this.checkpoint;
		for (const key of Object.keys(notes) as Array<keyof ExportNotes>) total[key] += notes[key];
		this.checkpoint.createdDuringRun += created;
		this.checkpoint.nextPage = page + 1;
		this.page = page;
		await this.saveCheckpoint();
		// Every commit, unthrottled: a hook for whoever must act at an exact page (tests cancel here)
		this.emit('committed', {walk: this.checkpoint.walk, page});
		this.emitProgress(false);
	}

	private async saveCheckpoint(): Promise<void> {
		await AtomicFile.replace(this.checkpointFile, JSON.stringify(this.checkpoint), {sync: false});
	}

	/**
	 * After a walk: exported users the walk did not see are asked for one by one (a 404 means deleted
	 * meanwhile); then the export agrees with the server when the walk found nobody new and the
	 * unique users match X-Total-Count, which did not move during the walk.
	 */
	private async reconcile({seen, totalAtEnd}: WalkResult): Promise<{agree: boolean; reasons: string[]}> {
		const deleted = new Set(this.checkpoint.deleted);
		const {totalMoved, interrupted} = this.checkpoint;
		let unconfirmed = 0;
		if (seen) {
			// Exported users this walk did not see: still there (the list moved under the walk), or deleted
			const unseen: string[] = [];
			await this.forEachExported(id => {
				if (!seen.has(id) && !deleted.has(id)) unseen.push(id);
			});
			const checked = unseen.slice(0, 10_000);
			unconfirmed = unseen.length - checked.length;
			for (const id of checked) {
				if (this.cancelled) break;
				this.checkpoint.stats.requests++;
				// eslint-disable-next-line no-await-in-loop
				if (await this.client.getUser(id) === undefined) deleted.add(id);
			}

			this.checkpoint.deleted = [...deleted];
		}

		const users = this.ids.size - deleted.size;
		const reasons: string[] = [];
		if (users < totalAtEnd) reasons.push(`${totalAtEnd - users} users missing: the list shifted under the walk (ties on created_at, or users created or deleted meanwhile)`);
		if (users > totalAtEnd) reasons.push(`${users - totalAtEnd} users more than X-Total-Count: users deleted meanwhile`);
		if (totalMoved) reasons.push('X-Total-Count moved during the walk');
		if (unconfirmed > 0) reasons.push(`${unconfirmed} exported users not seen again and not checked one by one`);
		// A first walk is trusted only when nothing can have moved: the total stayed the same on every
		// page and the run was never interrupted (while it is down, a creation and a deletion cancel out
		// in the count). Otherwise a further walk sees every user again or asks for it by id.
		if (!seen && interrupted) reasons.push('the export was interrupted: a walk over every page confirms it');
		const agree = reasons.length === 0;
		return {agree, reasons};
	}

	/**
	 * Writes the final file(s) from the partial ones, without deleted users. Both are renamed into place
	 * before the checkpoint goes, and the work files last: a kill at any point leaves either the
	 * checkpoint (the next run writes them again from the same partial files) or the final files.
	 */
	private async finish(): Promise<void> {
		const deleted = new Set(this.checkpoint.deleted);
		const out = await AtomicFile.create(this.options.out);
		const raw = this.rawPartial ? await AtomicFile.create(this.options.raw!) : undefined;
		try {
			out.write('[');
			let first = true;
			await this.forEachExported(async (id, line) => {
				if (deleted.has(id)) return;
				const waiting = out.write(`${first ? '\n  ' : ',\n  '}${line}`);
				first = false;
				if (waiting) await waiting;
			});
			out.write(first ? ']\n' : '\n]\n');
			if (raw) await this.copyRaw(raw, deleted);
			if (process.env.HANKO_TUI_FAULT === 'finish') process.kill(process.pid, 'SIGKILL'); // Tests: a kill at the worst moment
			if (raw) await raw.commit();
			await out.commit();
		} catch (error) {
			await Promise.all([out.abort(), raw?.abort()]);
			throw error;
		}

		await rm(this.checkpointFile, {force: true});
		await this.partialHandle?.close();
		this.partialHandle = undefined;
		await this.rawHandle?.close();
		this.rawHandle = undefined;
		await rm(this.partial, {force: true});
		if (this.rawPartial) await rm(this.rawPartial, {force: true});
	}

	private async copyRaw(raw: AtomicFile, deleted: ReadonlySet<string>): Promise<void> {
		const lines = createInterface({input: createReadStream(this.rawPartial!, {encoding: 'utf8', end: Math.max(0, this.checkpoint.rawBytes - 1)}), crlfDelay: Number.POSITIVE_INFINITY});
		if (this.checkpoint.rawBytes === 0) {
			lines.close();
			return;
		}

		for await (const line of lines) {
			const id = /^\{"id":"([^"]*)"/.exec(line)?.[1];
			if (!line || (id !== undefined && deleted.has(id))) continue;
			const waiting = raw.write(`${line}\n`);
			if (waiting) await waiting;
		}
	}

	private emitProgress(force: boolean): void {
		const now = Date.now();
		if (!force && now - this.lastProgress < 100) return;
		this.lastProgress = now;
		const elapsedMs = now - this.started;
		const progress: ExportProgress = {
			...this.checkpoint.stats, walk: this.checkpoint.walk, page: this.page, pages: this.pages, users: this.ids.size, total: this.total,
			concurrency: this.concurrency, usersPerSecond: elapsedMs > 0 ? ((this.ids.size - this.usersAtStart) * 1000) / elapsedMs : 0, elapsedMs, paused: this.paused,
		};
		this.emit('progress', progress);
	}

	private summary({verified, reasons, resumed, cancelled}: {verified: boolean; reasons: string[]; resumed: boolean; cancelled: boolean}): ExportSummary {
		const users = this.ids.size - this.checkpoint.deleted.length;
		return {
			...this.checkpoint.stats,
			out: this.options.out, raw: this.options.raw ?? null, users, total: this.total, verified, walks: this.checkpoint.walk,
			createdDuringRun: this.checkpoint.createdDuringRun, deletedDuringRun: this.checkpoint.deleted.length,
			missing: Math.max(0, this.total - users), extra: Math.max(0, users - this.total), reasons, notes: this.checkpoint.notes,
			resumed, cancelled, seconds: (Date.now() - this.started) / 1000,
		};
	}
}
