import {copyFileSync, existsSync, readFileSync} from 'node:fs';
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

		// One record: the user_id of record #3, which is not a UUID
		app.stdin.write('jjjjj');
		await waitFor(app.lastFrame, /> ✗ +#3 +5 +user-id\.invalid/);
		app.stdin.write('\r');
		await waitFor(app.lastFrame, 'record #3 · starts at line 5');
		app.stdin.write('a');
		const menu = await waitFor(app.lastFrame, 'Fixes for record #3');
		expect(menu).toContain('> user-id.generate on this record: generate a UUID (random, or stable from the old id) and keep a');
		expect(menu).toContain('  user-id.generate on all 1 problems of user-id.invalid: generate a UUID');
		app.stdin.write('\r');
		// The UUID is drawn when the file is written: the preview does not show one that will not be used
		await waitFor(app.lastFrame, '/user_id: "auth0|5f7c8ec7c33c6c004bbafe82" → a new random UUID (made when the file is written)');
		app.stdin.write('y');
		await waitFor(app.lastFrame, 'record #3 · starts at line 5');
		app.stdin.write('q');
		await waitFor(app.lastFrame, '1 pending   j/k move');

		// A rule, chosen from the counts by rule: email.uppercase (its two problems), the third rule listed
		app.stdin.write('f');
		await waitFor(app.lastFrame, 'By rule: j/k choose, Enter filter, a fix, Esc close');
		app.stdin.write('j');
		await waitFor(app.lastFrame, />\s+3 {2}username\.unusual/);
		app.stdin.write('j');
		await waitFor(app.lastFrame, />\s+2 {2}email\.uppercase/);
		app.stdin.write('a');
		await waitFor(app.lastFrame, 'Fixes for the rule email.uppercase');
		app.stdin.write('\r');
		const preview = await waitFor(app.lastFrame, 'The fix will apply to all 2 problems of email.uppercase');
		expect(preview).toContain('/emails/0/address: "Ann@Example.com" → "ann@example.com"');
		expect(preview).toContain('record #8');
		app.stdin.write('y');
		await waitFor(app.lastFrame, '2 pending');

		// The pending list: take the rule's fix back (both of its records have other errors anyway)
		app.stdin.write('p');
		await waitFor(app.lastFrame, 'Pending fixes (2)');
		app.stdin.write('k');
		await waitFor(app.lastFrame, '> user-id.generate: record #3 (user-id.invalid)');
		app.stdin.write('j');
		await waitFor(app.lastFrame, '> email.normalise: all 2 problems of email.uppercase');
		app.stdin.write('u');
		const undone = await waitFor(app.lastFrame, 'Pending fixes (1)');
		expect(undone).toContain('> user-id.generate: record #3 (user-id.invalid)');

		// Write: w asks, w again writes; then the output is checked again on the screen
		app.stdin.write('w');
		await waitFor(app.lastFrame, 'w again to write broken.fixed.json (and its rejects, id map, log) with 1 pending fixes');
		app.stdin.write('w');
		const written = await waitFor(app.lastFrame, /checked again below[\s\S]*done in/);
		expect(written).toContain('broken.fixed.json · json-array');
		expect(written).toContain('Wrote 17 records (1 fixed), checked again below; 1 ids replaced (broken.id-map.csv)');
		expect(written).toMatch(/Rejected 28 \(broken\.rejects\.ndjson\): .*\d+ no fix chosen for [a-z.-]+/);
		expect(written).toContain('records 17   valid 17   invalid 0');
		expect(readFileSync(path.join(temp(), 'broken.id-map.csv'), 'utf8')).toMatch(
			/^3,auth0\|5f7c8ec7c33c6c004bbafe82,[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/m,
		);
		expect(existsSync(path.join(temp(), 'broken.rejects.ndjson'))).toBe(true);
		expect(readFileSync(source)).toEqual(before);
	}, 30_000);

	it('takes the write question back when another key comes, also in the pending list', async () => {
		const app = open(path.resolve('fixtures/valid.json'));
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('p');
		await waitFor(app.lastFrame, 'Pending fixes (0)');
		app.stdin.write('w');
		await waitFor(app.lastFrame, 'w again to write valid.fixed.json');
		app.stdin.write('j');
		const calm = await waitFor(app.lastFrame, 'u undo');
		expect(calm).not.toContain('w again');
		expect(existsSync(path.resolve('fixtures/valid.fixed.json'))).toBe(false);
	});
});
