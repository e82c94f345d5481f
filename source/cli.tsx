#!/usr/bin/env node
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import meow from 'meow';
import {type RuleCode, isRuleCode} from './core/rules/catalogue.js';
import {planFromFlags} from './core/fixes/fix-plan.js';
import {defaultFixFiles} from './core/fixes/write-fixed.js';
import {fixHeadless} from './headless/fix-headless.js';
import {validateHeadless} from './headless/validate-headless.js';

const cli = meow(`
	Usage
	  $ hanko-tui                     on a terminal: the home screen (open a file, recent files)
	  $ hanko-tui validate <file>     check an import file against what Hanko accepts
	  $ hanko-tui fix <file>          write a corrected copy with every safe fix (the source is never changed)
	  $ hanko-tui --demo              the same on a bundled example with problems of every kind

	On a terminal, validate opens an interactive screen (press ? there for the keys);
	with --json, or when input or output is not a terminal, it prints a report instead.

	Files: a JSON array of users or NDJSON (one user a line), either of them gzipped;
	the format is read from the content, not the name.

	Options
	  --json              print one JSON report on stdout (for scripts)
	  --max-issues <n>    problems listed in the report (default 1000, 0 = all)
	  --checkers <n>      checker threads beside the reader (default: cores - 1)

	Options of fix
	  --out <path>        the corrected file (default <name>.fixed.json beside the source)
	  --rejects <path>    records still refused, NDJSON (default <name>.rejects.ndjson)
	  --map <path>        replaced user ids, CSV record,old_user_id,new_user_id (default <name>.id-map.csv)
	  --log <path>        every change, NDJSON (default <name>.fix-log.ndjson)
	  --uuid <mode>       new user ids: random (default) or stable (the same on every run)
	  --primary <mode>    primary email: first-verified (default) or first
	  --duplicates <how>  later duplicates: reject (default) or drop-email (drop a taken address)
	  --only <codes>      fix only these rule codes, comma-separated (also fixes that are not safe)
	  --order <how>       for timestamp.order in --only: updated-to-created (default) or swap
	  --version           show the version
	  --help              show this help

	Exit codes
	  0  no errors (warnings allowed); for fix: the output has no errors
	  1  at least one record Hanko would refuse; for fix: the output still has errors
	  2  the file could not be read to its end, or a usage error
	  130, 143, 129  interrupted (SIGINT, SIGTERM, SIGHUP)

	Examples
	  $ hanko-tui validate users.json
	  $ hanko-tui validate export.ndjson.gz --json > report.json
	  $ hanko-tui fix users.json --uuid stable --out users.hanko.json
`, {
	importMeta: import.meta,
	flags: {
		json: {type: 'boolean', default: false},
		demo: {type: 'boolean', default: false},
		maxIssues: {type: 'number', default: 1000},
		checkers: {type: 'number'},
		out: {type: 'string'},
		rejects: {type: 'string'},
		map: {type: 'string'},
		log: {type: 'string'},
		uuid: {type: 'string'},
		primary: {type: 'string'},
		duplicates: {type: 'string'},
		only: {type: 'string'},
		order: {type: 'string'},
	},
});

function usageError(message: string): never {
	process.stderr.write(`hanko-tui: ${message} (see hanko-tui --help)\n`);
	process.exit(2);
}

const fixFlags = ['out', 'rejects', 'map', 'log', 'uuid', 'primary', 'duplicates', 'only', 'order'] as const;
const knownFlags = new Set(['json', 'demo', 'maxIssues', 'checkers', 'help', 'version', ...fixFlags]);
const unknown = Object.keys(cli.flags).filter(name => !knownFlags.has(name));
if (unknown.length > 0) {
	const shown = unknown.map(name => `--${name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`).join(', ');
	usageError(`unknown option ${shown}`);
}

// The screen needs a terminal both ways; scripts, pipes and --json get the report
const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !cli.flags.json;

async function runScreen(options: {file?: string; remember?: boolean}): Promise<number> {
	// A person is at this terminal: with CI set (a shell inherited from a build job, say), Ink would
	// draw nothing until exit. It reads the variable when loaded, hence before the import.
	delete process.env.CI;
	// NO_COLOR means no styling at all: Ink's colour library heeds FORCE_COLOR=0, not NO_COLOR
	if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
	// React's development build checks every element and doubles the cost of each frame (measured
	// during a 1M-record run); the production one is chosen when it is loaded
	process.env.NODE_ENV ??= 'production';
	return (await import('./ui/run-interactive.js')).runInteractive(options);
}

async function validate(file: string, remember = true): Promise<number> {
	if (!interactive) return validateHeadless(file, {json: cli.flags.json, maxIssues: cli.flags.maxIssues, checkers: cli.flags.checkers});
	return runScreen({file, remember});
}

function checkCheckers(): void {
	if (cli.flags.checkers !== undefined && (!Number.isInteger(cli.flags.checkers) || cli.flags.checkers < 1)) usageError('--checkers must be a whole number, 1 or more');
}

function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
	if (value === undefined) return undefined;
	if (!allowed.includes(value as T)) usageError(`--${flag} must be ${allowed.join(' or ')}`);
	return value as T;
}

async function fix(file: string): Promise<number> {
	const {flags} = cli;
	const only = flags.only?.split(',').map(code => code.trim()).filter(Boolean);
	const unknownCodes = only?.filter(code => !isRuleCode(code));
	if (unknownCodes?.length) usageError(`--only: unknown rule code ${unknownCodes.join(', ')} (see the rule table in README)`);
	const plan = planFromFlags({
		options: {uuid: choice('uuid', flags.uuid, ['random', 'stable'] as const), primary: choice('primary', flags.primary, ['first-verified', 'first'] as const)},
		only: only as RuleCode[] | undefined,
		duplicates: choice('duplicates', flags.duplicates, ['reject', 'drop-email'] as const),
		order: choice('order', flags.order, ['swap', 'updated-to-created'] as const),
	});
	const defaults = defaultFixFiles(file, flags.out);
	const files = {out: defaults.out, rejects: flags.rejects ?? defaults.rejects, map: flags.map ?? defaults.map, log: flags.log ?? defaults.log};
	return fixHeadless(file, {plan, files, json: flags.json, checkers: flags.checkers});
}

const [command, ...rest] = cli.input;
if (cli.flags.demo && command !== undefined) usageError('--demo takes no command or file');
switch (cli.flags.demo ? 'demo' : command) {
	case 'demo': {
		// The example ships in the package: found next to dist/, wherever it is installed
		process.exitCode = await validate(fileURLToPath(new URL('../fixtures/broken.json', import.meta.url)), false);
		break;
	}

	case 'validate': {
		if (rest.length !== 1) usageError('validate needs exactly one file: hanko-tui validate <file>');
		if (!Number.isInteger(cli.flags.maxIssues) || cli.flags.maxIssues < 0) usageError('--max-issues must be a whole number, 0 or more');
		checkCheckers();
		process.exitCode = await validate(rest[0]!);
		break;
	}

	case 'fix': {
		if (rest.length !== 1) usageError('fix needs exactly one file: hanko-tui fix <file>');
		checkCheckers();
		process.exitCode = await fix(rest[0]!);
		break;
	}

	case undefined: {
		// On a terminal, the home screen; elsewhere there is nothing to do without a command
		if (interactive) process.exitCode = await runScreen({});
		else cli.showHelp(0);
		break;
	}

	default: {
		usageError(`unknown command '${command}'`);
	}
}
