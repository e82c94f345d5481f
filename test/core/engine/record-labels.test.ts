import {describe, expect, it} from 'vitest';
import {RecordLabels} from '../../../source/core/engine/record-labels.js';

const all = (labels: RecordLabels, needle: string) => [...labels.search(needle)].flat();

describe('RecordLabels', () => {
	it('keeps labels of records in order across pages and finds them by any value', () => {
		const labels = new RecordLabels();
		for (let record = 0; record < 10_000; record++) labels.add(record * 3, `user${record}@example.com\0id-${record}`);
		expect(labels.size).toBe(10_000);
		expect(labels.label(3 * 4097)).toBe('user4097@example.com');
		expect(labels.who(3 * 9999)).toBe('user9999@example.com\0id-9999');
		expect(labels.label(1)).toBe('');
		expect(all(labels, 'id-4097')).toEqual([3 * 4097]);
		expect(all(labels, 'user999@')).toEqual([3 * 999]);
		// Once per record, though it matches both values
		expect(all(labels, '9999').filter(record => record === 3 * 9999)).toHaveLength(1);
		expect(all(labels, 'user1').length).toBe(1111);
	});

	it('never matches across two values or two records', () => {
		const labels = new RecordLabels();
		labels.add(0, 'ab\0cd');
		labels.add(1, 'ef');
		expect(all(labels, 'bc')).toEqual([]);
		expect(all(labels, 'de')).toEqual([]);
		expect(all(labels, 'b\0c')).toEqual([]);
		expect(all(labels, 'cd')).toEqual([0]);
	});

	it('searches case-insensitively, also where lower-casing changes the length', () => {
		const labels = new RecordLabels();
		for (let record = 0; record < 5000; record++) labels.add(record, record === 4000 ? 'İSTANBUL@X.IO' : `u${record}@X.IO`);
		expect(all(labels, 'stanbul@x')).toEqual([4000]);
		expect(all(labels, 'u4001@x.io')).toEqual([4001]);
	});

	it('keeps records added out of order apart, and never two labels for a record', () => {
		const labels = new RecordLabels();
		labels.add(10, 'ten');
		labels.add(20, 'twenty');
		labels.add(5, 'five');
		labels.add(20, 'again');
		expect(labels.label(5)).toBe('five');
		expect(labels.label(20)).toBe('twenty');
		expect(all(labels, 'f')).toEqual([5]);
	});

	it('stops at its budget and says so', () => {
		const labels = new RecordLabels(10);
		labels.add(0, 'abcd');
		labels.add(1, 'efgh');
		labels.add(2, 'ijkl');
		expect(labels.full).toBe(true);
		expect(labels.has(1)).toBe(true);
		expect(labels.has(2)).toBe(false);
	});
});
