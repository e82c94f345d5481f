#!/usr/bin/env node
import './early-flags.js';
import process from 'node:process';
import type {Command} from './commands/shared/command.js';
import {helpCommand, readCommandLine} from './commands/shared/command-line.js';
import {UsageError, reportUsageError} from './commands/shared/usage-error.js';

// The command line, then the command: it chooses its screen or its headless run
let command: Command | undefined;
try {
	const line = readCommandLine(process.argv.slice(2), import.meta);
	if ('print' in line) {
		process.stdout.write(line.print);
	} else {
		command = line.command;
		process.exitCode = await command.run(line.input, line.flags);
	}
} catch (error) {
	if (!(error instanceof UsageError)) throw error;
	error.help ??= helpCommand(command);
	process.exitCode = reportUsageError(error);
}
