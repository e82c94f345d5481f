import type {AdminClient} from '../export/admin-client.js';
import type {AdminUser} from '../export/admin-user.js';
import type {RuleContext} from '../rules/record-check.js';
import {type MismatchField, deepMismatches, mismatchedFields} from './compare-user.js';
import {type FileUser, readFileUsers} from './file-users.js';
import {identityOf, loadCheckpoint, removeCheckpoint, saveCheckpoint} from './target-checkpoint.js';
import {writeUsersOf} from './write-users-of.js';
import {type Concurrency, requestLimiter} from './request-limiter.js';

// After an import: is every user of the file in the project, as the file gave it? Users are looked up
// by id a hundred at a time (`GET /users?user_id=…`), users the file gave no id by their primary email
// (Hanko made their id), and with `deep` each one found is read whole for its password and OTP secret.

export type VerifyReport = {
	file: string;
	users: number;
	matched: number;
	missing: Array<{record: number; userId?: string; email?: string}>;
	mismatched: Array<{record: number; userId: string; fields: MismatchField[]}>;
	/** Records that are not user objects: neither looked up nor counted. */
	unreadable: number[];
	deep: boolean;
	/** The import file of the missing users, when written. */
	retry?: string;
	/** The record an interrupted run had reached, when this one went on from there. */
	resumedAt?: number;
};

export type VerifyOptions = {
	context: RuleContext;
	deep?: boolean;
	concurrency?: Concurrency;
	/** Writes the missing users here, as an import file. */
	retry?: string;
	/** Keeps where the run stands here, and resumes from it (see verify-checkpoint.ts). */
	checkpoint?: string;
	signal?: AbortSignal;
	onProgress?(checked: number): void;
};

const idsPerRequest = 100;

/** What a checkpoint keeps of a verify. */
type VerifyState = Pick<VerifyReport, 'matched' | 'missing' | 'mismatched'>;

/** Throws the file's fault (a file that cannot be read to its end is not verified halfway). */
export async function verifyFile(file: string, client: AdminClient, options: VerifyOptions): Promise<VerifyReport> {
	const request = requestLimiter(options.concurrency);
	const report: VerifyReport = {file, users: 0, matched: 0, missing: [], mismatched: [], unreadable: [], deep: options.deep ?? false};
	const identity = options.checkpoint ? await identityOf('verify', file, client.base.href, report.deep ? 'deep' : '') : undefined;
	const earlier = options.checkpoint && identity ? await loadCheckpoint<VerifyState>(options.checkpoint, identity) : undefined;
	if (earlier) Object.assign(report, {...earlier.state, resumedAt: earlier.next});

	let checked = 0;
	const compare = async (user: FileUser, found: AdminUser | undefined) => {
		if (!found) {
			const email = user.emails.find(address => address.primary)?.address;
			report.missing.push({record: user.record, ...(user.userId && {userId: user.userId}), ...(email && {email})});
			return;
		}

		const fields = mismatchedFields(user, found);
		if (options.deep) {
			const whole = await request(async () => client.getUser(found.id, options.signal));
			if (whole) fields.push(...deepMismatches(user, whole));
		}

		if (fields.length > 0) report.mismatched.push({record: user.record, userId: found.id, fields});
		else report.matched++;
	};

	const byId = async (users: FileUser[]) => {
		const found = await request(async () =>
			client.listByIds(
				users.map(user => user.userId!),
				options.signal,
			),
		);
		const index = new Map(found.map(user => [user.id, user]));
		await Promise.all(users.map(async user => compare(user, index.get(user.userId!))));
	};

	const byEmail = async (user: FileUser) => {
		const email = user.emails.find(address => address.primary)?.address;
		const found = email ? await request(async () => client.listByEmail(email, 100, options.signal)) : [];
		// The list matches substrings: the user is the one that has exactly this address
		await compare(
			user,
			found.find(candidate => candidate.emails?.some(address => address.address === email)),
		);
	};

	const outcome = await readFileUsers(file, options.context, async found => {
		// Records an interrupted run looked up already
		const users = earlier ? found.filter(user => user.record >= earlier.next) : found;
		const withId = users.filter(user => user.userId !== undefined);
		const work: Array<Promise<void>> = [];
		for (let i = 0; i < withId.length; i += idsPerRequest) work.push(byId(withId.slice(i, i + idsPerRequest)));
		for (const user of users) if (user.userId === undefined) work.push(byEmail(user));
		await Promise.all(work);
		checked += found.length;
		if (options.checkpoint && identity && users.length > 0) {
			const next = found.at(-1)!.record + 1;
			await saveCheckpoint<VerifyState>(options.checkpoint, identity, next, {
				matched: report.matched,
				missing: report.missing,
				mismatched: report.mismatched,
			});
		}

		options.onProgress?.(checked);
	});
	if (outcome.fatal) throw new Error(outcome.fatal);
	report.users = outcome.users;
	report.unreadable = outcome.unreadable;
	report.missing.sort((a, b) => a.record - b.record);
	report.mismatched.sort((a, b) => a.record - b.record);
	if (options.retry && report.missing.length > 0) {
		const missing = new Set(report.missing.map(user => user.record));
		await writeUsersOf(file, options.retry, record => missing.has(record), options.context);
		report.retry = options.retry;
	}

	if (options.checkpoint) await removeCheckpoint(options.checkpoint);
	return report;
}
