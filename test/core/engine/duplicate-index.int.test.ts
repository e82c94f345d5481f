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
		// Uniform like the value hashes (a linear congruential generator's low bits, which choose the
		// shard, are not): MurmurHash3's finaliser of a counter
		const mix = (x: number) => {
			x = Math.imul(x ^ (x >>> 16), 0x85_eb_ca_6b);
			x = Math.imul(x ^ (x >>> 13), 0xc2_b2_ae_35);
			return (x ^ (x >>> 16)) >>> 0;
		};

		let counter = 11;
		const next = () => mix(counter++);

		const values: Array<[number, number]> = [];
		for (let record = 0; record < 100_000; record++) {
			const value: [number, number] = [next(), next()];
			values.push(value);
			expect(index.firstOrAdd(value[0], value[1], record)).toBe(-1);
		}

		expect(index.capacity).toBe(capacity);
		expect(index.firstOrAdd(values[500]![0], values[500]![1], 100_000)).toBe(500);
		// Not sized beyond need: at most one doubling over what growing from a small table reaches
		const grown = new DuplicateIndex(2);
		for (const [record, [a, b]] of values.entries()) grown.firstOrAdd(a, b, record);
		expect(capacity).toBeLessThanOrEqual(2 * grown.capacity);
	});
});

describe('DuplicateIndex.clear', () => {
	it('forgets every value and keeps its size, so that one index serves every partition in turn', () => {
		const index = DuplicateIndex.sizedFor(10_000);
		const capacity = index.capacity;
		for (let i = 0; i < 10_000; i++) expect(index.firstOrAdd(Math.imul(i, 0x9e_37_79_b1) >>> 0, i, i)).toBe(-1);
		expect(index.firstOrAdd(Math.imul(5, 0x9e_37_79_b1) >>> 0, 5, 99)).toBe(5);
		index.clear();
		expect(index.count).toBe(0);
		expect(index.capacity).toBe(capacity);
		// A value seen before the clear is new again
		expect(index.firstOrAdd(Math.imul(5, 0x9e_37_79_b1) >>> 0, 5, 7)).toBe(-1);
		expect(index.firstOrAdd(Math.imul(5, 0x9e_37_79_b1) >>> 0, 5, 8)).toBe(7);
	});
});
