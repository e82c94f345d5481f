import {describe, expect, it} from 'vitest';
import {freshCheckpoint} from '../../../source/core/export/export-checkpoint.js';
import {cancelledOutcome, completeOutcome, summarise} from '../../../source/core/export/export-summary.js';

describe('outcomes', () => {
	it('are verified only when the last walk agreed', () => {
		expect(completeOutcome({agree: true, reasons: []}, false)).toEqual({verified: true, reasons: [], resumed: false, cancelled: false});
		expect(completeOutcome({agree: false, reasons: ['moved']}, true)).toEqual({
			verified: false,
			reasons: ['moved'],
			resumed: true,
			cancelled: false,
		});
		expect(cancelledOutcome(true)).toEqual({
			verified: false,
			reasons: ['cancelled: run the same command again to resume'],
			resumed: true,
			cancelled: true,
		});
	});
});

describe('summarise', () => {
	it('counts users without the ones left out, against the total', () => {
		const checkpoint = freshCheckpoint({apiUrl: 'http://127.0.0.1:9/', perPage: 10, raw: null, deep: false}, 0);
		checkpoint.deleted = ['a'];
		checkpoint.oversize = ['b'];
		const summary = summarise({
			checkpoint,
			files: {out: 'out.json', raw: null, contacts: null},
			deep: false,
			ids: 12,
			total: 10,
			started: Date.now(),
			outcome: cancelledOutcome(false),
		});
		expect(summary).toMatchObject({
			out: 'out.json',
			users: 10,
			missing: 0,
			extra: 1,
			deletedDuringRun: 1,
			oversize: ['b'],
			cancelled: true,
		});
		expect(summary.notes.passwords).toBeNull();
	});
});
