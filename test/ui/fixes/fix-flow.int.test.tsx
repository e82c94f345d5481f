import {execFileSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, readFileSync} from 'node:fs';
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

describe('fixing from the screen', () => {
	const temp = useTempDir();
	const open = (file: string) =>
		render(
			<Root
				file={file}
				recent={new RecentFiles(temp())}
				cwd={temp()}
				startRun={chosen => new ValidationRun(chosen, {progressIntervalMs: 20}).start()}
				onRun={() => undefined}
			/>,
		);

	it('chooses fixes for a record and for a rule after a preview, undoes one, writes, and shows the output checked again', async () => {
		const source = path.join(temp(), 'broken.json');
		copyFileSync('fixtures/broken.json', source);
		const before = readFileSync(source);
		const app = open(source);
		await waitFor(app.lastFrame, 'done in');

		// One record: the user_id of entry 4, which is not a UUID
		app.stdin.write('jjjjj');
		await waitFor(app.lastFrame, /> ✗ +4 +5 +user-id\.invalid/);
		app.stdin.write('\r');
		await waitFor(app.lastFrame, 'entry 4 · starts at line 5');
		app.stdin.write('a');
		const menu = await waitFor(app.lastFrame, 'Fixes for entry 4');
		expect(menu).toContain('> user-id.generate on entry 4, for user-id.invalid: generate a UUID');
		expect(menu).toContain('  user-id.generate on all 1 problems of user-id.invalid: generate a UUID');
		expect(menu).toContain('Choose a fix (1/2); Enter shows what it does');
		app.stdin.write('\r');
		// The UUID is drawn when the file is written: the preview does not show one that will not be used
		await waitFor(app.lastFrame, '/user_id: "auth0|5f7c8ec7c33c6c004bbafe82" → a new random UUID (made when the file is written)');
		app.stdin.write('y');
		await waitFor(app.lastFrame, 'entry 4 · starts at line 5');
		app.stdin.write('q');
		await waitFor(app.lastFrame, '1 pending   / search');

		// A rule, chosen from the counts by rule: email.uppercase (its two problems), the third rule listed
		app.stdin.write('f');
		await waitFor(app.lastFrame, 'By rule: rule 1/50   j/k choose, Enter filter, a fix, Esc close');
		app.stdin.write('j');
		await waitFor(app.lastFrame, />\s+3 {2}username\.unusual/);
		app.stdin.write('j');
		await waitFor(app.lastFrame, />\s+2 {2}email\.uppercase/);
		app.stdin.write('a');
		await waitFor(app.lastFrame, 'Fixes for the rule email.uppercase');
		app.stdin.write('\r');
		const preview = await waitFor(app.lastFrame, 'The fix will apply to all 2 problems of email.uppercase');
		expect(preview).toContain('/emails/0/address: "Ann@Example.com" → "ann@example.com"');
		expect(preview).toContain('entry 9');
		app.stdin.write('y');
		await waitFor(app.lastFrame, '2 pending');

		// The pending list: take the rule's fix back (both of its records have other errors anyway)
		app.stdin.write('p');
		await waitFor(app.lastFrame, 'Pending fixes (2/2)');
		app.stdin.write('k');
		await waitFor(app.lastFrame, 'Pending fixes (1/2)');
		await waitFor(app.lastFrame, '> user-id.generate: entry 4 (user-id.invalid)');
		app.stdin.write('j');
		await waitFor(app.lastFrame, '> email.normalise: all 2 problems of email.uppercase');
		app.stdin.write('u');
		const undone = await waitFor(app.lastFrame, 'Pending fixes (1/1)');
		expect(undone).toContain('> user-id.generate: entry 4 (user-id.invalid)');

		// Write: w asks, w again writes; then the output is checked again on the screen
		// Leaving would drop the pending fix: q asks, any other key stays
		app.stdin.write('q');
		await waitFor(app.lastFrame, 'Pending fixes (1/1)');
		app.stdin.write('q');
		await waitFor(app.lastFrame, '1 pending fix not written: q or Ctrl+c again leaves without them, w writes them');
		app.stdin.write('j');
		await waitFor(app.lastFrame, '1 pending   / search');
		app.stdin.write('p');
		await waitFor(app.lastFrame, 'Pending fixes (1/1)');
		app.stdin.write('w');
		// The question says how many records will be rejected, which the writer then does
		const asked = await waitFor(
			app.lastFrame,
			/w again writes broken\.fixed\.json with 1 pending fix; up to (\d+) records with errors go to broken/,
		);
		const forecast = Number(/up to (\d+) records/.exec(asked)![1]);
		app.stdin.write('w');
		const written = await waitFor(app.lastFrame, /checked again below[\s\S]*done in/);
		expect(written).toContain('broken.fixed.json · json-array');
		expect(written).toContain('Wrote 17 records (1 fixed), checked again below; 1 ids replaced (broken.id-map.csv)');
		expect(written).toMatch(/Rejected 28 \(broken\.rejects\.ndjson\): .*\d+ no fix chosen for [a-z.-]+/);
		// At most what the forecast said: a duplicate of a rejected record is none in the output
		expect(forecast).toBeGreaterThanOrEqual(28);
		expect(forecast).toBeLessThanOrEqual(30);
		expect(written).toContain('records 17   valid 17   invalid 0');
		expect(readFileSync(path.join(temp(), 'broken.id-map.csv'), 'utf8')).toMatch(
			/^3,auth0\|5f7c8ec7c33c6c004bbafe82,[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/m,
		);
		expect(existsSync(path.join(temp(), 'broken.rejects.ndjson'))).toBe(true);
		expect(readFileSync(source)).toEqual(before);
	}, 30_000);

	it('A proposes every safe fix with its counts, y adds them as one change (z and Z take it back and redo it), and w writes what hanko-tui fix writes', async () => {
		const source = path.join(temp(), 'broken.json');
		copyFileSync('fixtures/broken.json', source);
		// What the headless command does with the same file, in a folder of its own
		const headless = path.join(temp(), 'headless');
		mkdirSync(headless);
		copyFileSync('fixtures/broken.json', path.join(headless, 'broken.json'));
		let report: string;
		try {
			report = execFileSync(process.execPath, ['dist/cli.js', 'fix', path.join(headless, 'broken.json'), '--json'], {
				encoding: 'utf8',
			});
		} catch (error) {
			report = (error as {stdout: string}).stdout; // Exit 1: the output still has errors
		}

		const {counts} = JSON.parse(report) as {counts: {written: number; fixed: number; rejected: number}};
		const app = open(source);
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('A');
		const proposed = await waitFor(app.lastFrame, /Every safe fix: (\d+) fixes for (\d+) problems/);
		expect(proposed).toContain('email.normalise: all 2 problems of email.uppercase');
		const fixCount = Number(/Every safe fix: (\d+) fixes/.exec(proposed)![1]);
		app.stdin.write('y');
		await waitFor(app.lastFrame, `/${fixCount}): written by w`);
		app.stdin.write('z');
		await waitFor(app.lastFrame, 'Pending fixes (0)');
		app.stdin.write('Z');
		await waitFor(app.lastFrame, `/${fixCount}): written by w`);
		app.stdin.write('w');
		await waitFor(app.lastFrame, 'w again writes broken.fixed.json');
		app.stdin.write('w');
		const written = await waitFor(app.lastFrame, /checked again below[\s\S]*done in/);
		expect(written).toContain(`Wrote ${counts.written} records (${counts.fixed} fixed)`);
		expect(written).toContain(`Rejected ${counts.rejected} (broken.rejects.ndjson)`);
	}, 30_000);

	it('takes the write question back when another key comes, also in the pending list', async () => {
		const app = open(path.resolve('fixtures/valid.json'));
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('p');
		await waitFor(app.lastFrame, 'Pending fixes (0)');
		app.stdin.write('w');
		await waitFor(app.lastFrame, 'w again writes valid.fixed.json');
		app.stdin.write('j');
		const calm = await waitFor(app.lastFrame, 'u undo');
		expect(calm).not.toContain('w again');
		expect(existsSync(path.resolve('fixtures/valid.fixed.json'))).toBe(false);
	});
});
