import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

// The built CLI in a real terminal (tmux), as a person sees it. .ci/run installs tmux.
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export type TmuxSession = {
	name: string;
	keys: (...keys: string[]) => void;
	/** Types text literally (no key names). */
	type: (text: string) => void;
	/** The screen's text; with `styles`, including the escape sequences of colours and attributes. */
	screen: (styles?: boolean) => string;
	waitFor: (text: string | RegExp, timeoutMs?: number) => Promise<string>;
	kill: () => void;
};

/**
 * Every session has a tmux server of its own (`-L <name>`): on a shared server, the end of the last
 * session stops the server while another test file may be starting one on it ("server exited
 * unexpectedly").
 */
const server = (name: string) => ['-L', name];

export function tmuxSession(name: string): TmuxSession {
	const tmux = (...args: string[]) => execFileSync('tmux', [...server(name), ...args], {encoding: 'utf8'});
	const screen = (styles = false) => tmux('capture-pane', '-p', ...(styles ? ['-e'] : []), '-t', name);
	return {
		name,
		keys(...keys) {
			tmux('send-keys', '-t', name, ...keys);
		},
		type(text) {
			tmux('send-keys', '-t', name, '-l', text);
		},
		screen,
		async waitFor(text, timeoutMs = 15_000) {
			const started = Date.now();
			for (;;) {
				const current = screen();
				if (typeof text === 'string' ? current.includes(text) : text.test(current)) return current;
				if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${String(text)} on the screen:\n${current}`);

				await new Promise(resolve => {
					setTimeout(resolve, 50);
				});
			}
		},
		kill() {
			spawnSync('tmux', [...server(name), 'kill-server']);
		},
	};
}

/**
 * Starts `command` (a shell line) in a detached session of `columns` x `rows`. The screen keeps its
 * recent files in HANKO_TUI_CONFIG_DIR: a throwaway folder unless the command sets its own, so tests
 * never touch the user's settings.
 */
export function startTmux(name: string, command: string, columns = 100, rows = 30): TmuxSession {
	const config = mkdtempSync(path.join(tmpdir(), 'hanko-tui-e2e-config-'));
	execFileSync('tmux', [
		...server(name),
		'new-session',
		'-d',
		'-s',
		name,
		'-x',
		String(columns),
		'-y',
		String(rows),
		`export HANKO_TUI_CONFIG_DIR=${config}; ${command}`,
	]);
	const session = tmuxSession(name);
	return {
		...session,
		kill() {
			session.kill();
			rmSync(config, {recursive: true, force: true});
		},
	};
}
