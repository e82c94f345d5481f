import {execFileSync, spawnSync} from 'node:child_process';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';

// The built CLI in a real terminal (tmux, 100x30), as a person sees it. .ci/run installs tmux.
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `hanko-tui-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});
const screen = () => tmux('capture-pane', '-p', '-t', session);

async function waitForScreen(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
	const started = Date.now();
	for (;;) {
		const current = screen();
		if (typeof text === 'string' ? current.includes(text) : text.test(current)) return current;
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${String(text)} on the screen:\n${current}`);
		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
	}
}

describe.skipIf(!hasTmux)('validation screen in tmux', () => {
	afterEach(() => {
		spawnSync('tmux', ['kill-session', '-t', session]);
	});

	it('shows the final counts, moves down the list, opens a record, searches an email, shows help, and restores the shell on quit', async () => {
		const cli = path.resolve('dist/cli.js');
		tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', `${process.execPath} ${cli} validate fixtures/broken.json; echo "exited with $?"; sleep 30`);
		const done = await waitForScreen('records 25   valid 6   invalid 19   warnings 9');
		expect(done).toContain('hanko-tui · fixtures/broken.json · json-array · 3.6 kB');
		expect(done).toMatch(/> !\s+file\s+1\s+file\.bom/);
		for (const line of done.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);

		tmux('send-keys', '-t', session, 'j', 'j');
		await waitForScreen(/> ✗\s+#1\s+3\s+duplicate\.user-id/);
		tmux('send-keys', '-t', session, 'Enter');
		const detail = await waitForScreen(/» +"user_id": "11111111-1111-4111-8111-111111111111",/); // Read again from the file
		expect(detail).toContain('record #1 · starts at line 3, column 3');
		expect(detail).toContain('✗ duplicate.user-id /user_id: user_id already used by record 0');
		tmux('send-keys', '-t', session, 'q');
		await waitForScreen(/> ✗\s+#1\s+3\s+duplicate\.user-id/);

		tmux('send-keys', '-t', session, '/');
		await waitForScreen('Enter search  Esc close');
		tmux('send-keys', '-t', session, '-l', 'erin@');
		tmux('send-keys', '-t', session, 'Enter');
		await waitForScreen(/> ✗\s+#5\s+7\s+email\.invalid\s+erin@localhost/);
		await waitForScreen('1 hit for "erin@" (n/N)');

		tmux('send-keys', '-t', session, 'G');
		await waitForScreen(/> ✗\s+#23\s+30\s+record\.not-object/);

		tmux('send-keys', '-t', session, '?');
		await waitForScreen('Ctrl+d   half a page down');
		tmux('send-keys', '-t', session, 'q');
		await waitForScreen('j/k move  / search  f filter  enter open  ? help  q back/quit');

		tmux('send-keys', '-t', session, 'q');
		const after = await waitForScreen('exited with 1');
		expect(after).not.toContain('records 25'); // The alternate screen is gone
	}, 40_000);
});
