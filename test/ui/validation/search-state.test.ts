import {describe, expect, it} from 'vitest';
import {type SearchAction, hitPosition, idleSearch, nextHit, searchReducer} from '../../../source/ui/validation/search-state.js';

const run = (...actions: SearchAction[]) => actions.reduce(searchReducer, idleSearch);

describe('search state', () => {
	it('edits a query, then searches it', () => {
		expect(run({type: 'start'}, {type: 'type', text: 'an'}, {type: 'type', text: 'nx'}, {type: 'erase'})).toMatchObject({
			editing: true,
			query: 'ann',
		});
		expect(run({type: 'start'}, {type: 'type', text: ' ann '}, {type: 'submit'})).toMatchObject({
			editing: false,
			pending: true,
			query: 'ann',
		});
		expect(run({type: 'start'}, {type: 'type', text: 'a\u001B[B'}, {type: 'submit'})).toMatchObject({query: 'a[B'});
	});

	it('closes on Esc or an empty query without searching', () => {
		expect(run({type: 'start'}, {type: 'type', text: 'x'}, {type: 'cancel'})).toMatchObject({editing: false, pending: false});
		expect(run({type: 'start'}, {type: 'submit'})).toMatchObject({editing: false, pending: false});
	});

	it('takes the hits of the current query only', () => {
		const searching = run({type: 'start'}, {type: 'type', text: 'b'}, {type: 'submit'});
		expect(searchReducer(searching, {type: 'hits', query: 'a', hits: [1]})).toMatchObject({pending: true, hits: []});
		expect(searchReducer(searching, {type: 'hits', query: 'b', hits: [3, 7]})).toMatchObject({
			pending: false,
			hits: [3, 7],
			searched: 'b',
		});
	});

	it('moves to the next or previous hit, wrapping around', () => {
		expect(nextHit([3, 7, 12], 3, 1)).toBe(7);
		expect(nextHit([3, 7, 12], 12, 1)).toBe(3);
		expect(nextHit([3, 7, 12], 7, -1)).toBe(3);
		expect(nextHit([3, 7, 12], 3, -1)).toBe(12);
		expect(nextHit([], 0, 1)).toBeUndefined();
	});

	it('says which hit the cursor is on, or how many there are when it is on none', () => {
		expect(hitPosition([3, 8, 12, 40], 8)).toBe('hit 2/4');
		expect(hitPosition([3, 8, 12, 40], 9)).toBe('4 hits');
		expect(hitPosition([3], 0)).toBe('1 hit');
		expect(
			hitPosition(
				Array.from({length: 20_000}, (_, i) => i),
				19_999,
			),
		).toBe('hit 20,000/20,000');
	});

	it('searches when a return comes in the same read as the query, without typing it', () => {
		expect(run({type: 'start'}, {type: 'edit', input: 'erin@\r', key: {}})).toMatchObject({
			editing: false,
			pending: true,
			query: 'erin@',
		});
		expect(run({type: 'start'}, {type: 'edit', input: 'erinx\u007F', key: {}})).toMatchObject({
			editing: true,
			query: 'erin',
			cursor: 4,
		});
		const moved = run(
			{type: 'start'},
			{type: 'type', text: 'ern'},
			{type: 'edit', input: '', key: {leftArrow: true}},
			{type: 'type', text: 'i'},
		);
		expect(moved).toMatchObject({query: 'erin', cursor: 3});
		expect(searchReducer(moved, {type: 'edit', input: 'w', key: {ctrl: true}})).toMatchObject({query: 'n', cursor: 0});
	});
});
