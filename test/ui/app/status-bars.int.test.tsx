import path from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {RecentFiles} from '../../../source/ui/app/settings/settings-store.js';
import {Root} from '../../../source/ui/app/root.js';
import {RunStore} from '../../../source/ui/validation/run-store.js';
import {ValidationScreen} from '../../../source/ui/validation/validation-screen.js';
import {initialExport} from '../../../source/ui/export/export-state.js';
import {initialTarget, targetReducer} from '../../../source/ui/target/target-state.js';
import {TargetScreen} from '../../../source/ui/target/target-screen.js';
import {waitFor} from '../../helpers/ink-frames.js';
import {useTempDir} from '../../helpers/temp-dir.js';

afterEach(() => {
	cleanup();
});

type App = ReturnType<typeof render>;

function at80x24(app: App) {
	Object.defineProperty(app.stdout, 'columns', {value: 80, configurable: true});
	Object.defineProperty(app.stdout, 'rows', {value: 24, configurable: true});
	app.stdout.emit('resize');
}

/** Waits for `text`, then checks the whole frame fits 80x24 with its status bar (and `? help` in it) on the last line. */
async function fits(app: App, text: string | RegExp, help = true, tall = false): Promise<string> {
	const frame = await waitFor(app.lastFrame, text);
	const lines = frame.split('\n');
	for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
	if (!tall) expect(lines.length, frame).toBeLessThan(24);
	if (help) expect(lines.at(-1)).toContain('? help');
	return frame;
}

describe('every screen at 80x24', () => {
	const tempDir = useTempDir();

	it('fits the validation screens and their status bars into 80 columns', async () => {
		const run = new ValidationRun(path.join('fixtures', 'broken.json'), {progressIntervalMs: 20}).start();
		const app = render(<ValidationScreen store={new RunStore(run)} onClose={() => undefined} />);
		at80x24(app);
		// The list: its status bar was 89 characters, the moving keys go first
		const list = await fits(app, 'done in');
		expect(list.split('\n').at(-1)).toBe('/ search  f filter  enter open  y copy  p pending  w write  ? help  q back/quit');
		app.stdin.write('f');
		await fits(app, 'By rule: rule 1/', false);
		app.stdin.write('\u001B');
		await fits(app, 'By rule (');
		app.stdin.write('/');
		await fits(app, 'Enter search  Esc close', false);
		app.stdin.write('\u001B');
		await fits(app, 'y copy  p pending');
		app.stdin.write('jjjjj');
		await fits(app, /> ✗ +4 +5 +user-id\.invalid/);
		app.stdin.write('\r');
		await fits(app, 't wrap');
		app.stdin.write('y');
		await fits(app, 'copy: u user_id', false);
		app.stdin.write('\u001B');
		await fits(app, 't wrap');
		app.stdin.write('a');
		await fits(app, 'enter preview');
		app.stdin.write('\r');
		await fits(app, 'y add');
		app.stdin.write('?');
		await fits(app, 'add the fix to the pending fixes', false);
		app.stdin.write('q');
		await fits(app, 'y add');
		app.stdin.write('q');
		await fits(app, 'enter preview');
		app.stdin.write('q');
		await fits(app, 't wrap');
		app.stdin.write('q');
		await fits(app, 'f filter');
		app.stdin.write('p');
		await fits(app, 'u undo');
		app.stdin.write('q');
		await fits(app, 'f filter');
		app.stdin.write('A');
		await fits(app, 'y add all');
	});

	it('keeps the status bar on screen under a long banner (a fixed output with many reject reasons)', async () => {
		const run = new ValidationRun(path.join('fixtures', 'broken.json'), {progressIntervalMs: 20}).start();
		const banner = Array.from({length: 12}, (_, index) => `banner line ${index + 1} ${'x'.repeat(100)}`);
		const app = render(<ValidationScreen store={new RunStore(run)} onClose={() => undefined} banner={banner} />);
		at80x24(app);
		const frame = await fits(app, 'done in');
		expect(frame).toContain('banner line 3');
		expect(frame).not.toContain('banner line 4');
		expect(frame).toContain('… and 9 more lines');
		expect(frame.split('\n').at(-1)).toContain('? help  q back/quit');
	});

	it('keeps the offer of the next steps under a long banner of a written file', async () => {
		const run = new ValidationRun(path.join('fixtures', 'broken.json'), {progressIntervalMs: 20}).start();
		const banner = Array.from({length: 12}, (_, index) => `banner line ${index + 1}`);
		const app = render(
			<ValidationScreen store={new RunStore(run)} onClose={() => undefined} banner={banner} onTarget={() => undefined} />,
		);
		at80x24(app);
		const frame = await fits(app, 'done in');
		expect(frame).toContain('… and 9 more lines');
		expect(frame).toContain('Next: c checks it against the project (pre-flight), v verifies the import');
	});

	it('fits the target screen: its form, a long list of collisions with its position, and an entry whose record is long', async () => {
		const collisions = Array.from({length: 50}, (_, index) => ({
			record: index,
			field: 'email' as const,
			value: `user${index}@example.com`,
			existingUserId: `id-${index}`,
		}));
		const form = initialTarget('preflight', 'users.json', initialExport({url: 'http://127.0.0.1:8001'}), 'users.delta.json', 10);
		const done = targetReducer(form, {
			type: 'preflightDone',
			report: {file: 'users.json', users: 50, targetUsers: 50, alreadyPresent: [], collisions, unreadable: [], deltaUsers: 0},
		});
		const record = JSON.stringify({user_id: 'x', emails: Array.from({length: 20}, (_, index) => ({address: `a${index}@example.com`}))});
		const screen = (initial: typeof form) =>
			render(
				<TargetScreen
					initial={initial}
					cwd={tempDir()}
					readRecord={async () => record}
					onBack={() => undefined}
					onQuit={() => undefined}
					onUrlUsed={() => undefined}
				/>,
			);
		const app = screen(done);
		at80x24(app);
		// Drawn at once: the first frame can come before the resize, a key after it does not
		await waitFor(app.lastFrame, 'collisions: row 1/50 (Enter: detail)');
		app.stdin.write('j');
		await fits(app, 'collisions: row 2/50 (Enter: detail)');
		app.stdin.write('G');
		const last = await fits(app, 'collisions: row 50/50');
		expect(last).toMatch(/> entry 50 +email user49@example\.com is held by id-49/);
		app.stdin.write('\r');
		const detail = await fits(app, /… \d+ more lines/);
		expect(detail).toContain('entry 50  (row 50/50; j/k: the next or previous)');
		app.stdin.write('k');
		await fits(app, 'entry 49  (row 49/50');
		cleanup();
		const formApp = screen(form);
		at80x24(formApp);
		await waitFor(formApp.lastFrame, '> API key');
		formApp.stdin.write('\u001B[B');
		await fits(formApp, '> Delta file', false);
	});

	it('fits the home screen and the export form into 80 columns', async () => {
		const app = render(
			<Root
				file={undefined}
				recent={new RecentFiles(tempDir())}
				cwd={process.cwd()}
				startRun={file => new ValidationRun(file, {progressIntervalMs: 20}).start()}
				onRun={() => undefined}
			/>,
		);
		at80x24(app);
		await fits(app, 'Open a file…');
		app.stdin.write('o');
		await fits(app, 'File to check: ▏', false);
		app.stdin.write('\u001B');
		await fits(app, 'o open file');
		app.stdin.write('?');
		// The home screen's help (with the path input's keys) is 27 lines: taller than 24 rows, not scrolled yet
		await fits(app, 'Typing a path', false, true);
		app.stdin.write('q');
		await fits(app, 'Open a file…');
		app.stdin.write('e');
		await fits(app, 'Enter start', false);
	});
});
