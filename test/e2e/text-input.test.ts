import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {type TmuxSession, hasTmux, startTmux} from '../helpers/tmux.js';

// Keys that reach the program in one read, as a held key or a slow SSH link sends them: the path input
// takes them as a sequence (kit/text-input.ts), in a real terminal.

const cli = path.resolve('dist/cli.js');

describe.skipIf(!hasTmux)('text input in tmux', () => {
	let session: TmuxSession | undefined;
	let configDir: string | undefined;
	afterEach(() => {
		session?.kill();
		if (configDir) rmSync(configDir, {recursive: true, force: true});
	});

	it('takes a burst with backspaces in it as backspaces, edits at the cursor, and a quoted path and its return in one read open the file', async () => {
		configDir = mkdtempSync(path.join(tmpdir(), 'hanko-tui-config-'));
		const s = startTmux(
			`hanko-tui-e2e-text-input-${process.pid}`,
			`HANKO_TUI_CONFIG_DIR=${configDir} ${process.execPath} ${cli}; echo "exited with $?"; sleep 30`,
			80,
			24,
		);
		session = s;
		await s.waitFor('Recent files: none yet');
		s.keys('o');
		await s.waitFor('File to check: ▏');
		// One send-keys: the text and three DELs (what Backspace sends) arrive together
		s.type('fixtures/broken.jsonxyz\u007F\u007F\u007F');
		const field = await s.waitFor('File to check: fixtures/broken.json▏');
		expect(field).not.toContain('?');
		expect(field).not.toContain('xyz');
		s.keys('Left', 'Left', 'Left', 'Left', 'Left');
		await s.waitFor('File to check: fixtures/broken▏.json');
		s.keys('C-w');
		await s.waitFor('File to check: fixtures/▏.json');
		s.keys('C-u');
		await s.waitFor('File to check: ▏.json');
		s.keys('C-k');
		await s.waitFor('File to check: ▏');
		s.type("'fixtures/broken.json'\r");
		await s.waitFor('records 45   valid 15   invalid 30   warnings 18');
		s.keys('q');
		await s.waitFor('Recent files');
		s.keys('q');
		await s.waitFor('exited with 0');
	}, 40_000);
});
