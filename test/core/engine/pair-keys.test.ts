import {describe, expect, it} from 'vitest';
import {PairKeys} from '../../../source/core/engine/pair-keys.js';
import type {RecordKeys} from '../../../source/core/engine/record-keys.js';

/** A reading that gives each record a username of its own, and remembers what it was asked. */
function readingLog() {
	const asked: number[][] = [];
	const read = async (records: readonly number[]) => {
		asked.push([...records]);
		return new Map<number, RecordKeys>(
			records.map(record => [
				record,
				{keys: {userId: undefined, username: `u${record}`, emails: [], credentialIds: [], userHandles: []}},
			]),
		);
	};

	return {asked, read};
}

describe('PairKeys', () => {
	it('asks for each record once, as pairs come, and gives them all with the ones asked for at the end', async () => {
		const {asked, read} = readingLog();
		const pairs = new PairKeys(read, 100);
		pairs.ask([5, 1, 5]);
		pairs.ask([1, 9]);
		pairs.ask([]);
		const found = await pairs.reading([9, 5, 12]);
		expect(asked).toEqual([[5, 1], [9], [12]]);
		expect([...found.keys()].sort((a, b) => a - b)).toEqual([1, 5, 9, 12]);
		expect(found.get(12)?.keys?.username).toBe('u12');
	});

	it('asks in readings of at most 1,000 records, each answered on its own', async () => {
		const {asked, read} = readingLog();
		const pairs = new PairKeys(read, 10_000);
		pairs.ask(Array.from({length: 2500}, (_, i) => i));
		expect(asked.map(records => records.length)).toEqual([1000, 1000, 500]);
		expect((await pairs.reading([])).size).toBe(2500);
	});

	it('asks for no more than its most records ahead of the end', async () => {
		const {asked, read} = readingLog();
		const pairs = new PairKeys(read, 3);
		pairs.ask([1, 2]);
		pairs.ask([3, 4, 5]);
		expect(asked).toEqual([[1, 2], [3]]);
	});

	it('fails its reading when a reading asked for before failed', async () => {
		let calls = 0;
		const pairs = new PairKeys(async records => {
			calls++;
			if (calls === 1) throw new Error('the worker ended');
			return new Map(records.map(record => [record, {keys: undefined}]));
		}, 100);
		pairs.ask([1]);
		await expect(pairs.reading([2])).rejects.toThrow('the worker ended');
	});
});
