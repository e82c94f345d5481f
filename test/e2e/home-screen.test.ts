import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {type TmuxSession, hasTmux, startTmux} from '../helpers/tmux.js';

const cli = path.resolve('dist/cli.js');

describe.skipIf(!hasTmux)('home screen in tmux', () => {
	let session: TmuxSession | undefined;
	let configDir: string | undefined;
	afterEach(() => {
		session?.kill();
		if (configDir) rmSync(configDir, {recursive: true, force: true});
	});

	it('opens a file typed with Tab completion, comes back to the home screen with q, and remembers the file', async () => {
		configDir = mkdtempSync(path.join(tmpdir(), 'hanko-tui-config-'));
		const s = startTmux(
			`hanko-tui-e2e-home-${process.pid}`,
			`HANKO_TUI_CONFIG_DIR=${configDir} ${process.execPath} ${cli}; echo "exited with $?"; sleep 30`,
			80,
			24,
		);
		session = s;
		const home = await s.waitFor('Recent files: none yet');
		expect(home).toContain('> Open a file…');
		expect(home).toContain('Export users');

		s.keys('Enter');
		await s.waitFor('File to check: ▏');
		s.type('fixtures/bro');
		s.keys('Tab');
		await s.waitFor('File to check: fixtures/broken.json▏');
		s.keys('Enter');
		const checked = await s.waitFor('records 45   valid 15   invalid 30   warnings 18');
		for (const line of checked.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);

		s.keys('q');
		await s.waitFor(`  ${path.resolve('fixtures/broken.json')}`);
		expect(JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8'))).toMatchObject({
			recent: [path.resolve('fixtures/broken.json')],
		});
		s.keys('q');
		await s.waitFor('exited with 0');
	}, 40_000);
});
