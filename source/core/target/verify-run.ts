import type {AdminClient} from '../export/admin-client.js';
import type {AdminUser} from '../export/admin-user.js';
import {Limiter} from '../export/limiter.js';
import type {RuleContext} from '../rules/record-check.js';
import {SingleArrayWriter} from '../split/users-array-writer.js';
import {type MismatchField, deepMismatches, mismatchedFields} from './compare-user.js';
import {type FileUser, readFileUsers} from './file-users.js';

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
};

export type VerifyOptions = {
	context: RuleContext;
	deep?: boolean;
	/** Requests at once. */
	concurrency?: number;
	/** Writes the missing users here, as an import file. */
	retry?: string;
	signal?: AbortSignal;
	onProgress?(checked: number): void;
};

const idsPerRequest = 100;

/** Throws the file's fault (a file that cannot be read to its end is not verified halfway). */
export async function verifyFile(file: string, client: AdminClient, options: VerifyOptions): Promise<VerifyReport> {
	const limiter = new Limiter(options.concurrency ?? 4);
	const report: VerifyReport = {file, users: 0, matched: 0, missing: [], mismatched: [], unreadable: [], deep: options.deep ?? false};
	const missingTexts = new Map<number, string>();
	let checked = 0;

	const compare = async (user: FileUser, found: AdminUser | undefined) => {
		if (!found) {
			const email = user.emails.find(address => address.primary)?.address;
			report.missing.push({record: user.record, ...(user.userId && {userId: user.userId}), ...(email && {email})});
			missingTexts.set(user.record, user.text);
			return;
		}

		const fields = mismatchedFields(user, found);
		if (options.deep) {
			const whole = await limiter.run(async () => client.getUser(found.id, options.signal));
			if (whole) fields.push(...deepMismatches(user, whole));
		}

		if (fields.length > 0) report.mismatched.push({record: user.record, userId: found.id, fields});
		else report.matched++;
	};

	const byId = async (users: FileUser[]) => {
		const found = await limiter.run(async () =>
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
		const found = email ? await limiter.run(async () => client.listByEmail(email, 100, options.signal)) : [];
		// The list matches substrings: the user is the one that has exactly this address
		await compare(
			user,
			found.find(candidate => candidate.emails?.some(address => address.address === email)),
		);
	};

	const outcome = await readFileUsers(file, options.context, async users => {
		const withId = users.filter(user => user.userId !== undefined);
		const work: Array<Promise<void>> = [];
		for (let i = 0; i < withId.length; i += idsPerRequest) work.push(byId(withId.slice(i, i + idsPerRequest)));
		for (const user of users) if (user.userId === undefined) work.push(byEmail(user));
		await Promise.all(work);
		checked += users.length;
		options.onProgress?.(checked);
	});
	if (outcome.fatal) throw new Error(outcome.fatal);
	report.users = outcome.users;
	report.unreadable = outcome.unreadable;
	report.missing.sort((a, b) => a.record - b.record);
	report.mismatched.sort((a, b) => a.record - b.record);
	if (options.retry && report.missing.length > 0) {
		const writer = await SingleArrayWriter.create(options.retry);
		try {
			for (const {record} of report.missing) await writer.add(missingTexts.get(record)!);
			await writer.prepare();
			await writer.place();
		} catch (error) {
			await writer.abort();
			throw error;
		}

		report.retry = options.retry;
	}

	return report;
}
