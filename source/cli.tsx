#!/usr/bin/env node
import './early-flags.js';
import {mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {isatty} from 'node:tty';
import {fileURLToPath} from 'node:url';
import meow from 'meow';
import {type RuleCode, isRuleCode} from './core/rules/catalogue.js';
import {hankoRules, isHankoRules} from './core/rules/hanko-versions.js';
import {planFromFlags} from './core/fixes/fix-plan.js';
import {defaultFixFiles} from './core/fixes/write-fixed.js';
import {exportHeadless, readApiKey} from './headless/export-headless.js';
import {convertHeadless} from './headless/convert-headless.js';
import {UnknownSourceError, defaultConvertFiles} from './core/convert/convert-run.js';
import {detectSource} from './core/convert/detect-source.js';
import {describeIoError} from './core/engine/read-batches.js';
import {type SourceKind, sourceKinds} from './core/convert/source-kinds.js';
import {MockAdminApi} from './core/export/mock-admin-api.js';
import {parseGofrsUuid} from './core/go/uuid-text.js';
import {fixHeadless} from './headless/fix-headless.js';
import {mockApiCommand, parseFaults} from './headless/mock-api-command.js';
import {validateHeadless} from './headless/validate-headless.js';
import {terminalSafe} from './core/text/terminal-safe.js';

// The one list of flags: meow reads them, and anything else on the command line is refused
const flagSpecs = {
	json: {type: 'boolean', default: false},
	demo: {type: 'boolean', default: false},
	maxIssues: {type: 'number', default: 1000},
	checkers: {type: 'number'},
	out: {type: 'string'},
	rejects: {type: 'string'},
	map: {type: 'string'},
	log: {type: 'string'},
	resets: {type: 'string'},
	uuid: {type: 'string'},
	primary: {type: 'string'},
	duplicates: {type: 'string'},
	only: {type: 'string'},
	raw: {type: 'string'},
	apiUrl: {type: 'string'},
	apiKeyFile: {type: 'string'},
	perPage: {type: 'number'},
	concurrency: {type: 'number'},
	restart: {type: 'boolean', default: false},
	deep: {type: 'boolean', default: false},
	allowHttp: {type: 'boolean', default: false},
	users: {type: 'number'},
	port: {type: 'number'},
	key: {type: 'string'},
	auth: {type: 'boolean', default: true},
	tenant: {type: 'string'},
	faults: {type: 'string'},
	seed: {type: 'number'},
	from: {type: 'string'},
	passwords: {type: 'string'},
	hashConfig: {type: 'string'},
	includeDisabled: {type: 'boolean', default: false},
	hankoVersion: {type: 'string'},
} as const;

const cli = meow(`
	Usage
	  $ hanko-tui                     on a terminal: the home screen (open a file, recent files)
	  $ hanko-tui validate <file>     check an import file against what Hanko accepts
	  $ hanko-tui fix <file>          write a corrected copy with every safe fix (the source is never changed)
	  $ hanko-tui export --api-url <url> --out <file>
	                                  every user of a Hanko project, from the Admin API, in the import format
	  $ hanko-tui convert <file> --out <file>
	                                  another provider's export (Auth0, Firebase, Supabase, Clerk,
	                                  Cognito) into Hanko's format, with a loss report
	  $ hanko-tui mock-api --users <n>
	                                  a mock Admin API on 127.0.0.1, to try export
	  $ hanko-tui --demo              validate a bundled example with problems of every kind
	                                  (on a terminal, then the home screen, whose export pane uses a mock API)

	On a terminal, validate opens an interactive screen (press ? there for the keys);
	with --json, or when input or output is not a terminal, it prints a report instead.

	Files: a JSON array of users or NDJSON (one user a line), either of them gzipped;
	the format is read from the content, not the name.

	Options
	  --json              print one JSON report on stdout (for scripts)
	  --max-issues <n>    problems listed in the report (default 1000, 0 = all)
	  --checkers <n>      checker threads beside the reader (default: cores - 1)
	  --hanko-version <v> the Hanko whose importer to check against: 2.1, 2.7, 3.0 (default,
	                      the latest release), main, or a release like 2.1.0; for validate, fix,
	                      convert and the screens, which remember it

	Options of fix
	  --out <path>        the corrected file (default <name>.fixed.json beside the source)
	  --rejects <path>    records still refused, NDJSON (default <name>.rejects.ndjson)
	  --map <path>        replaced user ids, CSV record,old_user_id,new_user_id (default <name>.id-map.csv)
	  --log <path>        every change, NDJSON (default <name>.fix-log.ndjson)
	  --resets <path>     users whose unusable password hash was removed, CSV record,user_id,email,username,note
	                      (default <name>.password-resets.csv): ask them to reset their password
	  --uuid <mode>       new user ids: random (default) or stable (the same on every run)
	  --primary <mode>    primary email: first-verified (default) or first
	  --duplicates <how>  later duplicates: reject (default) or drop-email (drop a taken address)
	  --only <codes>      fix only these rule codes, comma-separated (also fixes that are not safe)

	Options of export (the API key: HANKO_API_KEY, or --api-key-file; never a flag; none for a
	self-hosted Admin API without authentication)
	  --api-url <url>     the Admin API: https://<project>.hanko.io/admin, or self-hosted the admin
	                      server's address (port 8001 by default), plus /<tenant_id> with multitenancy
	  --out <file>        the export, in Hanko's import format (written when complete)
	  --raw <file>        also the Admin API objects, NDJSON
	  --deep              read every user once more (GET /users/{id}) to count who has a password or an
	                      OTP secret, and list them in <out>.needs-reset.csv
	  --allow-http        send the key over plain http to another machine (a network you trust)
	  --per-page <n>      users a request (default 100)
	  --concurrency <n>   requests at once (default 4; fewer after a 429)
	  --restart           discard the checkpoint of an earlier, interrupted run
	  --api-key-file <f>  read the API key from this file

	Options of convert (the source is read from the content; JSON, NDJSON or CSV, gzipped or not)
	  --out <file>        the import file (also <name>.rejects.ndjson and <name>.id-map.csv beside it)
	  --from <provider>   auth0, firebase, supabase, clerk or cognito, when detection cannot tell
	  --passwords <file>  Auth0's separate password-hash export (NDJSON)
	  --hash-config <f>   Firebase's password hash parameters (from its console), for $fbscrypt$ hashes
	  --include-disabled  keep blocked, banned and disabled users instead of rejecting them
	  --rejects <path>    --map <path>  where the rejected users and the id map go

	Options of mock-api
	  --users <n>  --port <p>  --key <k> (default test-key)  --seed <n>
	  --no-auth           no API key at all, as a self-hosted Hanko (not with --key)
	  --tenant <uuid>     routes under /<uuid>/, as a Hanko with multitenancy
	  --faults 429=0.05,5xx=0.02,reset=0.01,truncated=0.01,latency=20,slow=0.01,slow-ms=2000,churn=0.01,ties=1000
	  --version           show the version
	  --help              show this help

	Exit codes
	  0  no errors (warnings allowed); for fix: the output has no errors; for export: complete and verified
	  1  at least one record Hanko would refuse; for fix: the output still has errors; for export: not verified
	  2  the file could not be read to its end, or a usage error
	  130, 143, 129  interrupted (SIGINT, SIGTERM, SIGHUP)

	Examples
	  $ hanko-tui validate users.json
	  $ hanko-tui validate export.ndjson.gz --json > report.json
	  $ hanko-tui fix users.json --uuid stable --out users.hanko.json
`, {
	importMeta: import.meta,
	flags: flagSpecs,
});

function usageError(message: string): never {
	process.stderr.write(`hanko-tui: ${terminalSafe(message)} (see hanko-tui --help)\n`);
	process.exit(2);
}

const knownFlags = new Set([...Object.keys(flagSpecs), 'help', 'version']);
const unknown = Object.keys(cli.flags).filter(name => !knownFlags.has(name));
if (unknown.length > 0) {
	const shown = unknown.map(name => `--${name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`).join(', ');
	usageError(`unknown option ${shown}`);
}

/** `--hanko-version` as given (checked), or undefined for the default (or, on a terminal, the one remembered). */
function hankoVersion(): string | undefined {
	if (cli.flags.hankoVersion === undefined) return undefined;
	const rules = hankoRules(cli.flags.hankoVersion);
	if (!isHankoRules(rules)) usageError(`--hanko-version: ${rules.error}`);
	return rules.label;
}

// The screen needs a terminal both ways; scripts, pipes and --json get the report. Asked of the
// descriptors: process.stdin would make a pipe or socket on fd 0 non-blocking, and `validate -` reads it
const interactive = isatty(0) && isatty(1) && !cli.flags.json;

async function runScreen(options: Parameters<typeof import('./ui/app/run-interactive.js').runInteractive>[0]): Promise<number> {
	// A person is at this terminal: with CI set (a shell inherited from a build job, say), Ink would
	// draw nothing until exit. It reads the variable when loaded, hence before the import.
	delete process.env.CI;
	// NO_COLOR means no styling at all: Ink's colour library heeds FORCE_COLOR=0, not NO_COLOR
	if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
	// React's development build checks every element and doubles the cost of each frame (measured
	// during a 1M-record run); the production one is chosen when it is loaded
	process.env.NODE_ENV ??= 'production';
	return (await import('./ui/app/run-interactive.js')).runInteractive({...options, hankoVersion: hankoVersion()});
}

async function validate(file: string, remember = true): Promise<number> {
	if (!interactive) return validateHeadless(file, {json: cli.flags.json, maxIssues: cli.flags.maxIssues, checkers: cli.flags.checkers, hankoVersion: hankoVersion()});
	return runScreen({file, remember});
}

function checkCheckers(): void {
	if (cli.flags.checkers !== undefined && (!Number.isInteger(cli.flags.checkers) || cli.flags.checkers < 1)) usageError('--checkers must be a whole number, 1 or more');
}

function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
	if (value === undefined) return undefined;
	if (!allowed.includes(value as T)) usageError(`--${flag} must be ${allowed.length > 2 ? `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)!}` : allowed.join(' or ')}`);
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
	});
	const defaults = defaultFixFiles(file, flags.out);
	const files = {out: defaults.out, rejects: flags.rejects ?? defaults.rejects, map: flags.map ?? defaults.map, log: flags.log ?? defaults.log, resets: flags.resets ?? defaults.resets};
	return fixHeadless(file, {plan, files, json: flags.json, checkers: flags.checkers, hankoVersion: hankoVersion()});
}

/** `hanko-tui convert` on a terminal: the convert pane, once the file is known to be an export. */
async function convertOnScreen(file: string, from: SourceKind | undefined): Promise<number> {
	let layout;
	try {
		layout = await detectSource(file, from);
	} catch (error) {
		process.stderr.write(`hanko-tui: ${terminalSafe(file)}: cannot read the file: ${describeIoError(error)}\n`);
		return 2;
	}

	if (!layout) {
		process.stderr.write(`hanko-tui: ${terminalSafe(new UnknownSourceError(file).message)}\n`);
		return 2;
	}

	const aside = layout.kind === 'firebase' ? cli.flags.hashConfig : cli.flags.passwords;
	return runScreen({convert: {file: path.resolve(file), layout, out: cli.flags.out, aside, includeDisabled: cli.flags.includeDisabled, rejects: cli.flags.rejects, map: cli.flags.map}});
}

const [command, ...rest] = cli.input;
hankoVersion(); // A wrong version is a usage error before anything starts
if (cli.flags.demo && command !== undefined) usageError('--demo takes no command or file');
switch (cli.flags.demo ? 'demo' : command) {
	case 'demo': {
		// The example ships in the package: found next to dist/, wherever it is installed
		const example = fileURLToPath(new URL('../fixtures/broken.json', import.meta.url));
		if (!interactive) {
			process.exitCode = await validate(example, false);
			break;
		}

		// On a terminal the home screen follows, with the export pane pointed at a mock API on loopback
		const mock = new MockAdminApi({users: 2000, key: 'demo-key', faults: {latencyMs: 5, rate429: 0.02, retryAfter: 1}});
		const url = await mock.listen();
		// The export goes to a fresh private folder: a fixed name in a shared /tmp could be taken first
		process.exitCode = await runScreen({file: example, remember: false, homeAfter: true,
			exportDefaults: {url, key: 'demo-key', out: path.join(mkdtempSync(path.join(os.tmpdir(), 'hanko-tui-demo-')), 'users.json'), rememberUrl: false}});
		await mock.close();
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

	case 'export': {
		const {apiUrl, out} = cli.flags;
		if (rest.length > 0) usageError('export takes no file argument: hanko-tui export --api-url <url> --out <file>');
		// On a terminal the pane asks for what is missing
		if (!interactive && (!apiUrl || !out)) usageError('export needs --api-url <url> and --out <file>');
		for (const [name, value] of [['per-page', cli.flags.perPage], ['concurrency', cli.flags.concurrency]] as const) {
			if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 1000)) usageError(`--${name} must be a whole number from 1 to 1000`);
		}

		if (interactive) {
			let key: string | undefined;
			try {
				key = cli.flags.apiKeyFile || process.env.HANKO_API_KEY ? await readApiKey(cli.flags.apiKeyFile) : undefined;
			} catch (error) {
				usageError((error as Error).message);
			}

			process.exitCode = await runScreen({
				startExport: true, exportDefaults: {url: apiUrl, key, out, deep: cli.flags.deep, restart: cli.flags.restart},
				exportOptions: {raw: cli.flags.raw, perPage: cli.flags.perPage, concurrency: cli.flags.concurrency, allowHttp: cli.flags.allowHttp},
			});
			break;
		}

		process.exitCode = await exportHeadless({
			apiUrl: apiUrl!, out: out!, raw: cli.flags.raw, perPage: cli.flags.perPage, concurrency: cli.flags.concurrency, restart: cli.flags.restart, deep: cli.flags.deep, allowHttp: cli.flags.allowHttp, json: cli.flags.json, apiKeyFile: cli.flags.apiKeyFile,
		});
		break;
	}

	case 'convert': {
		if (rest.length !== 1) usageError('convert needs exactly one file: hanko-tui convert <file> --out <file>');
		// On a terminal the pane offers a name beside the export
		if (!interactive && !cli.flags.out) usageError('convert needs --out <file>');
		const from = choice('from', cli.flags.from, sourceKinds);
		if (interactive) {
			process.exitCode = await convertOnScreen(rest[0]!, from);
			break;
		}

		const files = defaultConvertFiles(rest[0]!, cli.flags.out);
		process.exitCode = await convertHeadless(rest[0]!, {
			from, passwords: cli.flags.passwords, hashConfig: cli.flags.hashConfig, includeDisabled: cli.flags.includeDisabled, json: cli.flags.json, hankoVersion: hankoVersion(),
			files: {out: files.out, rejects: cli.flags.rejects ?? files.rejects, map: cli.flags.map ?? files.map},
		});
		break;
	}

	case 'mock-api': {
		const users = cli.flags.users ?? 1000;
		if (!Number.isInteger(users) || users < 0) usageError('--users must be a whole number');
		let faults;
		try {
			faults = parseFaults(cli.flags.faults);
		} catch (error) {
			usageError((error as Error).message);
		}

		if (cli.flags.auth === false && cli.flags.key !== undefined) usageError('--no-auth and --key exclude each other');
		if (cli.flags.key === '') usageError('--key must not be empty (--no-auth starts the mock without a key)');
		if (cli.flags.tenant !== undefined && parseGofrsUuid(cli.flags.tenant) === undefined) usageError(`--tenant: "${cli.flags.tenant}" is not a UUID`);
		const key = cli.flags.auth === false ? undefined : cli.flags.key ?? 'test-key';
		process.exitCode = await mockApiCommand({users, port: cli.flags.port ?? 0, key, tenant: cli.flags.tenant, faults, seed: cli.flags.seed ?? 1});
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
