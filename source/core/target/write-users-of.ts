import type {RuleContext} from '../rules/record-check.js';
import {SingleArrayWriter} from '../split/users-array-writer.js';
import {readFileUsers} from './file-users.js';

/**
 * An import file of some of the users of `file` (preflight's delta, verify's retry): their records read
 * again, copied as the file has them. Read again rather than held: only their numbers are kept while
 * the run goes on, and an interrupted run that goes on from a checkpoint has them too.
 */
export async function writeUsersOf(file: string, out: string, keep: (record: number) => boolean, context: RuleContext): Promise<number> {
	const writer = await SingleArrayWriter.create(out);
	try {
		const outcome = await readFileUsers(file, context, async users => {
			for (const user of users) {
				if (!keep(user.record)) continue;
				const wait = writer.add(user.text);
				if (wait) await wait;
			}
		});
		if (outcome.fatal) throw new Error(outcome.fatal);
		await writer.prepare();
		await writer.place();
		return writer.users;
	} catch (error) {
		await writer.abort();
		throw error;
	}
}
