import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {type TmuxSession, hasTmux, startTmux} from '../helpers/tmux.js';

const cli = path.resolve('dist/cli.js');

// A dumb terminal (Emacs shell buffers, some CI consoles) cannot draw a full screen: the command runs
// as it does in a pipe, with the line-mode report.
describe.skipIf(!hasTmux)('TERM=dumb', () => {
	let session: TmuxSession | undefined;
	afterEach(() => {
		session?.kill();
	});

	it('gets the line-mode report instead of the full-screen UI', async () => {
		const s = startTmux(
			`hanko-tui-e2e-dumb-${process.pid}`,
			`TERM=dumb ${process.execPath} ${cli} validate fixtures/broken.json; echo "exited with $?"; sleep 30`,
			80,
			24,
		);
		session = s;
		const done = await s.waitFor('exited with 1');
		expect(done).toContain('Hanko will refuse this file');
		// No screen was drawn: no status bar of the validation screen
		expect(done).not.toContain('j/k move');
	}, 30_000);
});
