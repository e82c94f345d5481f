// The alternate screen: entered before the app mounts, left on every way out (normal exit, crash,
// SIGINT, SIGTERM, SIGHUP when an SSH link drops), so the person's shell is always restored.

import {terminalSafe} from '../../core/text/terminal-safe.js';

const enter = '\u001B[?1049h\u001B[H';
const leave = '\u001B[?1049l\u001B[?25h'; // Also shows the cursor again

export function enterAlternateScreen(stdout: NodeJS.WriteStream, onSignal: (signal: NodeJS.Signals) => void): () => void {
	let active = true;
	const restore = () => {
		if (!active) return;
		active = false;
		stdout.write(leave);
	};

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
	stdout.write(enter);
	return () => {
		restore();
		for (const [signal, handler] of handlers) process.off(signal, handler);
		process.off('uncaughtException', onCrash);
		process.off('exit', restore);
	};
}
