import {describe, expect, it} from 'vitest';
import {AdaptiveConcurrency} from '../../../source/core/export/adaptive-concurrency.js';

describe('AdaptiveConcurrency', () => {
	it('halves after a 429 (never below one), grows by one every 20 calm pages, never past its maximum', () => {
		const concurrency = new AdaptiveConcurrency(8);
		concurrency.rateLimited();
		expect(concurrency.current).toBe(4);
		for (let page = 0; page < 19; page++) concurrency.pageCommitted();
		expect(concurrency.current).toBe(4);
		concurrency.pageCommitted();
		expect(concurrency.current).toBe(5);
		for (let index = 0; index < 5; index++) concurrency.rateLimited();
		expect(concurrency.current).toBe(1);
		for (let page = 0; page < 1000; page++) concurrency.pageCommitted();
		expect(concurrency.current).toBe(8);
	});
});
