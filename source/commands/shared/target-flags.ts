import type {AdminClient, ClientEvent} from '../../core/export/admin-client.js';
import type {AdaptiveConcurrency} from '../../core/export/adaptive-concurrency.js';
import {readApiKey} from './api-key.js';
import {hankoVersionFlag, hankoVersionHelp, jsonFlag, jsonHelp, progressFlags, progressHelp} from './shared-flags.js';
import {UsageError} from './usage-error.js';

// The flags of the commands that read a project through its Admin API (preflight, verify), read and
// checked as the export reads them: the key from HANKO_API_KEY or --api-key-file, never a flag.

export const targetFlags = {
	...jsonFlag,
	...progressFlags,
	...hankoVersionFlag,
	apiUrl: {type: 'string'},
	apiKeyFile: {type: 'string'},
	allowHttp: {type: 'boolean', default: false},
	concurrency: {type: 'number'},
} as const;

export const targetHelp = [
	'--api-url <url>     the Admin API: https://<project>.hanko.io/admin, or self-hosted the admin',
	"                    server's address (port 8001 by default), plus /<tenant_id> with multitenancy",
	'--api-key-file <f>  read the API key from this file (else HANKO_API_KEY; none for a self-hosted',
	'                    Admin API without authentication)',
	'--allow-http        send the key over plain http to another machine (a network you trust)',
	'--concurrency <n>   requests at once (default 4; fewer after a 429)',
	jsonHelp,
	...progressHelp,
	...hankoVersionHelp,
];

export type TargetFlags = {apiUrl?: string; apiKeyFile?: string; allowHttp: boolean; concurrency?: number};

export function checkTargetFlags(command: string, flags: TargetFlags): {apiUrl: string; concurrency: number} {
	if (!flags.apiUrl) throw new UsageError(`${command} needs --api-url <url>`);
	const concurrency = flags.concurrency ?? 4;
	if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
		throw new UsageError('--concurrency must be a whole number from 1 to 64');
	return {apiUrl: flags.apiUrl, concurrency};
}

/** Retries and 429s said as they happen, as the export says them (the line decides whether they show). */
export function sayClientEvents(line: {log(text: string): void}, concurrency: AdaptiveConcurrency): (event: ClientEvent) => void {
	return event => {
		line.log(
			event.type === 'retry'
				? `retry ${event.attempt} in ${event.delayMs} ms (${event.reason})`
				: `rate limited (429): ${concurrency.current} at once now`,
		);
	};
}

/**
 * The client, its key read and its URL checked (an AdminApiError says what is wrong in one line); a
 * 429 halves the requests at once, as for the export, and `onEvent` hears of retries.
 */
export async function targetClient(
	flags: TargetFlags & {apiUrl: string},
	concurrency: AdaptiveConcurrency,
	onEvent: (event: ClientEvent) => void,
): Promise<AdminClient> {
	const apiKey = await readApiKey(flags.apiKeyFile);
	// Loaded when a client is made: undici compiles its HTTP parser as it loads (about 20 MB), which
	// the commands that never go online, and the help, need not pay
	const {AdminClient: Client} = await import('../../core/export/admin-client.js');
	return new Client({
		apiUrl: flags.apiUrl,
		apiKey,
		allowHttp: flags.allowHttp,
		connections: concurrency.max,
		onEvent(event) {
			if (event.type === 'rateLimited') concurrency.rateLimited();
			onEvent(event);
		},
	});
}
