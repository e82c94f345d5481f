import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {hankoRules, isHankoRules} from '../../source/core/rules/hanko-versions.js';
import {prng} from '../../source/mock-api/generate-admin-users.js';
import {usersOfImportFile} from '../../source/mock-api/import-into-mock.js';
import {type Faults, MockAdminApi} from '../../source/mock-api/mock-admin-api.js';
import {useTempDir} from '../helpers/temp-dir.js';

// convert --profile, the import (the mock seeded from the import file), then apply-profile against the
// mock: every user gets what the profile kept, each request once, across a kill and an interrupt.

const cli = path.resolve('dist/cli.js');
const key = 'profile-test-key-5f2c9a';

type Result = {code: number | null; stdout: string; stderr: string};

function applyCli(args: string[], apiKey = key): {child: ChildProcess; done: Promise<Result>} {
	const child = spawn(process.execPath, [cli, 'apply-profile', ...args], {
		env: {...process.env, HANKO_API_KEY: apiKey},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout!.setEncoding('utf8').on('data', (text: string) => {
		stdout += text;
	});
	child.stderr!.setEncoding('utf8').on('data', (text: string) => {
		stderr += text;
	});
	const done = new Promise<Result>(resolve => {
		child.once('close', code => resolve({code, stdout, stderr}));
	});
	return {child, done};
}

/** Waits until `ready` holds (checked every 10 ms), failing after 30 s. */
async function until(ready: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (!ready()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

/** An Auth0 export of `count` users with names, a picture and both kinds of metadata. */
function auth0Export(count: number): string {
	return Array.from({length: count}, (_, i) =>
		JSON.stringify({
			user_id: `auth0|u${i}`,
			email: `user${i}@example.com`,
			email_verified: true,
			name: `User ${i}`,
			given_name: 'User',
			family_name: `Number ${i}`,
			picture: `https://cdn.example.com/avatars/${i}.png`,
			app_metadata: {plan: i % 2 === 0 ? 'pro' : 'free', roles: ['member']},
			user_metadata: {theme: 'dark', index: i},
			identities: [{provider: 'auth0'}],
		}),
	).join('\n');
}

type ProfileLine = Record<string, unknown> & {user_id: string};

describe('hanko-tui apply-profile', () => {
	const temp = useTempDir();
	let mock: MockAdminApi | undefined;
	afterEach(async () => {
		mock?.releasePatches();
		await mock?.close();
		mock = undefined;
	});

	/** Converts `count` users with --profile and serves a project that imported them; the profile's lines. */
	async function imported(count: number, faults: Faults = {}): Promise<{url: string; profile: string; lines: ProfileLine[]}> {
		const dir = temp();
		const source = path.join(dir, 'auth0.ndjson');
		writeFileSync(source, auth0Export(count));
		const out = path.join(dir, 'users.json');
		const profile = path.join(dir, 'users.profile.ndjson');
		const converted = spawnSync(process.execPath, [cli, 'convert', source, '--out', out, '--profile', profile, '--quiet'], {
			encoding: 'utf8',
		});
		expect(converted.stderr).toBe('');
		expect(converted.status).toBe(0);
		mock = new MockAdminApi({users: 0, key, faults});
		const rules = hankoRules(undefined);
		if (!isHankoRules(rules)) throw new Error(rules.error);
		mock.importUsers(await usersOfImportFile(out, {now: Date.now(), rules}, prng(3)));
		const url = await mock.listen();
		const lines = readFileSync(profile, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map(line => JSON.parse(line) as ProfileLine);
		expect(lines).toHaveLength(count);
		return {url, profile, lines};
	}

	const applied = () => [...mock!.patched.values()].reduce((sum, n) => sum + n, 0);

	/** Every line's two requests landed exactly once, and `GET /users/{id}` shows what the line holds. */
	async function expectEveryLineOnce(url: string, lines: readonly ProfileLine[]): Promise<void> {
		for (const line of lines) {
			expect(mock!.patched.get(`users/${line.user_id}`), line.user_id).toBe(1);
			expect(mock!.patched.get(`users/${line.user_id}/metadata`), line.user_id).toBe(1);
		}

		expect(applied()).toBe(lines.length * 2);
		// Read back without the faults, which would answer the test's own requests too
		Object.assign(mock!.faults, {rate429: 0, latencyMs: 0});
		for (const line of lines.slice(0, 10)) {
			const answer = await fetch(`${url}/users/${line.user_id}`, {headers: {authorization: `Bearer ${key}`}});
			const user = (await answer.json()) as Record<string, unknown>;
			expect(user).toMatchObject({
				id: line.user_id,
				name: line.name,
				given_name: line.given_name,
				family_name: line.family_name,
				picture: line.picture,
				metadata: {private_metadata: line.private_metadata, unsafe_metadata: line.unsafe_metadata},
			});
		}
	}

	it('sets every user its names, picture and metadata, read back with GET /users/{id}; the key never shows', async () => {
		const {url, profile, lines} = await imported(40);
		const run = applyCli([profile, '--api-url', url, '--json']);
		const result = await run.done;
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({lines: 40, applied: 40, failed: {}, requests: {user: 40, metadata: 40}});
		await expectEveryLineOnce(url, lines);
		expect(result.stdout + result.stderr).not.toContain(key);
		// Done: no checkpoint and no failures file left behind
		expect(existsSync(path.join(temp(), 'users.profile.failures.ndjson.checkpoint'))).toBe(false);
		expect(existsSync(path.join(temp(), 'users.profile.failures.ndjson'))).toBe(false);
	});

	it('counts a user not imported (404) and a value refused (400) per reason, writes them to the failures file, exits 1', async () => {
		const {url, profile, lines} = await imported(3);
		const absent = '7d0c1e2f-3a4b-4c5d-8e6f-000000000404';
		writeFileSync(
			profile,
			[
				...lines.map(line => JSON.stringify(line)),
				JSON.stringify({user_id: absent, name: 'Not Imported'}),
				JSON.stringify({user_id: lines[0]!.user_id, unsafe_metadata: {big: 'x'.repeat(3000)}}),
				'',
			].join('\n'),
		);
		const result = await applyCli([profile, '--api-url', url]).done;
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('5 lines; applied: 3; failed: 2');
		expect(result.stdout).toContain('HTTP 404: user not found (1)');
		expect(result.stdout).toContain('HTTP 400: metadata limit exceeded');
		const failures = readFileSync(path.join(temp(), 'users.profile.failures.ndjson'), 'utf8')
			.split('\n')
			.filter(Boolean)
			.map(line => JSON.parse(line) as {user_id: string; failed: {line: number; status: number}});
		expect(failures.map(failure => [failure.user_id, failure.failed.line, failure.failed.status])).toEqual([
			[absent, 4, 404],
			[lines[0]!.user_id, 5, 400],
		]);
		expect(result.stdout + result.stderr).not.toContain(key);
	});

	it('cannot run with a refused key: one line on stderr naming the key source, not the key, exit 2; the same for a missing file', async () => {
		const {url, profile} = await imported(2);
		// Asynchronously: the mock answers on this thread
		const refused = await applyCli([profile, '--api-url', url], 'a-wrong-key-7c1d9e3b').done;
		expect(refused.code).toBe(2);
		expect(refused.stdout).toBe('');
		expect(refused.stderr).toBe('hanko-tui: HTTP 401: the API key was refused: check the API key (HANKO_API_KEY or --api-key-file)\n');
		expect(applied()).toBe(0);
		const missing = await applyCli([path.join(temp(), 'nothing.ndjson'), '--api-url', url]).done;
		expect(missing.code).toBe(2);
		expect(missing.stderr.trim().split('\n')).toHaveLength(1);
		expect(missing.stderr).toContain('nothing.ndjson');
		const itself = await applyCli([profile, '--api-url', url, '--failures', profile]).done;
		expect(itself.code).toBe(2);
		expect(itself.stderr).toContain('--failures names the profile file itself');
		expect(applied()).toBe(0);
	});

	it('rides out a storm of 429s: it slows down, retries, and applies every line once', async () => {
		const {url, profile, lines} = await imported(30, {rate429: 0.3, retryAfter: 0});
		const result = await applyCli([profile, '--api-url', url, '--concurrency', '8']).done;
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/rate limited \(429\): \d+ at once now/);
		expect(result.stdout).toContain('Every line was applied.');
		await expectEveryLineOnce(url, lines);
		expect(result.stdout + result.stderr).not.toContain(key);
	});

	it('killed (SIGKILL) with requests under way, the same command goes on and sends each request once', async () => {
		const {url, profile, lines} = await imported(120);
		const checkpoint = path.join(temp(), 'users.profile.failures.ndjson.checkpoint');
		const recorded = () => {
			try {
				const {state} = JSON.parse(readFileSync(checkpoint, 'utf8')) as {state: {requests: {user: number; metadata: number}}};
				return state.requests.user + state.requests.metadata;
			} catch {
				return -1;
			}
		};

		const first = applyCli([profile, '--api-url', url, '--concurrency', '2']);
		await until(() => applied() >= 30, 'some requests applied');
		mock!.holdPatches();
		// Requests are under way (held, not applied), and every one answered is in the checkpoint
		await until(() => mock!.held > 0 && recorded() === applied(), 'the checkpoint to hold every request answered');
		first.child.kill('SIGKILL');
		expect((await first.done).code).toBe(null);
		// The held requests' connections are gone: released, they are dropped unapplied
		await until(() => mock!.inFlight === 0, 'the killed connections to close');
		mock!.releasePatches();
		const before = applied();
		expect(before).toBeLessThan(lines.length * 2);

		const second = await applyCli([profile, '--api-url', url, '--json']).done;
		expect(second.stderr).toBe('');
		expect(second.code).toBe(0);
		const report = JSON.parse(second.stdout) as {resumedAt?: number; requests: {user: number; metadata: number}};
		expect(report.resumedAt).toBeGreaterThan(1);
		expect(report.requests.user + report.requests.metadata).toBe(lines.length * 2);
		await expectEveryLineOnce(url, lines);
	});

	it('interrupted (SIGINT), it lets the requests under way finish, exits 130, and the same command finishes the rest', async () => {
		const {url, profile, lines} = await imported(120, {latencyMs: 5});
		const first = applyCli([profile, '--api-url', url, '--concurrency', '2']);
		await until(() => applied() >= 20, 'some requests applied');
		first.child.kill('SIGINT');
		const stopped = await first.done;
		expect(stopped.code).toBe(130);
		expect(stopped.stdout).toContain('Interrupted: the same command goes on from where this run stopped.');
		const before = applied();
		expect(before).toBeLessThan(lines.length * 2);

		const second = await applyCli([profile, '--api-url', url]).done;
		expect(second.code).toBe(0);
		expect(second.stdout).toContain('(went on from line');
		await expectEveryLineOnce(url, lines);
		expect(stopped.stdout + stopped.stderr + second.stdout + second.stderr).not.toContain(key);
	});
});
