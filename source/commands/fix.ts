import {type RuleCode, isRuleCode} from '../core/rules/catalogue.js';
import {defineCommand} from './shared/command.js';
import {importFileFormats, interruptedExitCodes, helpText} from './shared/help-text.js';
import {
	checkCheckers,
	checkedHankoVersion,
	checkersFlag,
	checkersHelp,
	choice,
	hankoVersionFlag,
	hankoVersionHelp,
	jsonFlag,
	jsonHelp,
	progressFlags,
	progressHelp,
	checkedSplit,
	splitFlag,
	splitHelp,
} from './shared/shared-flags.js';
import {UsageError} from './shared/usage-error.js';

export const fix = defineCommand({
	name: 'fix',
	synopsis: 'fix <file>',
	summary: 'write a corrected copy with every safe fix',
	flags: {
		...jsonFlag,
		...progressFlags,
		...checkersFlag,
		...hankoVersionFlag,
		...splitFlag,
		out: {type: 'string'},
		rejects: {type: 'string'},
		map: {type: 'string'},
		log: {type: 'string'},
		resets: {type: 'string'},
		uuid: {type: 'string'},
		primary: {type: 'string'},
		duplicates: {type: 'string'},
		only: {type: 'string'},
	},
	help: helpText({
		about: [
			'Writes a corrected copy of an import file with every safe fix, the records still refused beside it,',
			'and checks each record of the copy as it writes it. The source is never changed. Also on a terminal,',
			'it prints a report.',
		],
		usage: ['fix <file>'],
		notes: importFileFormats,
		options: [
			'--out <path>        the corrected file (default <name>.fixed.json beside the source)',
			...splitHelp,
			'--rejects <path>    records still refused, NDJSON (default <name>.rejects.ndjson)',
			'--map <path>        replaced user ids, CSV record,old_user_id,new_user_id (default <name>.id-map.csv)',
			'--log <path>        every change, NDJSON (default <name>.fix-log.ndjson)',
			'--resets <path>     users whose unusable password hash was removed, CSV record,user_id,email,username,note',
			'                    (default <name>.password-resets.csv): ask them to reset their password',
			'--uuid <mode>       new user ids: random (default) or stable (the same on every run)',
			'--primary <mode>    primary email: first-verified (default) or first',
			'--duplicates <how>  later duplicates: reject (default) or drop-email (drop a taken address)',
			'--only <codes>      fix only these rule codes, comma-separated (also fixes that are not safe)',
			jsonHelp,
			...progressHelp,
			checkersHelp,
			...hankoVersionHelp,
		],
		exitCodes: [
			'0  the output has no errors',
			'1  the output still has errors',
			'2  the source could not be read to its end, the files could not be written, or a usage error',
			interruptedExitCodes,
		],
		examples: [
			'hanko-tui fix users.json',
			'hanko-tui fix users.json --uuid stable --out users.hanko.json',
			'hanko-tui fix users.json --split 50MB   # users.fixed-001.json, … for the Cloud Console',
			'hanko-tui fix users.json --only email.uppercase,user-id.invalid --json > fix-report.json',
		],
	}),
	async run(input, flags) {
		if (input.length !== 1) throw new UsageError('fix needs exactly one file: hanko-tui fix <file>');
		checkCheckers(flags.checkers);
		const hankoVersion = checkedHankoVersion(flags.hankoVersion);
		const split = checkedSplit(flags.split);
		const file = input[0]!;
		const only = flags.only
			?.split(',')
			.map(code => code.trim())
			.filter(Boolean);
		const unknownCodes = only?.filter(code => !isRuleCode(code));
		if (unknownCodes?.length) throw new UsageError(`--only: unknown rule code ${unknownCodes.join(', ')} (see docs/rules.md)`);
		const [{planFromFlags}, {defaultFixFiles}, {fixHeadless}] = await Promise.all([
			import('../core/fixes/fix-plan.js'), // loaded only now (see command-list.ts)
			import('../core/fixes/write-fixed.js'),
			import('./fix-headless.js'),
		]);
		const plan = planFromFlags({
			options: {
				uuid: choice('uuid', flags.uuid, ['random', 'stable'] as const),
				primary: choice('primary', flags.primary, ['first-verified', 'first'] as const),
			},
			only: only as RuleCode[] | undefined,
			duplicates: choice('duplicates', flags.duplicates, ['reject', 'drop-email'] as const),
		});
		const defaults = defaultFixFiles(file, flags.out);
		const files = {
			out: defaults.out,
			rejects: flags.rejects ?? defaults.rejects,
			map: flags.map ?? defaults.map,
			log: flags.log ?? defaults.log,
			resets: flags.resets ?? defaults.resets,
		};
		return fixHeadless(file, {
			plan,
			files,
			json: flags.json,
			quiet: flags.quiet,
			progress: flags.progress,
			checkers: flags.checkers,
			hankoVersion,
			split,
		});
	},
});
