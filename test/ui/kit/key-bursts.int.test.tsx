import path from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {RecentFiles} from '../../../source/ui/app/settings/settings-store.js';
import {Root} from '../../../source/ui/app/root.js';
import {RunStore} from '../../../source/ui/validation/run-store.js';
import {ValidationScreen} from '../../../source/ui/validation/validation-screen.js';
import {waitFor} from '../../helpers/ink-frames.js';
import {useTempDir} from '../../helpers/temp-dir.js';

afterEach(() => {
	cleanup();
	vi.unstubAllEnvs();
});

// Keys that arrive in one read, where one of them changes the screen: each key after it must be read
// against the screen it left (before, every key of the read was looked up on the first screen)
describe('a burst of keys across a change of screen', () => {
	const tempDir = useTempDir();

	async function validation() {
		const run = new ValidationRun(path.join('fixtures', 'broken.json'), {progressIntervalMs: 20}).start();
		const app = render(<ValidationScreen store={new RunStore(run)} onClose={() => undefined} />);
		await waitFor(app.lastFrame, 'done in');
		return app;
	}

	it('f then j: the j moves the rule chooser f opened, not the list', async () => {
		const app = await validation();
		app.stdin.write('fj');
		const frame = await waitFor(app.lastFrame, 'By rule: rule 2/50');
		expect(frame).toContain('row 1/57');
	});

	it('? then q then j: help opens and closes, then j moves the list', async () => {
		const app = await validation();
		app.stdin.write('?qj');
		const frame = await waitFor(app.lastFrame, 'row 2/57');
		expect(frame).toContain('j/k move');
	});

	it('j, y then u: u answers the copy question y asked', async () => {
		vi.stubEnv('TMUX', '');
		const app = await validation();
		Object.assign(app.stdout, {isTTY: true});
		app.stdin.write('jyu');
		await waitFor(app.lastFrame, 'copied user_id');
	});

	it('/ then text then Enter: the text goes to the query line whole, Enter searches', async () => {
		const app = await validation();
		app.stdin.write('/hank@\r');
		await waitFor(app.lastFrame, 'hit 1/2 for "hank@" (n/N)');
	});

	it('Enter then ? on the home screen: Enter opens the recent file, ? opens the help of its validation screen', async () => {
		const recent = new RecentFiles(tempDir());
		recent.add(path.resolve('fixtures/broken.json'));
		const app = render(
			<Root
				file={undefined}
				recent={recent}
				cwd={process.cwd()}
				startRun={file => new ValidationRun(file, {progressIntervalMs: 20}).start()}
				onRun={() => undefined}
			/>,
		);
		await waitFor(app.lastFrame, 'Recent files');
		app.stdin.write('jj'); // Past "Open a file…" and "Export…" to the recent file
		await waitFor(app.lastFrame, 'Recent files · 1/1');
		app.stdin.write('\r?');
		// The validation screen's help: ? waited for the screen Enter opened (on the home screen it opens the home's help)
		await waitFor(app.lastFrame, 'search user ids, emails and messages');
	});
});
