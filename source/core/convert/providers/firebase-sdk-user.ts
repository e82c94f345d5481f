import {isPlainObject} from '../../rules/json-values.js';

// The users of the Firebase Admin SDK's `listUsers()`, as `JSON.stringify(result.users)` writes them:
// UserRecord.toJSON() in firebase-admin-node's src/auth/user-record.ts. The same user as auth:export
// holds it under other names (uid, photoURL, passwordSalt, customClaims as an object, times as UTC
// strings under `metadata`, factors under `multiFactor.enrolledFactors`), read here into auth:export's
// names so that one converter serves both.

/** A `listUsers()` user: a `uid` with the SDK's `providerData` list or `metadata` object. */
export function looksLikeFirebaseSdkUser(record: Record<string, unknown>): boolean {
	return (
		typeof record.uid === 'string' && !('localId' in record) && (Array.isArray(record.providerData) || isPlainObject(record.metadata))
	);
}

/** A UTC string ("Tue, 05 Jan 2021 10:00:00 GMT", Date.toUTCString) as auth:export's millisecond epoch. */
function epochMillis(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : String(time);
}

// The SDK hands the API's bytes on as they come, in web-safe base64; auth:export rewrites them into the
// standard alphabet (firebase-tools src/accountExporter.ts, convertToNormalBase64), which $fbscrypt$ takes
const standardBase64 = (value: unknown) => (typeof value === 'string' ? value.replaceAll('-', '+').replaceAll('_', '/') : value);

/** A `listUsers()` user under auth:export's field names. */
export function firebaseUserFromSdk(user: Record<string, unknown>): Record<string, unknown> {
	const metadata = isPlainObject(user.metadata) ? user.metadata : {};
	const providers = Array.isArray(user.providerData) ? user.providerData.filter(provider => isPlainObject(provider)) : [];
	const multiFactor = isPlainObject(user.multiFactor) ? user.multiFactor : {};
	const factors = Array.isArray(multiFactor.enrolledFactors) ? multiFactor.enrolledFactors.filter(factor => isPlainObject(factor)) : [];
	return {
		localId: user.uid,
		email: user.email,
		emailVerified: user.emailVerified,
		displayName: user.displayName,
		photoUrl: user.photoURL,
		phoneNumber: user.phoneNumber,
		disabled: user.disabled,
		passwordHash: standardBase64(user.passwordHash),
		salt: standardBase64(user.passwordSalt),
		customAttributes: isPlainObject(user.customClaims) ? JSON.stringify(user.customClaims) : user.customClaims,
		createdAt: epochMillis(metadata.creationTime),
		lastSignedInAt: epochMillis(metadata.lastSignInTime),
		providerUserInfo: providers.map(provider => ({...provider, rawId: provider.uid})),
		// factorId is 'phone' or 'totp' (MultiFactorId); auth:export tells them by totpInfo or phoneInfo
		mfaInfo: factors.map(factor => (factor.factorId === 'totp' ? {totpInfo: factor.totpInfo ?? {}} : {phoneInfo: factor.phoneNumber})),
	};
}
