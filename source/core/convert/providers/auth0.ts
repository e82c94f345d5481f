import {normaliseTimestamp} from '../../fixes/normalise-timestamp.js';
import {isPlainObject} from '../../rules/json-values.js';
import {type ConvertOptions, type ConvertedUser, isPresent, isTrue, loss, rejectReason, text} from '../converted-user.js';
import {withAuth0Names} from './auth0-extension.js';

// Auth0's user export (NDJSON): user_id like "auth0|abc", email, email_verified, username,
// phone_number, names, picture, identities[], app_metadata, user_metadata, blocked, multifactor.
// Password hashes come in a separate export, joined here by id, or by email when the id is not there.

type Auth0User = Record<string, unknown>;

/** What `--from auth0` expects, for the message that refuses another shape. */
export const auth0Formats = "Auth0's user export, NDJSON or a JSON array of users with user_id and email or identities";

/**
 * An Auth0 user has `email` or `identities`; a Hanko import file whose ids are still Auth0's has
 * `emails` instead, and is checked (and fixed) as an import file, not converted.
 */
export function looksLikeAuth0(source: Record<string, unknown>): boolean {
	const record = withAuth0Names(source);
	if (typeof record.user_id !== 'string' || 'emails' in record) return false;
	return (
		Array.isArray(record.identities) ||
		(record.user_id.includes('|') && ('email' in record || 'email_verified' in record || 'phone_number' in record))
	);
}

export function convertAuth0(source: Auth0User, options: ConvertOptions): ConvertedUser {
	const user = withAuth0Names(source);
	const sourceId = String(user.user_id ?? user.id ?? '');
	const losses: string[] = [];
	if (isPresent(user.phone_number)) losses.push(loss.phones);
	if (['name', 'given_name', 'family_name', 'nickname'].some(key => isPresent(user[key]))) losses.push(loss.names);
	if (isPresent(user.picture)) losses.push(loss.pictures);
	if (isPresent(user.app_metadata) || isPresent(user.user_metadata)) losses.push(loss.metadata);
	const identities = Array.isArray(user.identities) ? (user.identities as unknown[]).filter(identity => isPlainObject(identity)) : [];
	// An export job writes only the fields asked for: without identities, user_id's prefix names the provider
	const prefix = sourceId.includes('|') ? [sourceId.slice(0, sourceId.indexOf('|'))] : [];
	const providers = identities.length > 0 ? identities.map(identity => identity.provider) : prefix;
	// Passwordless email and SMS are Auth0's own logins, no social identity
	if (providers.some(provider => provider !== 'auth0' && provider !== 'email' && provider !== 'sms')) losses.push(loss.social);
	if (isPresent(user.multifactor)) losses.push(loss.mfa);

	const email = text(user.email);
	const username = typeof user.username === 'string' && user.username !== '' ? user.username : undefined;
	let reject: string | undefined;
	if (!email && !username) reject = isPresent(user.phone_number) ? rejectReason.phoneOnly : rejectReason.nothing;
	else if (isTrue(user.blocked) && !options.includeDisabled) reject = rejectReason.disabled('blocked in Auth0');

	// A database user's password is in the separate hash export; social users never had one
	const databaseUser = providers.length === 0 || providers.includes('auth0');
	// By the database id (the user_id after "auth0|") first: an address may have changed since
	const oid = sourceId.includes('|') ? sourceId.slice(sourceId.indexOf('|') + 1) : sourceId;
	const password: ConvertedUser['password'] = databaseUser
		? {kind: 'lookup', keys: [`id:${oid}`, ...(email ? [`email:${email.toLowerCase()}`] : [])]}
		: {kind: 'none'};

	const record: Record<string, unknown> = {};
	if (email) record.emails = [{address: email, is_primary: true, is_verified: isTrue(user.email_verified)}];
	if (username) record.username = username;
	const created = normaliseTimestamp(user.created_at);
	const updated = normaliseTimestamp(user.updated_at);
	if (created) record.created_at = created;
	if (updated) record.updated_at = updated;
	// The two kinds of metadata as Auth0 means them: app_metadata the app's own (never the user's to
	// change), user_metadata what the user may edit; Auth0's nickname has no place in Hanko
	const profile = options.profile
		? {
				name: user.name,
				given_name: user.given_name,
				family_name: user.family_name,
				picture: user.picture,
				private_metadata: user.app_metadata,
				unsafe_metadata: user.user_metadata,
			}
		: undefined;
	return {sourceId, record: reject ? undefined : record, reject, losses, password, profile};
}
