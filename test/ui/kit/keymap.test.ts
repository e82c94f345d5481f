import {describe, expect, it} from 'vitest';
import {
	actionFor,
	actionsFor,
	actions,
	bindings,
	helpRows,
	keyLabel,
	keysFor,
	screens,
	statusBar,
	statusLine,
} from '../../../source/ui/kit/keymap.js';

describe('keymap', () => {
	it.each(['home', 'validation', 'detail', 'filterChooser', 'fixMenu', 'pending', 'safeFixes'] as const)(
		'moves with the mouse wheel on %s, one row a report',
		screen => {
			expect(actionFor(screen, '', {wheelDown: true})).toBe('down');
			expect(actionFor(screen, '', {wheelUp: true})).toBe('up');
			expect(keysFor(screen, ['down'])).toContain('Wheel↓');
		},
	);

	it('binds the wheel to nothing in a text field', () => {
		for (const screen of ['path', 'searchInput', 'exportForm', 'convertForm'] as const) {
			expect(actionFor(screen, '', {wheelDown: true})).toBeUndefined();
		}
	});

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
		// Clearing the filter loses no work, nor does not copying; closing the path input or a form keeps what was typed
		expect(onEscape.map(binding => binding.action)).toEqual([
			'closePath',
			'clearFilter',
			'closeFilter',
			'cancelCopy',
			'closeSearch',
			'back',
			'back',
			'back',
			'back',
			'back',
		]);
		// The target screen's form keeps what was typed, as the export's; its detail goes back to the list
		expect(onEscape.filter(binding => binding.action === 'back').flatMap(binding => binding.screens)).toEqual([
			'exportForm',
			'convertForm',
			'convertFailed',
			'targetForm',
			'targetDetail',
			'help',
		]);
		// A converted result waiting for Enter is dropped only by a printable key
		expect(actionFor('convertReport', '', {escape: true})).toBeUndefined();
		expect(actionFor('detail', '', {escape: true})).toBeUndefined();
	});

	it('keeps list keys to the list: j does nothing in the help screen', () => {
		expect(actionFor('help', 'j', {})).toBeUndefined();
		expect(actionFor('help', 'q', {})).toBe('back');
		expect(actionFor('help', '', {escape: true})).toBe('back');
		// The help screen's footer names them from the table
		expect(keysFor('help', ['help', 'back'])).toEqual(['?', 'q', 'Esc']);
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
		expect(rows).toContainEqual({keys: 'j, ↓, Wheel↓', description: 'next row'});
		expect(rows).toContainEqual({keys: 'Ctrl+d', description: 'half a page down'});
		expect(rows).toHaveLength(bindings.filter(binding => binding.screens.includes('validation')).length);
		expect(statusLine('validation')).toBe(
			'j/k move  / search  f filter  c check project  v verify import  enter open  y copy  p pending  w write  ? help  q back/quit',
		);
	});

	it('binds every action of the union somewhere, and binds keys only on screens it knows', () => {
		const bound = new Set(bindings.map(binding => binding.action));
		expect(actions.filter(action => !bound.has(action))).toEqual([]);
		expect(bindings.flatMap(binding => binding.screens).filter(screen => !screens.includes(screen))).toEqual([]);
		for (const screen of screens) expect(helpRows(screen).length, screen).toBeGreaterThan(0);
	});

	it('has no key bound twice on any screen (the first binding would hide the second)', () => {
		for (const screen of screens) {
			const labels = bindings
				.filter(binding => binding.screens.includes(screen))
				.flatMap(binding => binding.keys.map(spec => keyLabel(spec)));
			expect(
				labels.filter((label, index) => labels.indexOf(label) !== index),
				screen,
			).toEqual([]);
		}
	});

	it('binds the keys inside the filter chooser, the search input and the questions', () => {
		expect(actionsFor('filterChooser', 'jk', {})).toEqual(['down', 'up']);
		expect(actionFor('filterChooser', 'a', {})).toBe('fixRule');
		expect(actionFor('filterChooser', '', {return: true})).toBe('applyFilter');
		for (const [input, key] of [
			['', {escape: true}],
			['q', {}],
			['f', {}],
		] as const)
			expect(actionFor('filterChooser', input, key)).toBe('closeFilter');
		expect(actionFor('searchInput', '', {return: true})).toBe('submitSearch');
		expect(actionFor('searchInput', '', {escape: true})).toBe('closeSearch');
		expect(actionFor('searchInput', '', {backspace: true})).toBe('deleteBack');
		expect(actionFor('searchInput', '', {delete: true, meta: true})).toBe('deleteWord');
		expect(actionFor('path', 'w', {ctrl: true})).toBe('deleteWord');
		expect(actionFor('exportForm', '', {leftArrow: true})).toBe('cursorLeft');
		// Printable keys are the query's text: none is bound
		expect(actionFor('searchInput', 'q', {})).toBeUndefined();
		expect(actionFor('quitPrompt', 'q', {})).toBe('back');
		expect(actionFor('quitPrompt', 'j', {})).toBeUndefined();
		expect(actionFor('writePrompt', 'w', {})).toBe('write');
		expect(actionsFor('cancelPrompt', 'cq', {})).toEqual(['cancelExport', 'cancelExport']);
		for (const screen of ['filterChooser', 'searchInput', 'help', 'path', 'exportForm'] as const)
			expect(actionFor(screen, 'c', {ctrl: true}), screen).toBe('quit');
	});

	it('gives the filter chooser and the search input their status from the table', () => {
		expect(statusLine('filterChooser')).toBe('j/k choose  Enter filter  a fix  Esc close');
		expect(statusLine('searchInput')).toBe('Enter search  Esc close');
	});

	it('fits every status bar into 79 columns (an 80-column terminal), keeping ? help and q', () => {
		for (const screen of screens) {
			const bar = statusBar(screen, 79, {before: ['only user-id.invalid (Esc: all)', '2/4 hits for "ann" (n/N)', '3 pending']});
			expect([...bar].length, screen).toBeLessThanOrEqual(79);
			if (statusLine(screen).includes('? help')) expect(bar, screen).toContain('? help');
			if (statusLine(screen).includes('q back/quit')) expect(bar, screen).toMatch(/\? help {2}q back\/quit$/);
		}
	});

	it('drops the moving keys first, then by rank (w write stays longest), and cuts what the screen says last', () => {
		expect(statusBar('validation', 200)).toBe(statusLine('validation'));
		expect(statusBar('validation', 79)).toBe('/ search  f filter  enter open  y copy  p pending  w write  ? help  q back/quit');
		expect(statusBar('validation', 79, {before: ['3 pending']})).toBe(
			'3 pending   / search  enter open  p pending  w write  ? help  q back/quit',
		);
		expect(statusBar('validation', 30, {before: ['a long notice that cannot fit']})).toBe('a long …   ? help  q back/quit');
	});
});
