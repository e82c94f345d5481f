import {constants, existsSync, statSync} from 'node:fs';
import {access, stat} from 'node:fs/promises';
import path from 'node:path';
import {describeIoError} from '../../core/engine/read-batches.js';
import {terminalSafe} from '../../core/text/terminal-safe.js';

// Checked before any work starts, so that a mistyped path is one line and exit code 2 rather than a
// report of 0 records or a file system error from deep inside a writer.

/** Why `file` cannot be read (`hanko-tui: <file>: no such file`), or undefined when it can be tried. */
export async function unreadableInput(file: string): Promise<string | undefined> {
	if (file === '-') return undefined; // Standard input: whatever it is, reading it tells
	try {
		const found = await stat(file);
		if (found.isDirectory()) return `${terminalSafe(file)}: is a directory, not a file`;
		// Not opened: opening a FIFO would wait for its writer
		if (found.isFile()) await access(file, constants.R_OK);
		return undefined;
	} catch (error) {
		return `${terminalSafe(file)}: ${describeIoError(error)}`;
	}
}

/** Why one of `files` (flag, path) cannot be written because of its folder, with what to do; undefined when all can be tried. */
export function unwritableOutput(files: Iterable<readonly [flag: string, file: string]>): string | undefined {
	for (const [flag, file] of files) {
		const folder = path.dirname(path.resolve(file));
		if (!existsSync(folder))
			return `cannot write ${terminalSafe(file)}: the folder ${terminalSafe(folder)} does not exist (create it, or choose another ${flag})`;
		if (!statSync(folder).isDirectory())
			return `cannot write ${terminalSafe(file)}: ${terminalSafe(folder)} is not a folder (choose another ${flag})`;
	}

	return undefined;
}
