import type {AdaptiveConcurrency} from './adaptive-concurrency.js';
import {AdminClient, type ClientEvent} from './admin-client.js';
import type {ExportStats} from './export-checkpoint.js';
import type {ExportOptions} from './export-types.js';

// The Admin client as an export uses it: as many connections as requests at once, its retries and 429s
// counted in the export's stats (a 429 also means fewer requests at once) and told as event lines.

/** Counts a retry or a 429 in `stats`, and slows down after a 429; the event line to tell. */
export function countClientEvent(event: ClientEvent, stats: ExportStats, concurrency: AdaptiveConcurrency): string {
	if (event.type === 'rateLimited') {
		stats.rateLimited++;
		concurrency.rateLimited(); // Fewer requests at once after a 429; more again once things are calm
	} else {
		stats.retries++;
	}

	return event.type === 'retry'
		? `retry ${event.attempt} in ${event.delayMs} ms (${event.reason})`
		: `rate limited (429${event.retryAfterMs === undefined ? '' : `, Retry-After ${event.retryAfterMs / 1000} s`}): ${concurrency.current} at once now`;
}

/** `stats` is read at each event: the run's checkpoint (and its stats) is loaded after the client is made. */
export function exportClient(
	options: ExportOptions,
	concurrency: AdaptiveConcurrency,
	stats: () => ExportStats,
	tell: (line: string) => void,
): AdminClient {
	return new AdminClient({
		apiUrl: options.apiUrl,
		apiKey: options.apiKey,
		allowHttp: options.allowHttp,
		connections: concurrency.max,
		...options.client,
		onEvent: event => tell(countClientEvent(event, stats(), concurrency)),
	});
}
