import {describe, expect, it} from 'vitest';
import type {ExportProgress} from '../../../source/core/export/export-types.js';
import {ProgressReporter, checkStartLine, walkStartLine} from '../../../source/core/export/export-progress.js';

function reporter(users: () => number, pausedMs: () => number = () => 0) {
	const emitted: ExportProgress[] = [];
	const told: string[] = [];
	const checkpoint = {stats: {requests: 3, retries: 1, rateLimited: 0}, walk: 1};
	const facts = () => ({checkpoint, users: users(), total: 50, concurrency: 4, paused: false, pausedMs: pausedMs()});
	const progress = new ProgressReporter(1000, facts, emitted.push.bind(emitted), told.push.bind(told));
	return {progress, emitted, told};
}

describe('ProgressReporter', () => {
	it('leaves the time spent paused out of the rate', () => {
		let paused = 0;
		const {progress, emitted} = reporter(
			() => 30,
			() => paused,
		);
		progress.start(10);
		progress.report(true, 3000); // 20 users in 2 s
		paused = 1000;
		progress.report(true, 4000); // The last second was paused: still 20 users in 2 s of work
		expect(emitted.map(p => p.usersPerSecond)).toEqual([10, 10]);
		expect(emitted.map(p => p.elapsedMs)).toEqual([2000, 3000]);
	});

	it('reports at most every 100 ms unless forced, with the rate of users found since the start', () => {
		let users = 10;
		const {progress, emitted} = reporter(() => users);
		progress.start(10);
		users = 30;
		progress.report(false, 3000);
		progress.report(false, 3050);
		progress.report(true, 3050);
		progress.report(false, 3150);
		expect(emitted.map(p => p.elapsedMs)).toEqual([2000, 2050, 2150]);
		expect(emitted[0]).toEqual({
			requests: 3,
			retries: 1,
			rateLimited: 0,
			phase: 'walk',
			page: 0,
			pages: 0,
			checked: 0,
			toCheck: 0,
			walk: 1,
			users: 30,
			total: 50,
			concurrency: 4,
			usersPerSecond: 10,
			elapsedMs: 2000,
			paused: false,
		});
	});

	it('follows the phases, and tells the start of each walk and check', () => {
		const {progress, emitted, told} = reporter(() => 0);
		progress.walkStarts(2, false, 1);
		progress.pages(5);
		progress.page(3);
		progress.report(true);
		expect(emitted.at(-1)).toMatchObject({phase: 'walk', page: 3, pages: 5});
		progress.checkStarts(7);
		expect(emitted.at(-1)).toMatchObject({phase: 'check', checked: 0, toCheck: 7});
		progress.checked(7);
		progress.writing();
		expect(emitted.at(-1)).toMatchObject({phase: 'write', checked: 7});
		progress.checkStarts(0);
		expect(told).toEqual(['walk 2: checking that nothing was missed', 'looking up 7 users the walk did not see again']);
	});
});

describe('event lines', () => {
	it('says which walk starts, and how many users a check looks up', () => {
		expect(walkStartLine(1, false, 1)).toBe('walking every page');
		expect(walkStartLine(1, true, 12)).toBe('resuming at page 12');
		expect(walkStartLine(3, true, 1)).toBe('walk 3: checking that nothing was missed');
		expect(checkStartLine(0)).toBeUndefined();
		expect(checkStartLine(2)).toBe('looking up 2 users the walk did not see again');
	});
});
