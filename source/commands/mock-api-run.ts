import {terminalSafe} from '../core/text/terminal-safe.js';
import {hankoRules, isHankoRules} from '../core/rules/hanko-versions.js';
import {prng} from '../mock-api/generate-admin-users.js';
import {usersOfImportFile} from '../mock-api/import-into-mock.js';
import {type Faults, MockAdminApi} from '../mock-api/mock-admin-api.js';
import {count} from '../core/text/count.js';
import {describeFailure} from './shared/describe-failure.js';

// The faults a person can ask for by hand (a redirect is for tests, which also name its target)
const faultNames: Record<string, Exclude<keyof Faults, 'redirect' | 'redirectTo'>> = {
	429: 'rate429',
	'retry-after': 'retryAfter',
	'5xx': 'rate5xx',
	reset: 'rateReset',
	truncated: 'rateTruncated',
	latency: 'latencyMs',
	slow: 'rateSlow',
	'slow-ms': 'slowMs',
	churn: 'rateChurn',
	ties: 'tieEpoch',
};

/** `429=0.05,5xx=0.02,latency=20`: the faults of `hanko-tui mock-api --faults`. */
export function parseFaults(text: string | undefined): Faults {
	const faults: Faults = {};
	for (const part of (text ?? '')
		.split(',')
		.map(item => item.trim())
		.filter(Boolean)) {
		const [name, value] = part.split('=');
		const key = faultNames[name ?? ''];
		const number = Number(value);
		if (!key || value === undefined || !Number.isFinite(number) || number < 0) {
			throw new Error(
				`--faults: "${part}" is not one of ${Object.keys(faultNames)
					.map(known => `${known}=<number>`)
					.join(', ')}`,
			);
		}

		faults[key] = number;
	}

	return faults;
}

/**
 * Runs the mock Admin API until interrupted. `key` undefined: no authentication, as a self-hosted
 * Hanko; `tenant`: every route under /<tenant>/, as with multitenancy.
 */
export async function runMockApi(options: {
	users: number;
	port: number;
	key: string | undefined;
	tenant?: string;
	faults: Faults;
	seed: number;
	importFile?: string;
}): Promise<number> {
	const mock = new MockAdminApi({
		users: options.users,
		key: options.key,
		tenant: options.tenant,
		faults: options.faults,
		seed: options.seed,
	});
	if (options.importFile !== undefined) {
		const rules = hankoRules(undefined);
		if (!isHankoRules(rules)) throw new Error(rules.error);
		try {
			mock.importUsers(await usersOfImportFile(options.importFile, {now: Date.now(), rules}, prng(options.seed)));
		} catch (error) {
			process.stderr.write(`hanko-tui: ${terminalSafe(options.importFile)}: ${terminalSafe(describeFailure(error))}\n`);
			return 2;
		}
	}

	let url: string;
	try {
		url = mock.apiUrl(await mock.listen(options.port));
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		const reason =
			code === 'EADDRINUSE'
				? 'the port is in use (choose another --port, or --port 0 for any free one)'
				: code === 'EACCES'
					? 'permission denied (ports below 1024 need privileges: choose --port 1024 or above)'
					: describeFailure(error);
		process.stderr.write(`hanko-tui: cannot listen on 127.0.0.1:${options.port}: ${reason}\n`);
		return 2;
	}

	const auth = options.key === undefined ? 'no authentication, as a self-hosted Hanko' : `bearer key "${options.key}"`;
	process.stdout.write(`Mock Admin API: ${count(mock.allUsers().length)} users at ${url} (${auth}). Ctrl+C stops it.\n`);
	const env = options.key === undefined ? '' : `HANKO_API_KEY=${options.key} `;
	process.stdout.write(`Try: ${env}hanko-tui export --api-url ${url} --out users.json\n`);
	await new Promise<void>(resolve => {
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
	});
	await mock.close();
	return 0;
}
