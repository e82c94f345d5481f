import {EventEmitter} from 'node:events';
import {rm} from 'node:fs/promises';
import {maxRecordBytes} from '../engine/read-batches.js';
import {removeLeftoverTemps} from '../files/leftover-temps.js';
import {OutputLock} from '../files/output-lock.js';
import {sameTarget} from '../files/same-file.js';
import {csvField} from '../text/csv-field.js';
import {AdminApiError} from './admin-api-error.js';
import {AdminClient, type ClientOptions} from './admin-client.js';
import type {AdminUser} from './admin-user.js';
import {findGone} from './check-ids.js';
import {Limiter, readDeep} from './deep-read.js';
import {type Checkpoint, type ExportStats, freshCheckpoint, loadCheckpoint, saveCheckpoint} from './export-checkpoint.js';
import {PartialOutput, assemble} from './export-files.js';
import {walkPages} from './page-walk.js';
import {type ExportNotes, noNotes, toImportUser} from './to-import-user.js';
import {UuidSet} from './uuid-set.js';

// Every user out of the Admin API into Hanko's import format, resumable. Pages are fetched several at
// a time and committed in page order: their new users are appended to `<out>.partial` (NDJSON), then a
// checkpoint saying how far the partial file is good is replaced atomically. A killed run resumes from
// the checkpoint. When a walk ends, the unique users are counted against X-Total-Count; if they differ
// (ties on created_at, users created or deleted meanwhile), walks go on until one finds nothing new,
// the users a walk did not see are looked up by id, and the counts agree. The final file appears by
// rename, from the partial one, only then.

export type {ExportStats} from './export-checkpoint.js';

export type ExportOptions = {
	apiUrl: string;
	/** None: no Authorization header (self-hosted Hanko has no authentication of its own). */
	apiKey?: string;
	allowHttp?: boolean;
	out: string;
	/** Also write the Admin API objects, as NDJSON. */
	raw?: string;
	/** Read every user with `GET /users/{id}` to count passwords and OTP secrets exactly. */
	deep?: boolean;
	/** With `deep`: the users who must reset a password or re-enrol OTP, as CSV (default beside `out`). */
	contacts?: string;
	perPage?: number;
	concurrency?: number;
	/** Discard a checkpoint of an earlier run instead of resuming it. */
	restart?: boolean;
	/** Walks before giving up on agreement (default 10). */
	maxWalks?: number;
	client?: Partial<ClientOptions>;
};

export type ExportPhase = 'walk' | 'check' | 'write';

export type ExportProgress = ExportStats & {
	phase: ExportPhase;
	walk: number;
	page: number;
	pages: number;
	users: number;
	/** X-Total-Count; undefined when the server sends none. */
	total: number | undefined;
	/** In the check phase: users looked up so far, of how many. */
	checked: number;
	toCheck: number;
	concurrency: number;
	usersPerSecond: number;
	elapsedMs: number;
	paused: boolean;
};

/** Counts the list cannot give are null unless the export was `deep`. */
export type ExportSummaryNotes = Omit<ExportNotes, 'passwords' | 'otps'> & {passwords: number | null; otps: number | null};

export type ExportSummary = ExportStats & {
	out: string;
	raw: string | null;
	/** With `deep`: the CSV of users who must reset a password or re-enrol OTP. */
	contacts: string | null;
	deep: boolean;
	users: number;
	total: number | undefined;
	verified: boolean;
	walks: number;
	/** Users found in a later walk that were created after the export started. */
	createdDuringRun: number;
	/** Exported users that the API no longer knows at the end: left out of the file. */
	deletedDuringRun: number;
	/** Users too large for an import file: left out, by id. */
	oversize: string[];
	missing: number;
	extra: number;
	reasons: string[];
	notes: ExportSummaryNotes;
	resumed: boolean;
	cancelled: boolean;
	seconds: number;
};

/** Emitted as `committed` after each page's users and the checkpoint are on disk. */
export type CommittedPage = {walk: number; page: number};

/** A fetched page, already in the strings it will be written as: the user objects are not kept. */
type FetchedPage = {
	total: number | undefined;
	count: number;
	fingerprint: number;
	items: Array<{id: string; createdAt: string; line: string | undefined; raw: string | undefined; contact: string | undefined; gone: boolean; notes: ExportNotes}>;
};

export function defaultContactsFile(out: string): string {
	return `${out.replace(/\.json$/i, '')}.needs-reset.csv`;
}

const checkpointEveryMs = 200;

// The id each line of a partial file starts with: import records begin with user_id, raw objects with id
const userIdAtStart = /^\{"user_id":"([^"]*)"/;
const idAtStart = /^\{"id":"([^"]*)"/;

function leadingId(line: string, pattern: RegExp): string | undefined {
	return pattern.exec(line)?.[1];
}

const contactsHeader = 'user_id,email,username,password_reset,otp_reenrol\n';

export class ExportRun extends EventEmitter {
	readonly checkpointFile: string;
	private readonly out: PartialOutput;
	private readonly raw: PartialOutput | undefined;
	private readonly contacts: PartialOutput | undefined;
	private readonly perPage: number;
	private readonly maxConcurrency: number;
	private readonly lookAhead: number;
	private readonly limiter: Limiter;
	private concurrency: number;
	private calmPages = 0;
	private readonly client: AdminClient;
	private checkpoint!: Checkpoint;
	private ids = new UuidSet();
	private seen: UuidSet | undefined;
	private paused = false;
	private cancelled = false;
	private resumeWaiters: Array<() => void> = [];
	/** Cuts requests and backoff waits short on cancel. */
	private readonly aborter = new AbortController();
	private phase: ExportPhase = 'walk';
	private page = 0;
	private pages = 0;
	private total: number | undefined;
	private checked = 0;
	private toCheck = 0;
	private readonly started = Date.now();
	private usersAtStart = 0;
	private lastProgress = 0;
	private savedAt = 0;

	constructor(private readonly options: ExportOptions) {
		super();
		this.out = new PartialOutput(options.out);
		this.checkpointFile = `${options.out}.checkpoint`;
		this.raw = options.raw === undefined ? undefined : new PartialOutput(options.raw);
		this.contacts = options.deep ? new PartialOutput(options.contacts ?? defaultContactsFile(options.out)) : undefined;
		this.perPage = options.perPage ?? 100;
		this.maxConcurrency = options.concurrency ?? 4;
		this.concurrency = this.maxConcurrency;
		this.limiter = new Limiter(this.maxConcurrency);
		// Pages wait for their turn as output lines: about 2,000 users' worth, and never fewer pages than
		// requests in flight
		this.lookAhead = Math.max(this.maxConcurrency + 1, Math.ceil(2000 / this.perPage));
		this.client = new AdminClient({
			apiUrl: options.apiUrl,
			apiKey: options.apiKey,
			allowHttp: options.allowHttp,
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

	/** The partial file of the export (NDJSON of import records). */
	get partial(): string {
		return this.out.partial;
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

	/** Stops after the requests in flight; the checkpoint stays, so the same command resumes. */
	cancel(): void {
		if (this.cancelled) return;
		this.cancelled = true;
		this.aborter.abort();
		this.resume();
	}

	async run(): Promise<ExportSummary> {
		let lock: OutputLock | undefined;
		let resumed = false;
		try {
			this.checkOutputs();
			// A second export to the same file would interleave its pages with ours
			try {
				lock = await OutputLock.acquire(this.options.out);
			} catch (error) {
				throw new AdminApiError((error as Error).message, {beforeStart: true});
			}

			// Temporary files of runs that were killed before they could remove them
			for (const output of [this.out, this.raw, this.contacts]) if (output) await removeLeftoverTemps(output.target); // eslint-disable-line no-await-in-loop
			await removeLeftoverTemps(this.checkpointFile);
			resumed = await this.open();
			for (;;) {
				const {walk} = this.checkpoint;
				this.emit('event', walk === 1 ? (resumed ? `resuming at page ${this.checkpoint.nextPage}` : 'walking every page') : `walk ${walk}: checking that nothing was missed`);
				// eslint-disable-next-line no-await-in-loop
				await this.walk();
				if (this.cancelled) return await this.cancelledSummary(resumed); // eslint-disable-line no-await-in-loop
				// eslint-disable-next-line no-await-in-loop
				await this.saveCheckpoint();
				// eslint-disable-next-line no-await-in-loop
				const outcome = await this.reconcile();
				if (this.cancelled) return await this.cancelledSummary(resumed); // eslint-disable-line no-await-in-loop
				if (outcome.agree || walk >= (this.options.maxWalks ?? 10)) {
					// Complete: not verified (the list kept changing) still gives the file, with the reasons
					// eslint-disable-next-line no-await-in-loop
					await this.finish();
					return this.summary({verified: outcome.agree, reasons: outcome.reasons, resumed, cancelled: false});
				}

				Object.assign(this.checkpoint, {walk: walk + 1, nextPage: 1, walkTotal: null, totalMoved: false});
				// eslint-disable-next-line no-await-in-loop
				await this.saveCheckpoint();
			}
		} catch (error) {
			// A first attempt that failed before its first checkpoint (a wrong URL, key or tenant) leaves
			// nothing behind, so the corrected command is not told that its checkpoint is another export's
			if (lock && !resumed && this.savedAt === 0) await Promise.all([this.out.remove(), this.raw?.remove(), this.contacts?.remove()]);
			throw error;
		} finally {
			await Promise.all([this.out.close(), this.raw?.close(), this.contacts?.close()]);
			await this.client.close();
			await lock?.release();
		}
	}

	/** Outputs that would be one file (also through its work files) are refused before anything is written. */
	private checkOutputs(): void {
		const outputs = [this.out, this.raw, this.contacts].filter(output => output !== undefined);
		for (const [index, output] of outputs.entries()) {
			for (const other of outputs.slice(index + 1)) {
				if (sameTarget(output.target, other.target)) throw new AdminApiError(`${other.target} and ${output.target} would be the same file: give the export and the raw objects different names`, {beforeStart: true});
			}
		}
	}

	/** Loads the checkpoint of an earlier run (cutting the partial files back to it), or starts afresh. */
	private async open(): Promise<boolean> {
		const identity = {apiUrl: this.client.base.href, perPage: this.perPage, raw: this.options.raw ?? null, deep: Boolean(this.options.deep)};
		const saved = this.options.restart ? undefined : await loadCheckpoint(this.checkpointFile, identity);
		this.checkpoint = saved ? {...saved, interrupted: true} : freshCheckpoint(identity, this.started);
		const resumed = saved !== undefined;
		// A discarded checkpoint goes before its partial files are emptied: it must never vouch for them.
		// A fresh one is written with the first page
		if (!resumed) await rm(this.checkpointFile, {force: true});
		await this.out.open(this.checkpoint.partialBytes, resumed);
		await this.raw?.open(this.checkpoint.rawBytes, resumed);
		await this.contacts?.open(this.checkpoint.contactBytes, resumed);
		if (resumed) {
			for await (const line of this.out.lines(this.checkpoint.partialBytes)) {
				const id = leadingId(line, userIdAtStart);
				if (id !== undefined) this.ids.add(id);
			}

			for (const id of [...this.checkpoint.deleted, ...this.checkpoint.oversize]) this.ids.add(id);
		}

		this.usersAtStart = this.ids.size;
		// A later walk keeps the ids it saw in memory only: it starts again from its first page
		if (this.checkpoint.walk > 1) Object.assign(this.checkpoint, {nextPage: 1, walkTotal: null, totalMoved: false});
		if (resumed) await this.saveCheckpoint();
		return resumed;
	}

	private async waitWhilePaused(): Promise<void> {
		while (this.paused && !this.cancelled) {
			// eslint-disable-next-line no-await-in-loop
			await new Promise<void>(resolve => this.resumeWaiters.push(resolve));
		}
	}

	private async fetchPage(page: number, release: () => void): Promise<FetchedPage> {
		await this.waitWhilePaused();
		this.checkpoint.stats.requests++;
		const signal = this.aborter.signal;
		const {users, total} = await this.client.listPage(page, this.perPage, signal);
		release(); // The next request goes out while this page is turned into lines
		// Full objects only for users not exported yet: a later walk mostly sees users it already has
		const deep = this.contacts
			? await readDeep(this.client, users.filter(user => !this.ids.has(user.id)), this.limiter, signal, () => this.checkpoint.stats.requests++)
			: undefined;
		const full = new Map<string, AdminUser | undefined>();
		if (deep) for (const user of deep.filter(Boolean)) full.set(user!.id, user);
		return {
			total,
			count: users.length,
			fingerprint: fingerprintOf(users),
			items: users.map(listed => {
				const notes = noNotes();
				const gone = deep !== undefined && !this.ids.has(listed.id) && full.get(listed.id) === undefined;
				const user = full.get(listed.id) ?? listed;
				const line = gone ? undefined : JSON.stringify(toImportUser(user, notes));
				return {id: listed.id, createdAt: listed.created_at, line, raw: this.raw && !gone ? JSON.stringify(user) : undefined, contact: deep && !gone ? contactLine(user) : undefined, gone, notes};
			}),
		};
	}

	/** One walk from the checkpoint's next page; a later walk (walk > 1) records the ids it saw. */
	private async walk(): Promise<void> {
		this.phase = 'walk';
		this.seen = this.checkpoint.walk > 1 ? new UuidSet(this.ids.size) : undefined;
		await walkPages<FetchedPage>({
			firstPage: this.checkpoint.nextPage,
			perPage: this.perPage,
			concurrency: () => this.concurrency,
			lookAhead: this.lookAhead,
			cancelled: () => this.cancelled,
			abort: () => this.aborter.abort(),
			fetch: async (page, release) => this.fetchPage(page, release),
			commit: async (page, fetched) => this.commit(page, fetched),
		});
	}

	/** Writes a page's new users and moves the checkpoint past it. */
	private async commit(page: number, fetched: FetchedPage): Promise<void> {
		const {checkpoint} = this;
		// The walk has refused a page without a total before it gets here
		this.total = fetched.total!;
		this.pages = Math.max(1, Math.ceil(this.total / this.perPage));
		// Every page's total is compared with the walk's first (kept in the checkpoint across a resume)
		checkpoint.walkTotal ??= this.total;
		if (this.total !== checkpoint.walkTotal) checkpoint.totalMoved = true;

		let lines = '';
		let rawLines = '';
		let contactLines = '';
		for (const item of fetched.items) {
			this.seen?.add(item.id);
			if (!this.ids.add(item.id)) continue; // Already exported: a page boundary moved
			if (Date.parse(item.createdAt) >= checkpoint.startedAt) checkpoint.createdDuringRun++;
			if (item.gone) {
				checkpoint.deleted.push(item.id); // Deleted between the list and its own look-up
				continue;
			}

			if (Buffer.byteLength(item.line!) > maxRecordBytes) {
				checkpoint.oversize.push(item.id);
				continue;
			}

			lines += `${item.line}\n`;
			if (item.raw !== undefined) rawLines += `${item.raw}\n`;
			if (item.contact) contactLines += item.contact;
			for (const key of Object.keys(item.notes) as Array<keyof ExportNotes>) checkpoint.notes[key] += item.notes[key];
		}

		checkpoint.partialBytes += await this.out.append(lines);
		if (this.raw) checkpoint.rawBytes += await this.raw.append(rawLines);
		if (this.contacts) checkpoint.contactBytes += await this.contacts.append(contactLines);
		checkpoint.nextPage = page + 1;
		this.page = page;
		// The checkpoint is rewritten at most every 200 ms (and when a walk ends or stops): a kill in
		// between cuts the partial file back to the last one, and those few pages are fetched again
		if (Date.now() - this.savedAt >= checkpointEveryMs) await this.saveCheckpoint();
		if (++this.calmPages >= 20 && this.concurrency < this.maxConcurrency) {
			this.concurrency++;
			this.calmPages = 0;
		}

		// Every commit, unthrottled: a hook for whoever must act at an exact page (tests cancel here);
		// the page's users are on disk, the checkpoint that vouches for them may follow later
		this.emit('committed', {walk: checkpoint.walk, page});
		this.emitProgress(false);
	}

	/**
	 * After a walk: exported users a later walk did not see are looked up by id (gone means deleted
	 * meanwhile); then the export agrees with the server when the unique users match X-Total-Count,
	 * which did not move during the walk.
	 */
	private async reconcile(): Promise<{agree: boolean; reasons: string[]}> {
		const {checkpoint, seen} = this;
		const deleted = new Set(checkpoint.deleted);
		if (seen) {
			const unseen: string[] = [];
			for await (const line of this.out.lines(checkpoint.partialBytes)) {
				const id = leadingId(line, userIdAtStart);
				if (id !== undefined && !seen.has(id) && !deleted.has(id)) unseen.push(id);
			}

			this.phase = 'check';
			this.checked = 0;
			this.toCheck = unseen.length;
			if (unseen.length > 0) this.emit('event', `looking up ${unseen.length} users the walk did not see again`);
			this.emitProgress(true);
			const gone = await findGone(this.client, unseen, {
				concurrency: this.concurrency, signal: this.aborter.signal,
				onRequest: () => checkpoint.stats.requests++,
				onProgress: ({checked}) => {
					this.checked = checked;
					this.emitProgress(false);
				},
			});
			if (gone === undefined) return {agree: false, reasons: ['cancelled']};
			checkpoint.deleted = [...deleted, ...gone];
		}

		const listed = this.ids.size - checkpoint.deleted.length;
		const reasons: string[] = [];
		const total = this.total;
		if (total !== undefined && listed < total) reasons.push(`${total - listed} users missing: the list shifted under the walk (ties on created_at, or users created or deleted meanwhile)`);
		if (total !== undefined && listed > total) reasons.push(`${listed - total} users more than X-Total-Count: users deleted meanwhile`);

		if (checkpoint.totalMoved) reasons.push('X-Total-Count moved during the walk');
		// A first walk is trusted only when nothing can have moved: the total stayed the same on every
		// page and the run was never interrupted (while it is down, a creation and a deletion cancel out
		// in the count). Otherwise a further walk sees every user again or asks for it by id.
		if (!seen && checkpoint.interrupted) reasons.push('the export was interrupted: a walk over every page confirms it');
		if (checkpoint.oversize.length > 0) reasons.push(`${checkpoint.oversize.length} users are larger than ${maxRecordBytes >> 20} MB in the import format and were left out (${checkpoint.oversize.slice(0, 3).join(', ')}${checkpoint.oversize.length > 3 ? ', …' : ''})`);
		return {agree: reasons.length === 0, reasons};
	}

	/**
	 * Writes the final file(s) from the partial ones, without deleted users. All are renamed into place
	 * before the checkpoint goes, and the work files last: a kill at any point leaves either the
	 * checkpoint (the next run writes them again from the same partial files) or the final files.
	 */
	private async finish(): Promise<void> {
		this.phase = 'write';
		this.emitProgress(true);
		const left = new Set([...this.checkpoint.deleted, ...this.checkpoint.oversize]);
		const files = [await assemble(this.out, this.checkpoint.partialBytes, {
			head: '[',
			line: (line, first) => (left.has(leadingId(line, userIdAtStart) ?? '') ? undefined : `${first ? '\n  ' : ',\n  '}${line}`),
			tail: written => (written === 0 ? ']\n' : '\n]\n'),
		})];
		try {
			if (this.raw) files.push(await assemble(this.raw, this.checkpoint.rawBytes, {head: '', line: line => (left.has(leadingId(line, idAtStart) ?? '') ? undefined : `${line}\n`), tail: () => ''}));
			if (this.contacts) {
				files.push(await assemble(this.contacts, this.checkpoint.contactBytes, {
					head: contactsHeader, line: line => (left.has(line.slice(0, line.indexOf(','))) ? undefined : `${line}\n`), tail: () => '',
				}));
			}

			if (process.env.HANKO_TUI_FAULT === 'finish') process.kill(process.pid, 'SIGKILL'); // Tests: a kill at the worst moment
			for (const file of files.toReversed()) await file.commit(); // eslint-disable-line no-await-in-loop
		} catch (error) {
			await Promise.all(files.map(async file => file.abort()));
			throw error;
		}

		await rm(this.checkpointFile, {force: true});
		await Promise.all([this.out.remove(), this.raw?.remove(), this.contacts?.remove()]);
	}

	private emitProgress(force: boolean): void {
		const now = Date.now();
		if (!force && now - this.lastProgress < 100) return;
		this.lastProgress = now;
		const elapsedMs = now - this.started;
		const progress: ExportProgress = {
			...this.checkpoint.stats, phase: this.phase, walk: this.checkpoint.walk, page: this.page, pages: this.pages, users: this.ids.size, total: this.total,
			checked: this.checked, toCheck: this.toCheck, concurrency: this.concurrency,
			usersPerSecond: elapsedMs > 0 ? ((this.ids.size - this.usersAtStart) * 1000) / elapsedMs : 0, elapsedMs, paused: this.paused,
		};
		this.emit('progress', progress);
	}

	private async saveCheckpoint(): Promise<void> {
		await saveCheckpoint(this.checkpointFile, this.checkpoint);
		this.savedAt = Date.now();
	}

	private async cancelledSummary(resumed: boolean): Promise<ExportSummary> {
		await this.saveCheckpoint(); // Everything committed so far is kept for the resume
		return this.summary({verified: false, reasons: ['cancelled: run the same command again to resume'], resumed, cancelled: true});
	}

	private summary({verified, reasons, resumed, cancelled}: {verified: boolean; reasons: string[]; resumed: boolean; cancelled: boolean}): ExportSummary {
		const {checkpoint} = this;
		const listed = this.ids.size - checkpoint.deleted.length;
		const users = listed - checkpoint.oversize.length;
		const deep = Boolean(this.options.deep);
		const total = this.total;
		return {
			...checkpoint.stats,
			out: this.options.out, raw: this.options.raw ?? null, contacts: this.contacts?.target ?? null, deep, users, total, verified, walks: checkpoint.walk,
			createdDuringRun: checkpoint.createdDuringRun, deletedDuringRun: checkpoint.deleted.length, oversize: checkpoint.oversize,
			missing: total === undefined ? 0 : Math.max(0, total - listed), extra: total === undefined ? 0 : Math.max(0, listed - total), reasons,
			notes: {...checkpoint.notes, passwords: deep ? checkpoint.notes.passwords : null, otps: deep ? checkpoint.notes.otps : null},
			resumed, cancelled, seconds: (Date.now() - this.started) / 1000,
		};
	}
}

/** 48 bits of a hash of the page's ids in order (FNV-1a over their characters, in two halves). */
function fingerprintOf(users: readonly AdminUser[]): number {
	let low = 0x81_1c_9d_c5;
	let high = 0x05_0c_5d_1f;
	for (const user of users) {
		for (let index = 0; index < user.id.length; index++) {
			const code = user.id.charCodeAt(index);
			low = Math.imul(low ^ code, 0x01_00_01_93) >>> 0;
			high = Math.imul(high ^ code ^ (low >>> 24), 0x01_00_01_93) >>> 0;
		}
	}

	return ((high & 0xFF_FF) * 0x1_00_00_00_00) + low;
}

/** A CSV line for a user with a password or an OTP secret (they must reset or re-enrol), or undefined. */
function contactLine(user: AdminUser): string | undefined {
	if (!user.password && !user.otp) return undefined;
	const email = user.emails?.find(candidate => candidate.is_primary)?.address ?? user.emails?.[0]?.address ?? '';
	return `${[user.id, email, user.username?.username ?? '', user.password ? 'yes' : 'no', user.otp ? 'yes' : 'no'].map(value => csvField(value)).join(',')}\n`;
}
