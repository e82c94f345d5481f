import {InOrderResults} from '../engine/in-order-results.js';
import {AdminApiError} from './admin-api-error.js';

// One walk over the list's pages: `concurrency()` requests in flight, pages committed strictly in
// order, a window of pages waiting for their turn. It ends at the first page shorter than a full one,
// and refuses a server that does not behave like Hanko: no X-Total-Count, a total that keeps growing,
// full pages far past it, or the same page over and over would otherwise go on for ever.

export type WalkedPage = {
	/** X-Total-Count of this answer; undefined when the server sent none (which ends the walk). */
	total: number | undefined;
	/** Users the page held (a page shorter than `perPage` is the last). */
	count: number;
	/** A hash of the page's ids in order: the same page sent again has the same one. */
	fingerprint: number;
};

export type WalkSettings<P extends WalkedPage> = {
	firstPage: number;
	perPage: number;
	/** Requests in flight now (an export halves it after a 429). */
	concurrency: () => number;
	/** Pages fetched ahead of the one being committed, at most. */
	lookAhead: number;
	cancelled: () => boolean;
	/** Called when the walk fails, before it waits for the requests in flight: they should end now. */
	abort: () => void;
	/**
	 * Fetches and prepares a page. `release` says the request is answered: its slot goes to the next
	 * page while this one is still being prepared (called at the latest when the promise settles).
	 */
	fetch: (page: number, release: () => void) => Promise<P>;
	/** Writes a page. */
	commit: (page: number, fetched: P) => Promise<void>;
};

/** Full pages in a row that repeat an earlier page of the walk before the walk is given up. */
const repeatLimit = 3;
/** Full pages past the last one X-Total-Count allows before the walk is given up. */
const pastEndLimit = 3;

/** The last page X-Total-Count `total` makes (1 for none). */
export const lastPageOf = (total: number, perPage: number) => Math.max(1, Math.ceil(total / perPage));

/** Pages that wait for their turn as output lines: about 2,000 users' worth, never fewer than requests in flight. */
export function lookAheadPages(concurrency: number, perPage: number): number {
	return Math.max(concurrency + 1, Math.ceil(2000 / perPage));
}

/** Walks to the end; the number of the last page committed (or the one before `firstPage`). */
export async function walkPages<P extends WalkedPage>(settings: WalkSettings<P>): Promise<number> {
	const {perPage, lookAhead} = settings;
	const fetched = new InOrderResults<Promise<P>>(settings.firstPage);
	let next = settings.firstPage;
	let committing = settings.firstPage;
	let last = Number.POSITIVE_INFINITY;
	// The first page alone until it tells the total; then up to the last page the total allows, or one
	// past it when that one is exactly full (it is known to be the last only by an empty one after it)
	let allowed = settings.firstPage;
	let inFlight = 0;
	let repeats = 0;
	const fingerprints = new Set<number>();
	let failed = false;
	let firstTotal: number | undefined;
	let wake: (() => void) | undefined;
	const launch = () => {
		const bound = Math.min(last, Math.max(allowed, committing));
		while (!failed && !settings.cancelled() && inFlight < settings.concurrency() && next <= bound && next < committing + lookAhead) {
			const page = next++;
			inFlight++;
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				inFlight--;
				launch();
				wake?.();
			};

			const promise = settings.fetch(page, release).finally(release);
			promise.catch(() => undefined); // Awaited in its turn
			fetched.add(page, promise);
		}
	};

	try {
		for (; committing <= last && !settings.cancelled(); committing++) {
			launch();
			while (fetched.peek() === undefined && !settings.cancelled()) {
				await new Promise<void>(resolve => {
					wake = resolve;
				});
				launch();
			}

			if (settings.cancelled()) break;
			let page: P;
			try {
				page = await fetched.peek()!;
			} catch (error) {
				if (settings.cancelled()) break; // A request cut short by the cancel
				throw error;
			}

			fetched.take();
			if (settings.cancelled()) break;
			const full = page.count >= perPage;
			if (!full) last = committing;
			if (page.total === undefined) {
				// Hanko always sends it; without it nothing bounds the walk, and nothing can verify it
				throw new AdminApiError(
					'the server sent no X-Total-Count with the list: Hanko always does (a proxy in between may drop it): the export can neither end safely nor be verified',
				);
			}

			firstTotal ??= page.total;
			if (page.total > firstTotal * 2 + 10 * perPage) {
				throw new AdminApiError(
					`X-Total-Count keeps growing (${firstTotal} at the walk's first page, ${page.total} at page ${committing}): the server does not behave like Hanko's Admin API`,
				);
			}

			allowed = lastPageOf(page.total, perPage) + (page.total % perPage === 0 ? 1 : 0);
			if (full && committing > lastPageOf(page.total, perPage) + pastEndLimit) {
				throw new AdminApiError(
					`the server keeps sending full pages past the end (page ${committing}, while X-Total-Count ${page.total} makes ${lastPageOf(page.total, perPage)}): it does not behave like Hanko's Admin API`,
				);
			}

			// The very same page again, three times in a row, is a server going round in circles. (Pages
			// of users already seen are not: ties on created_at reorder, and a resumed walk meets users
			// exported before it stopped.) Other loops end at the total's bound above
			const again = full && fingerprints.has(page.fingerprint);
			fingerprints.add(page.fingerprint);
			repeats = again ? repeats + 1 : 0;
			if (repeats >= repeatLimit) {
				throw new AdminApiError(
					`pages ${committing - repeatLimit + 1} to ${committing} repeat earlier pages: the server goes round in circles, so the walk would not end`,
				);
			}

			await settings.commit(committing, page);
		}
	} catch (error) {
		// Nothing more goes out, and what is out is cut short: the error is the walk's last word
		failed = true;
		settings.abort();
		throw error;
	} finally {
		// Pages fetched past the end (or before a cancel) are not needed
		await Promise.allSettled(fetched.values());
	}

	return committing - 1;
}
