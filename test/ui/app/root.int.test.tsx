import path from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {RecentFiles} from '../../../source/ui/app/settings/settings-store.js';
import {Root} from '../../../source/ui/app/root.js';
import {waitFor} from '../../helpers/ink-frames.js';
import {useTempDir} from '../../helpers/temp-dir.js';

afterEach(() => {
	cleanup();
});

describe('home screen', () => {
	const tempDir = useTempDir();

	function start(recentFiles: string[] = []) {
		const recent = new RecentFiles(tempDir());
		for (const file of recentFiles.toReversed()) recent.add(file);
		const runs: Array<ValidationRun | undefined> = [];
		const app = render(
			<Root
				file={undefined}
				recent={recent}
				cwd={process.cwd()}
				startRun={file => new ValidationRun(file, {progressIntervalMs: 20}).start()}
				onRun={run => runs.push(run)}
			/>,
		);
		return {app, recent, runs};
	}

	it('opens a file typed with Tab completion, then q comes back with it among the recent files', async () => {
		const {app, recent, runs} = start();
		const home = await waitFor(app.lastFrame, 'Open a file…');
		expect(home).toContain('Recent files: none yet');
		expect(home).toContain('enter choose  o open file  e export  ? help  q back/quit');
		app.stdin.write('o');
		await waitFor(app.lastFrame, 'File to check: ▏');
		app.stdin.write('fixt');
		await waitFor(app.lastFrame, 'File to check: fixt▏');
		app.stdin.write('\t');
		await waitFor(app.lastFrame, 'File to check: fixtures/▏');
		app.stdin.write('\t');
		const listed = await waitFor(app.lastFrame, 'matches');
		expect(listed).toMatch(/broken\.json {2}providers\/ {2}sample\.json\.gz {2}sample\.ndjson {2}valid\.json/);
		app.stdin.write('b');
		await waitFor(app.lastFrame, 'File to check: fixtures/b▏');
		app.stdin.write('\t');
		await waitFor(app.lastFrame, 'File to check: fixtures/broken.json▏');
		app.stdin.write('\r');
		await waitFor(app.lastFrame, 'records 45   valid 15   invalid 30');
		expect(runs[0]?.file).toBe(path.resolve('fixtures/broken.json'));
		expect(recent.list()).toEqual([path.resolve('fixtures/broken.json')]);
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('q');
		const back = await waitFor(app.lastFrame, 'Recent files');
		expect(back).toContain(`  ${path.resolve('fixtures/broken.json')}`);
		expect(runs.at(-1)).toBeUndefined();
	});

	it('says why a path cannot be opened, and keeps the input open to fix it', async () => {
		const {app, runs} = start();
		app.stdin.write('o');
		await waitFor(app.lastFrame, 'File to check: ▏');
		app.stdin.write('fixtures/nope.json\r'); // A paste ending in a return
		await waitFor(app.lastFrame, '» no such file: fixtures/nope.json');
		app.stdin.write('\u001B');
		await waitFor(app.lastFrame, 'File to check: fixtures/nope.json  (o to edit)');
		expect(runs).toEqual([]);
	});

	it('shows a notice on a terminal below 80x24, and the home screen again at 80x24', async () => {
		const {app} = start();
		await waitFor(app.lastFrame, 'Open a file…');
		const resize = (columns: number, rows: number) => {
			Object.defineProperty(app.stdout, 'columns', {value: columns, configurable: true});
			Object.defineProperty(app.stdout, 'rows', {value: rows, configurable: true});
			app.stdout.emit('resize');
		};

		resize(60, 20);
		const notice = await waitFor(app.lastFrame, 'terminal too small (need 80x24, this one is 60x20)');
		expect(notice).not.toContain('Open a file…');
		resize(80, 24);
		const home = await waitFor(app.lastFrame, 'Open a file…');
		expect(home).toContain('e export');
		for (const line of home.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
	});

	it('opens a recent file with Enter and forgets one with x', async () => {
		const broken = path.resolve('fixtures/broken.json');
		const valid = path.resolve('fixtures/valid.json');
		const {app, recent} = start([valid, broken]);
		await waitFor(app.lastFrame, broken);
		app.stdin.write('jjj'); // The second recent file
		await waitFor(app.lastFrame, 'Recent files · 2/2');
		app.stdin.write('x'); // The cursor moves on to the item below: Quit
		await waitFor(app.lastFrame, /Recent files\n {2}\S*valid\.json\n\s*\n/);
		expect(recent.list()).toEqual([valid]);
		app.stdin.write('k\r');
		await waitFor(app.lastFrame, 'No problems: Hanko will accept this file.');
	});

	it('handles a burst of keys: o, a path and a return in one read open the file', async () => {
		const {app} = start();
		await waitFor(app.lastFrame, 'Open a file…');
		app.stdin.write('ofixtures/valid.json\r');
		await waitFor(app.lastFrame, 'No problems: Hanko will accept this file.');
	});

	it('shows control characters in file names as escapes so they cannot break the frame', async () => {
		const {app} = start(['/data/evil\nname\u001B[2J.json']);
		const frame = await waitFor(app.lastFrame, 'evil');
		expect(frame).toContain(String.raw`/data/evil\u000aname\u001b[2J.json`);
	});

	it('shows its keys on ?', async () => {
		const {app} = start();
		await waitFor(app.lastFrame, 'Open a file…');
		app.stdin.write('?');
		const help = await waitFor(app.lastFrame, 'Keys');
		expect(help).toMatch(/Typing a path\n {2}Tab +complete the file name/);
		expect(help).toMatch(/\n {2}x +forget the chosen recent file \(the file stays\)/);
		expect(help).toMatch(/Backspace, Delete +delete the character before the cursor/);
		expect(help).toContain('?, q, Esc: back');
		app.stdin.write('\u001B');
		await waitFor(app.lastFrame, 'Open a file…');
	});
});
