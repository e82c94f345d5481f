import {isatty} from 'node:tty';

/**
 * Whether a command opens its screen: it needs a terminal both ways, and scripts, pipes and --json get
 * the report. Asked of the descriptors: process.stdin would make a pipe or socket on fd 0
 * non-blocking, and `validate -` reads it.
 */
export function onTerminal(json: boolean | undefined): boolean {
	return isatty(0) && isatty(1) && !json;
}
