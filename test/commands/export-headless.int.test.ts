import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {watch} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {MockAdminApi} from '../../source/mock-api/mock-admin-api.js';
import {sendJson, useHostileServers} from '../helpers/hostile-server.js';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');
const secret = 'sk-live-0123456789abcdefghijklmnop';

type Result = {code: number | null; stdout: string; stderr: string};

function exportCli(args: string[], env: Record<string, string | undefined> = {}): {done: Promise<Result>; kill: () => void} {
	const child = spawn(process.execPath, [cli, 'export', ...args], {
		env: {...process.env, HANKO_API_KEY: undefined, ...env},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', text => {
		stdout += text;
	});
	child.stderr.setEncoding('utf8').on('data', text => {
		stderr += text;
	});
	const done = new Promise<Result>(resolve => {
		child.once('close', code => resolve({code, stdout, stderr}));
	});
	return {done, kill: () => child.kill('SIGKILL')};
}

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('hanko-tui export, headless', () => {
	const temp = useTempDir();
	const serve = useHostileServers();
	let mock: MockAdminApi | undefined;
	afterEach(async () => {
		await mock?.close();
		mock = undefined;
	});

	it('exports from a self-hosted Admin API without a key, and cleans temporary files a killed run left', async () => {
		mock = new MockAdminApi({users: 150});
		const url = await mock.listen();
		const out = path.join(temp(), 'users.json');
		const leftover = path.join(temp(), '.users.json.2147483646-0123456789ab.partial');
		writeFileSync(leftover, 'user data of a killed run');
		const {code, stdout} = await exportCli(['--api-url', url, '--out', out, '--json']).done;
		expect(code).toBe(0);
		expect(JSON.parse(stdout)).toMatchObject({verified: true, users: mock.listedUsers().length, notes: {passwords: null, otps: null}});
		expect(existsSync(leftover)).toBe(false);
		expect(existsSync(`${out}.lock`)).toBe(false);
	});

	it('a fatal error is one line, exit 2, without retries or a stack', async () => {
		mock = new MockAdminApi({users: 10, tenant: '4d5b4e1f-3b1c-4c47-9a2e-0b5f2f2b9c11'});
		const url = await mock.listen();
		const {code, stderr} = await exportCli([
			'--api-url',
			`${url}/0b5f2f2b-3b1c-4c47-9a2e-4d5b4e1f9c11`,
			'--out',
			path.join(temp(), 'users.json'),
		]).done;
		expect(code).toBe(2);
		expect(lines(stderr).filter(line => !line.startsWith('walking'))).toEqual([
			expect.stringContaining('hanko-tui: HTTP 404: tenant not found'),
		]);
		expect(stderr).not.toMatch(/retry|\n\s+at /);
	});

	it("shows a hostile server's text with its escapes made visible and without the key it echoes", async () => {
		const server = await serve((request, response) =>
			sendJson(response, 400, {code: 400, message: `\u001B]52;c;b3duZWQ=\u0007\u001B[2J bad: ${request.headers.authorization}`}),
		);
		const {code, stderr} = await exportCli(['--api-url', server.url, '--out', path.join(temp(), 'users.json')], {HANKO_API_KEY: secret})
			.done;
		expect(code).toBe(2);
		expect(stderr).not.toContain('\u001B');
		expect(stderr).not.toContain('\u0007');
		expect(stderr).not.toContain(secret);
		expect(stderr).toContain('Bearer [the API key]');
	});

	it('refuses a key file of two lines in one line, and --raw the same as --out', async () => {
		const keyFile = path.join(temp(), 'key.txt');
		writeFileSync(keyFile, `${secret}\nsecond line\n`);
		const twoLines = await exportCli([
			'--api-url',
			'https://p.hanko.io/admin',
			'--out',
			path.join(temp(), 'a.json'),
			'--api-key-file',
			keyFile,
		]).done;
		expect(twoLines.code).toBe(2);
		expect(lines(twoLines.stderr)).toEqual([
			`hanko-tui: the API key from the file ${keyFile} has more than one line: keep only the key`,
		]);
		const out = path.join(temp(), 'b.json');
		const same = await exportCli(['--api-url', 'http://127.0.0.1:9', '--out', out, '--raw', path.join(temp(), '.', 'b.json')]).done;
		expect(same.code).toBe(2);
		expect(same.stderr).toContain('would be the same file');
		expect(existsSync(out)).toBe(false);
	});

	it('does not write through a planted <out>.partial link, and a partial file left 0644 becomes 0600', async () => {
		mock = new MockAdminApi({users: 50});
		const url = await mock.listen();
		const out = path.join(temp(), 'users.json');
		const victim = path.join(temp(), 'victim.txt');
		writeFileSync(victim, 'keep me');
		symlinkSync(victim, `${out}.partial`);
		const planted = await exportCli(['--api-url', url, '--out', out]).done;
		expect(planted.code).toBe(2);
		expect(lines(planted.stderr)).toEqual([`hanko-tui: ${out}.partial is a symbolic link: refusing to write through it (remove it)`]);
		expect(readFileSync(victim, 'utf8')).toBe('keep me');
	});

	it('refuses a second export to the same --out while the first runs, and takes over the lock of a killed one', async () => {
		mock = new MockAdminApi({users: 3000, faults: {latencyMs: 200}});
		const url = await mock.listen();
		const dir = path.join(temp(), 'exports');
		mkdirSync(dir);
		const out = path.join(dir, 'users.json');
		const watcher = watch(dir);
		const first = exportCli(['--api-url', url, '--out', out, '--per-page', '20']);
		// Until the first holds the lock and has saved a checkpoint (killed before one, it would leave
		// nothing to resume: the third run below would start afresh)
		for await (const event of watcher) {
			if (event.filename?.startsWith('users.json.') && existsSync(`${out}.lock`) && existsSync(`${out}.checkpoint`)) break;
		}

		const second = await exportCli(['--api-url', url, '--out', out]).done;
		expect(second.code).toBe(2);
		expect(lines(second.stderr)).toEqual([
			expect.stringMatching(/^hanko-tui: .*users\.json is being written by another run \(pid \d+, .*users\.json\.lock$/),
		]);
		first.kill();
		expect((await first.done).code).toBeNull();
		expect(existsSync(`${out}.lock`)).toBe(true); // Killed: the lock stays, with a pid that is gone
		mock.faults.latencyMs = 0;
		const third = await exportCli(['--api-url', url, '--out', out, '--per-page', '20', '--json']).done;
		expect(third.stderr).not.toContain('hanko-tui:');
		expect(third.code).toBe(0);
		expect(JSON.parse(third.stdout)).toMatchObject({verified: true, resumed: true});
	}, 30_000);
});
