import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');
const run = (...args: string[]) => {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8', env: {...process.env, HANKO_API_KEY: ''}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
};

const mocks: ChildProcess[] = [];
afterEach(() => {
	for (const mock of mocks.splice(0)) mock.kill('SIGTERM');
});

/** Starts `hanko-tui mock-api` with these arguments; resolves with its URL once it listens. */
async function startMock(...args: string[]): Promise<string> {
	const mock = spawn(process.execPath, [cli, 'mock-api', '--no-auth', ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	mocks.push(mock);
	let output = '';
	return new Promise((resolve, reject) => {
		mock.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
			if (url) resolve(url);
		});
		mock.stderr.on('data', (chunk: Buffer) => {
			output += chunk.toString();
		});
		mock.on('exit', code => {
			reject(new Error(`mock-api ended (${code}): ${output}`));
		});
	});
}

describe('a migration from end to end', () => {
	const temp = useTempDir();

	it('convert, fix with a split, preflight, import (the mock seeded from the parts), verify', async () => {
		const rows = Array.from({length: 300}, (_, i) => ({
			id: `3b7e2f5c-1d2a-4c4e-9f1a-${String(i).padStart(12, '0')}`,
			email: i === 7 ? 'User7@Example.com' : `user${i}@example.com`,
			email_confirmed_at: '2023-07-11 13:41:50.290862+00',
			created_at: '2023-07-11 13:40:00+00',
		}));
		const supabase = path.join(temp(), 'supabase.json');
		writeFileSync(supabase, JSON.stringify(rows));
		const converted = path.join(temp(), 'users.json');
		expect(run('convert', supabase, '--out', converted, '--quiet').code).toBeLessThanOrEqual(1);
		const fixed = path.join(temp(), 'users.fixed.json');
		const fix = run('fix', converted, '--out', fixed, '--split', '10kB', '--quiet');
		expect(fix.stderr).toBe('');
		expect(fix.code).toBe(0);
		const manifest = path.join(temp(), 'users.fixed.manifest.json');
		expect(JSON.parse(readFileSync(manifest, 'utf8')).parts.length).toBeGreaterThan(2);

		// The project already has someone with one of the addresses: preflight says so and leaves them out
		const taken = path.join(temp(), 'taken.json');
		writeFileSync(taken, JSON.stringify([{emails: [{address: 'user5@example.com', is_primary: true, is_verified: true}]}]));
		const busy = await startMock('--users', '0', '--import', taken);
		const collides = run('preflight', manifest, '--api-url', busy, '--json', '--quiet');
		expect(collides.code).toBe(1);
		const report = JSON.parse(collides.stdout);
		expect(report.collisions).toMatchObject([{record: 5, field: 'email', value: 'user5@example.com'}]);
		expect(report.deltaUsers).toBe(299);

		// An empty project takes every user: preflight says so, the import goes in, verify finds them all
		const empty = await startMock('--users', '0');
		expect(run('preflight', manifest, '--api-url', empty, '--quiet').code).toBe(0);
		const project = await startMock('--users', '0', '--import', manifest);
		const verified = run('verify', manifest, '--api-url', project, '--deep', '--json', '--quiet');
		expect(verified.stderr).toBe('');
		expect(JSON.parse(verified.stdout)).toMatchObject({users: 300, matched: 300, missing: [], mismatched: []});
		expect(verified.code).toBe(0);
		// Against the project that lacks them: every user missing, and a retry file of them all
		const missing = run('verify', manifest, '--api-url', empty, '--quiet');
		expect(missing.code).toBe(1);
		expect(missing.stdout).toContain('missing: 300');
		expect(JSON.parse(readFileSync(path.join(temp(), 'users.fixed.retry.json'), 'utf8'))).toHaveLength(300);
	});

	it('verify killed midway goes on from its checkpoint with the same command', async () => {
		const users = Array.from({length: 6000}, (_, i) => ({
			user_id: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`,
			emails: [{address: `user${i}@example.com`, is_primary: true, is_verified: true}],
		}));
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, JSON.stringify(users, null, 2));
		const url = await startMock('--users', '0', '--import', file, '--faults', 'latency=30');
		const checkpoint = path.join(temp(), 'users.retry.json.checkpoint');
		const first = spawn(process.execPath, [cli, 'verify', file, '--api-url', url, '--concurrency', '1', '--quiet'], {stdio: 'ignore'});
		// Killed (no chance to clean up) once the first checkpoint is written
		while (!existsSync(checkpoint) && first.exitCode === null) {
			await new Promise(resolve => {
				setTimeout(resolve, 20);
			});
		}

		first.kill('SIGKILL');
		await new Promise(resolve => {
			first.on('exit', resolve);
		});
		expect(existsSync(checkpoint)).toBe(true);
		const again = run('verify', file, '--api-url', url, '--quiet');
		expect(again.stderr).toBe('');
		expect(again.code).toBe(0);
		expect(again.stdout).toMatch(/went on from entry [\d,]+, where an interrupted run stopped/);
		expect(again.stdout).toContain('in the project as the file gave them: 6,000');
		expect(existsSync(checkpoint)).toBe(false);
	});

	it('says in one line what is wrong with the Admin API or the flags', async () => {
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, '[]');
		const noUrl = run('verify', file);
		expect(noUrl.code).toBe(2);
		expect(noUrl.stderr).toContain('verify needs --api-url <url>');
		const down = run('preflight', file, '--api-url', 'http://127.0.0.1:9');
		expect(down.code).toBe(2);
		expect(down.stderr.trim().split('\n')).toHaveLength(1);
		expect(down.stderr).not.toContain('    at ');
		const withKey = spawnSync(process.execPath, [cli, 'verify', file, '--api-url', 'http://example.com/admin'], {
			encoding: 'utf8',
			env: {...process.env, HANKO_API_KEY: 'secret-key-123456'},
		});
		expect(withKey.status).toBe(2);
		expect(withKey.stderr).not.toContain('secret-key-123456');
		expect(withKey.stderr).toMatch(/http/);
	});
});
