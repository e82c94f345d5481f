import {createReadStream} from 'node:fs';
import {createInterface} from 'node:readline';
import {AdminApiError} from '../export/admin-api-error.js';
import type {AdminClient} from '../export/admin-client.js';
import {AtomicFile} from '../files/atomic-file.js';
import {Cancelled} from '../errors.js';
import {profileRequests} from './profile-line.js';
import {type Concurrency, requestLimiter} from './request-limiter.js';
import {identityOf, loadCheckpoint, removeCheckpoint, saveCheckpoint} from './target-checkpoint.js';

// After an import: each line of a profile file (convert --profile) set through the Admin API, `PATCH
// /users/{id}` for names and picture, then `PATCH /users/{id}/metadata`. Lines run a few at once (the
// limiter follows the adaptive concurrency, which a 429 lowers). Each request done is kept in the
// checkpoint beside the failures file, so that a run of the same command after an interruption sends
// none of them again. A user the project does not have (404) or values it refuses (400) fail that line
// alone; anything else (a refused key, an unknown tenant, a server that keeps failing) stops the run,
// which can then go on from the checkpoint.

export type ApplyProfileReport = {
	file: string;
	/** Profile lines read (blank lines not counted). */
	lines: number;
	/** Lines whose requests all succeeded, in this run or the one it went on from. */
	applied: number;
	/** Lines that failed, by reason. */
	failed: Record<string, number>;
	/** Requests sent successfully, by kind. */
	requests: {user: number; metadata: number};
	/** The failed lines, as profile lines with the reason (`failed`): written when some failed. */
	failures?: string;
	/** The line an interrupted run had reached, when this one went on from there. */
	resumedAt?: number;
	/** Stopped by `stop` before the end: the checkpoint holds where it stands. */
	interrupted: boolean;
};

export type ApplyProfileOptions = {
	concurrency?: Concurrency;
	/** Where the failed lines go (NDJSON), when some fail. */
	failures: string;
	/** Keeps where the run stands here, and goes on from it. */
	checkpoint: string;
	/** No new line started once this aborts; the lines under way finish (their requests are not cut). */
	stop?: AbortSignal;
	/** Cuts the requests under way (a second interrupt, or a grace period over). */
	signal?: AbortSignal;
	onProgress?(report: ApplyProfileReport): void;
};

type Failure = {line: number; status?: number; reason: string};

type RequestKind = 'user' | 'metadata';

/** What a checkpoint keeps: lines before `next` are finished; of later ones, the requests done and whether they are finished. */
type ApplyState = {
	lines: Record<string, {done: RequestKind[]; finished?: true}>;
	failures: Failure[];
	applied: number;
	requests: {user: number; metadata: number};
};

/** Lines started at once at most: the limiter decides how many requests are really under way. */
const window = 256;

/** A failure's reason without the path (the user's id): reasons are counted. */
const reasonOf = (error: AdminApiError) => error.message.replace(/^(HTTP \d+) for \S+?: /, '$1: ').replace(/^(HTTP \d+) for \S+$/, '$1');

/** A failure of one line (the user is not there, or the project refuses a value); any other stops the run. */
const failsLineOnly = (error: unknown): error is AdminApiError =>
	error instanceof AdminApiError && (error.status === 400 || error.status === 404 || error.status === 409 || error.status === 422);

export async function applyProfile(file: string, client: AdminClient, options: ApplyProfileOptions): Promise<ApplyProfileReport> {
	const request = requestLimiter(options.concurrency);
	const identity = await identityOf('apply-profile', file, client.base.href);
	const earlier = await loadCheckpoint<ApplyState>(options.checkpoint, identity);
	const state: ApplyState = earlier?.state ?? {lines: {}, failures: [], applied: 0, requests: {user: 0, metadata: 0}};
	const report: ApplyProfileReport = {
		file,
		lines: 0,
		applied: state.applied,
		failed: {},
		requests: state.requests,
		interrupted: false,
		...(earlier && {resumedAt: earlier.next}),
	};
	const count = (failure: Failure) => {
		report.failed[failure.reason] = (report.failed[failure.reason] ?? 0) + 1;
	};

	for (const failure of state.failures) count(failure);
	const startedAt = earlier?.next ?? 1;
	/** Lines started and not yet done, with the first line not read yet: `next` is the least of them. */
	const underWay = new Set<number>();
	let readUpTo = startedAt;
	const next = () => (underWay.size > 0 ? Math.min(...underWay) : readUpTo);

	// One save at a time, each with the state as it is when it starts: a burst of lines costs a save or two
	let saving: Promise<void> | undefined;
	let again = false;
	const save = async (): Promise<void> => {
		if (saving) {
			again = true;
			return saving;
		}

		saving = (async () => {
			do {
				again = false;
				const at = next();
				for (const line of Object.keys(state.lines)) if (Number(line) < at) delete state.lines[line];
				await saveCheckpoint(options.checkpoint, identity, at, state);
			} while (again);
		})().finally(() => {
			saving = undefined;
		});
		return saving;
	};

	let fatal: unknown;
	// A checkpoint that cannot be written (a full disk) stops the run as any other failure
	const saveSoon = () => {
		save().catch((error: unknown) => {
			fatal ??= error;
		});
	};

	/** A line left for the next run (stopped before its turn). */
	let unfinished = false;
	const apply = async (line: number, text: string) => {
		const requests = profileRequests(text);
		const progress = (state.lines[line] ??= {done: []});
		const {done} = progress;
		try {
			if ('error' in requests) {
				const failure = {line, reason: requests.error};
				state.failures.push(failure);
				count(failure);
				progress.finished = true;
				return;
			}

			// A line's requests one after the other in one slot: lines finish in the file's order, near enough
			const finished = await request(async () => {
				// Stopped while this line waited for its turn: it stays for the next run
				if (options.stop?.aborted) return false;
				for (const kind of ['user', 'metadata'] as const) {
					const body = requests[kind];
					if (!body || done.includes(kind)) continue;
					await client.patch(`/users/${requests.userId}${kind === 'metadata' ? '/metadata' : ''}`, body, options.signal);
					done.push(kind);
					state.requests[kind]++;
					saveSoon();
				}

				return true;
			});
			if (!finished) {
				unfinished = true;
				return;
			}

			state.applied++;
			progress.finished = true;
		} catch (error) {
			if (!failsLineOnly(error)) throw error;
			const failure = {line, status: error.status, reason: reasonOf(error)};
			state.failures.push(failure);
			count(failure);
			progress.finished = true;
		}
	};

	const running = new Set<Promise<void>>();
	const input = createReadStream(file);
	const lines = createInterface({input, crlfDelay: Number.POSITIVE_INFINITY});
	let line = 0;
	let stopped = false;
	try {
		for await (const text of lines) {
			line++;
			if (fatal) break;
			if (options.stop?.aborted) {
				stopped = true;
				break;
			}

			if (text.trim() === '') continue;
			report.lines++;
			// Done by an earlier run (a line it finished, or failed, is counted in its state already)
			if (line < startedAt) continue;
			readUpTo = line + 1;
			if (state.lines[line]?.finished) continue;
			const at = line;
			underWay.add(at);
			const task = apply(at, text)
				.catch((error: unknown) => {
					fatal ??= error;
				})
				.finally(() => {
					// A line left for the next run (stopped, or the run failed) holds the checkpoint back
					if (state.lines[at]?.finished) underWay.delete(at);
					running.delete(task);
					saveSoon();
					options.onProgress?.(report);
				});
			running.add(task);
			while (running.size >= window && !fatal) await Promise.race(running);
		}
	} finally {
		lines.close();
		input.destroy();
	}

	await Promise.all(running);
	report.applied = state.applied;
	await save();
	// Requests cut by an interrupt were not counted as done: the next run sends them again
	const cut = fatal instanceof Cancelled && options.stop?.aborted;
	if (fatal && !cut) throw fatal;
	if (stopped || cut || unfinished) {
		report.interrupted = true;
		return report;
	}

	if (state.failures.length > 0) {
		await writeFailures(file, options.failures, state.failures);
		report.failures = options.failures;
	}

	await removeCheckpoint(options.checkpoint);
	return report;
}

/** The failed lines as the file has them, each with why it failed: the file can be applied again as it is. */
async function writeFailures(file: string, out: string, failures: readonly Failure[]): Promise<void> {
	const byLine = new Map(failures.map(failure => [failure.line, failure]));
	const writer = await AtomicFile.create(out);
	try {
		const lines = createInterface({input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY});
		let line = 0;
		for await (const text of lines) {
			const failure = byLine.get(++line);
			if (!failure) continue;
			let value: unknown;
			try {
				value = JSON.parse(text) as unknown;
			} catch {
				value = undefined;
			}

			const failed = {line, ...(failure.status !== undefined && {status: failure.status}), reason: failure.reason};
			const entry = typeof value === 'object' && value !== null && !Array.isArray(value) ? {...value, failed} : {text, failed};
			const wait = writer.write(`${JSON.stringify(entry)}\n`);
			if (wait) await wait;
		}

		await writer.commit();
	} catch (error) {
		await writer.abort();
		throw error;
	}
}
