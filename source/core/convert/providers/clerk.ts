import {fbscrypt} from './firebase-hash-config.js';
import {clerkRowFromApi, clerkRowFromSupport, isClerkApiUser, isClerkSupportUser, sdkRawUser} from './clerk-json.js';
import {isPlainObject} from '../../rules/json-values.js';
import {normaliseTimestamp} from '../../fixes/normalise-timestamp.js';
import {
	type ConvertOptions,
	type ConvertedUser,
	type PasswordOutcome,
	hashOutcome,
	isPresent,
	isTrue,
	loss,
	parsedJson,
	rejectReason,
	text,
} from '../converted-user.js';

// Clerk's dashboard CSV export: id (user_...), first_name, last_name, username, primary_email_address,
// verified_email_addresses and unverified_email_addresses (lists in one cell), phone numbers,
// totp_secret, password_digest with its password_hasher. Clerk's JSON users are read in these names
// (clerk-json.ts).

/** What `--from clerk` expects, for the message that refuses another shape. */
export const clerkFormats =
	"Clerk's dashboard CSV (a header row with id and primary_email_address), the Backend API's users (id with email_addresses) or the JSON of Clerk's support (email_addresses with password_digest)";

export function looksLikeClerkHeader(names: readonly string[]): boolean {
	return names.includes('primary_email_address') && names.includes('id');
}

/** The addresses of a list cell (Clerk separates them with commas; '|' and ';' are read too), or of a JSON list. */
function addresses(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(address => text(address)).filter(address => address !== undefined);
	return typeof value === 'string'
		? value
				.split(/[,;|\s]+/)
				.map(address => address.trim())
				.filter(Boolean)
		: [];
}

/**
 * Clerk's `scrypt_firebase` digest holds everything Firebase's scrypt needs, in six `$`-separated
 * parts (Clerk's user import docs): hash, salt, signer key, salt separator, rounds, memory cost. It
 * becomes the `$fbscrypt$` Hanko verifies, unless no password could match it.
 */
function firebaseDigest(digest: string): {hash?: string; outcome: PasswordOutcome} {
	const parts = digest.split('$');
	const [hash, salt, signerKey, saltSeparator, rounds, memCost] = parts;
	if (parts.length !== 6 || !/^\d+$/.test(rounds!) || !/^\d+$/.test(memCost!))
		return {
			outcome: {
				kind: 'reset',
				reason: 'a scrypt_firebase digest not in six parts (hash$salt$signer key$salt separator$rounds$memory cost)',
			},
		};
	return hashOutcome(
		fbscrypt({signerKey: signerKey!, saltSeparator: saltSeparator!, rounds: Number(rounds), memCost: Number(memCost)}, salt!, hash!),
		'converted',
	);
}

function passwordOf(row: Record<string, unknown>): {hash?: string; outcome: PasswordOutcome} {
	const digest = text(row.password_digest);
	if (!digest) return {outcome: {kind: 'none'}};
	const hasher = text(row.password_hasher)?.toLowerCase() ?? 'bcrypt';
	if (hasher === 'scrypt_firebase') return firebaseDigest(digest);
	if (hasher !== 'bcrypt')
		return {
			outcome: {kind: 'reset', reason: `hashed with ${hasher.replaceAll(/[^\w-]/g, '?').slice(0, 30)}, which Hanko cannot verify`},
		};
	return hashOutcome(digest);
}

// The Backend API never gives a digest (clerk.com/docs/guides/development/migrating/export-from-clerk)
const apiPassword: PasswordOutcome = {
	kind: 'reset',
	reason: "Clerk's Backend API gives no password digests (the dashboard's CSV export has them)",
};

export function convertClerk(given: Record<string, unknown>, options: ConvertOptions): ConvertedUser {
	const exported = sdkRawUser(given) ?? given;
	const api = isClerkApiUser(exported);
	const row = api ? clerkRowFromApi(exported) : isClerkSupportUser(exported) ? clerkRowFromSupport(exported) : exported;
	const sourceId = String(row.id ?? '');
	const losses: string[] = [];
	if (['primary_phone_number', 'verified_phone_numbers', 'unverified_phone_numbers'].some(key => isPresent(row[key])))
		losses.push(loss.phones);
	if (isPresent(row.first_name) || isPresent(row.last_name)) losses.push(loss.names);
	if (isPresent(row.image_url) || isPresent(row.profile_image_url)) losses.push(loss.pictures);
	if (['public_metadata', 'private_metadata', 'unsafe_metadata'].some(key => isPresent(row[key]) && row[key] !== '{}'))
		losses.push(loss.metadata);
	if (api && isTrue(row.totp_enabled)) losses.push(loss.totpNotExported);
	if (api && Array.isArray(row.external_accounts) && row.external_accounts.some(account => isPlainObject(account)))
		losses.push(loss.social);

	const verified = addresses(row.verified_email_addresses);
	const primary = text(row.primary_email_address) ?? verified[0] ?? addresses(row.unverified_email_addresses)[0];
	const username = text(row.username);
	// Hanko compares addresses lowercased: a second spelling of one address would be a duplicate
	const seen = new Set<string>();
	const emails: Array<{address: string; is_primary: boolean; is_verified: boolean}> = [];
	const isVerified = (address: string) => verified.some(other => other.toLowerCase() === address.toLowerCase());
	for (const address of [primary, ...verified, ...addresses(row.unverified_email_addresses)]) {
		if (!address || seen.has(address.toLowerCase())) continue;
		seen.add(address.toLowerCase());
		emails.push({address, is_primary: address === primary, is_verified: isVerified(address)});
	}

	let reject: string | undefined;
	if (emails.length === 0 && !username) reject = losses.includes(loss.phones) ? rejectReason.phoneOnly : rejectReason.nothing;
	else if ((isTrue(row.banned) || isTrue(row.locked)) && !options.includeDisabled)
		reject = rejectReason.disabled('banned or locked in Clerk');

	const {hash, outcome: password} = api
		? {hash: undefined, outcome: isTrue(row.password_enabled) ? apiPassword : ({kind: 'none'} as const)}
		: passwordOf(row);
	const record: Record<string, unknown> = {};
	if (emails.length > 0) record.emails = emails;
	if (username) record.username = username;
	if (hash) record.password = {password: hash};
	const secret = text(row.totp_secret);
	if (secret) record.otp_secret = {secret};
	const created = normaliseTimestamp(text(row.created_at));
	const updated = normaliseTimestamp(text(row.updated_at));
	if (created) record.created_at = created;
	if (updated) record.updated_at = updated;
	// Clerk's three kinds of metadata are Hanko's three; its cells hold JSON text
	const profile = options.profile
		? {
				given_name: row.first_name,
				family_name: row.last_name,
				picture: text(row.image_url) ?? row.profile_image_url,
				public_metadata: text(row.public_metadata) && parsedJson(row.public_metadata),
				private_metadata: text(row.private_metadata) && parsedJson(row.private_metadata),
				unsafe_metadata: text(row.unsafe_metadata) && parsedJson(row.unsafe_metadata),
			}
		: undefined;
	return {sourceId, record: reject ? undefined : record, reject, losses, password, profile};
}
