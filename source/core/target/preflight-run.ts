import type {AdaptiveConcurrency} from '../export/adaptive-concurrency.js';
import type {AdminClient} from '../export/admin-client.js';
import {Limiter} from '../export/limiter.js';
import type {RuleContext} from '../rules/record-check.js';
import {SingleArrayWriter} from '../split/users-array-writer.js';
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
};

export type PreflightOptions = {
	context: RuleContext;
	/** Requests at once: a number, or one that a 429 lowers. */
	concurrency?: number | AdaptiveConcurrency;
	delta?: string;
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
	const {concurrency = 4} = options;
	const adaptive = typeof concurrency === 'number' ? undefined : concurrency;
	const limiter = new Limiter(adaptive ? () => adaptive.current : (concurrency as number));
	const fetchPage = async (page: number) => {
		const found = await limiter.run(async () => client.listPage(page, perPage, options.signal));
		adaptive?.pageCommitted();
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

function check(user: FileUser, index: TargetIndex, report: PreflightReport): 'present' | 'collides' | 'new' {
	const before = report.collisions.length;
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
			return 'present';
		}

		report.collisions.push({record: user.record, field: 'user_id', value: user.userId, existingUserId: user.userId});
	}

	for (const email of user.emails) collide('email', email.address, index.ownerOfEmail(email.address));
	if (user.username !== undefined) collide('username', user.username, index.ownerOfUsername(user.username));
	for (const id of user.credentialIds) collide('credential_id', id, index.ownerOfCredential(id));
	return report.collisions.length > before ? 'collides' : 'new';
}

export async function preflightFile(file: string, client: AdminClient, options: PreflightOptions): Promise<PreflightReport> {
	const index = await indexTarget(client, options);
	const report: PreflightReport = {
		file,
		users: 0,
		targetUsers: index.size,
		alreadyPresent: [],
		collisions: [],
		unreadable: [],
		deltaUsers: 0,
	};
	const delta = options.delta ? await SingleArrayWriter.create(options.delta) : undefined;
	try {
		let done = 0;
		const outcome = await readFileUsers(file, options.context, async users => {
			for (const user of users) {
				if (check(user, index, report) !== 'new') continue;
				report.deltaUsers++;
				const wait = delta?.add(user.text);
				if (wait) await wait;
			}

			done += users.length;
			options.onProgress?.({phase: 'file', done});
		});
		if (outcome.fatal) throw new Error(outcome.fatal);
		report.users = outcome.users;
		report.unreadable = outcome.unreadable;
		if (delta) {
			await delta.prepare();
			await delta.place();
			report.delta = options.delta;
		}
	} catch (error) {
		await delta?.abort();
		throw error;
	}

	return report;
}
