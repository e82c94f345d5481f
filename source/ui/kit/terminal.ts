// The alternate screen and mouse reporting: entered before the app mounts, left on every way out
// (normal exit, crash, SIGINT, SIGTERM, SIGHUP when an SSH link drops), so the person's shell is
// always restored.

import {terminalSafe} from '../../core/text/terminal-safe.js';

const enter = '\u001B[?1049h\u001B[H';
const leave = '\u001B[?1049l\u001B[?25h'; // Also shows the cursor again
// Mouse reporting: 1000 reports presses (the wheel is buttons 64 and 65), 1006 in the SGR form, which
// has no limit of 223 columns and cannot be taken for text (kit/sgr-mouse.ts reads it). Not 1002 or
// 1003: moves are not used, and each would be a report to read.
export const mouseOn = '\u001B[?1000h\u001B[?1006h';
export const mouseOff = '\u001B[?1006l\u001B[?1000l';

/**
 * Whether to turn mouse reporting on: a terminal that can move the cursor (not TERM=dumb), unless
 * `--no-mouse` was given (a terminal that misreads the request, or a person who selects text with the
 * mouse and does not want to hold Shift for it).
 */
export function wantsMouse(flag: boolean, stdout: {isTTY?: boolean}, term = process.env.TERM): boolean {
	return flag && stdout.isTTY === true && term !== undefined && term !== '' && term !== 'dumb';
}

/**
 * Enters the alternate screen (and mouse reporting, when `mouse`); the function returned leaves both.
 * A terminal left reporting the mouse prints garbage at every wheel turn in the shell, so it is turned
 * off on every way out, and while the process is stopped (SIGTSTP, as `kill -TSTP` or a shell's job
 * control sends it: Ctrl+Z itself is a key in raw mode).
 */
export function enterAlternateScreen(
	stdout: NodeJS.WriteStream,
	onSignal: (signal: NodeJS.Signals) => void,
	{mouse = false}: {mouse?: boolean} = {},
): () => void {
	let active = true;
	const restore = () => {
		if (!active) return;
		active = false;
		stdout.write((mouse ? mouseOff : '') + leave);
	};

	const onStop = () => {
		stdout.write(mouseOff);
		// The handler took the stop's place: the process stops now, as it would have without one
		process.kill(process.pid, 'SIGSTOP');
	};

	const onContinue = () => {
		if (active) stdout.write(mouseOn);
	};

	if (mouse) {
		process.on('SIGTSTP', onStop);
		process.on('SIGCONT', onContinue);
	}

	const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
	const handlers = signals.map(signal => {
		const handler = () => {
			restore();
			onSignal(signal);
		};

		process.once(signal, handler);
		return [signal, handler] as const;
	});
	const onCrash = (error: unknown) => {
		restore();
		process.stderr.write(`hanko-tui: ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`);
		process.exit(70);
	};

	process.once('uncaughtException', onCrash);
	process.once('exit', restore);
	stdout.write(enter + (mouse ? mouseOn : ''));
	return () => {
		restore();
		process.off('SIGTSTP', onStop);
		process.off('SIGCONT', onContinue);
		for (const [signal, handler] of handlers) process.off(signal, handler);
		process.off('uncaughtException', onCrash);
		process.off('exit', restore);
	};
}
