import {describe, expect, it} from 'vitest';
import {type RuleCode, ruleFor} from '../../../source/core/rules/catalogue.js';
import {isV4Uuid} from '../../../source/core/go/uuid-text.js';
import {type HankoRules, hankoRules} from '../../../source/core/rules/hanko-versions.js';
import {type RecordProblem, checkRecordText, checkRecordValue, ruleContext} from '../../../source/core/rules/validate-record.js';
import {type FixPlan, planFromFlags} from '../../../source/core/fixes/fix-plan.js';
import {fixRecord} from '../../../source/core/fixes/fix-record.js';

const now = Date.parse('2026-06-01T00:00:00Z');
const context = ruleContext(now);
/** Before 3.0.0, where an upper-case user_id is refused (and lowercased by its fix). */
const older = ruleContext(now, hankoRules('2.7') as HankoRules);
const id = 'aaaaaaaa-1111-4111-8111-11111111111b';
const email = (address: string, more: Record<string, unknown> = {}) => ({address, is_primary: true, is_verified: true, ...more});

/** Fixes one record as the write pass does: its problems come from the same rules as the validation. */
/** Fixes one record (a value, or its text as written) as the write pass does, with the problems the validation finds in it. */
function fix(record: unknown, plan: FixPlan = planFromFlags(), extra: RecordProblem[] = [], rules = context) {
	const text = typeof record === 'string' ? record : JSON.stringify(record);
	return fixRecord(7, text, [...checkRecordText(text, rules).problems, ...extra], plan, rules);
}

function fixed(record: unknown, plan?: FixPlan, extra?: RecordProblem[], rules = context) {
	const outcome = fix(record, plan, extra, rules);
	if (outcome.kind !== 'fixed') throw new Error(`expected a fixed record, got ${JSON.stringify(outcome)}`);
	// A record is only written fixed when Hanko would take it
	expect(checkRecordValue(outcome.value, rules).problems.filter(problem => ruleFor(problem.code).severity === 'error')).toEqual([]);
	return outcome;
}

describe('fixes, each alone', () => {
	it('keeps a valid record as it is', () => {
		expect(fix({user_id: id, emails: [email('a@example.com')]})).toEqual({kind: 'keep'});
	});

	it('lowercases an upper-case user_id and reports the change of id', () => {
		const outcome = fixed({user_id: id.toUpperCase(), emails: [email('a@example.com')]}, undefined, undefined, older);
		expect(outcome.value.user_id).toBe(id);
		expect(outcome.idChange).toEqual({before: id.toUpperCase(), after: id});
	});

	it('generates a v4 UUID for an invalid or a missing user_id, first in the record when it was missing', () => {
		const invalid = fixed({user_id: 'auth0|123', emails: [email('a@example.com')]});
		expect(isV4Uuid(invalid.value.user_id as string)).toBe(true);
		expect(invalid.idChange?.before).toBe('auth0|123');
		const missing = fixed({emails: [email('a@example.com')], username: 'ann'});
		expect(Object.keys(missing.value)).toEqual(['user_id', 'emails', 'username']);
		expect(missing.idChange?.before).toBeNull();
	});

	it('derives stable UUIDs from the old id: the same on every run, different for different ids', () => {
		const plan = planFromFlags({options: {uuid: 'stable'}});
		const first = fixed({user_id: 'auth0|123', emails: [email('a@example.com')]}, plan).value.user_id;
		const again = fixed({user_id: 'auth0|123', emails: [email('b@example.com')]}, plan).value.user_id;
		const other = fixed({user_id: 'auth0|124', emails: [email('a@example.com')]}, plan).value.user_id;
		expect(first).toBe(again);
		expect(other).not.toBe(first);
		expect(isV4Uuid(first as string)).toBe(true);
		const random = fixed({user_id: 'auth0|123', emails: [email('a@example.com')]}).value.user_id;
		expect(random).not.toBe(first);
	});

	it('marks the first verified address primary, or the first, when there is none or more than one', () => {
		const emails = [email('a@example.com', {is_primary: false, is_verified: false}), email('b@example.com', {is_primary: false})];
		expect((fixed({user_id: id, emails}).value.emails as Array<{is_primary: boolean}>).map(e => e.is_primary)).toEqual([false, true]);
		const first = planFromFlags({options: {primary: 'first'}});
		expect((fixed({user_id: id, emails}, first).value.emails as Array<{is_primary: boolean}>).map(e => e.is_primary)).toEqual([
			true,
			false,
		]);
		const two = [email('a@example.com'), email('b@example.com')];
		expect((fixed({user_id: id, emails: two}).value.emails as Array<{is_primary: boolean}>).map(e => e.is_primary)).toEqual([
			true,
			false,
		]);
		const picked = {...planFromFlags(), primaryPicks: new Map([[7, 'B@example.com']])};
		expect((fixed({user_id: id, emails: two}, picked).value.emails as Array<{is_primary: boolean}>).map(e => e.is_primary)).toEqual([
			false,
			true,
		]);
	});

	it('trims and lowercases addresses, removes repeats keeping the primary copy, fills is_verified', () => {
		expect((fixed({user_id: id, emails: [email(' Ann@Example.COM ')]}).value.emails as Array<{address: string}>)[0]!.address).toBe(
			'ann@example.com',
		);
		const repeated = fixed({
			user_id: id,
			emails: [
				email('a@example.com', {is_primary: false, is_verified: false}),
				email('b@example.com', {is_primary: false}),
				email('A@example.com'),
			],
		});
		expect(repeated.value.emails).toEqual([email('a@example.com'), email('b@example.com', {is_primary: false})]);
		const unverified = fixed({user_id: id, emails: [{address: 'a@example.com', is_primary: true}]});
		expect(unverified.value.emails).toEqual([{address: 'a@example.com', is_primary: true, is_verified: false}]);
	});

	it('rejects an address that stays invalid after trimming', () => {
		const outcome = fix({user_id: id, emails: [email('erin@localhost')]});
		expect(outcome).toMatchObject({
			kind: 'reject',
			reason: 'email.invalid left after the chosen fixes',
			problems: [{code: 'email.invalid'}],
		});
	});

	it.each([
		[1_689_083_110, '2023-07-11T13:45:10Z'],
		[1_689_083_110_123, '2023-07-11T13:45:10.123Z'],
		['1689083110', '2023-07-11T13:45:10Z'],
		['2023-07-11T13:41:50', '2023-07-11T13:41:50Z'],
		['2023-07-11 13:41:50', '2023-07-11T13:41:50Z'],
	])('rewrites the time %j as %s', (value, expected) => {
		expect(fixed({user_id: id, emails: [email('a@example.com')], created_at: value}).value.created_at).toBe(expected);
	});

	it('leaves valid times in any zone as they are', () => {
		expect(fix({user_id: id, emails: [email('a@example.com')], created_at: '2023-07-11T15:41:50+02:00'})).toEqual({kind: 'keep'});
	});

	it('leaves a time it cannot read with certainty, and the record is rejected', () => {
		expect(fix({user_id: id, emails: [email('a@example.com')], created_at: '11/07/2023'})).toMatchObject({kind: 'reject'});
		expect(fix({user_id: id, emails: [email('a@example.com')], created_at: '2023-02-30 10:00:00'})).toMatchObject({kind: 'reject'});
	});

	it('leaves updated_at as it is, even before created_at: Hanko replaces it anyway', () => {
		const record = {
			user_id: id,
			emails: [email('a@example.com')],
			created_at: '2023-07-11T13:41:50Z',
			updated_at: '2022-01-01T00:00:00Z',
		};
		expect(fix(record)).toEqual({kind: 'keep'});
	});

	it('rewrites a $2b$ or $2y$ prefix to $2a$ without logging the hash', () => {
		const hash = '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';
		const outcome = fixed({user_id: id, emails: [email('a@example.com')], password: {password: hash}});
		expect(outcome.value.password).toEqual({password: `$2a$${hash.slice(4)}`});
		expect(JSON.stringify(outcome.changes)).not.toContain(hash.slice(7));
	});

	it('removes an aaguid Hanko refuses and repeated transports', () => {
		const credential = {
			id: 'c1',
			public_key: 'pk',
			attestation_type: 'none',
			aaguid: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
			transports: ['usb', 'nfc', 'usb'],
		};
		const outcome = fixed({
			user_id: id,
			emails: [email('a@example.com')],
			webauthn_credentials: [credential, {...credential, id: 'c2', aaguid: 'adce0002-35bc-c60a-648b-0b25f1f05503'}],
		});
		expect(outcome.value.webauthn_credentials).toEqual([
			{id: 'c1', public_key: 'pk', attestation_type: 'none', transports: ['usb', 'nfc']},
			{id: 'c2', public_key: 'pk', attestation_type: 'none', transports: ['usb', 'nfc']},
		]);
	});

	it('drops unknown fields and writes keys in lower case, keeping the order of the others', () => {
		const outcome = fixed({
			legacy_id: 5,
			User_Id: id,
			emails: [{Address: 'a@example.com', is_primary: true, is_verified: true, note: 'x'}],
		});
		expect(Object.keys(outcome.value)).toEqual(['user_id', 'emails']);
		expect(outcome.value.emails).toEqual([email('a@example.com')]);
	});

	it('rejects a later duplicate by default; drop-email removes only the taken address when the user stays valid', () => {
		const duplicate: RecordProblem = {
			pointer: '/emails/0/address',
			code: 'duplicate.email',
			message: 'address already used by record 0',
		};
		const record = {user_id: id, emails: [email('a@example.com'), email('b@example.com', {is_primary: false})]};
		expect(fix(record, planFromFlags(), [duplicate])).toMatchObject({kind: 'reject', reason: 'duplicate.email'});
		const dropped = fixed(record, planFromFlags({duplicates: 'drop-email'}), [duplicate]);
		expect(dropped.value.emails).toEqual([email('b@example.com')]); // The remaining address became primary
		const alone = {user_id: id, emails: [email('a@example.com')]};
		expect(fix(alone, planFromFlags({duplicates: 'drop-email'}), [duplicate])).toMatchObject({
			kind: 'reject',
			problems: [{code: 'user.no-identifier'}],
		});
		const userId: RecordProblem = {pointer: '/user_id', code: 'duplicate.user-id', message: 'used by record 0'};
		expect(fix(record, planFromFlags({duplicates: 'drop-email'}), [userId])).toMatchObject({
			kind: 'reject',
			reason: 'duplicate.user-id',
		});
	});

	it('applies only the rules named in --only, and a choice made for one record', () => {
		const record = {user_id: id.toUpperCase(), emails: [{address: 'A@example.com', is_primary: true}]};
		const only = fixed(record, planFromFlags({only: ['user-id.uppercase']}), undefined, older);
		expect(only.value.emails).toEqual([{address: 'A@example.com', is_primary: true}]);
		const base = planFromFlags();
		const plan: FixPlan = {...base, byRecord: new Map([[7, new Map<RuleCode, null>([['user-id.uppercase', null]])]])};
		expect(fix(record, plan, [], older)).toMatchObject({kind: 'reject', problems: [{code: 'user-id.uppercase'}]});
	});

	it('writes the commas between records anew when the record itself is valid JSON', () => {
		const text = JSON.stringify({user_id: id, emails: [email('a@example.com')]});
		const outcome = fixRecord(
			3,
			text,
			[{pointer: '', code: 'json.syntax', message: "missing ',' between this record and the one before"}],
			planFromFlags(),
			context,
		);
		expect(outcome).toMatchObject({kind: 'fixed', changes: [{fix: 'json.rewrite-separators'}]});
		expect(
			fixRecord(3, '{"user_id": 1,}', [{pointer: '', code: 'json.syntax', message: 'trailing comma'}], planFromFlags(), context),
		).toMatchObject({kind: 'reject', reason: 'json.syntax'});
	});

	it('rejects a record nested deeper than Go reads, in a field Hanko ignores or a known one, instead of overflowing the stack', () => {
		const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
		for (const text of [
			`{"user_id":"${id}","username":"a","x":${deep(100_000)}}`,
			`{"user_id":"${id}","username":"a","emails":${deep(100_000)}}`,
		]) {
			const found = checkRecordText(text, context).problems;
			expect(found).toEqual([
				expect.objectContaining({code: 'json.syntax', message: "nested more than 10,000 levels deep, which Go's decoder refuses"}),
			]);
			expect(fixRecord(3, text, found, planFromFlags(), context)).toEqual({
				kind: 'reject',
				reason: 'json.syntax',
				problems: found,
				value: undefined,
			});
		}
	});
});

describe('fixes, the awkward cases', () => {
	it('replaces a user_id of the wrong type, and reads a number as a time only where a time belongs', () => {
		const numeric = fixed({user_id: 12_345, emails: [email('a@example.com')]});
		expect(isV4Uuid(numeric.value.user_id as string)).toBe(true);
		expect(numeric.idChange).toEqual({before: '12345', after: numeric.value.user_id});
		expect(numeric.changes).toContainEqual(expect.objectContaining({fix: 'user-id.generate', before: 12_345}));
		expect(fix({user_id: id, emails: [{address: 'a@example.com', is_primary: 'true', is_verified: true}]})).toMatchObject({
			kind: 'reject',
		});
	});

	it('rejects a record whose epoch time is beyond any date instead of failing the run', () => {
		expect(fix({user_id: id, emails: [email('a@example.com')], created_at: 1e17})).toMatchObject({kind: 'reject'});
	});

	it('finds the picked primary address by its value after repeats were removed', () => {
		const plan = {...planFromFlags(), primaryPicks: new Map([[7, 'c@x.com']])};
		const outcome = fixed(
			{
				user_id: id,
				emails: [
					email('a@x.com', {is_primary: false}),
					email('A@x.com', {is_primary: false}),
					email('c@x.com', {is_primary: false}),
				],
			},
			plan,
		);
		expect((outcome.value.emails as Array<{address: string; is_primary: boolean}>).map(e => [e.address, e.is_primary])).toEqual([
			['a@x.com', false],
			['c@x.com', true],
		]);
	});

	it('keeps an address verified when any of its repeated copies was', () => {
		const outcome = fixed({
			user_id: id,
			emails: [email('a@x.com', {is_verified: false}), email('A@x.com', {is_primary: false, is_verified: true})],
		});
		expect(outcome.value.emails).toEqual([email('a@x.com')]);
	});

	it('never writes the value of a dropped field into the log', () => {
		const outcome = fixed({user_id: id, emails: [email('a@x.com')], password_hash: '$2a$10$secretsecretsecret', salt: 'pepper'});
		expect(JSON.stringify(outcome.changes)).not.toMatch(/secretsecret|pepper/);
		expect(outcome.changes.map(change => change.pointer)).toEqual(['/password_hash', '/salt']);
	});

	it('writes a record anew when several syntax problems are only about the commas around it', () => {
		const text = JSON.stringify({user_id: id, emails: [email('a@example.com')]});
		const problems: RecordProblem[] = [
			{pointer: '', code: 'json.syntax', message: 'an empty element'},
			{pointer: '', code: 'json.syntax', message: 'an empty element'},
		];
		expect(fixRecord(2, text, problems, planFromFlags(), context)).toMatchObject({kind: 'fixed'});
	});
});

describe("fixes of what Hanko's importer does past its validator", () => {
	const user = (more: Record<string, unknown>) => ({user_id: id, emails: [email('a@example.com')], ...more});
	const credential = (more: Record<string, unknown> = {}) => ({id: 'c1', public_key: 'pk', attestation_type: 'none', ...more});

	it('writes a record with repeated keys as Go reads it: merged, not as JSON.parse keeps the last', () => {
		const text = `{"user_id": "${id}", "emails": [{"address": "a@x.io", "is_primary": true, "is_verified": true}], "emails": [{"address": "b@x.io"}], "legacy": 1}`;
		const outcome = fixed(text);
		expect(outcome.value).toEqual({user_id: id, emails: [email('b@x.io')]});
		expect(outcome.changes.map(change => change.fix)).toEqual(['field.merge-duplicates', 'field.drop-unknown']);
		// Unknown fields stay when their own fix is not chosen
		const kept = fixed(text, planFromFlags({only: ['field.duplicate-key']}));
		expect(kept.value).toEqual({user_id: id, emails: [email('b@x.io')], legacy: 1});
	});

	it("renames a key to the field Go's case folding fills, long s included", () => {
		const outcome = fixed(user({paſſword: {password: '$2a$12$mFbud0mLsD/q.WG7/9pNQemlAHs3H4o8zAv44gsUF1v1awsdqTh7.'}}));
		expect(Object.keys(outcome.value)).toEqual(['user_id', 'emails', 'password']);
	});

	it('removes NUL characters, blank transports and handles, and a blank username beside an email', () => {
		const outcome = fixed(
			user({username: '\u00A0', webauthn_credentials: [credential({transports: ['usb', ' ', 'n\u0000fc'], user_handle: '  '})]}),
		);
		expect(outcome.value).toEqual(user({webauthn_credentials: [credential({transports: ['usb', 'nfc']})]}));
		expect(fix({user_id: id, username: '   '})).toMatchObject({kind: 'reject'}); // Without an email the user has nothing else
	});

	it('lowercases and trims a username sign-in could never match', () => {
		expect(fixed(user({username: ' Ann '})).value.username).toBe('ann');
	});

	it('lowercases addresses as Go does and drops a trailing dot of the domain', () => {
		expect(fixed(user({emails: [email('İnfo@Example.com.')]})).value.emails).toEqual([email('info@example.com')]);
	});

	it('removes zero timestamps, writes last_used_at in UTC, and writes an escaped time without its escape', () => {
		const outcome = fixed(
			user({created_at: '0001-01-01T00:00:00Z', webauthn_credentials: [credential({last_used_at: '2024-01-01T12:00:00.5+02:00'})]}),
		);
		expect(outcome.value).toEqual(user({webauthn_credentials: [credential({last_used_at: '2024-01-01T10:00:00.5Z'})]}));
		const escaped = fixed(
			String.raw`{"user_id": "${id}", "emails": [{"address": "a@example.com", "is_primary": true, "is_verified": true}], "created_at": "2023-07-11T13:41:50\u002B02:00"}`,
		);
		expect(escaped.value.created_at).toBe('2023-07-11T13:41:50+02:00');
	});

	it('removes a password no sign-in can use, and says the user needs a reset', () => {
		const malformed = fixed(user({password: {password: '$2a$10$tooshort'}}));
		expect(malformed).toMatchObject({passwordCleared: true});
		expect(malformed.value).toEqual(user({}));
		expect(fixed(user({password: {password: 'md5:5f4dcc3b'}})).passwordCleared).toBe(true);
		expect(fixed(user({password: {password: '$2b$12$mFbud0mLsD/q.WG7/9pNQemlAHs3H4o8zAv44gsUF1v1awsdqTh7.'}})).passwordCleared).toBe(
			false,
		);
	});

	it('keeps a v4 AAGUID in any form gofrs reads, and removes one it cannot read', () => {
		expect(fix(user({webauthn_credentials: [credential({aaguid: '{EA9B8D66-4D01-4D3E-8B1E-5A2C3F2D9A11}'})]}))).toEqual({kind: 'keep'});
		expect(fixed(user({webauthn_credentials: [credential({aaguid: 'not-a-uuid'})]})).value).toEqual(
			user({webauthn_credentials: [credential()]}),
		);
		expect(fixed(user({webauthn_credentials: [credential({aaguid: 7})]})).value).toEqual(user({webauthn_credentials: [credential()]}));
	});

	it('writes 12.0 as 12 and a negative counter as 0, and rejects a fraction or a counter too large', () => {
		const literal = fixed(
			`{"user_id": "${id}", "emails": [{"address": "a@example.com", "is_primary": true, "is_verified": true}], "webauthn_credentials": [{"id": "c1", "public_key": "pk", "attestation_type": "none", "sign_count": 12.0}]}`,
		);
		expect(JSON.stringify(literal.value)).toContain('"sign_count":12}');
		expect(fixed(user({webauthn_credentials: [credential({sign_count: -3})]})).value).toEqual(
			user({webauthn_credentials: [credential({sign_count: 0})]}),
		);
		expect(
			fix(
				`{"user_id": "${id}", "emails": [{"address": "a@example.com", "is_primary": true, "is_verified": true}], "webauthn_credentials": [{"id": "c1", "public_key": "pk", "attestation_type": "none", "sign_count": 12.5}]}`,
			),
		).toMatchObject({kind: 'reject'});
		expect(fix(user({webauthn_credentials: [credential({sign_count: 2_147_483_648})]}))).toMatchObject({kind: 'reject'});
	});

	it('gives the nil UUID a new id, and rejects what has no lossless fix', () => {
		expect(fixed(user({user_id: '00000000-0000-0000-0000-000000000000'})).value.user_id).not.toBe(
			'00000000-0000-0000-0000-000000000000',
		);
		expect(fix(user({emails: [email('"a@b"@x.io')]}))).toMatchObject({kind: 'reject'});
		expect(fix(user({username: 'a'.repeat(256)}))).toMatchObject({kind: 'reject'});
	});
});
