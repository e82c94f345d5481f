import {normaliseTimestamp} from '../../fixes/normalise-timestamp.js';
import {isPlainObject} from '../../rules/json-values.js';
import {
	type ConvertOptions,
	type ConvertedUser,
	type PasswordOutcome,
	isPresent,
	isTrue,
	loss,
	parsedJson,
	rejectReason,
	text,
} from '../converted-user.js';
import {fbscrypt} from './firebase-hash-config.js';
import {firebaseUserFromSdk, looksLikeFirebaseSdkUser} from './firebase-sdk-user.js';

// Firebase's auth:export, as JSON ({"users": [...]}) or as headerless CSV. Times are millisecond epochs
// as strings. The last sign-in is `lastSignedInAt` in the JSON (not `lastLoginAt`, the API's name).
// Hashes are Firebase's own scrypt, usable only with the project's hash config. The Admin SDK's
// `listUsers()` users are read too (firebase-sdk-user.ts).

/** What `--from firebase` expects, for the message that refuses another shape. */
export const firebaseFormats =
	'Firebase\'s auth:export, JSON ({"users": [...]} of users with localId) or its CSV without a header row, or the Admin SDK\'s listUsers() users (uid with providerData)';

export function looksLikeFirebase(record: Record<string, unknown>): boolean {
	return typeof record.localId === 'string' || looksLikeFirebaseSdkUser(record);
}

// The CSV's columns, as firebase-tools writes them (src/accountExporter.ts): four per social provider,
// then the times. The first four providers since the first CSV export; six more since 15.19.0 (53 cells)
const socialColumns = [
	['google.com', 7],
	['facebook.com', 11],
	['twitter.com', 15],
	['github.com', 19],
] as const;
const laterSocialColumns = [
	['apple.com', 28],
	['microsoft.com', 32],
	['gc.apple.com', 36],
	['playgames.google.com', 40],
	['linkedin.com', 44],
	['yahoo.com', 48],
] as const;
const column = {
	localId: 0,
	email: 1,
	emailVerified: 2,
	passwordHash: 3,
	salt: 4,
	displayName: 5,
	photoUrl: 6,
	createdAt: 23,
	lastSignedInAt: 24,
	phoneNumber: 25,
	disabled: 26,
	customAttributes: 27,
};
/** Up to 4.1.1 (27 or 28 cells): disabled first, then the times, then the phone number (from 3.12). */
const oldColumn = {...column, disabled: 23, createdAt: 24, lastSignedInAt: 25, phoneNumber: 26, customAttributes: -1};

const digits = /^\d+$/;
/** Whether a row is in the order of firebase-tools up to 4.1.1: no creation time where later ones put it, one after. */
const isOldOrder = (row: readonly string[]) => row.length <= 28 && !digits.test(row[23]!.trim()) && digits.test((row[24] ?? '').trim());

/** Whether a header-less CSV row looks like Firebase's: its columns where Firebase puts them. */
export function looksLikeFirebaseCsvRow(row: readonly string[]): boolean {
	if (row.length < 24 || !/^(?:true|false)$/.test(row[column.emailVerified]!)) return false;
	return /^\d*$/.test(row[column.createdAt]!.trim()) || isOldOrder(row);
}

/** A CSV row as the JSON export would hold the same user. */
export function firebaseUserFromCsv(row: readonly string[]): Record<string, unknown> {
	const user: Record<string, unknown> = {};
	for (const [name, index] of Object.entries(isOldOrder(row) ? oldColumn : column)) if (index >= 0 && row[index]) user[name] = row[index];
	user.providerUserInfo = [...socialColumns, ...(row.length >= 52 ? laterSocialColumns : [])]
		.filter(([, at]) => row[at])
		.map(([providerId, at]) => ({providerId, rawId: row[at], email: row[at + 1], displayName: row[at + 2], photoUrl: row[at + 3]}));
	return user;
}

const withoutSdkHash: PasswordOutcome = {
	kind: 'reset',
	reason: 'listUsers() gave no hash (firebase-admin leaves it out without the permission to read hashes; auth:export has them)',
};

function passwordOf(user: Record<string, unknown>, options: ConvertOptions, sdk: boolean): {hash?: string; outcome: PasswordOutcome} {
	const hash = text(user.passwordHash);
	// The SDK drops a hash it got redacted: the user's password provider still says there was one
	if (!hash) return {outcome: sdk && hasPasswordProvider(user) ? withoutSdkHash : {kind: 'none'}};
	if (!options.hashConfig) return {outcome: {kind: 'reset', reason: 'no hash config given (--hash-config)'}};
	const salt = text(user.salt);
	if (!salt) return {outcome: {kind: 'reset', reason: 'a hash without its salt'}};
	return {hash: fbscrypt(options.hashConfig, salt, hash), outcome: {kind: 'converted'}};
}

const hasPasswordProvider = (user: Record<string, unknown>) =>
	Array.isArray(user.providerUserInfo) &&
	user.providerUserInfo.some(provider => isPlainObject(provider) && provider.providerId === 'password');

export function convertFirebase(exported: Record<string, unknown>, options: ConvertOptions): ConvertedUser {
	const sdk = looksLikeFirebaseSdkUser(exported);
	const user = sdk ? firebaseUserFromSdk(exported) : exported;
	const sourceId = String(user.localId ?? '');
	const providers = Array.isArray(user.providerUserInfo)
		? (user.providerUserInfo as unknown[]).filter(provider => isPlainObject(provider))
		: [];
	const losses: string[] = [];
	if (isPresent(user.phoneNumber)) losses.push(loss.phones);
	if (isPresent(user.displayName)) losses.push(loss.names);
	if (isPresent(user.photoUrl)) losses.push(loss.pictures);
	// Custom claims are a JSON text; "{}" holds none
	if (isPresent(user.customAttributes) && String(user.customAttributes).trim() !== '{}') losses.push(loss.metadata);
	if (providers.some(provider => provider.providerId !== 'password' && provider.providerId !== 'phone')) losses.push(loss.social);
	// Firebase exports no factor's secret: a TOTP factor is lost too, and said apart (Hanko could hold it)
	const factors = Array.isArray(user.mfaInfo) ? (user.mfaInfo as unknown[]).filter(factor => isPlainObject(factor)) : [];
	if (factors.some(factor => 'totpInfo' in factor)) losses.push(loss.totpNotExported);
	if (factors.some(factor => !('totpInfo' in factor))) losses.push(loss.mfa);

	const email = text(user.email);
	let reject: string | undefined;
	if (!email) reject = isPresent(user.phoneNumber) ? rejectReason.phoneOnly : 'no email';
	else if (isTrue(user.disabled) && !options.includeDisabled) reject = rejectReason.disabled('disabled in Firebase');

	const {hash, outcome: password} = passwordOf(user, options, sdk);
	const record: Record<string, unknown> = {};
	if (email) record.emails = [{address: email, is_primary: true, is_verified: isTrue(user.emailVerified)}];
	if (hash) record.password = {password: hash};
	const created = normaliseTimestamp(text(user.createdAt));
	// Hanko keeps no last sign-in; it is the last time this user changed anything Firebase shows
	const updated = normaliseTimestamp(text(user.lastSignedInAt)) ?? created;
	if (created) record.created_at = created;
	if (updated) record.updated_at = updated;
	// Custom claims go into the ID token, as Hanko's public metadata does (its JWT template reads them)
	const profile = options.profile
		? {
				name: user.displayName,
				picture: user.photoUrl,
				public_metadata: text(user.customAttributes) && parsedJson(user.customAttributes),
			}
		: undefined;
	return {sourceId, record: reject ? undefined : record, reject, losses, password, profile};
}
