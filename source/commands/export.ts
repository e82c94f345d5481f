import process from 'node:process';
import {readApiKey} from './shared/api-key.js';
import {defineCommand} from './shared/command.js';
import {interruptedExitCodes, helpText} from './shared/help-text.js';
import {onTerminal} from './shared/on-terminal.js';
import {runScreen} from './shared/run-screen.js';
import {jsonFlag, jsonHelp, mouseFlag, mouseHelp, progressFlags, progressHelp} from './shared/shared-flags.js';
import {UsageError} from './shared/usage-error.js';

// Named so, as `export` is a reserved word
export const exportCommand = defineCommand({
	name: 'export',
	synopsis: 'export',
	summary: 'every user of a Hanko project, from its Admin API, as an import file',
	flags: {
		...jsonFlag,
		...progressFlags,
		...mouseFlag,
		apiUrl: {type: 'string'},
		out: {type: 'string'},
		raw: {type: 'string'},
		deep: {type: 'boolean', default: false},
		allowHttp: {type: 'boolean', default: false},
		perPage: {type: 'number'},
		concurrency: {type: 'number'},
		restart: {type: 'boolean', default: false},
		apiKeyFile: {type: 'string'},
	},
	help: helpText({
		about: ["Exports every user of a Hanko project, from its Admin API, in Hanko's import format, and checks that none was missed."],
		usage: ['export --api-url <url> --out <file>'],
		notes: [
			'The API key: HANKO_API_KEY, or --api-key-file; never a flag; none for a self-hosted Admin API',
			'without authentication. On a terminal the export screen asks for what is missing; with --json, or',
			'when input or output is not a terminal, progress goes to stderr and the summary to stdout.',
			'An interrupted export keeps a checkpoint beside --out: the same command resumes it.',
		],
		options: [
			'--api-url <url>     the Admin API: https://<project>.hanko.io/admin, or self-hosted the admin',
			"                    server's address (port 8001 by default), plus /<tenant_id> with multitenancy",
			"--out <file>        the export, in Hanko's import format (written when complete)",
			'--raw <file>        also the Admin API objects, NDJSON',
			'--deep              read every user once more (GET /users/{id}) to count who has a password or an',
			'                    OTP secret, and list them in <out>.needs-reset.csv',
			'--allow-http        send the key over plain http to another machine (a network you trust)',
			'--per-page <n>      users a request (default 100)',
			'--concurrency <n>   requests at once (default 4; fewer after a 429)',
			'--restart           discard the checkpoint of an earlier, interrupted run',
			'--api-key-file <f>  read the API key from this file',
			jsonHelp,
			...progressHelp,
			mouseHelp,
		],
		exitCodes: [
			'0  complete and verified',
			'1  complete, but not verified (the summary says why)',
			'2  the Admin API could not be read (the checkpoint is kept when the same command can resume), or a usage error',
			`${interruptedExitCodes}; the checkpoint is kept`,
		],
		examples: [
			'HANKO_API_KEY=… hanko-tui export --api-url https://<project>.hanko.io/admin --out users.json',
			'hanko-tui export --api-url http://localhost:8001 --out users.json --deep',
			'hanko-tui export --api-url https://<project>.hanko.io/admin --out users.json --api-key-file key.txt --json > summary.json',
		],
	}),
	async run(input, flags) {
		const {apiUrl, out} = flags;
		if (input.length > 0) throw new UsageError('export takes no file argument: hanko-tui export --api-url <url> --out <file>');
		const screen = onTerminal(flags.json);
		// On a terminal the screen asks for what is missing
		if (!screen && (!apiUrl || !out)) throw new UsageError('export needs --api-url <url> and --out <file>');
		for (const [name, value] of [
			['per-page', flags.perPage],
			['concurrency', flags.concurrency],
		] as const) {
			if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 1000))
				throw new UsageError(`--${name} must be a whole number from 1 to 1000`);
		}

		if (!screen) {
			const {exportHeadless} = await import('./export-headless.js'); // undici with it: see target-flags.ts
			return exportHeadless({
				apiUrl: apiUrl!,
				out: out!,
				raw: flags.raw,
				perPage: flags.perPage,
				concurrency: flags.concurrency,
				restart: flags.restart,
				deep: flags.deep,
				allowHttp: flags.allowHttp,
				json: flags.json,
				quiet: flags.quiet,
				progress: flags.progress,
				apiKeyFile: flags.apiKeyFile,
			});
		}

		let key: string | undefined;
		try {
			key = flags.apiKeyFile || process.env.HANKO_API_KEY ? await readApiKey(flags.apiKeyFile) : undefined;
		} catch (error) {
			throw new UsageError((error as Error).message);
		}

		return runScreen({
			startExport: true,
			mouse: flags.mouse,
			exportDefaults: {url: apiUrl, key, out, deep: flags.deep, restart: flags.restart, start: Boolean(apiUrl && out)},
			exportOptions: {raw: flags.raw, perPage: flags.perPage, concurrency: flags.concurrency, allowHttp: flags.allowHttp},
		});
	},
});
