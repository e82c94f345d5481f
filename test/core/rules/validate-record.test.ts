import {describe, expect, it} from 'vitest';
import {ruleList} from '../../../source/core/rules/catalogue.js';
import {validateRecord} from '../../../source/core/rules/validate-record.js';

const now = Date.parse('2026-01-01T00:00:00Z');

function user(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		user_id: 'a9ae6bc8-d829-43de-b672-f50230833877',
		emails: [{address: 'ann@example.com', is_primary: true, is_verified: true}],
		...overrides,
	};
}

function codes(record: unknown): string[] {
	return validateRecord(record, now).problems.map(problem => problem.code);
}

function pointers(record: unknown, code: string): string[] {
	return validateRecord(record, now).problems.filter(problem => problem.code === code).map(problem => problem.pointer);
}

const credential = (overrides: Record<string, unknown> = {}) => ({id: 'cred-1', public_key: 'pk', attestation_type: 'none', ...overrides});

// Each rule: a record that triggers it, and a near miss that must not.
const cases: Array<{code: string; hit: unknown; miss: unknown; pointer?: string}> = [
	{code: 'record.not-object', hit: [user()], miss: user()},
	{code: 'field.type', hit: user({emails: [{address: 'ann@example.com', is_primary: 'true', is_verified: true}]}), miss: user({emails: [{address: 'ann@example.com', is_primary: true, is_verified: null}], username: null}), pointer: '/emails/0/is_primary'},
	{code: 'field.unknown', hit: user({nickname: 'x'}), miss: user({username: 'x'}), pointer: '/nickname'},
	{code: 'field.key-case', hit: {User_Id: 'a9ae6bc8-d829-43de-b672-f50230833877', emails: user().emails}, miss: user(), pointer: '/User_Id'},
	{code: 'user-id.missing', hit: user({user_id: null}), miss: user()},
	{code: 'user-id.uppercase', hit: user({user_id: 'A9AE6BC8-D829-43DE-B672-F50230833877'}), miss: user({user_id: 'a9ae6bc8-d829-13de-b672-f50230833877'}), pointer: '/user_id'},
	{code: 'user-id.invalid', hit: user({user_id: 'auth0|123'}), miss: user({user_id: 'A9AE6BC8-D829-43DE-B672-F50230833877'}), pointer: '/user_id'},
	{code: 'user.no-identifier', hit: user({emails: []}), miss: user({emails: [], username: 'ann'})},
	{code: 'email.invalid', hit: user({emails: [{address: 'user@localhost', is_primary: true, is_verified: true}]}), miss: user({emails: [{address: 'jürgen.müller@beispiel.de', is_primary: true, is_verified: true}]}), pointer: '/emails/0/address'},
	{code: 'email.no-primary', hit: user({emails: [{address: 'a@x.io', is_primary: false, is_verified: true}]}), miss: user(), pointer: '/emails'},
	{
		code: 'email.multiple-primary',
		hit: user({emails: [{address: 'a@x.io', is_primary: true, is_verified: true}, {address: 'b@x.io', is_primary: true, is_verified: true}]}),
		miss: user({emails: [{address: 'a@x.io', is_primary: true, is_verified: true}, {address: 'b@x.io', is_primary: false, is_verified: true}]}),
		pointer: '/emails/1/is_primary',
	},
	{
		code: 'email.duplicate-in-user',
		hit: user({emails: [{address: 'a@x.io', is_primary: true, is_verified: true}, {address: 'A@x.io', is_primary: false, is_verified: true}]}),
		miss: user({emails: [{address: 'a@x.io', is_primary: true, is_verified: true}, {address: 'a@x.iq', is_primary: false, is_verified: true}]}),
		pointer: '/emails/1/address',
	},
	{code: 'email.verified-missing', hit: user({emails: [{address: 'a@x.io', is_primary: true}]}), miss: user({emails: [{address: 'a@x.io', is_primary: true, is_verified: false}]}), pointer: '/emails/0'},
	{code: 'email.uppercase', hit: user({emails: [{address: 'Ann@x.io', is_primary: true, is_verified: true}]}), miss: user({emails: [{address: 'ann@x.io', is_primary: true, is_verified: true}]}), pointer: '/emails/0/address'},
	{code: 'username.empty', hit: user({username: ''}), miss: user({username: 'a'}), pointer: '/username'},
	{code: 'password.bcrypt-variant', hit: user({password: {password: '$2y$10$abc'}}), miss: user({password: {password: '$2a$10$abc'}}), pointer: '/password/password'},
	{code: 'password.hash-prefix', hit: user({password: {password: 'plaintext'}}), miss: user({password: {password: '$fbscrypt$v=1,n=14,r=8,p=1$salt$hash'}}), pointer: '/password/password'},
	{code: 'otp.secret-missing', hit: user({otp_secret: {created_at: '2024-01-01T00:00:00Z'}}), miss: user({otp_secret: {secret: 'JBSWY3DPEHPK3PXP'}}), pointer: '/otp_secret/secret'},
	{code: 'webauthn.missing-field', hit: user({webauthn_credentials: [{id: 'c', public_key: 'pk'}]}), miss: user({webauthn_credentials: [credential()]}), pointer: '/webauthn_credentials/0/attestation_type'},
	{code: 'webauthn.duplicate-id', hit: user({webauthn_credentials: [credential(), credential()]}), miss: user({webauthn_credentials: [credential(), credential({id: 'cred-2'})]}), pointer: '/webauthn_credentials/1/id'},
	{code: 'webauthn.duplicate-transport', hit: user({webauthn_credentials: [credential({transports: ['usb', 'nfc', 'usb']})]}), miss: user({webauthn_credentials: [credential({transports: ['usb', 'nfc']})]}), pointer: '/webauthn_credentials/0/transports/2'},
	{code: 'webauthn.user-handle-mfa', hit: user({webauthn_credentials: [credential({mfa_only: true, user_handle: 'old-id'})]}), miss: user({webauthn_credentials: [credential({mfa_only: false, user_handle: 'old-id'})]}), pointer: '/webauthn_credentials/0/user_handle'},
	{code: 'webauthn.aaguid-array', hit: user({webauthn_credentials: [credential({aaguid: Array.from({length: 16}, () => 0)})]}), miss: user({webauthn_credentials: [credential({aaguid: '00000000-0000-0000-0000-000000000000'})]}), pointer: '/webauthn_credentials/0/aaguid'},
	{code: 'webauthn.aaguid-not-v4', hit: user({webauthn_credentials: [credential({aaguid: 'adce0002-35bc-c60a-648b-0b25f1f05503'})]}), miss: user({webauthn_credentials: [credential({aaguid: 'ea9b8d66-4d01-4d3e-8b1e-5a2c3f2d9a11'})]}), pointer: '/webauthn_credentials/0/aaguid'},
	{code: 'timestamp.format', hit: user({created_at: '2023-07-11 13:41:50'}), miss: user({created_at: '2023-07-11T13:41:50.290862+02:00'}), pointer: '/created_at'},
	{code: 'timestamp.order', hit: user({created_at: '2023-07-11T13:41:50Z', updated_at: '2023-07-11T13:41:49Z'}), miss: user({created_at: '2023-07-11T13:41:50Z', updated_at: '2023-07-11T15:41:51+02:00'}), pointer: '/updated_at'},
	{code: 'timestamp.future', hit: user({updated_at: '2027-01-01T00:00:00Z'}), miss: user({updated_at: '2025-12-31T23:59:59Z'}), pointer: '/updated_at'},
];

describe('validateRecord', () => {
	for (const {code, hit, miss, pointer} of cases) {
		it(`${code}: triggers, and a near miss does not`, () => {
			expect(codes(hit)).toContain(code);
			expect(codes(miss)).not.toContain(code);
			if (pointer !== undefined) expect(pointers(hit, code)).toContain(pointer);
		});
	}

	it('covers every record-level rule of the catalogue', () => {
		const fileLevel = new Set(['file.bom', 'json.syntax', 'json.invalid-utf8', 'duplicate.user-id', 'duplicate.email', 'duplicate.username']);
		const tested = new Set(cases.map(c => c.code));
		const untested = ruleList.map(rule => rule.code).filter(code => !fileLevel.has(code) && !tested.has(code));
		expect(untested).toEqual([]);
	});

	it('accepts a complete valid user without any problem', () => {
		const record = user({
			username: 'ann',
			created_at: '2023-07-11T13:41:50.290862Z',
			updated_at: '2024-07-11T13:41:50Z',
			password: {password: '$2a$12$mFbud0mLsD/q.WG7/9pNQemlAHs3H4o8zAv44gsUF1v1awsdqTh7.', created_at: '2023-07-11T13:41:50Z'},
			otp_secret: {secret: 'JBSWY3DPEHPK3PXP'},
			webauthn_credentials: [credential({name: 'key', aaguid: '00000000-0000-0000-0000-000000000000', sign_count: 3, transports: ['usb'], backup_eligible: false, backup_state: false, mfa_only: false, last_used_at: '2024-01-01T00:00:00Z'})],
		});
		expect(validateRecord(record, now).problems).toEqual([]);
	});

	it('takes null as absent, as Go does', () => {
		expect(codes(user({username: null, password: null, otp_secret: null, webauthn_credentials: null, created_at: null}))).toEqual([]);
		expect(codes({user_id: null, emails: null, username: 'ann'})).toEqual(['user-id.missing']);
	});

	it('reports a wrong type with the expected and the found type', () => {
		const [problem] = validateRecord(user({emails: {address: 'a@x.io'}}), now).problems;
		expect(problem).toMatchObject({code: 'field.type', pointer: '/emails'});
		expect(problem!.message).toBe('emails must be an array, not an object');
		expect(codes(user({webauthn_credentials: [credential({sign_count: 1.5})]}))).toEqual(['field.type']);
	});

	it('returns the values that must be unique across the file, normalised', () => {
		const {keys} = validateRecord(user({
			user_id: 'A9AE6BC8-D829-43DE-B672-F50230833877',
			username: 'Ann',
			emails: [{address: 'Ann@X.io', is_primary: true, is_verified: true}, {address: 'ann@x.io', is_primary: false, is_verified: true}, {address: 'b@x.io', is_primary: false, is_verified: true}],
		}), now);
		expect(keys).toEqual({userId: 'a9ae6bc8-d829-43de-b672-f50230833877', username: 'Ann', emails: [{address: 'ann@x.io', index: 0}, {address: 'b@x.io', index: 2}]});
	});

	it('treats keys named like Object.prototype members as unknown fields', () => {
		const record = JSON.parse('{"emails": [{"address": "a@x.io", "is_primary": true, "is_verified": true}], "constructor": 1, "__proto__": {}, "toString": "x"}') as unknown;
		expect(pointers(record, 'field.unknown')).toEqual(['/constructor', '/__proto__', '/toString']);
		expect(codes(record).filter(code => code !== 'field.unknown')).toEqual(['user-id.missing']);
	});

	it('reports one mistake once: a mistyped field is not also reported as missing', () => {
		expect(codes(user({emails: [{address: 'a@x.io', is_primary: 'true', is_verified: true}]}))).toEqual(['field.type']);
		expect(codes(user({emails: {address: 'a@x.io'}}))).toEqual(['field.type']);
		expect(codes(user({emails: null}))).toEqual(['user.no-identifier']);
	});

	it('escapes JSON pointer characters in unknown keys', () => {
		expect(pointers(user({'a/b~c': 1}), 'field.unknown')).toEqual(['/a~1b~0c']);
	});
});
