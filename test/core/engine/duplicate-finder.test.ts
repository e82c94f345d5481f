import {readdirSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {DuplicateFinder} from '../../../source/core/engine/duplicate-finder.js';
import {useTempDir} from '../../helpers/temp-dir.js';

describe('duplicate finder', () => {
	const temp = useTempDir();

	it('spills to files that have no name in the temp folder (a killed run leaves nothing), and still finds every duplicate', async () => {
		const finder = new DuplicateFinder(100, temp());
		const duplicates: number[] = [];
		for (let record = 0; record < 5000; record++) {
			// Every tenth record repeats the value of the record five before it
			const value = record % 10 === 9 ? record - 5 : record;
			const earlier = finder.add(value * 7919, value, record, 1, record + 1, 1);
			if (earlier >= 0) duplicates.push(record);
		}

		expect(finder.spilled).toBe(true);
		expect(readdirSync(temp())).toEqual([]);
		const found = await finder.finish();
		const all = [...duplicates, ...found.map(duplicate => duplicate.record)].toSorted((x, y) => x - y);
		expect(all).toEqual(Array.from({length: 5000}, (_, record) => record).filter(record => record % 10 === 9));
	});
});
