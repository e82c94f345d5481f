import path from 'node:path';
import process from 'node:process';
import {type SourceKind, sourceKinds} from '../core/convert/source-kinds.js';
import {terminalSafe} from '../core/text/terminal-safe.js';
import {UserError} from '../core/errors.js';
import {defineCommand} from './shared/command.js';
import {interruptedExitCodes, helpText} from './shared/help-text.js';
import {onTerminal} from './shared/on-terminal.js';
import {runScreen} from './shared/run-screen.js';
import {
	checkedHankoVersion,
	choice,
	hankoVersionFlag,
	hankoVersionHelp,
	mouseFlag,
	mouseHelp,
	jsonFlag,
	jsonHelp,
	progressFlags,
	progressHelp,
	checkedSplit,
	splitFlag,
	splitHelp,
} from './shared/shared-flags.js';
import {UsageError} from './shared/usage-error.js';

type Aside = {
	out?: string;
	passwords?: string;
	hashConfig?: string;
	includeDisabled: boolean;
	rejects?: string;
	map?: string;
	profile?: string;
	mouse: boolean;
};

/** `hanko-tui convert` on a terminal: the convert screen, once the file is known to be an export. */
async function convertOnScreen(
	file: string,
	from: SourceKind | undefined,
	flags: Aside,
	hankoVersion: string | undefined,
): Promise<number> {
	const [{detectSource}, {UnknownSourceError}, {describeIoError}] = await Promise.all([
		import('../core/convert/detect-source.js'), // loaded only now (see command-list.ts)
		import('../core/convert/convert-run.js'),
		import('../core/engine/read-batches.js'),
	]);
	let layout;
	try {
		layout = await detectSource(file, from);
	} catch (error) {
		process.stderr.write(
			`hanko-tui: ${error instanceof UserError ? terminalSafe(error.message) : `${terminalSafe(file)}: cannot read the file: ${describeIoError(error)}`}\n`,
		);
		return 2;
	}

	if (!layout) {
		process.stderr.write(`hanko-tui: ${terminalSafe(new UnknownSourceError(file).message)}\n`);
		return 2;
	}

	const aside = layout.kind === 'firebase' ? flags.hashConfig : flags.passwords;
	return runScreen({
		convert: {
			file: path.resolve(file),
			layout,
			out: flags.out,
			aside,
			includeDisabled: flags.includeDisabled,
			rejects: flags.rejects,
			map: flags.map,
			profile: flags.profile,
		},
		hankoVersion,
		mouse: flags.mouse,
	});
}

export const convert = defineCommand({
	name: 'convert',
	synopsis: 'convert <file>',
	summary: "an Auth0, Firebase, Supabase, Clerk or Cognito export into Hanko's format",
	flags: {
		...jsonFlag,
		...progressFlags,
		...hankoVersionFlag,
		...mouseFlag,
		...splitFlag,
		out: {type: 'string'},
		from: {type: 'string'},
		passwords: {type: 'string'},
		hashConfig: {type: 'string'},
		includeDisabled: {type: 'boolean', default: false},
		rejects: {type: 'string'},
		map: {type: 'string'},
		profile: {type: 'string'},
	},
	help: helpText({
		about: [
			"Converts another provider's user export (Auth0, Firebase, Supabase, Clerk, Cognito) into Hanko's",
			'import format, with a loss report, and checks the result.',
		],
		usage: ['convert <file> --out <file>'],
		notes: [
			'The provider is read from the content; JSON, NDJSON or CSV, gzipped or not. On a terminal the',
			'convert screen opens (it offers a name beside the export when --out is missing); with --json, or',
			'when input or output is not a terminal, it prints the loss report instead.',
		],
		options: [
			'--out <file>        the import file (also <name>.rejects.ndjson and <name>.id-map.csv beside it)',
			'--from <provider>   auth0, firebase, supabase, clerk or cognito, when detection cannot tell; a file',
			"                    that is not that provider's export is refused",
			"--passwords <file>  Auth0's separate password-hash export (NDJSON)",
			"--hash-config <f>   Firebase's password hash parameters (from its console), for $fbscrypt$ hashes",
			'--include-disabled  keep blocked, banned and disabled users instead of rejecting them',
			'--rejects <path>    the users that could not be converted, NDJSON',
			'--map <path>        the users whose id was replaced, CSV',
			'--profile <file>    names, pictures and metadata the import file cannot hold, NDJSON by user_id,',
			'                    for hanko-tui apply-profile to set through the Admin API after the import',
			...splitHelp,
			jsonHelp,
			...progressHelp,
			...hankoVersionHelp,
			mouseHelp,
		],
		exitCodes: [
			'0  converted, and Hanko will accept the output',
			'1  records of the output still have errors, or no user could be converted',
			"2  the export could not be read or is not --from's, the files could not be written, or a usage error",
			interruptedExitCodes,
		],
		examples: [
			'hanko-tui convert auth0-users.ndjson --passwords auth0-passwords.ndjson --out users.json',
			'hanko-tui convert firebase-users.json --hash-config hash-config.txt --out users.json',
			'hanko-tui convert clerk-users.csv --out users.json --json > loss-report.json',
			'hanko-tui convert auth0-users.ndjson --out users.json --profile users.profile.ndjson',
			'hanko-tui convert firebase-users.json --out users.json --split 50MB',
		],
	}),
	async run(input, flags) {
		if (input.length !== 1) throw new UsageError('convert needs exactly one file: hanko-tui convert <file> --out <file>');
		const split = checkedSplit(flags.split);
		// The convert screen offers no split: with --split the report is printed, as without a terminal
		const screen = onTerminal(flags.json) && split === undefined;
		// On a terminal the screen offers a name beside the export
		if (!screen && !flags.out) throw new UsageError('convert needs --out <file>');
		const from = choice('from', flags.from, sourceKinds);
		const hankoVersion = checkedHankoVersion(flags.hankoVersion);
		const file = input[0]!;
		if (screen) return convertOnScreen(file, from, flags, hankoVersion);
		const [{defaultConvertFiles}, {convertHeadless}] = await Promise.all([
			import('../core/convert/convert-run.js'), // loaded only now (see command-list.ts)
			import('./convert-headless.js'),
		]);
		const files = defaultConvertFiles(file, flags.out);
		return convertHeadless(file, {
			from,
			passwords: flags.passwords,
			hashConfig: flags.hashConfig,
			includeDisabled: flags.includeDisabled,
			json: flags.json,
			quiet: flags.quiet,
			progress: flags.progress,
			hankoVersion,
			split,
			files: {
				out: files.out,
				rejects: flags.rejects ?? files.rejects,
				map: flags.map ?? files.map,
				...(flags.profile !== undefined && {profile: flags.profile}),
			},
		});
	},
});
