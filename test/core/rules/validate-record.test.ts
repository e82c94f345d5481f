import {beforeEach, describe, expect, it} from 'vitest';
import {ruleList} from '../../../source/core/rules/catalogue.js';
import {type HankoRules, hankoRules} from '../../../source/core/rules/hanko-versions.js';
import {type DecodePath, checkRecordText, ruleContext} from '../../../source/core/rules/validate-record.js';

const now = Date.parse('2026-01-01T00:00:00Z');
const context = ruleContext(now);

function user(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		user_id: 'a9ae6bc8-d829-43de-b672-f50230833877',
		emails: [{address: 'ann@example.com', is_primary: true, is_verified: true}],
		...overrides,
	};
}

/** The decoder every test below runs with: each runs once with the text decoder and once without it. */
let path: DecodePath = 'quick';

/** A record as text: a value is serialised, a string is taken as written (duplicate keys, literals). */
function check(record: unknown, rules?: HankoRules) {
	const use = {...(rules ? {now, rules} : context), decodePath: path};
	const text = typeof record === 'string' ? record : JSON.stringify(record);
	return checkRecordText(text, use);
}

function codes(record: unknown, rules?: HankoRules): string[] {
	return check(record, rules).problems.map(problem => problem.code);
}

function pointers(record: unknown, code: string): string[] {
	return check(record)
		.problems.filter(problem => problem.code === code)
		.map(problem => problem.pointer);
}

function version(name: string): HankoRules {
	return hankoRules(name) as HankoRules;
}

const credential = (overrides: Record<string, unknown> = {}) => ({id: 'cred-1', public_key: 'pk', attestation_type: 'none', ...overrides});
const bcrypt = '$2a$12$mFbud0mLsD/q.WG7/9pNQemlAHs3H4o8zAv44gsUF1v1awsdqTh7.';
const email = (address: string) => ({address, is_primary: true, is_verified: true});

// Each rule: a record that triggers it, and a near miss that must not. A string is the record's text.
const cases: Array<{code: string; hit: unknown; miss: unknown; pointer?: string; rules?: string}> = [
	// Go's decoder
	{code: 'json.syntax', hit: '{"user_id": "x",}', miss: '{"user_id": "x"}'},
	{code: 'record.not-object', hit: [user()], miss: user()},
	{
		code: 'field.type',
		hit: user({emails: [{address: 'ann@example.com', is_primary: 'true', is_verified: true}]}),
		miss: user({emails: [{address: 'ann@example.com', is_primary: true, is_verified: null}], username: null}),
		pointer: '/emails/0/is_primary',
	},
	{code: 'field.unknown', hit: user({nickname: 'x'}), miss: user({username: 'ann'}), pointer: '/nickname'},
	{
		code: 'field.key-case',
		hit: {User_Id: 'a9ae6bc8-d829-43de-b672-f50230833877', emails: user().emails},
		miss: user(),
		pointer: '/User_Id',
	},
	{
		code: 'field.duplicate-key',
		hit: '{"username": "ann", "username": "bob"}',
		miss: '{"username": "ann", "user_id": "a9ae6bc8-d829-43de-b672-f50230833877"}',
		pointer: '/username',
	},
	{
		code: 'timestamp.format',
		hit: user({created_at: '2023-07-11 13:41:50'}),
		miss: user({created_at: '2023-07-11T9:41:50,5+02:00'}),
		pointer: '/created_at',
	},
	{
		code: 'webauthn.aaguid-array',
		hit: user({webauthn_credentials: [credential({aaguid: Array.from({length: 16}, () => 0)})]}),
		miss: user({webauthn_credentials: [credential({aaguid: '00000000-0000-0000-0000-000000000000'})]}),
		pointer: '/webauthn_credentials/0/aaguid',
	},
	{
		code: 'webauthn.aaguid-invalid',
		hit: user({webauthn_credentials: [credential({aaguid: 'not-a-uuid'})]}),
		miss: user({webauthn_credentials: [credential({aaguid: '{EA9B8D66-4D01-4D3E-8B1E-5A2C3F2D9A11}'})]}),
		pointer: '/webauthn_credentials/0/aaguid',
	},
	{
		code: 'webauthn.sign-count-literal',
		hit: `{"username": "ann", "webauthn_credentials": [{"id": "c", "public_key": "pk", "attestation_type": "none", "sign_count": 12.0}]}`,
		miss: `{"username": "ann", "webauthn_credentials": [{"id": "c", "public_key": "pk", "attestation_type": "none", "sign_count": 12}]}`,
		pointer: '/webauthn_credentials/0/sign_count',
	},
	// format.go
	{code: 'user-id.missing', hit: user({user_id: ''}), miss: user()},
	{
		code: 'user-id.uppercase',
		hit: user({user_id: 'A9AE6BC8-D829-43DE-B672-F50230833877'}),
		miss: user(),
		pointer: '/user_id',
		rules: '2.7',
	},
	{
		code: 'user-id.invalid',
		hit: user({user_id: '{a9ae6bc8-d829-43de-b672-f50230833877}'}),
		miss: user({user_id: 'A9AE6BC8-D829-43DE-B672-F50230833877'}),
		pointer: '/user_id',
	},
	{code: 'user.no-identifier', hit: user({emails: []}), miss: user({emails: [], username: 'ann'})},
	{
		code: 'email.invalid',
		hit: user({emails: [email('ann@example.com.')]}),
		miss: user({emails: [email('jürgen.müller@beispiel.de')]}),
		pointer: '/emails/0/address',
	},
	{
		code: 'email.no-primary',
		hit: user({emails: [{address: 'a@x.io', is_primary: false, is_verified: true}]}),
		miss: user(),
		pointer: '/emails',
	},
	{
		code: 'email.multiple-primary',
		hit: user({emails: [email('a@x.io'), email('b@x.io')]}),
		miss: user({emails: [email('a@x.io'), {address: 'b@x.io', is_primary: false, is_verified: true}]}),
		pointer: '/emails/1/is_primary',
	},
	{
		code: 'email.duplicate-in-user',
		hit: user({emails: [email('a@x.io'), {address: 'A@x.io', is_primary: false, is_verified: true}]}),
		miss: user({emails: [email('a@x.io'), {address: 'a@x.iq', is_primary: false, is_verified: true}]}),
		pointer: '/emails/1/address',
	},
	{
		code: 'email.verified-missing',
		hit: user({emails: [{address: 'a@x.io', is_primary: true}]}),
		miss: user({emails: [{address: 'a@x.io', is_primary: true, is_verified: false}]}),
		pointer: '/emails/0',
	},
	{
		code: 'email.uppercase',
		hit: user({emails: [email('Ann@x.io')]}),
		miss: user({emails: [email('ann@x.io')]}),
		pointer: '/emails/0/address',
	},
	{code: 'username.empty', hit: user({username: ''}), miss: user({username: 'ann'}), pointer: '/username'},
	{
		code: 'password.hash-prefix',
		hit: user({password: {password: 'plaintext'}}),
		miss: user({password: {password: bcrypt}}),
		pointer: '/password/password',
	},
	{
		code: 'password.bcrypt-variant',
		hit: user({password: {password: bcrypt.replace('$2a$', '$2y$')}}),
		miss: user({password: {password: bcrypt}}),
		pointer: '/password/password',
	},
	{
		code: 'otp.secret-missing',
		hit: user({otp_secret: {created_at: '2024-01-01T00:00:00Z'}}),
		miss: user({otp_secret: {secret: 'JBSWY3DPEHPK3PXP'}}),
		pointer: '/otp_secret/secret',
	},
	{
		code: 'webauthn.missing-field',
		hit: user({webauthn_credentials: [{id: 'c', public_key: 'pk'}]}),
		miss: user({webauthn_credentials: [credential()]}),
		pointer: '/webauthn_credentials/0/attestation_type',
	},
	{
		code: 'webauthn.duplicate-id',
		hit: user({webauthn_credentials: [credential(), credential()]}),
		miss: user({webauthn_credentials: [credential(), credential({id: 'Cred-1'})]}),
		pointer: '/webauthn_credentials/1/id',
	},
	{
		code: 'webauthn.duplicate-transport',
		hit: user({webauthn_credentials: [credential({transports: ['usb', 'nfc', 'usb']})]}),
		miss: user({webauthn_credentials: [credential({transports: ['usb', 'USB']})]}),
		pointer: '/webauthn_credentials/0/transports/2',
	},
	{
		code: 'webauthn.user-handle-mfa',
		hit: user({webauthn_credentials: [credential({mfa_only: true, user_handle: ''})]}),
		miss: user({webauthn_credentials: [credential({mfa_only: true, user_handle: null})]}),
		pointer: '/webauthn_credentials/0/user_handle',
	},
	{
		code: 'webauthn.aaguid-not-v4',
		hit: user({webauthn_credentials: [credential({aaguid: 'adce0002-35bc-c60a-648b-0b25f1f05503'})]}),
		miss: user({webauthn_credentials: [credential({aaguid: 'urn:uuid:ea9b8d664d014d3e8b1e5a2c3f2d9a11'})]}),
		pointer: '/webauthn_credentials/0/aaguid',
	},
	// The models' checks at insert
	{
		code: 'user-id.nil',
		hit: user({user_id: '00000000-0000-0000-0000-000000000000'}),
		miss: user({user_id: '00000000-0000-0000-0000-000000000001'}),
		pointer: '/user_id',
	},
	{
		code: 'timestamp.zero',
		hit: user({created_at: '1754-08-30T22:43:41.128654848Z'}),
		miss: user({created_at: '1754-08-30T22:43:41.128654849Z'}),
		pointer: '/created_at',
	},
	{
		code: 'email.at-in-local-part',
		hit: user({emails: [email('"a@b"@x.io')]}),
		miss: user({emails: [email('"a b"@x.io')]}),
		pointer: '/emails/0/address',
	},
	{code: 'field.blank', hit: user({username: '\u00A0 '}), miss: user({username: 'ann\uFEFF'}), pointer: '/username'},
	{
		code: 'webauthn.sign-count-negative',
		hit: user({webauthn_credentials: [credential({sign_count: -1})]}),
		miss: user({webauthn_credentials: [credential({sign_count: 0})]}),
		pointer: '/webauthn_credentials/0/sign_count',
	},
	// PostgreSQL
	{code: 'field.too-long', hit: user({username: 'a'.repeat(256)}), miss: user({username: '😀'.repeat(255)}), pointer: '/username'},
	{
		code: 'field.truncated',
		hit: user({username: `${'a'.repeat(255)}   `}),
		miss: user({username: `${'a'.repeat(254)} `}),
		pointer: '/username',
	},
	{code: 'field.nul', hit: user({username: 'an\u0000n'}), miss: user({username: 'ann'}), pointer: '/username'},
	{
		code: 'webauthn.sign-count-too-large',
		hit: user({webauthn_credentials: [credential({sign_count: 2_147_483_648})]}),
		miss: user({webauthn_credentials: [credential({sign_count: 2_147_483_647})]}),
		pointer: '/webauthn_credentials/0/sign_count',
	},
	// Imported, but changed or unusable
	{code: 'username.login-mismatch', hit: user({username: 'Ann'}), miss: user({username: 'ann'}), pointer: '/username'},
	{code: 'username.unusual', hit: user({username: 'ann.lee'}), miss: user({username: 'ann_lee'}), pointer: '/username'},
	{
		code: 'password.malformed-hash',
		hit: user({password: {password: '$2a$12$short'}}),
		miss: user({password: {password: bcrypt}}),
		pointer: '/password/password',
	},
	{
		code: 'timestamp.zone-dropped',
		hit: user({webauthn_credentials: [credential({last_used_at: '2024-01-01T12:00:00+02:00'})]}),
		miss: user({webauthn_credentials: [credential({last_used_at: '2024-01-01T12:00:00+00:00'})]}),
		pointer: '/webauthn_credentials/0/last_used_at',
	},
	// updated_at is replaced by the import time: neither its future nor its order is a problem
	{
		code: 'timestamp.future',
		hit: user({created_at: '2027-01-01T00:00:00Z'}),
		miss: user({created_at: '2025-12-31T23:59:59Z', updated_at: '2027-01-01T00:00:00Z'}),
		pointer: '/created_at',
	},
];

describe.each<DecodePath>(['quick', 'exact'])('decoded by the %s path', decodePath => {
	beforeEach(() => {
		path = decodePath;
	});

	describe('checkRecordText', () => {
		for (const {code, hit, miss, pointer, rules} of cases) {
			it(`${code}: triggers, and a near miss does not`, () => {
				const use = rules ? version(rules) : undefined;
				expect(codes(hit, use)).toContain(code);
				expect(codes(miss, use)).not.toContain(code);
				if (pointer !== undefined)
					expect(
						check(hit, use)
							.problems.filter(problem => problem.code === code)
							.map(problem => problem.pointer),
					).toContain(pointer);
			});
		}

		it('covers every record-level rule of the catalogue', () => {
			// Rules of the file, of bytes (checked before the text exists) or across records are tested where they are found
			const elsewhere = (code: string) => code.startsWith('file.') || code.startsWith('duplicate.') || code === 'text.invalid-utf8';
			const tested = new Set(cases.map(c => c.code));
			expect(ruleList.map(rule => rule.code).filter(code => !elsewhere(code) && !tested.has(code))).toEqual([]);
		});

		it('accepts a complete valid user without any problem', () => {
			const record = user({
				username: 'ann',
				created_at: '2023-07-11T13:41:50.290862Z',
				updated_at: '2024-07-11T13:41:50Z',
				password: {password: bcrypt, created_at: '2023-07-11T13:41:50Z'},
				otp_secret: {secret: 'JBSWY3DPEHPK3PXP'},
				webauthn_credentials: [
					credential({
						name: 'key',
						aaguid: '00000000-0000-0000-0000-000000000000',
						sign_count: 3,
						transports: ['usb'],
						backup_eligible: false,
						backup_state: false,
						mfa_only: false,
						last_used_at: '2024-01-01T00:00:00Z',
					}),
				],
			});
			expect(check(record).problems).toEqual([]);
		});

		it('takes null as absent, as Go does', () => {
			expect(codes(user({username: null, password: null, otp_secret: null, webauthn_credentials: null, created_at: null}))).toEqual(
				[],
			);
			expect(codes({user_id: null, emails: null, username: 'ann'})).toEqual(['user-id.missing']);
		});

		it('reports a wrong type with the expected and the found type', () => {
			const [problem] = check(user({emails: {address: 'a@x.io'}})).problems;
			expect(problem).toMatchObject({code: 'field.type', pointer: '/emails'});
			expect(problem!.message).toBe('emails must be an array, not an object');
			expect(codes(user({webauthn_credentials: [credential({sign_count: 1.5})]}))).toEqual(['webauthn.sign-count-literal']);
		});

		it('returns the values that must be unique across the file, as Hanko stores them', () => {
			const {keys} = check(
				user({
					user_id: 'A9AE6BC8-D829-43DE-B672-F50230833877',
					username: 'ann',
					emails: [
						email('İnfo@X.io'),
						{address: 'info@x.io', is_primary: false, is_verified: true},
						{address: 'b@x.io', is_primary: false, is_verified: true},
					],
					webauthn_credentials: [credential({user_handle: 'h1'}), credential({id: 'cred-2', user_handle: 'h1'})],
				}),
			);
			// Go lower-cases İ to i, so the second address repeats the first (JavaScript would give "i̇nfo")
			expect(keys).toEqual({
				userId: 'a9ae6bc8-d829-43de-b672-f50230833877',
				username: 'ann',
				emails: [
					{address: 'info@x.io', index: 0},
					{address: 'b@x.io', index: 2},
				],
				credentialIds: [
					{id: 'cred-1', index: 0},
					{id: 'cred-2', index: 1},
				],
				userHandles: [{handle: 'h1', index: 0}],
			});
		});

		it('treats keys named like Object.prototype members as unknown fields', () => {
			const text =
				'{"emails": [{"address": "a@x.io", "is_primary": true, "is_verified": true}], "constructor": 1, "__proto__": {}, "toString": "x"}';
			expect(pointers(text, 'field.unknown')).toEqual(['/constructor', '/__proto__', '/toString']);
			expect(codes(text).filter(code => code !== 'field.unknown')).toEqual(['user-id.missing']);
		});

		it('reports one mistake once: a mistyped field is not also reported as missing', () => {
			expect(codes(user({emails: [{address: 'a@x.io', is_primary: 'true', is_verified: true}]}))).toEqual(['field.type']);
			expect(codes(user({emails: {address: 'a@x.io'}}))).toEqual(['field.type']);
			expect(codes(user({emails: null}))).toEqual(['user.no-identifier']);
			expect(codes(user({password: 'x'}))).toEqual(['field.type']);
		});

		it('escapes JSON pointer characters in unknown keys', () => {
			expect(pointers(user({'a/b~c': 1}), 'field.unknown')).toEqual(['/a~1b~0c']);
		});

		it("matches keys by Go's case folding, long s and Kelvin sign included", () => {
			const text =
				'{"USER_ID": "a9ae6bc8-d829-43de-b672-f50230833877", "emails": [{"address": "a@x.io", "is_primary": true, "is_verified": true}], "paſſword": {"paſſword": "x"}, "webauthn_credentials": [{"id": "c", "public_key": "pk", "attestation_type": "none", "mfa_only": true, "user_handle": "h", "\u212Aey": 1}]}';
			const problems = check(text).problems.map(problem => `${problem.code} ${problem.pointer}`);
			// The Kelvin sign folds to K, but "Key" is no field: dropped; ſ folds to s, so the hash is read (and refused)
			expect(problems).toEqual(
				expect.arrayContaining([
					'field.key-case /USER_ID',
					'field.key-case /paſſword',
					'password.hash-prefix /password/password',
					'webauthn.user-handle-mfa /webauthn_credentials/0/user_handle',
				]),
			);
			expect(problems).not.toContain('user-id.missing');
		});

		it('validates the last of duplicate keys, merged into the earlier value as Go does', () => {
			// The second emails array decodes into the first one's element: is_primary and is_verified stay
			expect(
				codes(
					'{"user_id": "a9ae6bc8-d829-43de-b672-f50230833877", "emails": [{"address": "a@x.io", "is_primary": true, "is_verified": true}], "emails": [{"address": "b@x.io"}]}',
				),
			).toEqual(['field.duplicate-key']);
			// A later null empties a pointer: the user has no username then
			expect(codes('{"username": "ann", "username": null}')).toEqual([
				'field.duplicate-key',
				'user-id.missing',
				'user.no-identifier',
			]);
			// The invalid first address is replaced before validation
			expect(
				codes(
					`{"user_id": "a9ae6bc8-d829-43de-b672-f50230833877", "emails": [{"address": "not an address", "is_primary": true, "is_verified": true}], "Emails": [{"address": "ann@x.io"}]}`,
				),
			).toEqual(['field.key-case', 'field.duplicate-key']);
		});

		it("reads timestamps from the raw text: an escape is refused, Go's lenient forms are taken", () => {
			expect(codes(String.raw`{"username": "ann", "created_at": "2023-07-11T13:41:50\u002B02:00"}`)).toContain('timestamp.format');
			for (const time of [
				'2023-07-11T9:41:50Z',
				'2023-07-11T13:41:50,123Z',
				'2023-07-11T13:41:50.123456789012Z',
				'2023-07-11T13:41:50+24:00',
			]) {
				expect(codes(user({username: 'ann', created_at: time})), time).toEqual([]);
			}

			for (const time of [
				'2023-07-11T13:41:50',
				'2023-07-11',
				'2023-07-11t13:41:50Z',
				'2023-07-11T13:41:50z',
				'2023-07-11T24:00:00Z',
				'2023-07-11T13:41:60Z',
				'2023-02-29T13:41:50Z',
				'2023-07-11T13:41:50+25:00',
			]) {
				expect(codes(user({created_at: time})), time).toContain('timestamp.format');
			}
		});

		it('changes with the Hanko version where the importer changed', () => {
			const upper = user({user_id: 'A9AE6BC8-D829-43DE-B672-F50230833877'});
			expect(codes(upper, version('3.0'))).toEqual([]);
			expect(codes(upper, version('main'))).toEqual([]);
			expect(codes(upper, version('2.7'))).toEqual(['user-id.uppercase']);
			const scrypt = user({password: {password: '$fbscrypt$v=1,n=14,r=8,p=1,ss=Bw==,sk=c2lnbmVy$c2FsdA==$aGFzaGhh'}});
			expect(codes(scrypt, version('2.7'))).not.toContain('password.hash-prefix');
			expect(codes(scrypt, version('2.6'))).toContain('password.hash-prefix');
			const trailingDot = user({emails: [email('ann@example.com.')]});
			expect(codes(trailingDot, version('2.1.0'))).toEqual([]);
			expect(codes(trailingDot, version('2.1'))).toEqual(['email.invalid']);
		});

		it('places a syntax error inside the record', () => {
			const [problem] = check('{\n  "username": "ann",\n}').problems;
			expect(problem).toMatchObject({code: 'json.syntax', index: 21}); // At the trailing comma
		});

		it("refuses nesting deeper than Go's 10,000 levels, in an ignored field too", () => {
			const nested = (depth: number) => `{"username": "ann", "x": ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
			expect(codes(nested(10_000))).toEqual(['field.unknown', 'user-id.missing']);
			expect(codes(nested(10_001))).toEqual(['json.syntax']);
		});
	});
});
