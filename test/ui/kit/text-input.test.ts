import {describe, expect, it} from 'vitest';
import type {KeyPress} from '../../../source/ui/kit/key-binding.js';
import {type TextField, edit, fieldOf, fieldWindow, withCursor} from '../../../source/ui/kit/text-input.js';

// The field as "before|after", the bar standing for the cursor
const show = (field: TextField) => withCursor(field, text => text, '|');
const at = (text: string): TextField => {
	const [before, after = ''] = text.split('|');
	return {value: before! + after, cursor: [...before!].length};
};

function press(field: TextField, input: string, key: KeyPress = {}): string {
	const result = edit(field, input, key);
	if (!result) throw new Error(`the key ${JSON.stringify({input, key})} was not the field's`);
	return show(result.field);
}

describe('the text input', () => {
	it('types at the cursor and keeps whole characters (accents, emoji, CJK)', () => {
		expect(press(at('ab|'), 'c')).toBe('abc|');
		expect(press(at('a|c'), 'b')).toBe('ab|c');
		expect(press(at('Zoë|'), '😀')).toBe('Zoë😀|');
		expect(press(at('😀|x'), '', {leftArrow: true})).toBe('|😀x');
		expect(press(at('日本|語'), '', {delete: true})).toBe('日|語');
		expect(fieldOf('Zoë😀')).toEqual({value: 'Zoë😀', cursor: 4});
	});

	it('moves with ←/→ (Ctrl+B/F), Home/End and Ctrl+A/E, staying inside the text', () => {
		expect(press(at('ab|c'), '', {leftArrow: true})).toBe('a|bc');
		expect(press(at('|abc'), '', {leftArrow: true})).toBe('|abc');
		expect(press(at('ab|c'), '', {rightArrow: true})).toBe('abc|');
		expect(press(at('abc|'), '', {rightArrow: true})).toBe('abc|');
		expect(press(at('ab|c'), 'b', {ctrl: true})).toBe('a|bc');
		expect(press(at('ab|c'), 'f', {ctrl: true})).toBe('abc|');
		expect(press(at('ab|c'), '', {home: true})).toBe('|abc');
		expect(press(at('ab|c'), '', {end: true})).toBe('abc|');
		expect(press(at('ab|c'), 'a', {ctrl: true})).toBe('|abc');
		expect(press(at('a|bc'), 'e', {ctrl: true})).toBe('abc|');
	});

	it('deletes: Backspace before the cursor, Ctrl+D at it, Ctrl+U/K to the start/end', () => {
		// Ink reports the DEL of Backspace as `delete`, and Ctrl+H (BS) as `backspace`
		expect(press(at('ab|c'), '', {delete: true})).toBe('a|c');
		expect(press(at('ab|c'), '', {backspace: true})).toBe('a|c');
		expect(press(at('|abc'), '', {delete: true})).toBe('|abc');
		expect(press(at('a|bc'), 'd', {ctrl: true})).toBe('a|c');
		expect(press(at('abc|'), 'd', {ctrl: true})).toBe('abc|');
		expect(press(at('/tmp/|a.json'), 'u', {ctrl: true})).toBe('|a.json');
		expect(press(at('/tmp/|a.json'), 'k', {ctrl: true})).toBe('/tmp/|');
	});

	it('deletes the word or path part before the cursor with Ctrl+W and Alt+Backspace', () => {
		expect(press(at('/tmp/users.json|'), 'w', {ctrl: true})).toBe('/tmp/|');
		expect(press(at('/tmp/|'), 'w', {ctrl: true})).toBe('/|');
		expect(press(at('erin example|'), 'w', {ctrl: true})).toBe('erin |');
		expect(press(at('erin   |x'), 'w', {ctrl: true})).toBe('|x');
		// Alt+Backspace: ESC DEL (Ink: delete with meta) or ESC BS (backspace with meta)
		expect(press(at('a/bc|'), '', {delete: true, meta: true})).toBe('a/|');
		expect(press(at('a/bc|'), '', {backspace: true, meta: true})).toBe('a/|');
		expect(press(at('|abc'), 'w', {ctrl: true})).toBe('|abc');
	});

	it('takes a burst of keys in order: text, DEL and BS erase, controls are dropped', () => {
		// A held Backspace over SSH: several DELs in one read
		expect(press(at('users.jsonx|'), '\u007F\u007F\u007F')).toBe('users.js|');
		expect(press(at('|'), 'abc\u007Fd\bef')).toBe('abef|');
		expect(press(at('a|z'), 'bc\u007Fd')).toBe('abd|z');
		expect(press(at('|'), 'a\u0007b\nc\u001Bd')).toBe('abcd|');
		expect(press(at('|'), '\u007F\u007Fab')).toBe('ab|');
		// Ctrl keys of the text keys act in a burst too: Ctrl+A, then text at the start
		expect(press(at('a.json|'), '\u0001out/')).toBe('out/|a.json');
		expect(press(at('/tmp/a.json|'), '\u0017b.json')).toBe('/tmp/b.json|');
	});

	it('stops a burst at a return or Tab: the text before it is applied, the rest is left for the screen', () => {
		expect(edit(at('|'), 'erin@\r', {})).toEqual({field: at('erin@|'), stop: 'return', rest: ''});
		expect(edit(at('|'), 'ab\u007Fc\rjj', {})).toEqual({field: at('ac|'), stop: 'return', rest: 'jj'});
		expect(edit(at('x|'), 'a.json\tpw\r', {})).toEqual({field: at('xa.json|'), stop: 'tab', rest: 'pw\r'});
	});

	it('takes a paste as one long burst', () => {
		const pasted = `/home/erin/${'exports/'.repeat(50)}users 😀.json`;
		expect(press(at('|'), pasted)).toBe(`${pasted}|`);
		expect(press(at('a|b'), pasted)).toBe(`a${pasted}|b`);
	});

	it("leaves the screen's keys to its keymap: Enter, Tab, Esc, ↑/↓, PgUp/PgDn, other Ctrl and Alt keys", () => {
		for (const key of [{return: true}, {tab: true}, {escape: true, meta: true}, {upArrow: true}, {downArrow: true}, {pageUp: true}])
			expect(edit(at('a|'), '', key)).toBeUndefined();
		expect(edit(at('a|'), 'c', {ctrl: true})).toBeUndefined();
		expect(edit(at('a|'), 'o', {ctrl: true})).toBeUndefined();
		expect(edit(at('a|'), 'x', {meta: true})).toBeUndefined();
	});

	it('draws the cursor where it is, and keeps it in view in a narrow field', () => {
		expect(withCursor(at('ab|c'))).toBe('ab▏c');
		expect(withCursor(at('ab|c'), text => text.toUpperCase())).toBe('AB▏C');
		expect(fieldWindow(at('short|'), 20)).toBe('short▏');
		// At the end: the end shows (a path keeps its file name)
		expect(fieldWindow(at('/a/very/long/path/file.json|'), 12)).toBe('…/file.json▏');
		// At the start of a long value: the start shows, cut at the end
		expect(fieldWindow(at('|/a/very/long/path/file.json'), 12)).toBe('▏/a/very/lo…');
		// In the middle: the part around the cursor
		const middle = fieldWindow(at('/a/very/long/pa|th/file.json'), 12);
		expect(middle).toContain('▏');
		expect([...middle]).toHaveLength(12);
	});
});
