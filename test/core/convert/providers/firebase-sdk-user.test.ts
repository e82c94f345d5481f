import {describe, expect, it} from 'vitest';
import {convertFirebase, looksLikeFirebase} from '../../../../source/core/convert/providers/firebase.js';
import {firebaseUserFromSdk, looksLikeFirebaseSdkUser} from '../../../../source/core/convert/providers/firebase-sdk-user.js';

const config = {signerKey: 'c2lnbmVyLWtleQ==', saltSeparator: 'Bw==', rounds: 8, memCost: 14};
const off = {includeDisabled: false};

// A user as JSON.stringify(listUsersResult.users) writes it: UserRecord.toJSON() of firebase-admin
const sdkUser = {
	uid: 'kQ3mZ8sVbRTa1Xy2Ue5wNcD9fH43',
	email: 'ann@example.com',
	emailVerified: true,
	displayName: 'Ann Example',
	photoURL: 'https://example.com/ann.png',
	phoneNumber: '+15555550100',
	disabled: false,
	metadata: {
		lastSignInTime: 'Tue, 02 Jan 2024 09:00:00 GMT',
		creationTime: 'Tue, 11 Jul 2023 13:41:50 GMT',
		lastRefreshTime: 'Tue, 02 Jan 2024 09:05:00 GMT',
	},
	passwordHash: 'aGFzaC1vZi1hbm4_-w==',
	passwordSalt: 'c2FsdA==',
	customClaims: {admin: true},
	tokensValidAfterTime: 'Tue, 11 Jul 2023 13:41:50 GMT',
	tenantId: null,
	multiFactor: {enrolledFactors: [{uid: 'f1', factorId: 'totp', displayName: 'app', enrollmentTime: 'x', totpInfo: {}}]},
	providerData: [
		{uid: 'ann@example.com', email: 'ann@example.com', providerId: 'password'},
		{uid: '1234567890', email: 'ann@example.com', providerId: 'google.com', displayName: 'Ann'},
	],
};

describe("Firebase Admin SDK's listUsers() users", () => {
	it('are told by a uid with providerData or metadata, and are not taken for auth:export users', () => {
		expect(looksLikeFirebaseSdkUser(sdkUser)).toBe(true);
		expect(looksLikeFirebase(sdkUser)).toBe(true);
		expect(looksLikeFirebaseSdkUser({uid: 'x', email: 'a@b.co'})).toBe(false);
		expect(looksLikeFirebaseSdkUser({uid: 'x', localId: 'x', providerData: []})).toBe(false);
	});

	it("are read under auth:export's names: times as millisecond epochs, hashes in standard base64, claims as JSON text", () => {
		expect(firebaseUserFromSdk(sdkUser)).toMatchObject({
			localId: sdkUser.uid,
			photoUrl: sdkUser.photoURL,
			passwordHash: 'aGFzaC1vZi1hbm4/+w==',
			salt: 'c2FsdA==',
			customAttributes: '{"admin":true}',
			createdAt: String(Date.UTC(2023, 6, 11, 13, 41, 50)),
			lastSignedInAt: String(Date.UTC(2024, 0, 2, 9)),
			providerUserInfo: [{providerId: 'password'}, {providerId: 'google.com', rawId: '1234567890'}],
			mfaInfo: [{totpInfo: {}}],
		});
	});

	it('convert as auth:export users do, with $fbscrypt$ from the hash config and the losses counted', () => {
		const converted = convertFirebase(sdkUser, {...off, hashConfig: config});
		expect(converted).toMatchObject({sourceId: sdkUser.uid, reject: undefined, password: {kind: 'converted'}});
		expect(converted.record).toEqual({
			emails: [{address: 'ann@example.com', is_primary: true, is_verified: true}],
			password: {password: '$fbscrypt$v=1,n=14,r=8,p=1,ss=Bw==,sk=c2lnbmVyLWtleQ==$c2FsdA==$aGFzaC1vZi1hbm4/+w=='},
			created_at: '2023-07-11T13:41:50Z',
			updated_at: '2024-01-02T09:00:00Z',
		});
		expect(converted.losses.sort()).toEqual(
			['phone numbers', 'names', 'pictures', 'metadata', 'social identities', 'TOTP factors (the export holds no secret)'].sort(),
		);
		// A phone factor is an MFA factor other than TOTP
		const phone = {...sdkUser, multiFactor: {enrolledFactors: [{uid: 'f2', factorId: 'phone', phoneNumber: '+15555550100'}]}};
		expect(convertFirebase(phone, off).losses).toContain('MFA factors other than TOTP');
		expect(convertFirebase(phone, off).losses).not.toContain('TOTP factors (the export holds no secret)');
		expect(convertFirebase({...sdkUser, disabled: true}, off).reject).toBe(
			'disabled in Firebase (--include-disabled keeps such users)',
		);
	});

	it('need a reset when the SDK left the hash out of a password user, and none without a password provider', () => {
		const {passwordHash: _, passwordSalt: __, ...redacted} = sdkUser;
		expect(convertFirebase(redacted, {...off, hashConfig: config}).password).toEqual({
			kind: 'reset',
			reason: 'listUsers() gave no hash (firebase-admin leaves it out without the permission to read hashes; auth:export has them)',
		});
		expect(convertFirebase({...redacted, providerData: [{uid: '1', providerId: 'google.com'}]}, off).password).toEqual({kind: 'none'});
		expect(convertFirebase(sdkUser, off).password).toEqual({kind: 'reset', reason: 'no hash config given (--hash-config)'});
	});
});
