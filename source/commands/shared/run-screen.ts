import process from 'node:process';
import type {runInteractive} from '../../ui/app/run-interactive.js';

export type ScreenOptions = Parameters<typeof runInteractive>[0];

/** The screens, loaded only now: a headless run never loads React and Ink. */
export async function runScreen(options: ScreenOptions): Promise<number> {
	// A person is at this terminal: with CI set (a shell inherited from a build job, say), Ink would
	// draw nothing until exit. It reads the variable when loaded, hence before the import.
	delete process.env.CI;
	// NO_COLOR means no styling at all: Ink's colour library heeds FORCE_COLOR=0, not NO_COLOR
	if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
	// React's development build checks every element and doubles the cost of each frame (measured
	// during a 1M-record run); the production one is chosen when it is loaded
	process.env.NODE_ENV ??= 'production';
	return (await import('../../ui/app/run-interactive.js')).runInteractive(options);
}
