import {applyProfile} from './apply-profile.js';
import {convert} from './convert.js';
import {demo} from './demo.js';
import {exportCommand} from './export.js';
import {preflight} from './preflight.js';
import {verify} from './verify.js';
import {fix} from './fix.js';
import {mockApi} from './mock-api.js';
import type {Command} from './shared/command.js';
import {validate} from './validate.js';

/**
 * Every command, in the order `hanko-tui --help` lists them. Each loads what it runs only when it runs
 * (its headless module, the screens, undici): loading every command's code up front took about 110 ms
 * before a command began (measured on 2 Xeon cores), against about 15 ms for their definitions.
 */
export const commands: readonly Command[] = [validate, fix, convert, preflight, verify, applyProfile, exportCommand, mockApi, demo];

export function findCommand(name: string): Command | undefined {
	return commands.find(command => command.name === name);
}

/** `hanko-tui --help`: one line a command; each command's own help has its options. */
export function generalHelp(): string {
	const rows = [
		['', 'on a terminal: the home screen (open a file, recent files)'],
		...commands.map(command => [command.synopsis, command.summary]),
	] as const;
	const width = Math.max(...rows.map(([synopsis]) => synopsis.length));
	return [
		'',
		'  Validate, fix and export Hanko user import files from the terminal',
		'',
		'  Usage',
		...rows.map(([synopsis, summary]) => `    $ hanko-tui ${synopsis.padEnd(width)}  ${summary}`),
		'',
		'  hanko-tui <command> --help (or hanko-tui help <command>) for its options, examples and exit codes;',
		'  hanko-tui --version for the version. The screens scroll with the mouse wheel; --no-mouse (on any',
		'  command that opens one, hanko-tui alone too) leaves the mouse to the terminal.',
		'',
	].join('\n');
}
