import path from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {RecentFiles} from '../../../source/ui/app/settings/settings-store.js';
import {HomeScreen} from '../../../source/ui/home/home-screen.js';
import {RunStore} from '../../../source/ui/validation/run-store.js';
import {ValidationScreen} from '../../../source/ui/validation/validation-screen.js';
import {waitFor} from '../../helpers/ink-frames.js';
import {useTempDir} from '../../helpers/temp-dir.js';

// SGR mouse reports written to stdin as a terminal sends them: the wheel moves the lists through the
// keymap, and no report reaches a handler as text (kit/use-keys.ts).

afterEach(() => {
	cleanup();
});

const wheelUp = (modifiers = 0) => `\u001B[<${64 + modifiers};10;5M`;
const wheelDown = (modifiers = 0) => `\u001B[<${65 + modifiers};10;5M`;

function validationScreen() {
	const run = new ValidationRun(path.join('fixtures', 'broken.json'), {
		now: Date.parse('2026-01-01T00:00:00Z'),
		progressIntervalMs: 20,
	}).start();
	const closed: string[] = [];
	const app = render(<ValidationScreen store={new RunStore(run)} onClose={how => closed.push(how)} />);
	return {app, closed};
}

describe('the mouse wheel', () => {
	const tempDir = useTempDir();

	it('moves the cursor of the problem list, a row a report, with modifiers too', async () => {
		const {app, closed} = validationScreen();
		await waitFor(app.lastFrame, 'row 1/57');
		await waitFor(app.lastFrame, 'done in');
		// Three reports in one read (a fast turn), then one with Shift (bit 4) and Ctrl (bit 16)
		app.stdin.write(wheelDown().repeat(3));
		await waitFor(app.lastFrame, 'row 4/57');
		app.stdin.write(wheelUp(4 + 16));
		await waitFor(app.lastFrame, 'row 3/57');
		// A click and its release do nothing (the `M` and `m` in them are no keys): the next key counts from row 3
		app.stdin.write('\u001B[<0;12;7M');
		app.stdin.write('\u001B[<0;12;7m');
		app.stdin.write('j');
		const frame = await waitFor(app.lastFrame, 'row 4/57');
		expect(frame).not.toContain('[<');
		expect(closed).toEqual([]);
	});

	it('takes a report cut across two reads as one', async () => {
		const {app} = validationScreen();
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('\u001B[<65;1');
		// Ink gives the piece on after a moment; the end comes later, as over a slow link
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		app.stdin.write('0;5M');
		await waitFor(app.lastFrame, 'row 2/57');
		app.stdin.write('j');
		await waitFor(app.lastFrame, 'row 3/57');
	});

	it('moves in the filter chooser', async () => {
		const {app} = validationScreen();
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('f');
		await waitFor(app.lastFrame, 'rule 1/50');
		app.stdin.write(wheelDown() + wheelDown());
		await waitFor(app.lastFrame, 'rule 3/50');
		app.stdin.write(wheelUp(8));
		await waitFor(app.lastFrame, 'rule 2/50');
	});

	it('moves in the fix menu of a record', async () => {
		const {app} = validationScreen();
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('j');
		await waitFor(app.lastFrame, 'row 2/57');
		app.stdin.write('\r');
		await waitFor(app.lastFrame, 'entry 2 · starts at line 3');
		app.stdin.write('a');
		await waitFor(app.lastFrame, 'Choose a fix (1/10)');
		app.stdin.write(wheelDown().repeat(3));
		await waitFor(app.lastFrame, 'Choose a fix (4/10)');
		app.stdin.write(wheelUp());
		await waitFor(app.lastFrame, 'Choose a fix (3/10)');
	});

	it('types nothing into the path input', async () => {
		const dir = tempDir();
		const app = render(
			<HomeScreen
				recent={new RecentFiles(path.join(dir, 'config'))}
				cwd={dir}
				onOpen={() => {}}
				onExport={() => {}}
				onQuit={() => {}}
			/>,
		);
		await waitFor(app.lastFrame, 'Open a file');
		app.stdin.write('o');
		await waitFor(app.lastFrame, 'File to check: ▏');
		app.stdin.write(wheelDown() + wheelUp());
		app.stdin.write('ab');
		const frame = await waitFor(app.lastFrame, 'File to check: ab▏');
		expect(frame).not.toMatch(/\[<|;10;5/);
	});

	it('lets a key through after a report cut short: Esc still leaves the path input', async () => {
		const dir = tempDir();
		const app = render(
			<HomeScreen
				recent={new RecentFiles(path.join(dir, 'config'))}
				cwd={dir}
				onOpen={() => {}}
				onExport={() => {}}
				onQuit={() => {}}
			/>,
		);
		await waitFor(app.lastFrame, 'Open a file');
		app.stdin.write('o');
		await waitFor(app.lastFrame, 'File to check: ▏');
		app.stdin.write('ab');
		await waitFor(app.lastFrame, 'File to check: ab▏');
		app.stdin.write('\u001B[<65;1');
		// Ink gives the start on by itself after a moment; the hook holds it, and Esc comes next
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		app.stdin.write('\u001B');
		const frame = await waitFor(app.lastFrame, 'File to check: ab  (o to edit)');
		expect(frame).not.toMatch(/\[<|65;1/);
	});

	it('moves the cursor among the recent files of the home screen', async () => {
		const dir = tempDir();
		const recent = new RecentFiles(path.join(dir, 'config'));
		for (const name of ['a.json', 'b.json', 'c.json']) recent.add(path.join(dir, name));
		const app = render(<HomeScreen recent={recent} cwd={dir} onOpen={() => {}} onExport={() => {}} onQuit={() => {}} />);
		await waitFor(app.lastFrame, 'Recent files');
		app.stdin.write(wheelDown().repeat(3));
		await waitFor(app.lastFrame, '· 2/3');
		app.stdin.write(wheelUp());
		await waitFor(app.lastFrame, '· 1/3');
	});
});
