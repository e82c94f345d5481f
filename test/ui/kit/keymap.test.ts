import {describe, expect, it} from 'vitest';
import {actionFor, actionsFor, bindings, helpRows, statusLine} from '../../../source/ui/kit/keymap.js';

describe('keymap', () => {
	it.each([
		['j', {}, 'down'],
		['', {downArrow: true}, 'down'],
		['k', {}, 'up'],
		['', {pageDown: true}, 'pageDown'],
		['d', {ctrl: true}, 'halfPageDown'],
		['u', {ctrl: true}, 'halfPageUp'],
		['g', {}, 'first'],
		['', {home: true}, 'first'],
		['G', {}, 'last'],
		['', {end: true}, 'last'],
		['?', {}, 'help'],
		['q', {}, 'back'],
		['c', {ctrl: true}, 'quit'],
	])('%j with %j is %s on the validation screen', (input, key, action) => {
		expect(actionFor('validation', input, key)).toBe(action);
	});

	it('binds a bare Esc only to undoable view changes, nothing destructive (over SSH an arrow key can arrive as Esc, then [B)', () => {
		const onEscape = bindings.filter(binding => binding.keys.some(spec => 'special' in spec && spec.special === 'escape'));
		// Clearing the filter loses no work; closing the path input or a form keeps what was typed
		expect(onEscape.map(binding => binding.action)).toEqual(['closePath', 'clearFilter', 'back']);
		expect(onEscape.find(binding => binding.action === 'back')?.screens).toEqual(['exportForm', 'convertForm', 'convertFailed']);
		// A converted result waiting for Enter is dropped only by a printable key
		expect(actionFor('convertReport', '', {escape: true})).toBeUndefined();
		expect(actionFor('detail', '', {escape: true})).toBeUndefined();
	});

	it('keeps list keys to the list: j does nothing in the help screen', () => {
		expect(actionFor('help', 'j', {})).toBeUndefined();
		expect(actionFor('help', 'q', {})).toBe('back');
	});

	it('treats keys that arrive in one read as separate presses', () => {
		expect(actionsFor('validation', 'jjk', {})).toEqual(['down', 'down', 'up']);
		expect(actionsFor('validation', 'jxj', {})).toEqual(['down', 'down']);
		expect(actionsFor('validation', 'd', {ctrl: true})).toEqual(['halfPageDown']);
		expect(actionsFor('validation', 'jj\r', {})).toEqual(['down', 'down', 'open']);
	});

	it('has no key bound twice on one screen', () => {
		for (const screen of ['validation', 'detail', 'help'] as const) {
			const labels = helpRows(screen).flatMap(row => row.keys.split(', '));
			expect(new Set(labels).size, screen).toBe(labels.length);
		}
	});

	it('builds the help and the status bar from the same table', () => {
		const rows = helpRows('validation');
		expect(rows).toContainEqual({keys: 'j, ↓', description: 'next row'});
		expect(rows).toContainEqual({keys: 'Ctrl+d', description: 'half a page down'});
		expect(rows).toHaveLength(bindings.filter(binding => binding.screens.includes('validation')).length);
		expect(statusLine('validation')).toBe('j/k move  / search  f filter  enter open  p pending  w write  ? help  q back/quit');
	});
});
