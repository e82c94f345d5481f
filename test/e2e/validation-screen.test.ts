import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {type TmuxSession, hasTmux, startTmux} from '../helpers/tmux.js';

const cli = path.resolve('dist/cli.js');

describe.skipIf(!hasTmux)('validation screen in tmux', () => {
	let session: TmuxSession | undefined;
	afterEach(() => {
		session?.kill();
	});

	it('shows the final counts, moves down the list, opens a record, searches an email, shows help, and restores the shell on quit', async () => {
		const s = startTmux(
			`hanko-tui-e2e-${process.pid}`,
			`${process.execPath} ${cli} validate fixtures/broken.json; echo "exited with $?"; sleep 30`,
		);
		session = s;
		const done = await s.waitFor('records 45   valid 15   invalid 30   warnings 18');
		expect(done).toContain('hanko-tui · fixtures/broken.json · json-array · 7.1 kB · Hanko 3.0');
		expect(done).toMatch(/> ✗\s+file\s+1\s+file\.bom/);
		for (const line of done.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);

		s.keys('j', 'j');
		await s.waitFor(/> ✗\s+2\s+3\s+duplicate\.user-id/);
		s.keys('Enter');
		const detail = await s.waitFor(/» +"user_id": "11111111-1111-4111-8111-111111111111",/); // Read again from the file
		expect(detail).toContain('entry 2 · starts at line 3, column 3');
		expect(detail).toContain('✗ duplicate.user-id /user_id: user_id already used by record 0');
		s.keys('q');
		await s.waitFor(/> ✗\s+2\s+3\s+duplicate\.user-id/);

		s.keys('/');
		await s.waitFor('Enter search  Esc close');
		s.type('erin@');
		// The query on the screen before Enter, so that the two are never one read
		await s.waitFor('/erin@▏');
		s.keys('Enter');
		await s.waitFor(/> ✗\s+6\s+7\s+email\.invalid\s+erin@localhost/);
		await s.waitFor('hit 1/1 for "erin@" (n/N)');

		s.keys('G');
		await s.waitFor(/> !\s+file\s+53\s+file\.trailing-data/);

		s.keys('?');
		await s.waitFor(/Ctrl\+d +half a page down/);
		s.keys('q');
		await s.waitFor('(n/N)   / search  f filter  enter open  p pending  w write  ? help  q back/quit'); // The lower-ranked keys give way to the search's hits

		s.keys('q');
		const after = await s.waitFor('exited with 1');
		expect(after).not.toContain('records 45'); // The alternate screen is gone
	}, 40_000);

	it('draws no colour or other styling when NO_COLOR is set, and still marks the selected row', async () => {
		const s = startTmux(
			`hanko-tui-e2e-nc-${process.pid}`,
			`NO_COLOR=1 ${process.execPath} ${cli} validate fixtures/broken.json; sleep 30`,
		);
		session = s;
		await s.waitFor('records 45   valid 15   invalid 30   warnings 18');
		const styled = s.screen(true);
		expect(styled).toMatch(/> ✗\s+file\s+1\s+file\.bom/);
		expect(styled).not.toMatch(/\u001B\[[\d;]*m/);
	}, 30_000);
});

describe.skipIf(!hasTmux)('validation screen in tmux, a path that cannot be read', () => {
	let session: TmuxSession | undefined;
	afterEach(() => {
		session?.kill();
	});

	it('shows why on the screen instead of a stack trace, and exits 2', async () => {
		const s = startTmux(
			`hanko-tui-e2e-bad-${process.pid}`,
			`${process.execPath} ${cli} validate /etc/passwd/x 2>&1; echo "exited with $?"; sleep 30`,
		);
		session = s;
		const shown = await s.waitFor('stopped at 1:1: cannot read the file: ENOTDIR');
		expect(shown).toContain('The file could not be read to its end');
		expect(shown).not.toContain('No problems');
		s.keys('q');
		const after = await s.waitFor('exited with 2');
		expect(after).not.toMatch(/^\s+at /m);
	}, 30_000);
});
