import {describe, expect, it} from 'vitest';
import {convertClerk, looksLikeClerkHeader} from '../../../../source/core/convert/providers/clerk.js';

const off = {includeDisabled: false};
const bcrypt2a = '$2a$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY.';

// A row of Clerk's dashboard CSV (every cell a string, empty when unset)
const row = {
	id: 'user_2NNEqL2nrIRdJ194ndJqAHwEfxC',
	first_name: '',
	last_name: '',
	username: '',
	primary_email_address: 'ann@example.com',
	primary_phone_number: '',
	verified_email_addresses: 'ann@example.com',
	unverified_email_addresses: '',
	verified_phone_numbers: '',
	unverified_phone_numbers: '',
	totp_secret: '',
	password_digest: '',
	password_hasher: '',
};

describe('Clerk users', () => {
	it('are told by the header', () => {
		expect(looksLikeClerkHeader(Object.keys(row))).toBe(true);
		expect(looksLikeClerkHeader(['id', 'email', 'encrypted_password'])).toBe(false);
	});

	it('keep every address once, the primary first and marked, verified as the lists say', () => {
		const user = convertClerk(
			{...row, verified_email_addresses: 'ann.work@example.com,ann@example.com', unverified_email_addresses: 'ann.old@example.com'},
			off,
		);
		expect(user).toMatchObject({sourceId: row.id, reject: undefined, losses: [], password: {kind: 'none'}});
		expect(user.record).toEqual({
			emails: [
				{address: 'ann@example.com', is_primary: true, is_verified: true},
				{address: 'ann.work@example.com', is_primary: false, is_verified: true},
				{address: 'ann.old@example.com', is_primary: false, is_verified: false},
			],
		});
		// Lists separated by ", ", ";" or "|" are read as well
		expect(
			convertClerk({...row, verified_email_addresses: 'a@example.com, b@example.com;c@example.com|ann@example.com'}, off).record!
				.emails as unknown[],
		).toHaveLength(4);
		// A second spelling of one address is the same address (Hanko lowercases): kept once, as the primary has it
		expect(
			convertClerk(
				{
					...row,
					primary_email_address: 'Ann@Example.com',
					verified_email_addresses: 'ann@example.com',
					unverified_email_addresses: 'ANN@example.com',
				},
				off,
			).record!.emails,
		).toEqual([{address: 'Ann@Example.com', is_primary: true, is_verified: true}]);
		// A primary that is in no list is not verified
		expect(convertClerk({...row, verified_email_addresses: ''}, off).record!.emails).toEqual([
			{address: 'ann@example.com', is_primary: true, is_verified: false},
		]);
	});

	it('take the first verified, else the first unverified address as the primary when none is named', () => {
		expect(
			convertClerk(
				{
					...row,
					primary_email_address: '',
					verified_email_addresses: 'fay@example.com',
					unverified_email_addresses: 'fay.old@example.com',
				},
				off,
			).record!.emails,
		).toEqual([
			{address: 'fay@example.com', is_primary: true, is_verified: true},
			{address: 'fay.old@example.com', is_primary: false, is_verified: false},
		]);
		expect(
			convertClerk(
				{
					...row,
					primary_email_address: '',
					verified_email_addresses: '',
					unverified_email_addresses: 'eve@example.com,eve2@example.com',
				},
				off,
			).record!.emails,
		).toEqual([
			{address: 'eve@example.com', is_primary: true, is_verified: false},
			{address: 'eve2@example.com', is_primary: false, is_verified: false},
		]);
	});

	it('keep the username, the TOTP secret and the times', () => {
		expect(
			convertClerk(
				{
					...row,
					username: 'annlee',
					totp_secret: 'JBSWY3DPEHPK3PXP',
					created_at: '1689082910290',
					updated_at: '2024-01-02T09:00:00.000Z',
				},
				off,
			).record,
		).toEqual({
			emails: [{address: 'ann@example.com', is_primary: true, is_verified: true}],
			username: 'annlee',
			otp_secret: {secret: 'JBSWY3DPEHPK3PXP'},
			created_at: '2023-07-11T13:41:50.290Z',
			updated_at: '2024-01-02T09:00:00Z',
		});
		// A username alone is enough
		expect(convertClerk({...row, primary_email_address: '', verified_email_addresses: '', username: 'dee_only'}, off)).toMatchObject({
			reject: undefined,
			record: {username: 'dee_only'},
		});
		expect(
			convertClerk({...row, primary_email_address: '', verified_email_addresses: '', username: 'dee_only'}, off).record,
		).not.toHaveProperty('emails');
	});

	it('keep a bcrypt digest ($2a$ as is, $2b$/$2y$ rewritten) and say why any other needs a reset', () => {
		expect(convertClerk({...row, password_digest: bcrypt2a, password_hasher: 'bcrypt'}, off)).toMatchObject({
			password: {kind: 'kept'},
			record: {password: {password: bcrypt2a}},
		});
		expect(convertClerk({...row, password_digest: `$2b$${bcrypt2a.slice(4)}`, password_hasher: 'bcrypt'}, off)).toMatchObject({
			password: {kind: 'converted'},
			record: {password: {password: bcrypt2a}},
		});
		// No hasher named: bcrypt is assumed
		expect(convertClerk({...row, password_digest: `$2y$${bcrypt2a.slice(4)}`}, off)).toMatchObject({
			password: {kind: 'converted'},
			record: {password: {password: bcrypt2a}},
		});
		expect(
			convertClerk({...row, password_digest: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', password_hasher: 'argon2id'}, off)
				.password,
		).toEqual({kind: 'reset', reason: 'hashed with argon2id, which Hanko cannot verify'});
		expect(convertClerk({...row, password_digest: 'abc', password_hasher: 'PBKDF2_SHA256'}, off).password).toEqual({
			kind: 'reset',
			reason: 'hashed with pbkdf2_sha256, which Hanko cannot verify',
		});
		expect(convertClerk({...row, password_digest: 'not-a-bcrypt-hash', password_hasher: 'bcrypt'}, off).password).toEqual({
			kind: 'reset',
			reason: 'a hash Hanko cannot verify',
		});
		expect(convertClerk({...row, password_digest: 'abc', password_hasher: 'argon2id'}, off).record).not.toHaveProperty('password');
	});

	it('count phones, names, pictures and metadata ("{}" is none)', () => {
		expect(
			convertClerk(
				{
					...row,
					primary_phone_number: '+14155550123',
					first_name: 'Ann',
					image_url: 'https://img.clerk.com/a',
					public_metadata: '{"plan":"pro"}',
				},
				off,
			).losses,
		).toEqual(['phone numbers', 'names', 'pictures', 'metadata']);
		expect(convertClerk({...row, unverified_phone_numbers: '+14155550142', last_name: 'Lee'}, off).losses).toEqual([
			'phone numbers',
			'names',
		]);
		expect(
			convertClerk(
				{...row, verified_phone_numbers: '+14155550142', public_metadata: '{}', private_metadata: '{}', unsafe_metadata: '{}'},
				off,
			).losses,
		).toEqual(['phone numbers']);
	});

	it('reject users with only a phone, with nothing, and banned or locked users unless --include-disabled', () => {
		const none = {...row, primary_email_address: '', verified_email_addresses: ''};
		expect(convertClerk({...none, primary_phone_number: '+14155550199', verified_phone_numbers: '+14155550199'}, off)).toMatchObject({
			record: undefined,
			reject: 'only a phone number: Hanko needs an email or a username',
		});
		expect(convertClerk({...none, unverified_phone_numbers: '+14155550199'}, off).reject).toBe(
			'only a phone number: Hanko needs an email or a username',
		);
		expect(convertClerk(none, off)).toMatchObject({record: undefined, reject: 'neither an email nor a username'});
		expect(convertClerk({...row, banned: 'true'}, off)).toMatchObject({
			record: undefined,
			reject: 'banned or locked in Clerk (--include-disabled keeps such users)',
		});
		expect(convertClerk({...row, locked: true}, off).reject).toBe('banned or locked in Clerk (--include-disabled keeps such users)');
		expect(convertClerk({...row, banned: 'false', locked: false}, off).reject).toBeUndefined();
		expect(convertClerk({...row, banned: 'true'}, {includeDisabled: true}).record).toBeDefined();
	});
});
