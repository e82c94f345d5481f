import {describe, expect, it} from 'vitest';
import {InOrderResults} from '../../../source/core/engine/in-order-results.js';

const takeAll = <T>(results: InOrderResults<T>): T[] => {
	const taken: T[] = [];
	for (let result = results.take(); result !== undefined; result = results.take()) taken.push(result);
	return taken;
};

describe('InOrderResults', () => {
	it('holds a result until every one before it has come', () => {
		const results = new InOrderResults<string>();
		results.add(2, 'c');
		results.add(1, 'b');
		expect(takeAll(results)).toEqual([]);
		expect(results.held).toBe(2);
		results.add(0, 'a');
		expect(takeAll(results)).toEqual(['a', 'b', 'c']);
		expect(results.next).toBe(3);
		expect(results.held).toBe(0);
	});

	it('hands on every result once, in order, whatever order they come in', () => {
		const order = Array.from({length: 500}, (_, index) => index);
		// A fixed shuffle: the same order on every run
		let seed = 7;
		for (let index = order.length - 1; index > 0; index--) {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			const other = seed % (index + 1);
			[order[index], order[other]] = [order[other]!, order[index]!];
		}

		const results = new InOrderResults<number>();
		const taken: number[] = [];
		for (const seq of order) {
			results.add(seq, seq * 10);
			taken.push(...takeAll(results));
		}

		expect(taken).toEqual(Array.from({length: 500}, (_, index) => index * 10));
	});

	it('starts where it is told, and refuses a result that came twice', () => {
		const results = new InOrderResults<number>(5);
		results.add(5, 50);
		expect(results.take()).toBe(50);
		expect(() => {
			results.add(5, 51);
		}).toThrow('came twice');
		results.add(7, 70);
		expect(() => {
			results.add(7, 71);
		}).toThrow('came twice');
		expect(results.take()).toBeUndefined();
	});

	it('shows the next result without taking it, and what it still holds', () => {
		const results = new InOrderResults<string>(1);
		results.add(3, 'c');
		expect(results.peek()).toBeUndefined();
		results.add(1, 'a');
		expect(results.peek()).toBe('a');
		expect(results.next).toBe(1);
		expect([...results.values()].sort()).toEqual(['a', 'c']);
		expect(results.take()).toBe('a');
		expect([...results.values()]).toEqual(['c']);
	});
});
