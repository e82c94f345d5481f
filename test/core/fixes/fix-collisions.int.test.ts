import {readFileSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {type RunOptions, ValidationRun} from '../../../source/core/engine/validation-run.js';
import {planFromFlags} from '../../../source/core/fixes/fix-plan.js';
import {stableUuid} from '../../../source/core/fixes/stable-uuid.js';
import {type FixFiles, defaultFixFiles, writeFixed} from '../../../source/core/fixes/write-fixed.js';
import {useTempDir} from '../../helpers/temp-dir.js';

// A fix may make a value that must be unique across users (user id, address, username, credential
// id, user handle) equal to another user's: the fixed user is then rejected, not written.

const now = Date.parse('2026-06-01T00:00:00Z');
const id = (i: number) => `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`;
const email = (address: string) => ({address, is_primary: true, is_verified: true});
const credential = (credentialId: string, more: Record<string, unknown> = {}) => ({
	id: credentialId,
	public_key: 'pQECAyYgASFYIFs',
	attestation_type: 'packed',
	transports: ['usb'],
	backup_eligible: false,
	backup_state: false,
	mfa_only: false,
	...more,
});

type Reject = {
	record: number;
	reason: string;
	problems: Array<{pointer: string; code: string; message: string; ref?: number}>;
	original: unknown;
};

async function validated(file: string, options: RunOptions = {}): Promise<ValidationRun> {
	const run = new ValidationRun(file, {now, maxStoredProblems: Number.POSITIVE_INFINITY, ...options}).start();
	await run.finished();
	return run;
}

function rejectsOf(files: FixFiles): Reject[] {
	const text = readFileSync(files.rejects, 'utf8').trim();
	return text === '' ? [] : text.split('\n').map(line => JSON.parse(line) as Reject);
}

/** A user that needs a fix, and the other user's value it becomes. */
const cases: Array<{name: string; code: string; fix: string; fixed: Record<string, unknown>; other: Record<string, unknown>}> = [
	{
		name: 'a NUL removed from a username',
		code: 'duplicate.username',
		fix: 'field.drop-nul',
		fixed: {username: 'bob\u0000'},
		other: {username: 'bob'},
	},
	{
		name: 'a NUL removed from a credential id',
		code: 'duplicate.credential-id',
		fix: 'field.drop-nul',
		fixed: {username: 'u1', webauthn_credentials: [credential('cred\u0000')]},
		other: {username: 'u2', webauthn_credentials: [credential('cred')]},
	},
	{
		name: 'a NUL removed from a user handle',
		code: 'duplicate.user-handle',
		fix: 'field.drop-nul',
		fixed: {username: 'u1', webauthn_credentials: [credential('c1', {user_handle: 'h\u0000'})]},
		other: {username: 'u2', webauthn_credentials: [credential('c2', {user_handle: 'h'})]},
	},
	{
		name: 'the trailing dot of an address dropped',
		code: 'duplicate.email',
		fix: 'email.normalise',
		fixed: {emails: [email('ann@x.com.')]},
		other: {emails: [email('ann@x.com')]},
	},
	{
		name: 'spaces trimmed from an address',
		code: 'duplicate.email',
		fix: 'email.normalise',
		fixed: {emails: [email(' ANN@x.com ')]},
		other: {emails: [email('ann@x.com')]},
	},
];

describe("values a fix makes equal to another user's", () => {
	const temp = useTempDir();

	async function fix(name: string, users: unknown[], options: RunOptions = {}, uuid: 'random' | 'stable' = 'random') {
		const source = path.join(temp(), `${name}.ndjson`);
		writeFileSync(source, users.map(user => JSON.stringify(user)).join('\n'));
		const files = defaultFixFiles(source, path.join(temp(), `${name}.fixed.json`));
		const run = await validated(source, options);
		const counts = await writeFixed(run, planFromFlags({options: {uuid}}), files);
		await run.cancel(); // Releases the values the run kept for the fixes
		const output = await validated(files.out, {keepKeys: false});
		return {
			counts,
			files,
			output,
			written: JSON.parse(readFileSync(files.out, 'utf8')) as Array<Record<string, unknown>>,
			rejects: rejectsOf(files),
		};
	}

	for (const {name, code, fix: fixId, fixed, other} of cases) {
		for (const fixedFirst of [true, false]) {
			it(`${name}: the fixed user is rejected, ${fixedFirst ? 'before' : 'after'} the other`, async () => {
				const users = fixedFirst
					? [
							{user_id: id(1), ...fixed},
							{user_id: id(2), ...other},
						]
					: [
							{user_id: id(2), ...other},
							{user_id: id(1), ...fixed},
						];
				const fixedAt = fixedFirst ? 0 : 1;
				const result = await fix('pair', users);
				expect(result.output.stats).toMatchObject({invalid: 0, records: 1});
				expect(result.written).toEqual([{user_id: id(2), ...other}]);
				expect(result.counts).toMatchObject({written: 1, fixed: 0, rejected: 1, rejectedBy: {[`${code} once fixed`]: 1}});
				expect(result.counts.byFix).toEqual({}); // Changes of a rejected record are not made
				expect(result.rejects).toHaveLength(1);
				const [reject] = result.rejects;
				expect(reject).toMatchObject({record: fixedAt, reason: `${code} once fixed`, original: users[fixedAt]});
				expect(reject!.problems).toEqual([expect.objectContaining({code, ref: 1 - fixedAt})]);
				expect(reject!.problems[0]!.message).toContain(`once fixed by ${fixId}`);
				expect(reject!.problems[0]!.message).toContain(`is also the value of record ${1 - fixedAt}`);
				expect(readFileSync(result.files.log, 'utf8')).toBe('');
			});
		}
	}

	it('a fix of warnings only that would collide is not made: the user is written as it was', async () => {
		for (const fixedFirst of [true, false]) {
			const fixed = {user_id: id(1), username: ' Ann ', emails: [email('ann1@example.com')]}; // Imports, but cannot sign in by username
			const other = {user_id: id(2), username: 'ann'};

			const result = await fix('warning', fixedFirst ? [fixed, other] : [other, fixed]);
			expect(result.output.stats.invalid).toBe(0);
			expect(result.written).toEqual(fixedFirst ? [fixed, other] : [other, fixed]);
			expect(result.counts).toMatchObject({written: 2, fixed: 0, rejected: 0, fixesSkipped: 1});
			expect(result.rejects).toEqual([]);
		}
	});

	it('a user_id generated from an old one that another user has already', async () => {
		const taken = stableUuid('id:legacy-7');
		const result = await fix(
			'ids',
			[
				{user_id: 'legacy-7', username: 'ann'},
				{user_id: taken, username: 'bob'},
			],
			{},
			'stable',
		);
		expect(result.output.stats.invalid).toBe(0);
		expect(result.written).toEqual([{user_id: taken, username: 'bob'}]);
		expect(result.rejects).toMatchObject([
			{record: 0, reason: 'duplicate.user-id once fixed', problems: [{pointer: '/user_id', code: 'duplicate.user-id', ref: 1}]},
		]);
		expect(readFileSync(result.files.map, 'utf8')).toBe('record,old_user_id,new_user_id\n');
	});

	it('of two users fixed to the same value, keeps the first, as duplicate.reject-later does', async () => {
		const result = await fix('both', [
			{user_id: id(1), username: 'ann\u0000'},
			{user_id: id(2), username: 'a\u0000nn'},
			{user_id: id(3), username: 'carl'},
		]);
		expect(result.output.stats.invalid).toBe(0);
		expect(result.written).toEqual([
			{user_id: id(1), username: 'ann'},
			{user_id: id(3), username: 'carl'},
		]);
		expect(result.counts).toMatchObject({written: 2, fixed: 1, rejected: 1, byFix: {'field.drop-nul': 1}});
		expect(result.rejects).toMatchObject([
			{record: 1, reason: 'duplicate.username once fixed', problems: [{code: 'duplicate.username', ref: 0}]},
		]);
	});

	it('keeps every other decision: a later duplicate of a rejected user stays rejected, and the output has no error', async () => {
		const result = await fix('chain', [
			{user_id: id(1), username: 'ann\u0000', emails: [email('shared@example.com')]}, // Rejected: "ann" is record 1's
			{user_id: id(2), username: 'ann'},
			{user_id: id(3), emails: [email('shared@example.com')]}, // A duplicate of record 0, as found in the source
			{user_id: id(4), username: 'Dora'}, // Fixed, and written
		]);
		expect(result.output.stats).toMatchObject({invalid: 0, records: 2});
		expect(result.written).toEqual([
			{user_id: id(2), username: 'ann'},
			{user_id: id(4), username: 'dora'},
		]);
		expect(result.rejects.map(reject => [reject.record, reject.reason])).toEqual([
			[0, 'duplicate.username once fixed'],
			[2, 'duplicate.email'],
		]);
	});

	it('finds the same with the values in temporary files, and when the run kept none (checked while writing)', async () => {
		// Thousands of users, so that the kept values and the fix's own checks go to temporary files
		const users: Array<Record<string, unknown>> = Array.from({length: 6000}, (_, i) => ({
			user_id: id(i),
			username: `user${i}`,
			emails: [email(`user${i}@example.com`)],
		}));
		users[10] = {user_id: id(10), username: 'user5999\u0000'}; // Takes a later user's username
		users[5000] = {user_id: id(5000), emails: [email('user20@example.com.')]}; // An earlier user's address
		users[5001] = {user_id: id(5001), username: 'User5001'}; // Fixed, no collision
		const results = [];
		for (const options of [
			{},
			{duplicateMemoryBudget: 100, tempDir: temp()},
			// More fixed values than the budget: they too are checked through temporary files
			{duplicateMemoryBudget: 2, tempDir: temp()},
			{keepKeys: false},
			{keepKeys: false, duplicateMemoryBudget: 100},
		] as RunOptions[]) {
			const result = await fix('many', users, options);
			expect(result.output.stats.invalid).toBe(0);
			expect(result.rejects.map(reject => [reject.record, reject.reason, reject.problems[0]!.ref])).toEqual([
				[10, 'duplicate.username once fixed', 5999],
				[5000, 'duplicate.email once fixed', 20],
			]);
			expect(result.counts).toMatchObject({written: 5998, fixed: 1, rejected: 2});
			results.push(readFileSync(result.files.out, 'utf8'));
		}

		expect(new Set(results).size).toBe(1);
		// Nothing is left behind in the temporary folder but the files of the fix
		expect(readdirSync(temp()).filter(name => name.startsWith('hanko-tui-'))).toEqual([]);
	}, 60_000);
});

describe('an empty username', () => {
	const temp = useTempDir();

	it('is removed beside an address, and a user left with no identifier is rejected', async () => {
		const source = path.join(temp(), 'empty.ndjson');
		const users = [
			{user_id: id(1), username: '', emails: [email('ann@example.com')]},
			{user_id: id(2), username: ''},
			{user_id: id(3), username: '', emails: []},
		];
		writeFileSync(source, users.map(user => JSON.stringify(user)).join('\n'));
		const files = defaultFixFiles(source);
		const counts = await writeFixed(await validated(source), planFromFlags(), files);
		expect(counts).toMatchObject({written: 1, fixed: 1, rejected: 2, byFix: {'field.drop-blank': 1}});
		expect(JSON.parse(readFileSync(files.out, 'utf8'))).toEqual([{user_id: id(1), emails: [email('ann@example.com')]}]);
		expect(readFileSync(files.log, 'utf8')).toBe(
			`${JSON.stringify({record: 0, fix: 'field.drop-blank', pointer: '/username', before: '', after: null})}\n`,
		);
		expect(rejectsOf(files).map(reject => [reject.record, reject.reason, reject.problems.map(problem => problem.code)])).toEqual([
			[1, 'username.empty left after the chosen fixes', ['username.empty']],
			[2, 'username.empty left after the chosen fixes', ['username.empty']],
		]);
		expect((await validated(files.out)).stats.invalid).toBe(0);
	});

	it("is rejected when the user's only address is dropped as another user's (--duplicates drop-email)", async () => {
		const source = path.join(temp(), 'taken.ndjson');
		writeFileSync(
			source,
			[
				JSON.stringify({user_id: id(1), emails: [email('ann@example.com')]}),
				JSON.stringify({user_id: id(2), username: '', emails: [email('ann@example.com')]}),
			].join('\n'),
		);
		const files = defaultFixFiles(source);
		const counts = await writeFixed(await validated(source), planFromFlags({duplicates: 'drop-email'}), files);
		expect(counts).toMatchObject({written: 1, rejected: 1});
		expect(rejectsOf(files)[0]).toMatchObject({record: 1, reason: expect.stringMatching(/ left after the chosen fixes$/)});
		expect((await validated(files.out)).stats.invalid).toBe(0);
	});
});
