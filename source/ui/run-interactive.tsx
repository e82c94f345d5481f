import {render} from 'ink';
import {ValidationRun} from '../core/engine/validation-run.js';
import {App} from './app.js';
import {RunStore} from './run-store.js';
import {enterAlternateScreen} from './terminal.js';

const signalCodes: Partial<Record<NodeJS.Signals, number>> = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143};

/** `hanko-tui validate <file>` on a terminal: the validation screen, until the person quits. */
export async function validateInteractive(file: string): Promise<number> {
	// The list keeps up to two million problems (about 50 MB); the counts go on past that
	const run = new ValidationRun(file, {maxStoredProblems: 2_000_000}).start();
	const store = new RunStore(run);
	const restore = enterAlternateScreen(process.stdout, signal => {
		void run.cancel().finally(() => process.exit(signalCodes[signal] ?? 1));
	});
	try {
		const app = render(<App store={store}/>, {exitOnCtrlC: false, maxFps: 15, patchConsole: true});
		await app.waitUntilExit();
	} finally {
		restore();
	}

	// Same codes as the report; quitting before the end counts as an interruption
	const {stats} = run;
	if (!stats.done) return signalCodes.SIGINT!;
	if (stats.fatal) return 2;
	return stats.invalid === 0 ? 0 : 1;
}
