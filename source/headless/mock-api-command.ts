import {type Faults, MockAdminApi} from '../core/export/mock-admin-api.js';

const faultNames: Record<string, keyof Faults> = {
	429: 'rate429', 'retry-after': 'retryAfter', '5xx': 'rate5xx', reset: 'rateReset', truncated: 'rateTruncated',
	latency: 'latencyMs', slow: 'rateSlow', 'slow-ms': 'slowMs', churn: 'rateChurn', ties: 'tieEpoch',
};

/** `429=0.05,5xx=0.02,latency=20`: the faults of `hanko-tui mock-api --faults`. */
export function parseFaults(text: string | undefined): Faults {
	const faults: Faults = {};
	for (const part of (text ?? '').split(',').map(item => item.trim()).filter(Boolean)) {
		const [name, value] = part.split('=');
		const key = faultNames[name ?? ''];
		const number = Number(value);
		if (!key || value === undefined || !Number.isFinite(number) || number < 0) {
			throw new Error(`--faults: "${part}" is not one of ${Object.keys(faultNames).map(known => `${known}=<number>`).join(', ')}`);
		}

		faults[key] = number;
	}

	return faults;
}

/** Runs the mock Admin API until interrupted. */
export async function mockApiCommand(options: {users: number; port: number; key: string; faults: Faults; seed: number}): Promise<number> {
	const mock = new MockAdminApi({users: options.users, key: options.key, faults: options.faults, seed: options.seed});
	const url = await mock.listen(options.port);
	process.stdout.write(`Mock Admin API: ${options.users.toLocaleString('en-US')} users at ${url} (bearer key "${options.key}"). Ctrl+C stops it.\n`);
	process.stdout.write(`Try: HANKO_API_KEY=${options.key} hanko-tui export --api-url ${url} --out users.json\n`);
	await new Promise<void>(resolve => {
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
	});
	await mock.close();
	return 0;
}
