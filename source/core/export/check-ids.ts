import type {AdminClient} from './admin-client.js';
import {Limiter} from './limiter.js';

// Which of many user ids the API still lists: `GET /users?user_id=a,b,…` a hundred at a time, several
// requests at once. One request per user made a check of 10,000 users take minutes.

export type CheckProgress = {checked: number; of: number};

export type CheckOptions = {
	batch?: number;
	concurrency: number;
	signal?: AbortSignal;
	onProgress?: (progress: CheckProgress) => void;
	/** Called for each request (counted in the export's stats). */
	onRequest?: () => void;
};

/** The ids of `ids` the list no longer has; undefined when cancelled before every batch was asked. */
export async function findGone(client: AdminClient, ids: readonly string[], options: CheckOptions): Promise<Set<string> | undefined> {
	const size = options.batch ?? 100;
	const batches: string[][] = [];
	for (let start = 0; start < ids.length; start += size) batches.push(ids.slice(start, start + size));
	const gone = new Set<string>();
	const limiter = new Limiter(Math.max(1, options.concurrency));
	let checked = 0;
	let failed = false;
	const check = async (batch: string[]) => {
		// After a failure or a cancel, the batches still waiting are not asked
		if (failed || options.signal?.aborted) return;
		options.onRequest?.();
		let users;
		try {
			users = await client.listByIds(batch, options.signal);
		} catch (error) {
			failed = true; // The other requests in flight end on their own
			throw error;
		}

		const present = new Set(users.map(user => user.id));
		for (const id of batch) if (!present.has(id)) gone.add(id);
		checked += batch.length;
		options.onProgress?.({checked, of: ids.length});
	};

	try {
		await Promise.all(batches.map(async batch => limiter.run(async () => check(batch))));
	} catch (error) {
		if (options.signal?.aborted) return undefined;
		throw error;
	}

	return options.signal?.aborted && checked < ids.length ? undefined : gone;
}
