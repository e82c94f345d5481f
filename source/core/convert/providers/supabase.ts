import {normaliseTimestamp} from '../../fixes/normalise-timestamp.js';
import {isPlainObject} from '../../rules/json-values.js';
import {type ConvertOptions, type ConvertedUser, hashOutcome, isPresent, loss, parsedJson, rejectReason, text} from '../converted-user.js';

// Supabase's auth.users rows (exported as JSON or CSV): id (a UUID already), email, encrypted_password
// (bcrypt), email_confirmed_at, phone, raw_user_meta_data, raw_app_meta_data, banned_until, timestamps
// as Postgres writes them ("2023-07-11 13:41:50.290862+00"). Also the same users as GoTrue's Admin API
// gives them (`GET /admin/users`, models/user.go): `aud`, `user_metadata`, `app_metadata`,
// `identities`, `factors`, RFC 3339 times, and never the password hash.

/** GoTrue's JSON of a user (the Admin API's), rather than a row of auth.users. */
const isApiUser = (record: Record<string, unknown>) =>
	'aud' in record && 'id' in record && ('app_metadata' in record || 'identities' in record || 'user_metadata' in record);

/** What `--from supabase` expects, for the message that refuses another shape. */
export const supabaseFormats =
	"Supabase's auth.users rows, CSV or JSON with id and email_confirmed_at or encrypted_password, or GoTrue's Admin API users (aud with identities or user_metadata)";

export function looksLikeSupabase(record: Record<string, unknown>): boolean {
	return 'encrypted_password' in record || ('email_confirmed_at' in record && 'id' in record) || isApiUser(record);
}

/** Whether GoTrue's user signs in with an email and password (an identity of the email provider). */
function hasEmailIdentity(row: Record<string, unknown>): boolean {
	return Array.isArray(row.identities) && row.identities.some(identity => isPlainObject(identity) && identity.provider === 'email');
}

/** Postgres' text form of a timestamptz, as RFC 3339. */
export function postgresTime(value: unknown): string | undefined {
	if (typeof value !== 'string') return normaliseTimestamp(value);
	const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?$/.exec(value.trim());
	return normaliseTimestamp(match ? `${match[1]}T${match[2]}${match[3]}:${match[4] ?? '00'}` : value);
}

/** Metadata as JSON holds it, or as a CSV cell holds its JSON text. */
const metadataOf = parsedJson;

// Keys Supabase Auth writes into every user itself: the sign-in providers into the app metadata, the
// identity's own fields into the user metadata. They are not data the app kept ("{}" is none either).
const ownKeys = new Set(['provider', 'providers', 'sub', 'email', 'email_verified', 'phone_verified']);

/** The app's own part of the metadata, for the profile: Supabase's own keys left out (a value that is no object as it is). */
function appPart(value: unknown): unknown {
	const metadata = metadataOf(value);
	if (!isPlainObject(metadata)) return metadata;
	return Object.fromEntries(Object.entries(metadata).filter(([key]) => !ownKeys.has(key)));
}

function hasMetadata(value: unknown): boolean {
	const metadata = metadataOf(value);
	if (!isPlainObject(metadata)) return isPresent(metadata);
	return Object.entries(metadata).some(([key, field]) => !ownKeys.has(key) && isPresent(field));
}

/** Signed in with a provider other than email and phone (Google, GitHub, SAML, ...). */
function hasSocial(appMetadata: unknown): boolean {
	const metadata = metadataOf(appMetadata);
	const providers = isPlainObject(metadata) && Array.isArray(metadata.providers) ? (metadata.providers as unknown[]) : [];
	return providers.some(provider => provider !== 'email' && provider !== 'phone');
}

export function convertSupabase(row: Record<string, unknown>, options: ConvertOptions, now = Date.now()): ConvertedUser {
	const sourceId = String(row.id ?? '');
	const losses: string[] = [];
	if (isPresent(row.phone)) losses.push(loss.phones);
	const userMetadata = row.raw_user_meta_data ?? row.user_metadata;
	const appMetadata = row.raw_app_meta_data ?? row.app_metadata;
	if (hasMetadata(userMetadata) || hasMetadata(appMetadata)) losses.push(loss.metadata);
	if (hasSocial(appMetadata)) losses.push(loss.social);
	const factors = Array.isArray(row.factors) ? row.factors.filter(factor => isPlainObject(factor) && factor.status === 'verified') : [];
	if (factors.some(factor => factor.factor_type === 'totp')) losses.push(loss.totpNotExported);
	if (factors.some(factor => factor.factor_type !== 'totp')) losses.push(loss.mfa);
	const email = text(row.email);
	const bannedUntil = postgresTime(row.banned_until);
	let reject: string | undefined;
	if (!email) reject = isPresent(row.phone) ? rejectReason.phoneOnly : 'no email';
	else if (bannedUntil && Date.parse(bannedUntil) > now && !options.includeDisabled) reject = rejectReason.disabled('banned in Supabase');
	else if (isPresent(row.deleted_at) && !options.includeDisabled) reject = rejectReason.disabled('deleted in Supabase');

	// The Admin API never gives the hash: a user with an email identity had a password all the same
	const {hash, outcome: password} =
		isApiUser(row) && !('encrypted_password' in row) && hasEmailIdentity(row)
			? {
					hash: undefined,
					outcome: {kind: 'reset' as const, reason: "GoTrue's Admin API gives no password hashes (export auth.users for them)"},
				}
			: hashOutcome(row.encrypted_password);
	const record: Record<string, unknown> = {};
	if (email) record.emails = [{address: email, is_primary: true, is_verified: isPresent(row.email_confirmed_at)}];
	if (hash) record.password = {password: hash};
	const created = postgresTime(row.created_at);
	const updated = postgresTime(row.updated_at);
	if (created) record.created_at = created;
	if (updated) record.updated_at = updated;
	// The user metadata is the user's to change (signUp and updateUser write it): Hanko's unsafe
	// metadata; the app metadata only the server writes: private
	const profile = options.profile ? {unsafe_metadata: appPart(userMetadata), private_metadata: appPart(appMetadata)} : undefined;
	return {sourceId, record: reject ? undefined : record, reject, losses, password, profile};
}
