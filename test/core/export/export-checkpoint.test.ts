import {describe, expect, it} from 'vitest';
import {freshCheckpoint, recordTotal, startWalk} from '../../../source/core/export/export-checkpoint.js';

const fresh = () => freshCheckpoint({apiUrl: 'http://127.0.0.1:9/', perPage: 10, raw: null, deep: false}, 0);

describe('the walk in a checkpoint', () => {
	it('keeps the first total of a walk and whether a later page differed', () => {
		const checkpoint = fresh();
		recordTotal(checkpoint, 40);
		recordTotal(checkpoint, 40);
		expect(checkpoint).toMatchObject({walkTotal: 40, totalMoved: false});
		recordTotal(checkpoint, 41);
		recordTotal(checkpoint, 40);
		expect(checkpoint).toMatchObject({walkTotal: 40, totalMoved: true});
	});

	it('starts a walk from its first page with no total seen', () => {
		const checkpoint = fresh();
		Object.assign(checkpoint, {nextPage: 7, walkTotal: 40, totalMoved: true, partialBytes: 99});
		startWalk(checkpoint, 2);
		expect(checkpoint).toMatchObject({walk: 2, nextPage: 1, walkTotal: null, totalMoved: false, partialBytes: 99});
	});
});
