import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {RecentFiles} from '../../../source/ui/app/settings/settings-store.js';
import {Root} from '../../../source/ui/app/root.js';
import {waitFor, waitUntil} from '../../helpers/ink-frames.js';
import {useTempDir} from '../../helpers/temp-dir.js';

afterEach(() => {
	cleanup();
});

const settle = async () =>
	new Promise(resolve => {
		setTimeout(resolve, 60);
	});

describe('convert screen (from the home screen)', () => {
	const tempDir = useTempDir();

	function auth0Export(dir: string) {
		const users = [
			{
				user_id: 'auth0|001',
				email: 'ann@example.com',
				email_verified: true,
				name: 'Ann',
				created_at: '2023-01-01T00:00:00.000Z',
				identities: [{provider: 'auth0'}],
			},
			{user_id: 'auth0|002', email: 'bob@example.com', email_verified: false, identities: [{provider: 'auth0'}]},
			{user_id: 'sms|003', phone_number: '+4930', identities: [{provider: 'sms'}]},
		];
		const file = path.join(dir, 'auth0-users.json.gz');
		writeFileSync(file, gzipSync(users.map(user => JSON.stringify(user)).join('\n')));
		writeFileSync(
			path.join(dir, 'pw.ndjson'),
			`${JSON.stringify({email: 'ann@example.com', passwordHash: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'})}\n`,
		);
		return file;
	}

	function start(dir: string, recentFiles: string[]) {
		const recent = new RecentFiles(path.join(dir, 'config'));
		for (const file of recentFiles) recent.add(file);
		const runs: Array<ValidationRun | undefined> = [];
		const app = render(
			<Root
				file={undefined}
				recent={recent}
				cwd={dir}
				startRun={file => new ValidationRun(file, {progressIntervalMs: 20}).start()}
				onRun={run => runs.push(run)}
			/>,
		);
		return {app, runs, recent};
	}

	/** Chooses the first recent file once the home screen lists it (`shown`). */
	async function openFirstRecent(app: ReturnType<typeof start>['app'], shown: string) {
		await waitFor(app.lastFrame, shown);
		await settle();
		app.stdin.write('jj\r');
	}

	/** Opens the export from the recent files; the convert screen's offer, ready for keys. */
	async function openOffer(app: ReturnType<typeof start>['app']): Promise<string> {
		await openFirstRecent(app, 'auth0-users.json.gz');
		const offer = await waitFor(app.lastFrame, 'not a Hanko import file');
		await settle();
		return offer;
	}

	it('offers the conversion, shows the loss report before writing anything, drops it on d, then writes and checks the file', async () => {
		const dir = tempDir();
		const source = auth0Export(dir);
		const out = path.join(dir, 'auth0-users.hanko.json');
		const {app, runs, recent} = start(dir, [source]);
		const offer = await openOffer(app);
		expect(offer).toContain('auth0-users.json.gz is an export of Auth0 (JSON), not a Hanko import file.');
		expect(offer).toContain('> Output file      auth0-users.hanko.json▏');
		expect(runs).toEqual([]); // Not checked as an import file
		app.stdin.write('\t');
		await waitFor(app.lastFrame, '> Password export  ▏(none)');
		app.stdin.write('pw.ndjson');
		await waitFor(app.lastFrame, '> Password export  pw.ndjson▏');
		app.stdin.write('\r');
		// The report wraps at the frame's width: compared with its lines joined
		const report = (await waitFor(app.lastFrame, 'Nothing is written yet')).replaceAll(/\s+/g, ' ');
		expect(report).toContain(`Converted 3 Auth0 users: 2 to write to ${out}, 1 rejected`);
		expect(report).toContain(
			'The import file leaves out: names (1) (names, pictures and metadata can be set through the Admin API after the import; the rest Hanko cannot hold).',
		);
		expect(report).toContain(
			'Passwords: 0 kept, 1 converted ($2b$/$2y$ to $2a$), 1 need a reset (not in the password export (1)), 0 without one.',
		);
		expect(report).toContain('Nothing is written yet: Enter writes these files and checks the import file; d drops them.');
		expect(existsSync(out)).toBe(false);
		app.stdin.write('d');
		await waitFor(app.lastFrame, '» Cancelled: nothing was written.');
		expect(existsSync(out)).toBe(false);
		expect(existsSync(path.join(dir, 'auth0-users.hanko.id-map.csv'))).toBe(false);
		app.stdin.write('\r');
		await waitFor(app.lastFrame, 'Nothing is written yet');
		app.stdin.write('\r');
		const checked = (await waitFor(app.lastFrame, 'No problems: Hanko will accept this file.')).replaceAll(/\s+/g, ' ');
		expect(checked).toContain(`Converted 3 Auth0 users: 2 written to ${out}`);
		expect(runs.at(-1)?.file).toBe(out);
		expect(statSync(out).mode & 0o777).toBe(0o600);
		expect((JSON.parse(readFileSync(out, 'utf8')) as unknown[]).length).toBe(2);
		expect(recent.list()[0]).toBe(out);
		// The next steps of a migration: v opens the verify form for the converted file, Esc comes back
		expect(checked).toContain('Next: c checks it against the project (pre-flight), v verifies the import');
		app.stdin.write('v');
		await waitFor(app.lastFrame, `Verify the import: ${out}`);
		app.stdin.write('\u001B');
		await waitFor(app.lastFrame, 'No problems: Hanko will accept this file.');
		app.stdin.write('q');
		await waitFor(app.lastFrame, 'Recent files');
	});

	it('goes back with Esc keeping what was typed, and says why a conversion failed', async () => {
		const dir = tempDir();
		const source = auth0Export(dir);
		const {app} = start(dir, [source]);
		await openOffer(app);
		app.stdin.write('\t');
		await waitFor(app.lastFrame, '> Password export');
		app.stdin.write('missing.ndjson');
		await waitFor(app.lastFrame, 'missing.ndjson▏');
		app.stdin.write('\u001B');
		await openFirstRecent(app, 'Recent files');
		await waitFor(app.lastFrame, '> Password export  missing.ndjson▏');
		await settle();
		app.stdin.write('\r');
		const failed = await waitFor(app.lastFrame, 'The conversion stopped:');
		expect(failed).toContain('missing.ndjson: no such file');
		expect(failed).toContain('Nothing was written.');
		app.stdin.write('\r');
		await waitFor(app.lastFrame, '> Password export  missing.ndjson▏');
		await waitUntil(() => false, 50);
		expect(existsSync(path.join(dir, 'auth0-users.hanko.json'))).toBe(false);
	});

	it('checks the export as an import file after all on Ctrl+o, and refuses an output that is the export itself', async () => {
		const dir = tempDir();
		const source = auth0Export(dir);
		const {app, runs} = start(dir, [source]);
		await openOffer(app);
		// The output field: erase the suggestion, name the export itself
		for (let i = 0; i < 30; i++) app.stdin.write('\u007F');
		await waitFor(app.lastFrame, '> Output file      ▏');
		app.stdin.write('auth0-users.json.gz\r');
		const refused = await waitFor(app.lastFrame, 'The conversion stopped:');
		expect(refused).toContain('--out names a file the conversion reads');
		expect(refused).toContain('Nothing was written.');
		app.stdin.write('\r');
		await waitFor(app.lastFrame, '> Output file      auth0-users.json.gz▏');
		app.stdin.write('\u000F'); // Ctrl+o
		await waitFor(app.lastFrame, /records 3 +valid 0 +invalid 3/);
		expect(runs.at(-1)?.file).toBe(source);
	});

	it('opens a Hanko import file straight in the validation screen', async () => {
		const dir = tempDir();
		const {app, runs} = start(dir, [path.resolve('fixtures/valid.json')]);
		await openFirstRecent(app, 'valid.json');
		await waitFor(app.lastFrame, 'No problems: Hanko will accept this file.');
		expect(runs[0]?.file).toBe(path.resolve('fixtures/valid.json'));
	});
});
