import {describe, expect, it} from 'vitest';
import {convertClerk} from '../../../../source/core/convert/providers/clerk.js';
import {isClerkApiUser, isClerkSupportUser, looksLikeClerkJson} from '../../../../source/core/convert/providers/clerk-json.js';

const off = {includeDisabled: false};

// A user of Clerk's Backend API, GET /v1/users
const apiUser = {
	id: 'user_2NNEqL2nrIRdJ194ndJqAHwEfxC',
	object: 'user',
	username: null,
	first_name: 'Ann',
	last_name: null,
	image_url: 'https://img.clerk.com/generated',
	has_image: false,
	primary_email_address_id: 'idn_2',
	primary_phone_number_id: null,
	password_enabled: true,
	totp_enabled: false,
	backup_code_enabled: false,
	two_factor_enabled: false,
	banned: false,
	locked: false,
	email_addresses: [
		{
			id: 'idn_1',
			object: 'email_address',
			email_address: 'ann.old@example.com',
			verification: {status: 'unverified', strategy: 'email_code'},
		},
		{
			id: 'idn_2',
			object: 'email_address',
			email_address: 'ann@example.com',
			verification: {status: 'verified', strategy: 'email_code'},
		},
		{
			id: 'idn_3',
			object: 'email_address',
			email_address: 'ann.work@example.com',
			verification: {status: 'verified', strategy: 'email_link'},
		},
	],
	phone_numbers: [],
	external_accounts: [],
	public_metadata: {},
	private_metadata: {},
	unsafe_metadata: {},
	created_at: 1689082910290,
	updated_at: 1704186000000,
};

// A user of the JSON Clerk's support sends (workos/migrate-clerk-users, src/clerk-exported-user.ts)
const supportUser = {
	id: 'user_2gRua7G8WRYBglzXE5sxRbIRkfJ',
	first_name: 'Jo',
	last_name: null,
	username: null,
	email_addresses: 'jo@example.com|jo@example.org',
	phone_numbers: null,
	totp_secret: null,
	password_digest: '$2b$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY.',
	password_hasher: 'bcrypt',
	unsafe_metadata: {},
	public_metadata: {},
	private_metadata: {},
};

describe("Clerk's JSON users", () => {
	it('are told apart: the Backend API by its address objects, the support JSON by its address text beside the digest', () => {
		expect(isClerkApiUser(apiUser)).toBe(true);
		expect(isClerkSupportUser(apiUser)).toBe(false);
		expect(isClerkSupportUser(supportUser)).toBe(true);
		expect(isClerkApiUser(supportUser)).toBe(false);
		// No email field at all: not a Clerk user this tool reads
		expect(looksLikeClerkJson({id: 'user_1', first_name: 'Ann', username: 'ann'})).toBe(false);
	});

	it('Backend API: the primary by primary_email_address_id, verified by verification.status, epoch milliseconds as times', () => {
		const user = convertClerk(apiUser, off);
		expect(user).toMatchObject({sourceId: apiUser.id, reject: undefined});
		expect(user.record).toEqual({
			emails: [
				{address: 'ann@example.com', is_primary: true, is_verified: true},
				{address: 'ann.work@example.com', is_primary: false, is_verified: true},
				{address: 'ann.old@example.com', is_primary: false, is_verified: false},
			],
			created_at: '2023-07-11T13:41:50.290Z',
			updated_at: '2024-01-02T09:00:00Z',
		});
		// Only the name: a generated avatar (has_image false) and empty metadata are nothing lost
		expect(user.losses).toEqual(['names']);
	});

	it('Backend API: a password needs a reset (no digest is ever given), TOTP and social accounts are lost, a ban rejects', () => {
		expect(convertClerk(apiUser, off).password).toEqual({
			kind: 'reset',
			reason: "Clerk's Backend API gives no password digests (the dashboard's CSV export has them)",
		});
		expect(convertClerk({...apiUser, password_enabled: false}, off).password).toEqual({kind: 'none'});
		const rich = {
			...apiUser,
			totp_enabled: true,
			external_accounts: [{id: 'eac_1', provider: 'oauth_google', email_address: 'ann@example.com'}],
			phone_numbers: [{id: 'idn_9', phone_number: '+15555550100', verification: {status: 'verified'}}],
			has_image: true,
			private_metadata: {plan: 'pro'},
		};
		expect(convertClerk(rich, off).losses.sort()).toEqual(
			['names', 'phone numbers', 'pictures', 'metadata', 'TOTP factors (the export holds no secret)', 'social identities'].sort(),
		);
		expect(convertClerk({...apiUser, banned: true}, off).reject).toBe(
			'banned or locked in Clerk (--include-disabled keeps such users)',
		);
		// Only a phone number: rejected as such
		expect(convertClerk({...rich, email_addresses: [], primary_email_address_id: null}, off).reject).toBe(
			'only a phone number: Hanko needs an email or a username',
		);
	});

	it("Backend SDK users, as JSON.stringify writes them, are read from the API's user they carry under _raw", () => {
		const sdkUser = {
			_raw: apiUser,
			id: apiUser.id,
			passwordEnabled: true,
			firstName: 'Ann',
			primaryEmailAddressId: 'idn_2',
			emailAddresses: [{id: 'idn_2', emailAddress: 'ann@example.com', verification: {status: 'verified'}, linkedTo: []}],
			createdAt: apiUser.created_at,
		};
		expect(looksLikeClerkJson(sdkUser)).toBe(true);
		expect(convertClerk(sdkUser, off)).toEqual(convertClerk(apiUser, off));
		// Without the API's user inside, the camelCase fields alone are not read
		const {_raw: _, ...bare} = sdkUser;
		expect(looksLikeClerkJson(bare)).toBe(false);
	});

	it('support JSON: every address of the text, the first as the primary, none known verified, the digest as the CSV has it', () => {
		const user = convertClerk(supportUser, off);
		expect(user.record).toEqual({
			emails: [
				{address: 'jo@example.com', is_primary: true, is_verified: false},
				{address: 'jo@example.org', is_primary: false, is_verified: false},
			],
			password: {password: '$2a$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY.'},
		});
		expect(user.password).toEqual({kind: 'converted'});
		expect(user.losses).toEqual(['names']);
	});
});
