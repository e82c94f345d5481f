import type {AdaptiveConcurrency} from '../export/adaptive-concurrency.js';
import {Limiter} from '../export/limiter.js';

/** Requests at once: a fixed number, or one that a 429 lowers (the client tells it: see target-command.ts). */
export type Concurrency = number | AdaptiveConcurrency;

/**
 * Runs requests at most `concurrency` at once. With an adaptive concurrency, the limit follows it, and
 * each answer counts as a calm request: after enough of them, more at once again.
 */
export function requestLimiter(concurrency: Concurrency = 4): <T>(task: () => Promise<T>) => Promise<T> {
	const adaptive = typeof concurrency === 'number' ? undefined : concurrency;
	const limiter = new Limiter(adaptive ? () => adaptive.current : (concurrency as number));
	return async task => {
		const result = await limiter.run(task);
		adaptive?.pageCommitted();
		return result;
	};
}
