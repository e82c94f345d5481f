import {existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {ExportRun} from '../../../source/core/export/export-run.js';
import {MockAdminApi} from '../../../source/mock-api/mock-admin-api.js';
import type {ExportDefaults} from '../../../source/ui/export/export-state.js';
import {RecentFiles} from '../../../source/ui/app/settings/settings-store.js';
import {Root} from '../../../source/ui/app/root.js';
import {waitFor, waitUntil} from '../../helpers/ink-frames.js';
import {useTempDir} from '../../helpers/temp-dir.js';

describe('export screen', () => {
	const temp = useTempDir();
	let mock: MockAdminApi | undefined;
	afterEach(async () => {
		cleanup();
		await mock?.close();
	});

	// A screen that has just appeared reads keys once its effects have run: a moment after its first frame
	const settle = async () =>
		new Promise(resolve => {
			setTimeout(resolve, 50);
		});

	function start(exportDefaults: ExportDefaults = {}, startExport = false) {
		const urls: string[] = [];
		const outcomes: number[] = [];
		const app = render(
			<Root
				recent={new RecentFiles(temp())}
				cwd={temp()}
				exportDefaults={exportDefaults}
				startExport={startExport}
				startRun={file => new ValidationRun(file, {progressIntervalMs: 20}).start()}
				onRun={() => undefined}
				onApiUrlUsed={url => urls.push(url)}
				onExportOutcome={code => outcomes.push(code)}
			/>,
		);
		return {app, urls, outcomes};
	}

	it('takes the URL and a masked key in a form, exports, shows the summary, and opens the file in the validation screen', async () => {
		mock = new MockAdminApi({users: 300, key: 'secret-key'});
		const url = await mock.listen();
		const {app, urls, outcomes} = start();
		await waitFor(app.lastFrame, 'Open a file…');
		app.stdin.write('e');
		await waitFor(app.lastFrame, '> API URL');
		await settle();
		app.stdin.write(url);
		app.stdin.write('\t');
		await waitFor(app.lastFrame, '> API key');
		app.stdin.write('secret-key');
		const masked = await waitFor(app.lastFrame, '••••••••••');
		expect(masked).not.toContain('secret-key');
		app.stdin.write('\r');
		const done = await waitFor(app.lastFrame, /Exported [\d,]+ users to .*hanko-users\.json: verified/);
		expect(done).toContain('Enter check the file');
		// The caveats are wrapped, not cut: every word of them is on the screen
		const words = (done ?? '').replaceAll(/\s+/g, ' ');
		expect(words).toContain(
			'--deep reads every user to count them and name who must reset or re-enrol (hashes and secrets are never given out).',
		);
		expect(words).toContain('a passkey created with a custom user handle stops working after a re-import');
		expect(done).not.toContain('…');
		expect(urls).toEqual([url]);
		expect(outcomes).toEqual([0]);
		const out = path.join(temp(), 'hanko-users.json');
		expect(statSync(out).mode & 0o777).toBe(0o600);
		expect(readFileSync(out, 'utf8')).not.toContain('secret-key');
		await settle();
		app.stdin.write('\r');
		await waitFor(app.lastFrame, `records ${mock.listedUsers().length}   valid ${mock.listedUsers().length}   invalid 0`);
		app.stdin.write('q');
		await waitFor(app.lastFrame, out);
	});

	it('says when a key is wanted, pauses and goes on, and cancels only when asked twice, keeping the checkpoint', async () => {
		mock = new MockAdminApi({users: 6000, key: 'k', faults: {latencyMs: 300}});
		const url = await mock.listen();
		const {app, outcomes} = start({url}, true);
		await waitFor(app.lastFrame, '> API key');
		await settle();
		// No key is a self-hosted Admin API's way; this one wants one, and says so
		app.stdin.write('\r');
		await waitFor(app.lastFrame, 'HTTP 401: this Admin API wants a key: set HANKO_API_KEY or pass --api-key-file');
		expect(outcomes).toEqual([2]);
		outcomes.length = 0;
		app.stdin.write('\r');
		await waitFor(app.lastFrame, '> API key');
		app.stdin.write('k\r');
		await waitFor(app.lastFrame, /users \d+\/\d+/);
		app.stdin.write('p');
		await waitFor(app.lastFrame, 'PAUSED (p goes on)');
		// Requests in flight when p came still land; after them, none is sent while paused (a window
		// in which nothing may happen: it can only pass wrongly, never fail wrongly)
		await waitUntil(() => mock!.inFlight === 0);
		expect(mock.inFlight).toBe(0);
		const sentBeforePause = mock.requests;
		await new Promise(resolve => {
			setTimeout(resolve, 1000);
		});
		expect(mock.requests).toBe(sentBeforePause);
		app.stdin.write('p');
		await waitFor(app.lastFrame, /retries \d+ {2}429s \d+\n/);
		app.stdin.write('c');
		await waitFor(app.lastFrame, 'Cancel the export? c or q again to stop');
		app.stdin.write('j'); // Any other key: go on
		await waitFor(app.lastFrame, 'p pause  c cancel');
		app.stdin.write('cc');
		await waitFor(app.lastFrame, '» Cancelled: the checkpoint is kept; Enter resumes where it stopped.');
		expect(existsSync(path.join(temp(), 'hanko-users.json.checkpoint'))).toBe(true);
		expect(outcomes).toEqual([130]);
		app.stdin.write('\r');
		// The rest of 6,000 users at 300 ms a request, walked twice: seconds, more on a busy machine
		await waitFor(app.lastFrame, /Exported [\d,]+ users to .*: verified/, 40_000);
		expect(existsSync(path.join(temp(), 'hanko-users.json.checkpoint'))).toBe(false);
	}, 90_000);

	it('shows an API error in one line and goes back to the form on Enter', async () => {
		mock = new MockAdminApi({users: 10, key: 'right'});
		const url = await mock.listen();
		const {app, outcomes} = start({url, key: 'wrong'}, true);
		await waitFor(app.lastFrame, '(given: HANKO_API_KEY, --api-key-file or the demo; not shown)');
		await settle();
		app.stdin.write('\r');
		const failed = await waitFor(app.lastFrame, 'HTTP 401: the API key was refused: check the API key');
		expect(outcomes).toEqual([2]);
		// The status bar says what the body says: Enter goes back to the form; no r when it would not help
		expect(failed).toContain('The checkpoint is kept: Enter goes back to the form, where Enter resumes.');
		expect(failed).toContain('Enter back to the form');
		expect(failed).not.toContain('Enter check the file');
		expect(failed).not.toContain('r start over');
		app.stdin.write('\r');
		await waitFor(app.lastFrame, '> Output file');
	});

	it("offers to discard an interrupted export that stands in the way (r), starts over, and does not remember the demo's URL", async () => {
		mock = new MockAdminApi({users: 200});
		const url = await mock.listen();
		const out = path.join(temp(), 'hanko-users.json');
		// An interrupted export of another page size holds the checkpoint
		const first = new ExportRun({apiUrl: url, out, perPage: 7});
		first.on('committed', () => first.cancel());
		await first.run();
		expect(existsSync(`${out}.checkpoint`)).toBe(true);
		const {app, urls, outcomes} = start({url, rememberUrl: false}, true);
		await waitFor(app.lastFrame, '> API key');
		await settle();
		app.stdin.write('\r');
		await waitFor(app.lastFrame, 'r discards the interrupted export and starts over');
		expect(app.lastFrame()).toContain('belongs to another export');
		expect(outcomes).toEqual([2]);
		app.stdin.write('r');
		await waitFor(app.lastFrame, /Exported [\d,]+ users to .*hanko-users\.json: verified/);
		expect(outcomes).toEqual([2, 0]);
		expect(urls).toEqual([]);
	});
});
