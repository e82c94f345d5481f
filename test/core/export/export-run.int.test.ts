import {spawn} from 'node:child_process';
import {chmodSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {type CommittedPage, type ExportProgress, ExportRun} from '../../../source/core/export/export-run.js';
import {MockAdminApi} from '../../../source/mock-api/mock-admin-api.js';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');

function exportedIds(file: string): string[] {
	return (JSON.parse(readFileSync(file, 'utf8')) as Array<{user_id: string}>).map(user => user.user_id);
}

describe('export', () => {
	const temp = useTempDir();
	let mock: MockAdminApi | undefined;
	afterEach(async () => {
		await mock?.close();
		mock = undefined;
	});

	async function start(options: ConstructorParameters<typeof MockAdminApi>[0]) {
		mock = new MockAdminApi({key: 'k', ...options});
		return mock.listen();
	}

	it('writes every listed user once, in the import format our validator accepts, with 0600 files', async () => {
		const url = await start({users: 1200, faults: {rate429: 0.05, retryAfter: 0, rate5xx: 0.05, rateReset: 0.03, rateTruncated: 0.03}});
		const out = path.join(temp(), 'users.json');
		const raw = path.join(temp(), 'raw.ndjson');
		const summary = await new ExportRun({
			apiUrl: url,
			apiKey: 'k',
			out,
			raw,
			perPage: 50,
			concurrency: 4,
			client: {backoffMs: 1},
		}).run();
		expect(summary).toMatchObject({verified: true, users: mock!.listedUsers().length, missing: 0, extra: 0});
		expect(exportedIds(out).toSorted()).toEqual(
			mock!
				.listedUsers()
				.map(user => user.id)
				.toSorted(),
		);
		expect(readFileSync(raw, 'utf8').trim().split('\n')).toHaveLength(summary.users);
		expect(statSync(out).mode & 0o777).toBe(0o600);
		expect(statSync(raw).mode & 0o777).toBe(0o600);
		expect(readdirSync(temp()).toSorted()).toEqual(['raw.ndjson', 'users.json']); // No partial or checkpoint left
		const check = new ValidationRun(out).start();
		await check.finished();
		expect(check.stats).toMatchObject({invalid: 0, records: summary.users});
		// List items never say who has a password or an OTP secret: unknown, not 0
		expect(summary.notes).toMatchObject({passwords: null, otps: null});
		expect(summary.notes.aaguidsCleared).toBeGreaterThan(0);
	});

	it('--deep reads every user once more, counts exactly who must reset or re-enrol, and names them in a CSV', async () => {
		const url = await start({users: 700, faults: {rate5xx: 0.02, rateReset: 0.01}});
		const out = path.join(temp(), 'users.json');
		const summary = await new ExportRun({
			apiUrl: url,
			apiKey: 'k',
			out,
			deep: true,
			perPage: 50,
			concurrency: 4,
			client: {backoffMs: 1},
		}).run();
		const listed = mock!.listedUsers();
		const withPassword = listed.filter(user => user.password);
		const withOtp = listed.filter(user => user.otp);
		expect(withPassword.length).toBeGreaterThan(0);
		expect(summary).toMatchObject({verified: true, deep: true, contacts: path.join(temp(), 'users.needs-reset.csv')});
		expect(summary.notes).toMatchObject({passwords: withPassword.length, otps: withOtp.length});
		const rows = readFileSync(summary.contacts!, 'utf8').trim().split('\n');
		expect(rows[0]).toBe('user_id,email,username,password_reset,otp_reenrol');
		expect(
			rows
				.slice(1)
				.map(row => row.split(',')[0])
				.toSorted(),
		).toEqual(
			listed
				.filter(user => user.password || user.otp)
				.map(user => user.id)
				.toSorted(),
		);
		const someone = withPassword[0]!;
		expect(rows).toContain(
			[
				someone.id,
				someone.emails?.find(email => email.is_primary)?.address ?? '',
				someone.username?.username ?? '',
				'yes',
				someone.otp ? 'yes' : 'no',
			].join(','),
		);
		expect(statSync(summary.contacts!).mode & 0o777).toBe(0o600);
		// One list request a page and one look-up a user, plus retries
		expect(summary.requests).toBeGreaterThanOrEqual(listed.length + Math.ceil(listed.length / 50));
	});

	it('works self-hosted: no key (no Authorization header), plain http, a tenant in the URL; an unknown tenant says so', async () => {
		const tenant = '4d5b4e1f-3b1c-4c47-9a2e-0b5f2f2b9c11';
		mock = new MockAdminApi({users: 120, tenant});
		const url = await mock.listen();
		const out = path.join(temp(), 'users.json');
		// A wrong tenant first: it fails at once and leaves nothing that would stand in the corrected run's way
		await expect(new ExportRun({apiUrl: `${url}/0b5f2f2b-3b1c-4c47-9a2e-4d5b4e1f9c11`, out, perPage: 50}).run()).rejects.toThrow(
			'HTTP 404: tenant not found: check the tenant id in the API URL',
		);
		expect(readdirSync(temp())).toEqual([]);
		const summary = await new ExportRun({apiUrl: `${url}/${tenant}`, out, perPage: 50}).run();
		expect(summary).toMatchObject({verified: true, resumed: false, users: mock.listedUsers().length});
	});

	it('a cancel while it looks up users a later walk did not see keeps the checkpoint and writes no file', async () => {
		const url = await start({users: 800, faults: {tieEpoch: 5}});
		const out = path.join(temp(), 'users.json');
		const run = new ExportRun({apiUrl: url, apiKey: 'k', out, perPage: 40, maxWalks: 20, client: {backoffMs: 1}});
		let phases = 0;
		run.on('progress', (progress: ExportProgress) => {
			if (progress.phase === 'check') {
				phases++;
				run.cancel();
			}
		});
		const summary = await run.run();
		expect(phases).toBeGreaterThan(0);
		expect(summary).toMatchObject({cancelled: true, verified: false});
		expect(existsSync(out)).toBe(false);
		expect(existsSync(`${out}.checkpoint`)).toBe(true);
		// The same export resumes and completes
		expect(
			(await new ExportRun({apiUrl: url, apiKey: 'k', out, perPage: 40, maxWalks: 20, client: {backoffMs: 1}}).run()).verified,
		).toBe(true);
	});

	it('finds users that moved between pages (ties on created_at reordered during the walk) with more walks', async () => {
		const url = await start({users: 800, faults: {tieEpoch: 5}});
		const out = path.join(temp(), 'users.json');
		const summary = await new ExportRun({apiUrl: url, apiKey: 'k', out, perPage: 40, maxWalks: 20, client: {backoffMs: 1}}).run();
		expect(summary.verified).toBe(true);
		expect(summary.walks).toBeGreaterThan(1);
		expect(exportedIds(out).toSorted()).toEqual(
			mock!
				.listedUsers()
				.map(user => user.id)
				.toSorted(),
		);
	});

	it('with users created and deleted during the run: nobody twice, everyone who stayed is there', async () => {
		const url = await start({users: 1000, faults: {rateChurn: 0.3}});
		const before = new Set(mock!.listedUsers().map(user => user.id));
		const out = path.join(temp(), 'users.json');
		const summary = await new ExportRun({apiUrl: url, apiKey: 'k', out, perPage: 50, maxWalks: 10, client: {backoffMs: 1}}).run();
		const ids = exportedIds(out);
		expect(new Set(ids).size).toBe(ids.length);
		const stayed = [...before].filter(id => !mock!.deleted.includes(id));
		const exported = new Set(ids);
		expect(stayed.every(id => exported.has(id))).toBe(true);
		expect(summary.createdDuringRun + summary.deletedDuringRun).toBeGreaterThan(0);
	});

	it('resumes after a cancel without fetching committed pages again, then confirms with a walk over every page', async () => {
		const url = await start({users: 1000, faults: {latencyMs: 5}});
		const out = path.join(temp(), 'users.json');
		const first = new ExportRun({apiUrl: url, apiKey: 'k', out, perPage: 25, concurrency: 2});
		// Cancelled from the commit hook, not the throttled progress event: a fast run cannot finish first
		first.on('committed', ({page}: CommittedPage) => {
			if (page >= 10) first.cancel();
		});
		const stopped = await first.run();
		expect(stopped.cancelled).toBe(true);
		expect(existsSync(out)).toBe(false);
		const checkpoint = JSON.parse(readFileSync(`${out}.checkpoint`, 'utf8')) as {nextPage: number};
		expect(checkpoint.nextPage).toBeGreaterThanOrEqual(11);
		const requestsBefore = mock!.listedPages.length;
		const summary = await new ExportRun({apiUrl: url, apiKey: 'k', out, perPage: 25, concurrency: 2}).run();
		expect(summary).toMatchObject({verified: true, resumed: true, walks: 2});
		// The resumed walk starts at the checkpoint's page
		expect(mock!.listedPages[requestsBefore]).toBe(checkpoint.nextPage);
		expect(exportedIds(out).toSorted()).toEqual(
			mock!
				.listedUsers()
				.map(user => user.id)
				.toSorted(),
		);
	});

	it('takes a pause or a resume that comes before the run has opened its files (a screen that starts at once)', async () => {
		const url = await start({users: 30});
		const out = path.join(temp(), 'users.json');
		const run = new ExportRun({apiUrl: url, apiKey: 'k', out, perPage: 10});
		expect(() => {
			run.pause();
			run.resume();
		}).not.toThrow();
		expect(await run.run()).toMatchObject({verified: true});
	});

	it('after a resume, finds a user deleted while it was down and one that slid into an earlier page', async () => {
		const url = await start({users: 1000});
		const out = path.join(temp(), 'users.json');
		const first = new ExportRun({apiUrl: url, apiKey: 'k', out, perPage: 25});
		// Cancelled from the commit hook, not the throttled progress event: a fast run cannot finish first
		first.on('committed', ({page}: CommittedPage) => {
			if (page >= 10) first.cancel();
		});
		await first.run();
		// While it is down: an exported user is deleted (later users slide up a place) and one is created
		const exported = readFileSync(`${out}.partial`, 'utf8')
			.trim()
			.split('\n')
			.map(line => (JSON.parse(line) as {user_id: string}).user_id);
		mock!.deleteUser(exported[3]!);
		mock!.addUser();
		const summary = await new ExportRun({apiUrl: url, apiKey: 'k', out, perPage: 25}).run();
		expect(summary).toMatchObject({verified: true, deletedDuringRun: 1, createdDuringRun: 1});
		const ids = exportedIds(out);
		expect(ids).not.toContain(exported[3]);
		expect(ids.toSorted()).toEqual(
			mock!
				.listedUsers()
				.map(user => user.id)
				.toSorted(),
		);
	});

	it('makes a partial file another run left 0644 private (0600) before writing users into it', async () => {
		const url = await start({users: 300});
		const out = path.join(temp(), 'users.json');
		writeFileSync(`${out}.partial`, 'left by someone else\n');
		chmodSync(`${out}.partial`, 0o644);
		const run = new ExportRun({apiUrl: url, apiKey: 'k', out, perPage: 20});
		const modes: number[] = [];
		run.on('committed', () => {
			modes.push(statSync(`${out}.partial`).mode & 0o777);
			run.cancel();
		});
		await run.run();
		expect(modes).toEqual([0o600]);
		expect(readFileSync(`${out}.partial`, 'utf8')).not.toContain('left by someone else');
	});

	it('refuses a checkpoint of another export, and --restart discards it', async () => {
		const url = await start({users: 300});
		const out = path.join(temp(), 'users.json');
		const first = new ExportRun({apiUrl: url, apiKey: 'k', out, perPage: 20});
		first.on('committed', () => first.cancel());
		await first.run();
		await expect(new ExportRun({apiUrl: url, apiKey: 'k', out, perPage: 30}).run()).rejects.toThrow('belongs to another export');
		expect((await new ExportRun({apiUrl: url, apiKey: 'k', out, perPage: 30, restart: true}).run()).verified).toBe(true);
	});

	it("survives 30 kill -9 at random moments, in any walk, against a mock with faults, then holds exactly the server's users once", async () => {
		// Ties reordered every 40 requests: pages move, and later walks are needed
		const url = await start({
			users: 1500,
			faults: {latencyMs: 3, rate429: 0.03, retryAfter: 0, rate5xx: 0.03, rateReset: 0.02, rateTruncated: 0.02, tieEpoch: 40},
		});
		const out = path.join(temp(), 'users.json');
		const raw = path.join(temp(), 'raw.ndjson');
		const checkpoint = `${out}.checkpoint`;
		const progressOf = () => {
			try {
				const saved = JSON.parse(readFileSync(checkpoint, 'utf8')) as {walk: number; nextPage: number};
				return saved.walk * 1000 + saved.nextPage;
			} catch {
				return 0;
			}
		};

		let errors = '';
		const exportOnce = (env: Record<string, string> = {}, killAt?: number) =>
			new Promise<number | null>(resolve => {
				const child = spawn(
					process.execPath,
					[cli, 'export', '--api-url', url, '--out', out, '--raw', raw, '--per-page', '20', '--json'],
					{env: {...process.env, HANKO_API_KEY: 'k', ...env}, stdio: ['ignore', 'ignore', 'pipe']},
				);
				// Its error lines, to say why a run that should succeed did not
				child.stderr.setEncoding('utf8').on('data', (text: string) => {
					errors += text
						.split('\n')
						.filter(line => line.startsWith('hanko-tui:'))
						.map(line => `${line}\n`)
						.join('');
				});
				// Killed once the checkpoint has moved past a random point: commits, not start-up time, decide
				const poll =
					killAt === undefined
						? undefined
						: setInterval(() => {
								if (progressOf() >= killAt) child.kill('SIGKILL');
							}, 2);
				child.once('exit', code => {
					clearInterval(poll);
					resolve(code);
				});
			});
		const landed = new Set<number>();
		for (let kill = 0; kill < 30; kill++) {
			const target = progressOf() + 1 + Math.floor(Math.random() * 12);

			await exportOnce({}, target);
			landed.add(Math.floor(progressOf() / 1000));
			if (existsSync(out)) break;
		}

		errors = '';
		expect({code: await exportOnce(), errors}).toEqual({code: 0, errors: ''});
		const ids = exportedIds(out);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.toSorted()).toEqual(
			mock!
				.listedUsers()
				.map(user => user.id)
				.toSorted(),
		);
		expect(readFileSync(raw, 'utf8').trim().split('\n')).toHaveLength(ids.length);
		expect(existsSync(checkpoint)).toBe(false);
		expect(landed.size).toBeGreaterThan(0);
	}, 180_000);

	it('is killed inside its final step (files written, not yet renamed) and the next run completes both files', async () => {
		const url = await start({users: 400});
		const out = path.join(temp(), 'users.json');
		const raw = path.join(temp(), 'raw.ndjson');
		const exportOnce = async (env: Record<string, string>) =>
			new Promise<number | null>(resolve => {
				const child = spawn(process.execPath, [cli, 'export', '--api-url', url, '--out', out, '--raw', raw, '--json'], {
					env: {...process.env, HANKO_API_KEY: 'k', ...env},
					stdio: 'ignore',
				});
				child.once('exit', code => resolve(code));
			});
		expect(await exportOnce({HANKO_TUI_FAULT: 'finish'})).toBeNull(); // Killed by its own hand
		expect(existsSync(out)).toBe(false);
		expect(existsSync(raw)).toBe(false);
		expect(existsSync(`${out}.checkpoint`)).toBe(true);
		expect(await exportOnce({})).toBe(0);
		const ids = exportedIds(out);
		expect(ids.toSorted()).toEqual(
			mock!
				.listedUsers()
				.map(user => user.id)
				.toSorted(),
		);
		expect(readFileSync(raw, 'utf8').trim().split('\n')).toHaveLength(ids.length);
	});
});
