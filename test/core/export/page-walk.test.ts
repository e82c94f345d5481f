import {describe, expect, it} from 'vitest';
import {lastPageOf, lookAheadPages} from '../../../source/core/export/page-walk.js';

describe('page arithmetic of a walk', () => {
	it('looks about 2,000 users ahead, never fewer pages than requests in flight and one', () => {
		expect(lookAheadPages(4, 100)).toBe(20);
		expect(lookAheadPages(4, 1000)).toBe(5);
		expect(lookAheadPages(30, 100)).toBe(31);
	});

	it('has at least one page', () => {
		expect(lastPageOf(0, 100)).toBe(1);
		expect(lastPageOf(100, 100)).toBe(1);
		expect(lastPageOf(101, 100)).toBe(2);
	});
});
