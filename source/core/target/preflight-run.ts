import type {AdminClient} from '../export/admin-client.js';
import {type Concurrency, requestLimiter} from './request-limiter.js';
import type {RuleContext} from '../rules/record-check.js';
import {identityOf, loadCheckpoint, removeCheckpoint, saveCheckpoint} from './target-checkpoint.js';
import {writeUsersOf} from './write-users-of.js';
import {type FileUser, readFileUsers} from './file-users.js';
import {TargetIndex} from './target-index.js';

// Before an import: would any user of the file meet one already in the project? Hanko imports a file
// in one transaction, so one such user rolls the whole file back. The project's users are walked once
// (pages of a thousand) into an index of their ids, addresses, usernames and credential ids; then the
// file is read and each user looked up there. Users already present (same id, same primary address:
// imported before) are left out of the delta file, as are users that collide with another one.

export type CollisionField = 'email' | 'username' | 'user_id' | 'credential_id';

export type PreflightReport = {
	file: string;
	users: number;
	/** Users in the project, as its list counts them (passkey-only users are not listed by Hanko). */
	targetUsers: number;
	alreadyPresent: Array<{record: number; userId: string}>;
	collisions: Array<{record: number; field: CollisionField; value: string; existingUserId: string}>;
	unreadable: number[];
	/** The import file of the users that can go in, when written. */
	delta?: string;
	deltaUsers: number;
	/** The user an interrupted run had reached, when this one went on from there. */
	resumedAt?: number;
};

export type PreflightOptions = {
	context: RuleContext;
	concurrency?: Concurrency;
	delta?: string;
	/** Keeps where the run stands here, and goes on from it (see target-checkpoint.ts). */
	checkpoint?: string;
	signal?: AbortSignal;
	onProgress?(progress: {phase: 'target' | 'file'; done: number; total?: number}): void;
};

const perPage = 1000;

/**
 * Walks every page of the project's users into an index: the pages the first one's X-Total-Count
 * announces, several at once, then on one by one while pages come back full (users added meanwhile).
 */
async function indexTarget(client: AdminClient, options: PreflightOptions): Promise<TargetIndex> {
	const index = new TargetIndex();
	const request = requestLimiter(options.concurrency);
	const fetchPage = async (page: number) => {
		const found = await request(async () => client.listPage(page, perPage, options.signal));
		for (const user of found.users) index.add(user);
		options.onProgress?.({phase: 'target', done: index.size, total: found.total});
		// Only how many: the pages' users are in the index, and held nowhere else
		return {count: found.users.length, total: found.total};
	};

	const first = await fetchPage(1);
	if (first.count < perPage) return index;
	const announced = first.total === undefined ? 1 : Math.ceil(first.total / perPage);
	const pages = Array.from({length: Math.max(0, announced - 1)}, (_, i) => i + 2);
	const counts = await Promise.all(pages.map(async page => (await fetchPage(page)).count));
	let page = announced;
	let last = counts.at(-1) ?? first.count;
	while (last === perPage) last = (await fetchPage(++page)).count;
	return index;
}

function check(user: FileUser, index: TargetIndex, report: PreflightReport): void {
	const collide = (field: CollisionField, value: string, existingUserId: string | undefined) => {
		if (existingUserId !== undefined && existingUserId !== user.userId)
			report.collisions.push({record: user.record, field, value, existingUserId});
	};

	const existing = user.userId === undefined ? undefined : index.user(user.userId);
	const primary = user.emails.find(email => email.primary)?.address;
	if (existing && user.userId) {
		// The same id with the same primary address: this user was imported before. With another address,
		// the id belongs to someone else
		if (existing.primary !== undefined && existing.primary === primary) {
			report.alreadyPresent.push({record: user.record, userId: user.userId});
			return;
		}

		report.collisions.push({record: user.record, field: 'user_id', value: user.userId, existingUserId: user.userId});
	}

	for (const email of user.emails) collide('email', email.address, index.ownerOfEmail(email.address));
	if (user.username !== undefined) collide('username', user.username, index.ownerOfUsername(user.username));
	for (const id of user.credentialIds) collide('credential_id', id, index.ownerOfCredential(id));
}

/** What a checkpoint keeps of a preflight. */
type PreflightState = Pick<PreflightReport, 'alreadyPresent' | 'collisions'>;

export async function preflightFile(file: string, client: AdminClient, options: PreflightOptions): Promise<PreflightReport> {
	const identity = options.checkpoint ? await identityOf('preflight', file, client.base.href) : undefined;
	const earlier = options.checkpoint && identity ? await loadCheckpoint<PreflightState>(options.checkpoint, identity) : undefined;
	// The project is read again in any case: it may have changed, and its index is not kept
	const index = await indexTarget(client, options);
	const report: PreflightReport = {
		file,
		users: 0,
		targetUsers: index.size,
		alreadyPresent: earlier?.state.alreadyPresent ?? [],
		collisions: earlier?.state.collisions ?? [],
		unreadable: [],
		deltaUsers: 0,
		...(earlier && {resumedAt: earlier.next}),
	};
	let done = 0;
	const outcome = await readFileUsers(file, options.context, async found => {
		const users = earlier ? found.filter(user => user.record >= earlier.next) : found;
		for (const user of users) check(user, index, report);
		done += found.length;
		if (options.checkpoint && identity && users.length > 0) {
			await saveCheckpoint<PreflightState>(options.checkpoint, identity, found.at(-1)!.record + 1, {
				alreadyPresent: report.alreadyPresent,
				collisions: report.collisions,
			});
		}

		options.onProgress?.({phase: 'file', done});
	});
	if (outcome.fatal) throw new Error(outcome.fatal);
	report.users = outcome.users;
	report.unreadable = outcome.unreadable;
	const left = new Set([...report.alreadyPresent.map(user => user.record), ...report.collisions.map(collision => collision.record)]);
	report.deltaUsers = report.users - left.size;
	if (options.delta) {
		await writeUsersOf(file, options.delta, record => !left.has(record), options.context);
		report.delta = options.delta;
	}

	if (options.checkpoint) await removeCheckpoint(options.checkpoint);
	return report;
}
