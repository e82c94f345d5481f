import process from 'node:process';
import {generalHelp} from './command-list.js';
import {defineCommand} from './shared/command.js';
import {onTerminal} from './shared/on-terminal.js';
import {runScreen} from './shared/run-screen.js';
import {checkedHankoVersion, hankoVersionFlag, mouseFlag} from './shared/shared-flags.js';

/**
 * `hanko-tui` without a command: the home screen on a terminal; elsewhere there is nothing to do, and
 * the list of commands is shown. Not in that list itself: it has no name to type.
 */
export const home = defineCommand({
	name: '',
	synopsis: '',
	summary: 'on a terminal: the home screen (open a file, recent files)',
	flags: {...hankoVersionFlag, ...mouseFlag},
	help: '',
	async run(_input, flags) {
		const hankoVersion = checkedHankoVersion(flags.hankoVersion);
		if (onTerminal(false)) return runScreen({hankoVersion, mouse: flags.mouse});
		process.stdout.write(generalHelp());
		return 0;
	},
});
