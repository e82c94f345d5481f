import {parse} from 'csv-parse/sync';
import {describe, expect, it} from 'vitest';
import {
	convertFirebase,
	firebaseUserFromCsv,
	looksLikeFirebase,
	looksLikeFirebaseCsvRow,
} from '../../../../source/core/convert/providers/firebase.js';

const config = {signerKey: 'c2lnbmVyLWtleQ==', saltSeparator: 'Bw==', rounds: 8, memCost: 14};
const off = {includeDisabled: false};

// A user as `firebase auth:export users.json` writes it
const user = {
	localId: 'kQ3mZ8sVbRTa1Xy2Ue5wNcD9fH43',
	email: 'Ann@Example.com',
	emailVerified: true,
	passwordHash: 'aGFzaC1vZi1hbm4=',
	salt: 'c2FsdA==',
	lastSignedInAt: '1704186000000',
	createdAt: '1689082910290',
	providerUserInfo: [],
};

describe('Firebase users', () => {
	it('are told by their localId', () => {
		expect(looksLikeFirebase(user)).toBe(true);
		expect(looksLikeFirebase({uid: 'x', email: 'a@b.co'})).toBe(false);
	});

	it('map the email (primary, verified flag), and the millisecond times as RFC 3339 (created, last sign-in)', () => {
		const converted = convertFirebase(user, {...off, hashConfig: config});
		expect(converted).toMatchObject({sourceId: user.localId, reject: undefined, losses: [], password: {kind: 'converted'}});
		expect(converted.record).toEqual({
			emails: [{address: 'Ann@Example.com', is_primary: true, is_verified: true}],
			password: {password: '$fbscrypt$v=1,n=14,r=8,p=1,ss=Bw==,sk=c2lnbmVyLWtleQ==$c2FsdA==$aGFzaC1vZi1hbm4='},
			created_at: '2023-07-11T13:41:50.290Z',
			updated_at: '2024-01-02T09:00:00Z',
		});
		// Never signed in: updated_at is the creation; unverified as false, as "false" in the CSV
		expect(convertFirebase({...user, lastSignedInAt: undefined, emailVerified: false}, off).record).toMatchObject({
			emails: [{is_verified: false}],
			created_at: '2023-07-11T13:41:50.290Z',
			updated_at: '2023-07-11T13:41:50.290Z',
		});
		expect(convertFirebase({...user, emailVerified: 'false'}, off).record).toMatchObject({emails: [{is_verified: false}]});
		expect(convertFirebase({...user, emailVerified: 'true'}, off).record).toMatchObject({emails: [{is_verified: true}]});
		// No times at all: none written (Hanko sets the import time)
		expect(convertFirebase({localId: 'x', email: 'x@example.com'}, off).record).toEqual({
			emails: [{address: 'x@example.com', is_primary: true, is_verified: false}],
		});
	});

	it('say what becomes of each password: $fbscrypt$ with the config, a reset without it or without a salt, nothing without a hash', () => {
		expect(convertFirebase(user, off)).toMatchObject({password: {kind: 'reset', reason: 'no hash config given (--hash-config)'}});
		expect(convertFirebase(user, off).record).not.toHaveProperty('password');
		expect(convertFirebase({...user, salt: ''}, {...off, hashConfig: config})).toMatchObject({
			password: {kind: 'reset', reason: 'a hash without its salt'},
		});
		expect(convertFirebase({...user, salt: ''}, {...off, hashConfig: config}).record).not.toHaveProperty('password');
		expect(convertFirebase({...user, passwordHash: undefined, salt: undefined}, {...off, hashConfig: config}).password).toEqual({
			kind: 'none',
		});
		// The config's numbers go where Hanko reads them: n is the memory cost, r the rounds
		const other = convertFirebase(user, {...off, hashConfig: {signerKey: 'a2V5', saltSeparator: '', rounds: 6, memCost: 13}});
		expect((other.record!.password as {password: string}).password).toBe(
			'$fbscrypt$v=1,n=13,r=6,p=1,ss=,sk=a2V5$c2FsdA==$aGFzaC1vZi1hbm4=',
		);
	});

	it('count every kind of data Hanko cannot hold', () => {
		const full = convertFirebase(
			{
				...user,
				phoneNumber: '+4915112345678',
				displayName: 'Ann Lee',
				photoUrl: 'https://example.com/a.png',
				customAttributes: '{"role":"admin"}',
				providerUserInfo: [{providerId: 'google.com', rawId: '1'}],
				mfaInfo: [{mfaEnrollmentId: 'e1', phoneInfo: '+4915112345678'}],
			},
			off,
		);
		expect(full.losses).toEqual(['phone numbers', 'names', 'pictures', 'metadata', 'social identities', 'MFA factors other than TOTP']);
		// A TOTP factor is said apart: Hanko could hold one, Firebase exports no secret
		expect(convertFirebase({...user, mfaInfo: [{mfaEnrollmentId: 'e2', totpInfo: {}}]}, off).losses).toEqual([
			'TOTP factors (the export holds no secret)',
		]);
		// The password and phone providers are no social identity; an empty factor list is no loss
		expect(
			convertFirebase(
				{
					...user,
					providerUserInfo: [
						{providerId: 'password', rawId: 'a'},
						{providerId: 'phone', rawId: '+49'},
					],
					mfaInfo: [],
				},
				off,
			).losses,
		).toEqual([]);
	});

	it('reject users without an email: phone-only, anonymous; and disabled users unless --include-disabled', () => {
		expect(convertFirebase({localId: 'p', phoneNumber: '+15555550100'}, off)).toMatchObject({
			record: undefined,
			reject: 'only a phone number: Hanko needs an email or a username',
		});
		expect(convertFirebase({localId: 'anon', createdAt: '1690876800000'}, off)).toMatchObject({record: undefined, reject: 'no email'});
		expect(convertFirebase({...user, email: '  '}, off).reject).toBe('no email');
		expect(convertFirebase({...user, disabled: true}, off)).toMatchObject({
			record: undefined,
			reject: 'disabled in Firebase (--include-disabled keeps such users)',
		});
		expect(convertFirebase({...user, disabled: 'true'}, off).reject).toBe('disabled in Firebase (--include-disabled keeps such users)');
		expect(convertFirebase({...user, disabled: false}, off).reject).toBeUndefined();
		expect(convertFirebase({...user, disabled: true}, {includeDisabled: true})).toMatchObject({
			reject: undefined,
			record: {emails: [{address: 'Ann@Example.com'}]},
		});
	});
});

describe("Firebase's CSV rows", () => {
	// Lines as firebase-tools writes them: 28 columns and a comma after the last; a name with a comma
	// in quotes as it is; the custom claims quoted with doubled quotes; google.com from column 7,
	// github.com from 19; createdAt, lastLoginAt, phoneNumber, disabled, customAttributes from 23
	const lines = [
		'kQ3mZ8sVbRTa1Xy2Ue5wNcD9fH43,ann@example.com,true,aGFzaA==,c2FsdA==,"Lee, Ann",https://example.com/ann.png,1046,ann@gmail.com,Ann G,https://g/a.png,,,,,,,,,583231,ann@github.test,,,1689082910290,1704186000000,+4915112345678,false,"{""role"":""admin""}",',
		'Jk9lZ2xC5vB8nM1qW4eR7tY0uI3o,,false,,,,,,,,,,,,,,,,,,,,,1690876800000,1690876800000,,,,',
		'Lm4nB7vC0xZ3aS6dF9gH2jK5lQ8w,eve@example.com,true,,,,,,,,,,,,,,,,,,,,,1690876800000,,,true,,',
	].join('\n');
	const rows = parse(lines, {relax_quotes: true, relax_column_count: true}) as string[][];

	it('are recognised without a header by where Firebase puts its columns', () => {
		expect(rows[0]).toHaveLength(29);
		expect(rows.every(row => looksLikeFirebaseCsvRow(row))).toBe(true);
		// A header row or another provider's row is not one
		expect(looksLikeFirebaseCsvRow(['localId', 'email', 'emailVerified', ...Array.from({length: 25}, () => 'x')])).toBe(false);
		expect(looksLikeFirebaseCsvRow(['user_1', 'a@b.co', 'yes', ...Array.from({length: 25}, () => '')])).toBe(false);
		expect(looksLikeFirebaseCsvRow(['a', 'b', 'true'])).toBe(false);
	});

	it('become the user the JSON export holds, column by column', () => {
		expect(firebaseUserFromCsv(rows[0]!)).toEqual({
			localId: 'kQ3mZ8sVbRTa1Xy2Ue5wNcD9fH43',
			email: 'ann@example.com',
			emailVerified: 'true',
			passwordHash: 'aGFzaA==',
			salt: 'c2FsdA==',
			displayName: 'Lee, Ann',
			photoUrl: 'https://example.com/ann.png',
			createdAt: '1689082910290',
			lastSignedInAt: '1704186000000',
			phoneNumber: '+4915112345678',
			disabled: 'false',
			customAttributes: '{"role":"admin"}',
			providerUserInfo: [
				{providerId: 'google.com', rawId: '1046', email: 'ann@gmail.com', displayName: 'Ann G', photoUrl: 'https://g/a.png'},
				{providerId: 'github.com', rawId: '583231', email: 'ann@github.test', displayName: '', photoUrl: ''},
			],
		});
		expect(firebaseUserFromCsv(rows[1]!)).toEqual({
			localId: 'Jk9lZ2xC5vB8nM1qW4eR7tY0uI3o',
			emailVerified: 'false',
			createdAt: '1690876800000',
			lastSignedInAt: '1690876800000',
			providerUserInfo: [],
		});
	});

	it('convert as the JSON users do', () => {
		const [ann, anonymous, disabled] = rows.map(row => convertFirebase(firebaseUserFromCsv(row), {...off, hashConfig: config}));
		expect(ann).toMatchObject({
			losses: ['phone numbers', 'names', 'pictures', 'metadata', 'social identities'],
			password: {kind: 'converted'},
			record: {
				emails: [{address: 'ann@example.com', is_primary: true, is_verified: true}],
				password: {password: '$fbscrypt$v=1,n=14,r=8,p=1,ss=Bw==,sk=c2lnbmVyLWtleQ==$c2FsdA==$aGFzaA=='},
				created_at: '2023-07-11T13:41:50.290Z',
				updated_at: '2024-01-02T09:00:00Z',
			},
		});
		expect(anonymous!.reject).toBe('no email');
		expect(disabled!.reject).toBe('disabled in Firebase (--include-disabled keeps such users)');
	});
});
