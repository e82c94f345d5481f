import {stableUuid} from '../fixes/stable-uuid.js';
import {isUuidShape} from '../go/uuid-text.js';
import {isPlainObject} from '../rules/json-values.js';
import {csvField} from '../text/csv-field.js';
import {convertAuth0} from './providers/auth0.js';
import {convertClerk} from './providers/clerk.js';
import {convertCognito} from './providers/cognito.js';
import {type ConvertOptions, type ConvertedUser, resolvePassword} from './converted-user.js';
import {passwordsOf} from './providers/password-export.js';
import {convertFirebase} from './providers/firebase.js';
import type {SourceKind} from './source-kinds.js';
import type {SourceRecord} from './source-records.js';
import {convertSupabase} from './providers/supabase.js';
import {type ProfileKind, checkProfile} from './profile/check-profile.js';

// A batch of users of the export, converted into what the output files get and what the report
// counts. The same work in a worker thread (JSON exports) and on the main thread (CSV), the join
// with a separate password export included (its hashes are shared between the threads). The batch is
// a few strings and counts, cheap to send between threads.

export const converters: Record<SourceKind, (record: Record<string, unknown>, options: ConvertOptions) => ConvertedUser> = {
	auth0: convertAuth0,
	firebase: convertFirebase,
	supabase: convertSupabase,
	clerk: convertClerk,
	cognito: convertCognito,
};

/** The loss report's kinds a profile can keep for the Admin API. */
const profileKinds: readonly ProfileKind[] = ['names', 'pictures', 'metadata'];
const isProfileKind = (lost: string) => (profileKinds as readonly string[]).includes(lost);

export type PasswordCounts = {kept: number; converted: number; none: number; reset: Record<string, number>};

/** What a conversion counts, for a batch and for the whole export alike. */
export type ConversionCounts = {
	users: number;
	/** Users written. */
	written: number;
	/** Users rejected, by reason. */
	rejected: Record<string, number>;
	/** Users carrying each kind of data Hanko cannot hold. */
	losses: Record<string, number>;
	passwords: PasswordCounts;
	/** Source ids replaced by a UUID (or lowercased), each a line of the id map. */
	idsReplaced: number;
	/** With `--profile` only: what was kept for the Admin API to set after the import. */
	profile?: ProfileCounts;
};

export type ProfileCounts = {
	/** Lines of the profile file: written users with something kept. */
	users: number;
	/** Users with names, pictures or metadata kept, by kind. */
	kept: Record<string, number>;
};

export function emptyCounts(): ConversionCounts {
	return {users: 0, written: 0, rejected: {}, losses: {}, passwords: {kept: 0, converted: 0, none: 0, reset: {}}, idsReplaced: 0};
}

export type ConvertedBatch = ConversionCounts & {
	/**
	 * The users written, in the import format, joined by `,\n  `: one string is much cheaper to send
	 * between threads than a string a user.
	 */
	text: string;
	/** Lines of the rejects file and of the id map. */
	rejects: string;
	map: string;
	/** Lines of the profile file (NDJSON), with `--profile`. */
	profileLines: string;
};

export const bump = (counts: Record<string, number>, key: string, by = 1) => {
	counts[key] = (counts[key] ?? 0) + by;
};

export function emptyBatch(): ConvertedBatch {
	return {...emptyCounts(), text: '', rejects: '', map: '', profileLines: ''};
}

/** Converts `records` (in file order) into one batch of output. */
export function convertRecords(records: Iterable<SourceRecord>, kind: SourceKind, options: ConvertOptions): ConvertedBatch {
	const convert = converters[kind];
	const passwords = options.passwords && passwordsOf(options.passwords);
	const batch = emptyBatch();
	if (options.profile) batch.profile = {users: 0, kept: {}};
	for (const {index, line, value, error, raw} of records) {
		batch.users++;
		let user: ConvertedUser | undefined;
		let failed: string | undefined;
		try {
			user = error === undefined && isPlainObject(value) ? convert(value, options) : undefined;
		} catch (thrown) {
			// A shape no converter foresaw costs this user, not the run
			failed = `could not be converted: ${(thrown as Error).message.split('\n')[0]!}`;
		}

		if (!user?.record) {
			const reason = error ?? failed ?? user?.reject ?? (user ? 'rejected' : 'not an object');
			bump(batch.rejected, reason);
			batch.rejects += `${JSON.stringify({record: index, line, reason, original: error === undefined ? value : raw})}\n`;
			continue;
		}

		// What the written users lose: a rejected user is in the rejects file whole. With a profile,
		// names, pictures and metadata are lost only where Hanko would refuse them (or has no field)
		const profile = batch.profile ? checkProfile(user.profile ?? {}) : undefined;
		for (const lost of user.losses) if (!profile || !isProfileKind(lost)) bump(batch.losses, lost);
		const {hash, outcome: password} = resolvePassword(user.password, passwords);
		// Last, where the main thread once added it: the output is the same whichever thread joins
		if (hash) user.record.password = {password: hash};
		if (password.kind === 'reset') bump(batch.passwords.reset, password.reason);
		else batch.passwords[password.kind]++;
		// A source id that is a UUID stays (lowercased); any other becomes a stable UUID, in the map
		// (a user without an id gets one from its place in the file: stable too, and never shared)
		const id = isUuidShape(user.sourceId, true)
			? user.sourceId.toLowerCase()
			: stableUuid(user.sourceId === '' ? `record:${index}` : `id:${user.sourceId}`);
		if (id !== user.sourceId) {
			batch.idsReplaced++;
			batch.map += `${index},${csvField(user.sourceId)},${id}\n`;
		}

		if (profile && batch.profile) {
			for (const kind of profileKinds) {
				const refused = profile.refused.filter(refusal => refusal.kind === kind);
				for (const {reason} of refused) bump(batch.losses, reason);
				if (profile.kept.includes(kind)) bump(batch.profile.kept, kind);
				else if (refused.length === 0 && user.losses.includes(kind)) bump(batch.losses, kind);
			}

			if (Object.keys(profile.fields).length > 0) {
				batch.profile.users++;
				batch.profileLines += `${JSON.stringify({user_id: id, ...profile.fields})}\n`;
			}
		}

		batch.text += `${batch.written++ === 0 ? '' : ',\n  '}${JSON.stringify({user_id: id, ...user.record})}`;
	}

	return batch;
}
