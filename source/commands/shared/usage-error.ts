import process from 'node:process';
import {terminalSafe} from '../../core/text/terminal-safe.js';

export const usageExitCode = 2;

/** A command line hanko-tui cannot run: one line on stderr and exit code 2, never a stack trace. */
export class UsageError extends Error {
	/** The help the line points to, `hanko-tui validate --help`, once the command is known. */
	help?: string;

	/**
	 * @param seeHelp false when the message already says which help to read
	 */
	constructor(
		message: string,
		readonly seeHelp = true,
	) {
		super(message);
		this.name = 'UsageError';
	}
}

/** Writes the one line (the message can hold a file name or a flag's value: made safe to print) and gives the exit code. */
export function reportUsageError(error: UsageError): number {
	process.stderr.write(`hanko-tui: ${terminalSafe(error.message)}${error.seeHelp ? ` (see ${error.help ?? 'hanko-tui --help'})` : ''}\n`);
	return usageExitCode;
}
