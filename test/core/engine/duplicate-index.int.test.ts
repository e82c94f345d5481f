import {describe, expect, it} from 'vitest';
import {DuplicateIndex} from '../../../source/core/engine/duplicate-index.js';

describe('DuplicateIndex', () => {
	it('returns the first record of each hash, through many resizes', () => {
		const index = new DuplicateIndex(2);
		const reference = new Map<string, number>();
		let seed = 7;
		const next = () => {
			seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
			return seed;
		};

		const values: Array<[number, number]> = [];
		for (let i = 0; i < 20_000; i++) values.push([next(), next()]);
		for (let record = 0; record < 60_000; record++) {
			// Every third value repeats an earlier one; some share `a` but not `b`
			const [a, b] =
				record % 3 === 0
					? values[next() % values.length]!
					: record % 3 === 1
						? [values[record % values.length]![0], next()]
						: values[record % values.length]!;
			const key = `${a}:${b}`;
			const expected = reference.get(key) ?? -1;
			if (expected < 0) reference.set(key, record);
			expect(index.firstOrAdd(a, b, record)).toBe(expected);
		}

		expect(index.count).toBe(reference.size);
	});

	it('sizedFor takes that many values without a resize, and still finds their duplicates', () => {
		const index = DuplicateIndex.sizedFor(100_000);
		const capacity = index.capacity;
		let seed = 11;
		const next = () => {
			seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
			return seed;
		};

		const values: Array<[number, number]> = [];
		for (let record = 0; record < 100_000; record++) {
			const value: [number, number] = [next(), next()];
			values.push(value);
			expect(index.firstOrAdd(value[0], value[1], record)).toBe(-1);
		}

		expect(index.capacity).toBe(capacity);
		expect(index.firstOrAdd(values[500]![0], values[500]![1], 100_000)).toBe(500);
		// Not sized beyond need: at most twice the slots the load bound asks for (rounding to a power of two)
		expect(capacity).toBeLessThanOrEqual((2 * 1.25 * 100_000) / 0.4);
	});
});
