import {describe, expect, it} from 'vitest';
import {
	type ListAction,
	type ListWindow,
	initialWindow,
	listReducer,
	positionOf,
	scrollBar,
	visibleRange,
} from '../../../source/ui/kit/list-window.js';

const run = (state: ListWindow, ...actions: ListAction[]) => actions.reduce(listReducer, state);

describe('list window', () => {
	it('moves the cursor and scrolls only when it leaves the window', () => {
		const start = initialWindow(100, 10);
		const after = run(start, ...Array.from({length: 12}, () => ({type: 'down'}) as const));
		expect(after).toMatchObject({cursor: 12, top: 3});
		expect(run(after, {type: 'up'}, {type: 'up'})).toMatchObject({cursor: 10, top: 3});
		expect(run(start, {type: 'up'})).toMatchObject({cursor: 0, top: 0});
	});

	it('pages, half-pages and jumps to either end, staying inside the list', () => {
		const start = initialWindow(95, 10);
		expect(run(start, {type: 'pageDown'})).toMatchObject({cursor: 10, top: 10});
		expect(run(start, {type: 'pageDown'}, {type: 'pageUp'})).toMatchObject({cursor: 0, top: 0});
		expect(run(start, {type: 'halfPageDown'}, {type: 'halfPageDown'})).toMatchObject({cursor: 10, top: 1});
		expect(run(start, {type: 'last'})).toMatchObject({cursor: 94, top: 85});
		expect(run(start, {type: 'last'}, {type: 'pageDown'})).toMatchObject({cursor: 94, top: 85});
		expect(run(start, {type: 'last'}, {type: 'first'})).toMatchObject({cursor: 0, top: 0});
	});

	it('renders only the visible rows, however long the list', () => {
		const state = run(initialWindow(1_000_000, 20), {type: 'goTo', index: 500_000});
		expect(visibleRange(state)).toEqual({from: 499_981, to: 500_001});
	});

	it('keeps the cursor in view when the terminal shrinks, and where it was when rows arrive', () => {
		const state = run(initialWindow(100, 20), {type: 'goTo', index: 19});
		expect(run(state, {type: 'resize', height: 5})).toMatchObject({cursor: 19, top: 15, height: 5});
		expect(run(state, {type: 'setTotal', total: 5000})).toMatchObject({cursor: 19, top: 0, total: 5000});
		expect(run(state, {type: 'setTotal', total: 3})).toMatchObject({cursor: 2, top: 0});
	});

	it('handles an empty list', () => {
		const state = run(initialWindow(0, 10), {type: 'down'}, {type: 'last'});
		expect(state).toMatchObject({cursor: 0, top: 0});
		expect(visibleRange(state)).toEqual({from: 0, to: 0});
	});

	it('says where the cursor is, counted from 1', () => {
		expect(positionOf(run(initialWindow(36, 10), {type: 'goTo', index: 12}))).toBe('13/36');
		expect(positionOf(initialWindow(0, 10))).toBe('0/0');
		expect(positionOf(run(initialWindow(1_000_000, 10), {type: 'last'}))).toBe('1,000,000/1,000,000');
	});

	it('draws a scroll bar whose thumb follows the window, and none when everything fits', () => {
		expect(scrollBar(initialWindow(5, 4 + 1)).join('')).toBe('     ');
		const top = scrollBar(initialWindow(40, 10));
		expect(top.join('')).toBe('███│││││││');
		expect(scrollBar(run(initialWindow(40, 10), {type: 'last'})).join('')).toBe('│││││││███');
		const middle = scrollBar(run(initialWindow(40, 10), {type: 'goTo', index: 24})).join('');
		expect(middle).toMatch(/^│+█+│+$/);
		// A million rows: the thumb keeps one row
		expect(scrollBar(run(initialWindow(1_000_000, 10), {type: 'goTo', index: 500_000})).filter(c => c === '█')).toHaveLength(1);
	});
});
