import {parseGofrsUuid} from '../core/go/uuid-text.js';
import type {Faults} from '../mock-api/mock-admin-api.js';
import {defineCommand} from './shared/command.js';
import {helpText} from './shared/help-text.js';
import {UsageError} from './shared/usage-error.js';

export const mockApi = defineCommand({
	name: 'mock-api',
	synopsis: 'mock-api',
	summary: 'a mock Admin API on 127.0.0.1, to try export',
	flags: {
		users: {type: 'number', default: 1000},
		port: {type: 'number', default: 0},
		key: {type: 'string'},
		auth: {type: 'boolean', default: true},
		tenant: {type: 'string'},
		faults: {type: 'string'},
		seed: {type: 'number', default: 1},
		import: {type: 'string'},
	},
	help: helpText({
		about: [
			"Serves a mock of Hanko's Admin API on 127.0.0.1 with made-up users, to try export (and its",
			'retries, with --faults) without a Hanko project. Ctrl+C stops it.',
		],
		usage: ['mock-api [--users <n>] [--port <p>]'],
		options: [
			'--users <n>         users it serves (default 1000)',
			'--port <p>          the port (default: any free one; the address is printed)',
			'--key <k>           the API key it expects as a bearer token (default test-key)',
			'--no-auth           no API key at all, as a self-hosted Hanko (not with --key)',
			'--tenant <uuid>     routes under /<uuid>/, as a Hanko with multitenancy',
			'--seed <n>          another set of users (default 1)',
			'--import <file>     also the users of an import file (or a split manifest), as `hanko user import`',
			'                    would store them: all or none (use --users 0 for only them)',
			'--faults <list>     failures on purpose, comma-separated, from 429=0.05,retry-after=1,5xx=0.02,',
			'                    reset=0.01,truncated=0.01,latency=20,slow=0.01,slow-ms=2000,churn=0.01,ties=1000',
			'                    (shares of requests, or milliseconds; ties: requests between reorderings)',
		],
		exitCodes: ['0  stopped (Ctrl+C, SIGTERM, SIGHUP)', '2  a usage error, or the port is taken'],
		examples: [
			'hanko-tui mock-api --users 5000',
			'hanko-tui mock-api --no-auth --port 8001 --tenant 1c8f7e2a-5b3d-4e6f-9a0b-2c4d6e8f0a1b',
			'hanko-tui mock-api --faults 429=0.05,5xx=0.02,latency=20',
			'hanko-tui mock-api --users 0 --import users.fixed.manifest.json   # then: hanko-tui verify …',
		],
	}),
	async run(input, flags) {
		if (input.length > 0) throw new UsageError('mock-api takes no file argument');
		if (!Number.isInteger(flags.users) || flags.users < 0) throw new UsageError('--users must be a whole number');
		if (!Number.isInteger(flags.port) || flags.port < 0 || flags.port > 65_535)
			throw new UsageError('--port must be a whole number from 0 to 65535');
		const {parseFaults, runMockApi} = await import('./mock-api-run.js'); // loaded only now (see command-list.ts)
		let faults: Faults;
		try {
			faults = parseFaults(flags.faults);
		} catch (error) {
			throw new UsageError((error as Error).message);
		}

		if (!flags.auth && flags.key !== undefined) throw new UsageError('--no-auth and --key exclude each other');
		if (flags.key === '') throw new UsageError('--key must not be empty (--no-auth starts the mock without a key)');
		if (flags.tenant !== undefined && parseGofrsUuid(flags.tenant) === undefined)
			throw new UsageError(`--tenant: "${flags.tenant}" is not a UUID`);
		const key = flags.auth ? (flags.key ?? 'test-key') : undefined;
		return runMockApi({
			users: flags.users,
			port: flags.port,
			key,
			tenant: flags.tenant,
			faults,
			seed: flags.seed,
			importFile: flags.import,
		});
	},
});
