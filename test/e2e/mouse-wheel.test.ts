import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';
import {type TmuxSession, hasTmux, startTmux} from '../helpers/tmux.js';

const cli = path.resolve('dist/cli.js');

// What tmux knows of the pane: whether the program in it asked for mouse reports (any mode) and SGR ones
function mouseFlags(session: TmuxSession): string {
	return execFileSync('tmux', ['-L', session.name, 'display', '-p', '-t', session.name, '#{mouse_any_flag} #{mouse_sgr_flag}'], {
		encoding: 'utf8',
	}).trim();
}

// A wheel report as the terminal sends it, byte by byte (send-keys -H: no key names, nothing translated)
function wheel(session: TmuxSession, direction: 'up' | 'down'): void {
	const bytes = [...Buffer.from(`\u001B[<${direction === 'up' ? 64 : 65};10;10M`)].map(byte => byte.toString(16).padStart(2, '0'));
	session.keys('-H', ...bytes);
}

async function until(done: () => boolean, what: string): Promise<void> {
	const started = Date.now();
	while (!done()) {
		if (Date.now() - started > 15_000) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
	}
}

describe.skipIf(!hasTmux)('the mouse wheel in tmux', () => {
	const tempDir = useTempDir();
	let session: TmuxSession | undefined;
	afterEach(() => {
		session?.kill();
	});

	it('moves the problem list, and the terminal is out of mouse mode after quitting', async () => {
		const s = startTmux(
			`hanko-tui-e2e-mouse-${process.pid}`,
			`${process.execPath} ${cli} validate fixtures/broken.json; echo "exited with $?"; sleep 30`,
		);
		session = s;
		await s.waitFor('records 45   valid 15   invalid 30   warnings 18');
		expect(mouseFlags(s)).toBe('1 1');

		wheel(s, 'down');
		wheel(s, 'down');
		await s.waitFor('row 3/57');
		wheel(s, 'up');
		const moved = await s.waitFor('row 2/57');
		expect(moved).not.toContain('[<');

		s.keys('q');
		await s.waitFor('exited with 1');
		expect(mouseFlags(s)).toBe('0 0');
	});

	it('asks for no mouse reports with --no-mouse', async () => {
		const s = startTmux(
			`hanko-tui-e2e-nomouse-${process.pid}`,
			`${process.execPath} ${cli} validate --no-mouse fixtures/broken.json; echo "exited with $?"; sleep 30`,
		);
		session = s;
		await s.waitFor('records 45   valid 15   invalid 30   warnings 18');
		expect(mouseFlags(s)).toBe('0 0');
		s.keys('j');
		await s.waitFor('row 2/57');
		s.keys('q');
		await s.waitFor('exited with 1');
	});

	it('turns mouse mode off while stopped, and when killed with SIGTERM', async () => {
		const pidFile = path.join(tempDir(), 'pid');
		const s = startTmux(
			`hanko-tui-e2e-mouseterm-${process.pid}`,
			// The shell writes down its number and becomes the CLI (exec): that number is the CLI's
			`sh -c 'echo $$ > ${pidFile}; exec ${process.execPath} ${cli} validate fixtures/broken.json'; echo "exited with $?"; sleep 30`,
		);
		session = s;
		await s.waitFor('records 45   valid 15   invalid 30   warnings 18');
		await until(() => mouseFlags(s) === '1 1', 'mouse mode on');
		const pid = Number(readFileSync(pidFile, 'utf8'));
		expect(pid).toBeGreaterThan(0);
		// Stopped (as job control stops it), the terminal is left to the shell: no mouse mode; back when continued
		process.kill(pid, 'SIGTSTP');
		await until(() => mouseFlags(s) === '0 0', 'mouse mode off while stopped');
		process.kill(pid, 'SIGCONT');
		await until(() => mouseFlags(s) === '1 1', 'mouse mode on again');
		process.kill(pid, 'SIGTERM');
		await s.waitFor('exited with 143');
		expect(mouseFlags(s)).toBe('0 0');
	});
});
