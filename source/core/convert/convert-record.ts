import {stableUuid} from '../fixes/stable-uuid.js';
import {isUuidAnyCase} from '../rules/formats.js';
import {isPlainObject} from '../rules/json-values.js';
import {convertAuth0} from './auth0.js';
import {convertClerk} from './clerk.js';
import {convertCognito} from './cognito.js';
import type {ConvertOptions, ConvertedUser, PasswordLookup, PasswordOutcome} from './converted-user.js';
import {convertFirebase} from './firebase.js';
import type {SourceKind} from './source-kinds.js';
import type {SourceRecord} from './source-records.js';
import {convertSupabase} from './supabase.js';

// One user of the export, converted into the text the output files get. The same work in a worker
// thread (JSON exports) and on the main thread (CSV): only the join with a separate password export
// is left to the main thread, which holds that export.

export const converters: Record<SourceKind, (record: Record<string, unknown>, options: ConvertOptions) => ConvertedUser> = {
	auth0: convertAuth0,
	firebase: convertFirebase,
	supabase: convertSupabase,
	clerk: convertClerk,
	cognito: convertCognito,
};

export type RecordOutcome =
	| {
		/** A line of the rejects file. */
		rejected: string;
		reason: string;
	}
	| {
		/** The user in the import format, without the password when it is looked up. */
		json: string;
		/** The source id, when it was replaced by `id` (a line of the map). */
		replaced: string | undefined;
		id: string;
		losses: string[];
		password: PasswordOutcome | PasswordLookup;
	};

export function convertRecord({index, line, value, error}: SourceRecord, kind: SourceKind, options: ConvertOptions): RecordOutcome {
	if (error !== undefined || !isPlainObject(value)) {
		const reason = error ?? 'not an object';
		return {reason, rejected: JSON.stringify({record: index, line, reason, original: error === undefined ? value : null})};
	}

	const user = converters[kind](value, options);
	if (!user.record) {
		const reason = user.reject ?? 'rejected';
		return {reason, rejected: JSON.stringify({record: index, line, reason, original: value})};
	}

	// A source id that is a UUID stays (lowercased); any other becomes a stable UUID, in the map
	const id = isUuidAnyCase(user.sourceId) ? user.sourceId.toLowerCase() : stableUuid(`id:${user.sourceId}`);
	return {json: JSON.stringify({user_id: id, ...user.record}), replaced: id === user.sourceId ? undefined : user.sourceId, id, losses: user.losses, password: user.password};
}

/** `json` with the password added (the user's object is closed by its last brace). */
export function withPassword(json: string, hash: string): string {
	return `${json.slice(0, -1)},"password":{"password":${JSON.stringify(hash)}}}`;
}
