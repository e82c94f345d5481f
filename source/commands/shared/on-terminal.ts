import {isatty} from 'node:tty';

/**
 * Whether a command opens its screen: it needs a terminal both ways, and scripts, pipes and --json get
 * the report. Asked of the descriptors: process.stdin would make a pipe or socket on fd 0
 * non-blocking, and `validate -` reads it. A dumb terminal (TERM=dumb: Emacs shells, some CI
 * consoles) cannot move the cursor or switch screens, so it gets the line-mode output too.
 */
export function onTerminal(json: boolean | undefined, term = process.env.TERM): boolean {
	return isatty(0) && isatty(1) && !json && term !== 'dumb';
}
