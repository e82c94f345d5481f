import {Buffer} from 'node:buffer';
import {readFile, stat} from 'node:fs/promises';
import {readBatches, smallBatchBytes} from '../engine/read-batches.js';
import {recordHasHighBytes} from '../framing/frame-types.js';
import {type RuleContext, checkRecordText} from '../rules/validate-record.js';
import {isSplitManifest, partPaths} from '../split/split-manifest.js';

// The users of an import file as the target project will hold them after the import: ids in canonical
// lower case, addresses lower-cased as Go does, with what a comparison with the Admin API needs. A split
// manifest is read as the one file its parts make, records numbered across the parts.

export type FileEmail = {address: string; primary: boolean; verified: boolean};

export type FileUser = {
	/** Position in the file (across the parts of a split), from 0. */
	record: number;
	/** Canonical lower case; undefined when the file gives none (Hanko then makes one). */
	userId: string | undefined;
	emails: FileEmail[];
	username: string | undefined;
	credentialIds: string[];
	hasPassword: boolean;
	hasOtp: boolean;
	/** The record's JSON text, for an import file of some of the users (delta, retry). */
	text: string;
};

export type FileUsersOutcome = {
	users: number;
	/** Records that are not a user object at all (the file should be fixed first). */
	unreadable: number[];
	/** Why the file (or a part) could not be read to its end. */
	fatal?: string;
};

/** A manifest is small: a file larger than this is an import file, not read whole to find out. */
const largestManifest = 4 << 20;

/** The files to read: the parts a manifest lists, or the file itself. */
export async function inputFiles(file: string): Promise<string[]> {
	const size = await stat(file)
		.then(found => found.size)
		.catch(() => Number.POSITIVE_INFINITY);
	const head = size <= largestManifest ? await readFile(file, 'utf8').catch(() => undefined) : undefined;
	if (head !== undefined && head.trimStart().startsWith('{')) {
		try {
			const value: unknown = JSON.parse(head);
			if (isSplitManifest(value)) return partPaths(file, value);
		} catch {
			// Not a manifest: read as the import file it claims to be
		}
	}

	return [file];
}

function fileUser(record: number, text: string, context: RuleContext): FileUser | undefined {
	const {problems, keys, entry} = checkRecordText(text, context);
	if (entry === undefined || problems.some(problem => problem.code === 'json.syntax')) return undefined;
	const emails = (entry.emails ?? []).map((email, index) => ({
		address: keys.emails.find(key => key.index === index)?.address ?? String(email?.address ?? ''),
		primary: email?.is_primary === true,
		verified: email?.is_verified === true,
	}));
	return {
		record,
		userId: keys.userId || undefined,
		emails: emails.filter(email => email.address !== ''),
		username: typeof entry.username === 'string' && entry.username !== '' ? entry.username : undefined,
		credentialIds: keys.credentialIds.map(credential => credential.id),
		hasPassword: Boolean(entry.password),
		hasOtp: Boolean(entry.otp_secret),
		text,
	};
}

/**
 * Reads every user, a batch at a time (`visit` may return a promise to hold reading back). Records
 * that are not user objects are counted apart, not guessed at.
 */
export async function readFileUsers(
	file: string,
	context: RuleContext,
	visit: (users: FileUser[]) => void | Promise<void>,
): Promise<FileUsersOutcome> {
	const outcome: FileUsersOutcome = {users: 0, unreadable: []};
	let base = 0;
	for (const part of await inputFiles(file)) {
		const read = await readBatches(
			part,
			{
				header() {
					// The format is read from the content; nothing to do with it here
				},
				async batch(batch) {
					const bytes = Buffer.from(batch.buf.buffer, batch.buf.byteOffset, batch.buf.byteLength);
					const users: FileUser[] = [];
					for (let i = 0; i < batch.count; i++) {
						const encoding = (batch.flags[i]! & recordHasHighBytes) === 0 ? 'latin1' : 'utf8';
						const text = bytes.toString(encoding, batch.starts[i], batch.ends[i]);
						const record = base + batch.firstRecord + i;
						const user = fileUser(record, text, context);
						if (user) users.push(user);
						else outcome.unreadable.push(record);
					}

					outcome.users += users.length;
					if (users.length > 0) await visit(users);
				},
				progress() {
					// Progress is counted in users by the caller
				},
			},
			{batchBytes: smallBatchBytes},
		);
		if (read.fatal) {
			outcome.fatal = `${part}:${read.fatal.line}:${read.fatal.column}: ${read.fatal.message}`;
			return outcome;
		}

		base += read.records;
	}

	return outcome;
}
