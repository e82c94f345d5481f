import {defineCommand} from './shared/command.js';
import {importFileFormats, interruptedExitCodes, helpText} from './shared/help-text.js';
import {onTerminal} from './shared/on-terminal.js';
import {runScreen} from './shared/run-screen.js';
import {reportFlags, reportHelp, reportOptions} from './shared/report-flags.js';
import {mouseFlag, mouseHelp} from './shared/shared-flags.js';
import {UsageError} from './shared/usage-error.js';

export const validate = defineCommand({
	name: 'validate',
	synopsis: 'validate <file>',
	summary: 'check an import file against what Hanko accepts',
	flags: {...reportFlags, ...mouseFlag},
	help: helpText({
		about: ['Checks an import file against what Hanko accepts, record by record and as a whole.'],
		usage: ['validate <file>'],
		notes: [
			'On a terminal it opens an interactive screen (press ? there for the keys);',
			'with --json, or when input or output is not a terminal, it prints a report instead.',
			'',
			...importFileFormats,
			'A file named - is standard input.',
		],
		options: [...reportHelp, mouseHelp],
		exitCodes: [
			'0  no errors (warnings allowed)',
			'1  at least one record Hanko would refuse, or the file as a whole',
			'2  the file could not be read to its end, or a usage error',
			interruptedExitCodes,
		],
		examples: [
			'hanko-tui validate users.json',
			'hanko-tui validate export.ndjson.gz --json > report.json',
			'curl -s https://example.com/users.ndjson | hanko-tui validate - --max-issues 0 --json',
			'hanko-tui validate users.json --hanko-version 2.1',
		],
	}),
	async run(input, flags) {
		if (input.length !== 1) throw new UsageError('validate needs exactly one file: hanko-tui validate <file>');
		const options = reportOptions(flags);
		const {hankoVersion} = options;
		const file = input[0]!;
		if (!onTerminal(flags.json)) {
			const {validateHeadless} = await import('./validate-headless.js'); // loaded only now (see command-list.ts)
			return validateHeadless(file, options);
		}

		return runScreen({file, remember: true, hankoVersion, mouse: flags.mouse});
	},
});
