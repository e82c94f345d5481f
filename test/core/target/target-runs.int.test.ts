import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {AdaptiveConcurrency} from '../../../source/core/export/adaptive-concurrency.js';
import {AdminClient} from '../../../source/core/export/admin-client.js';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {hankoRules, isHankoRules} from '../../../source/core/rules/hanko-versions.js';
import {SplitArrayWriter} from '../../../source/core/split/users-array-writer.js';
import {preflightFile} from '../../../source/core/target/preflight-run.js';
import {verifyFile} from '../../../source/core/target/verify-run.js';
import {prng} from '../../../source/mock-api/generate-admin-users.js';
import {usersOfImportFile} from '../../../source/mock-api/import-into-mock.js';
import {MockAdminApi} from '../../../source/mock-api/mock-admin-api.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const rules = hankoRules(undefined);
if (!isHankoRules(rules)) throw new Error(rules.error);
const context = {now: Date.parse('2026-01-01T00:00:00Z'), rules};

const id = (i: number) => `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`;
type User = {
	user_id?: string;
	emails?: Array<{address: string; is_primary: boolean; is_verified: boolean}>;
	username?: string;
	webauthn_credentials?: unknown[];
	password?: unknown;
	otp_secret?: unknown;
};
const user = (i: number, extra: Partial<User> = {}): User => ({
	user_id: id(i),
	emails: [{address: `user${i}@example.com`, is_primary: true, is_verified: true}],
	...extra,
});
const credential = (credentialId: string) => ({
	id: credentialId,
	public_key: 'pQECAyYgASFYIFs',
	attestation_type: 'packed',
	transports: ['usb'],
	backup_eligible: false,
	backup_state: false,
	mfa_only: false,
});

const servers: MockAdminApi[] = [];
const clients: AdminClient[] = [];
afterEach(async () => {
	await Promise.all([...servers.splice(0).map(async server => server.close()), ...clients.splice(0).map(async client => client.close())]);
});

async function project(importFiles: string[]): Promise<{mock: MockAdminApi; client: AdminClient}> {
	const mock = new MockAdminApi({users: 0});
	for (const file of importFiles) mock.importUsers(await usersOfImportFile(file, context, prng(3)));
	const url = await mock.listen();
	servers.push(mock);
	const client = new AdminClient({apiUrl: url});
	clients.push(client);
	return {mock, client};
}

describe('preflight and verify against a project', () => {
	const temp = useTempDir();
	const write = (name: string, users: unknown[]) => {
		const file = path.join(temp(), name);
		writeFileSync(file, JSON.stringify(users, null, 2));
		return file;
	};

	it('preflight finds users imported before and collisions of every field, and writes a delta that imports', async () => {
		const before = write('before.json', [
			user(1),
			user(2, {username: 'taken-name'}),
			user(3, {webauthn_credentials: [credential('cred-taken')]}),
			user(4),
		]);
		const {mock, client} = await project([before]);
		const file = write('users.json', [
			user(1), // Imported before
			user(10, {emails: [{address: 'USER2@example.com', is_primary: true, is_verified: true}]}), // Address of user 2, any case
			user(11, {username: 'taken-name'}),
			user(12, {webauthn_credentials: [credential('cred-taken')]}),
			{...user(4), emails: [{address: 'someone-else@example.com', is_primary: true, is_verified: true}]}, // Id of user 4, another person
			user(13),
			{emails: [{address: 'no-id@example.com', is_primary: true, is_verified: true}]},
		]);
		const delta = path.join(temp(), 'users.delta.json');
		const report = await preflightFile(file, client, {context, delta});
		expect(report).toMatchObject({users: 7, targetUsers: 4, deltaUsers: 2, delta});
		expect(report.alreadyPresent).toEqual([{record: 0, userId: id(1)}]);
		expect(report.collisions).toEqual([
			{record: 1, field: 'email', value: 'user2@example.com', existingUserId: id(2)},
			{record: 2, field: 'username', value: 'taken-name', existingUserId: id(2)},
			{record: 3, field: 'credential_id', value: 'cred-taken', existingUserId: id(3)},
			{record: 4, field: 'user_id', value: id(4), existingUserId: id(4)},
		]);
		const deltaUsers = JSON.parse(readFileSync(delta, 'utf8')) as User[];
		expect(deltaUsers.map(entry => entry.emails![0]!.address)).toEqual(['user13@example.com', 'no-id@example.com']);
		const check = new ValidationRun(delta, {now: context.now}).start();
		await check.finished();
		expect(check.stats).toMatchObject({records: 2, invalid: 0});
		// The delta goes in where the whole file would not
		expect(() => mock.importUsers([])).not.toThrow();
		await expect(usersOfImportFile(file, context, prng(1)).then(users => mock.importUsers(users))).rejects.toThrow(/exists already/);
		mock.importUsers(await usersOfImportFile(delta, context, prng(1)));
		expect(mock.allUsers()).toHaveLength(6);
	});

	it('verify matches every user of a split file after its import, deep too', async () => {
		const users = Array.from({length: 250}, (_, i) =>
			user(i, {...(i % 3 === 0 && {username: `name${i}`}), ...(i % 7 === 0 && {password: {password: `$2a$10$${'a'.repeat(53)}`}})}),
		);
		users.push({emails: [{address: 'no-id@example.com', is_primary: true, is_verified: false}]});
		const writer = await SplitArrayWriter.create(path.join(temp(), 'users.json'), 8000);
		for (const entry of users) await writer.add(JSON.stringify(entry));
		await writer.prepare();
		await writer.place();
		expect(writer.manifest!.parts.length).toBeGreaterThan(3);
		const manifest = path.join(temp(), 'users.manifest.json');
		const {client} = await project([manifest]);
		const report = await verifyFile(manifest, client, {context, deep: true, retry: path.join(temp(), 'retry.json')});
		expect(report).toMatchObject({users: 251, matched: 251, missing: [], mismatched: [], unreadable: [], deep: true});
		expect(report.retry).toBeUndefined();
	});

	it('verify lists the users missing and what differs, and writes the missing ones as an import file', async () => {
		const imported = write('imported.json', [
			user(1),
			user(2, {emails: [{address: 'user2@example.com', is_primary: true, is_verified: false}]}),
			user(3, {username: 'Other'}),
			user(5),
		]);
		const {client} = await project([imported]);
		const file = write('users.json', [
			user(1),
			user(2),
			user(3, {username: 'Name'}),
			user(4),
			user(5, {
				emails: [
					{address: 'user5@example.com', is_primary: true, is_verified: true},
					{address: 'second@example.com', is_primary: false, is_verified: true},
				],
				password: {password: `$2a$10$${'a'.repeat(53)}`},
			}),
			{emails: [{address: 'gone@example.com', is_primary: true, is_verified: true}]},
		]);
		const retry = path.join(temp(), 'users.retry.json');
		const report = await verifyFile(file, client, {context, deep: true, retry, concurrency: 2});
		expect(report.matched).toBe(1);
		expect(report.missing).toEqual([
			{record: 3, userId: id(4), email: 'user4@example.com'},
			{record: 5, email: 'gone@example.com'},
		]);
		expect(report.mismatched).toEqual([
			{record: 1, userId: id(2), fields: ['verified']},
			{record: 2, userId: id(3), fields: ['username']},
			{record: 4, userId: id(5), fields: ['emails', 'password']},
		]);
		expect(JSON.parse(readFileSync(retry, 'utf8'))).toEqual([
			user(4),
			{emails: [{address: 'gone@example.com', is_primary: true, is_verified: true}]},
		]);
		const check = new ValidationRun(retry, {now: context.now}).start();
		await check.finished();
		expect(check.stats).toMatchObject({records: 2, invalid: 0});
	});
});

describe('verify, interrupted', () => {
	const temp = useTempDir();

	it('goes on from its checkpoint, looking up only what is left, with the report of an uninterrupted run', async () => {
		const users = Array.from({length: 8000}, (_, i) => user(i));
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, JSON.stringify(users, null, 2));
		const imported = path.join(temp(), 'imported.json');
		// Every tenth user never arrived
		writeFileSync(imported, JSON.stringify(users.filter((_, i) => i % 10 !== 0)));
		const {mock, client} = await project([imported]);
		const checkpoint = path.join(temp(), 'users.retry.json.checkpoint');
		const aborter = new AbortController();
		let batches = 0;
		await expect(
			verifyFile(file, client, {
				context,
				checkpoint,
				signal: aborter.signal,
				onProgress() {
					// Stopped from the run's own hook once two batches are done
					if (++batches === 2) aborter.abort();
				},
			}),
		).rejects.toThrow();
		const saved = JSON.parse(readFileSync(checkpoint, 'utf8')) as {next: number; matched: number};
		expect(saved.next).toBeGreaterThan(0);
		expect(saved.next).toBeLessThan(8000);
		const before = mock.requests;
		const retry = path.join(temp(), 'users.retry.json');
		const resumed = await verifyFile(file, client, {context, checkpoint, retry});
		const lookups = mock.requests - before;
		expect(resumed.resumedAt).toBe(saved.next);
		const {resumedAt: _, ...rest} = resumed;
		const freshFrom = mock.requests;
		const fresh = await verifyFile(file, client, {context, retry: path.join(temp(), 'fresh.retry.json')});
		// Only what was left: at least a request for each hundred users after the checkpoint, fewer than all
		expect(lookups).toBeGreaterThanOrEqual(Math.ceil((8000 - saved.next) / 100));
		expect(lookups).toBeLessThan(mock.requests - freshFrom);
		expect(rest).toEqual({...fresh, retry});
		expect(resumed.missing).toHaveLength(800);
		expect(JSON.parse(readFileSync(retry, 'utf8'))).toHaveLength(800);
		expect(() => readFileSync(checkpoint)).toThrow();
	});
});

describe('verify against a busy project', () => {
	const temp = useTempDir();

	it('goes on through 429s with fewer requests at once, and still matches everyone', async () => {
		const users = Array.from({length: 3000}, (_, i) => user(i));
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, JSON.stringify(users));
		const mock = new MockAdminApi({users: 0, faults: {rate429: 0.3, retryAfter: 0}});
		mock.importUsers(await usersOfImportFile(file, context, prng(1)));
		const url = await mock.listen();
		servers.push(mock);
		const concurrency = new AdaptiveConcurrency(4);
		let limited = 0;
		const client = new AdminClient({
			apiUrl: url,
			backoffMs: 1,
			retries: 20,
			onEvent(event) {
				if (event.type !== 'rateLimited') return;
				limited++;
				concurrency.rateLimited();
			},
		});
		clients.push(client);
		const report = await verifyFile(file, client, {context, concurrency});
		expect(report).toMatchObject({users: 3000, matched: 3000, missing: [], mismatched: []});
		expect(limited).toBeGreaterThan(0);
		expect(concurrency.current).toBeLessThan(4);
	});
});

describe('preflight against a large project', () => {
	const temp = useTempDir();

	it('reads every page of the project, several at once, and finds a collision on the last one', async () => {
		const mock = new MockAdminApi({users: 4500, seed: 5});
		const url = await mock.listen();
		servers.push(mock);
		const client = new AdminClient({apiUrl: url});
		clients.push(client);
		const last = mock.listedUsers().at(-1)!;
		const file = path.join(temp(), 'users.json');
		writeFileSync(
			file,
			JSON.stringify([
				user(1, {emails: [{address: last.emails![0]!.address, is_primary: true, is_verified: true}]}),
				user(2, {emails: [{address: 'new@elsewhere.test', is_primary: true, is_verified: true}]}),
			]),
		);
		const report = await preflightFile(file, client, {context, concurrency: 3});
		expect(report.targetUsers).toBe(mock.listedUsers().length);
		expect(report.collisions).toEqual([{record: 0, field: 'email', value: last.emails![0]!.address, existingUserId: last.id}]);
		expect(report.deltaUsers).toBe(1);
		// Five pages of a thousand: the first, then the four it announced
		expect(mock.listedPages.toSorted((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
	});
});

describe('preflight, interrupted', () => {
	const temp = useTempDir();

	it('goes on from its checkpoint with the report and the delta of an uninterrupted run', async () => {
		const users = Array.from({length: 8000}, (_, i) => user(i));
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, JSON.stringify(users, null, 2));
		const imported = path.join(temp(), 'imported.json');
		// Every tenth user is there already, and one address of user 4321 belongs to someone else
		writeFileSync(
			imported,
			JSON.stringify([
				...users.filter((_, i) => i % 10 === 0),
				{user_id: id(90_000), emails: [{address: 'user4321@example.com', is_primary: true, is_verified: true}]},
			]),
		);
		const {client} = await project([imported]);
		const checkpoint = path.join(temp(), 'users.delta.json.checkpoint');
		const aborter = new AbortController();
		let batches = 0;
		await expect(
			preflightFile(file, client, {
				context,
				checkpoint,
				delta: path.join(temp(), 'users.delta.json'),
				signal: aborter.signal,
				onProgress(progress) {
					// Stopped once two batches of the file are checked: the signal ends it at its next request
					if (progress.phase === 'file' && ++batches === 2) throw new Error('stopped here');
				},
			}),
		).rejects.toThrow('stopped here');
		const saved = JSON.parse(readFileSync(checkpoint, 'utf8')) as {next: number};
		expect(saved.next).toBeGreaterThan(0);
		expect(saved.next).toBeLessThan(8000);
		const delta = path.join(temp(), 'users.delta.json');
		const resumed = await preflightFile(file, client, {context, checkpoint, delta});
		expect(resumed.resumedAt).toBe(saved.next);
		const {resumedAt: _, ...rest} = resumed;
		const freshDelta = path.join(temp(), 'fresh.delta.json');
		const fresh = await preflightFile(file, client, {context, delta: freshDelta});
		expect(rest).toEqual({...fresh, delta});
		expect(resumed.alreadyPresent).toHaveLength(800);
		expect(resumed.collisions).toEqual([{record: 4321, field: 'email', value: 'user4321@example.com', existingUserId: id(90_000)}]);
		expect(readFileSync(delta, 'utf8')).toBe(readFileSync(freshDelta, 'utf8'));
		expect(JSON.parse(readFileSync(delta, 'utf8'))).toHaveLength(7199);
		expect(() => readFileSync(checkpoint)).toThrow();
	});
});
