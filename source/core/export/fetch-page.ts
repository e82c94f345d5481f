import type {AdminClient} from './admin-client.js';
import {readFull} from './deep-read.js';
import {type FetchedPage, fetchedPage} from './fetched-page.js';
import type {Limiter} from './limiter.js';

// One page of the list as a walk fetches it: the request, with `--deep` the full objects of its users
// not exported yet, then the page in the strings it will be written as.

export type PageSource = {
	client: AdminClient;
	perPage: number;
	/** Read every new user in full (`--deep`), through `limiter`. */
	deep: boolean;
	limiter: Limiter;
	/** Keep the Admin API objects as well. */
	raw: boolean;
	/** Already exported: never read in full again. */
	known: (id: string) => boolean;
	signal: AbortSignal;
	onRequest: () => void;
};

/** `release` is called once the list has answered: the next request goes out while this page is prepared. */
export async function fetchPage(page: number, release: () => void, source: PageSource): Promise<FetchedPage> {
	const {client, known, limiter, signal, onRequest} = source;
	onRequest();
	const {users, total} = await client.listPage(page, source.perPage, signal);
	release(); // The next request goes out while this page is turned into lines
	// Full objects only for users not exported yet: a later walk mostly sees users it already has
	const full = source.deep ? await readFull(client, users, known, limiter, signal, onRequest) : undefined;
	return fetchedPage(users, total, {known, full, raw: source.raw});
}
