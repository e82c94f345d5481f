import {describe, expect, it} from 'vitest';
import {erasedFrom, fieldEdits, typedInto} from '../../../source/ui/kit/text-input.js';

describe('text input', () => {
	it('types printable text only, and erases whole characters', () => {
		expect(typedInto('ab', 'c\r\nd\u001B[2J\u007F')).toBe('abcd[2J');
		expect(erasedFrom('Zoë😀')).toBe('Zoë');
		expect(erasedFrom('')).toBe('');
	});

	it('gives a form its edits: text, an erase, and in a paste a return and a Tab; keys of the screen are left to the keymap', () => {
		expect(fieldEdits('convertForm', 'users.json', {})).toEqual([{type: 'type', text: 'users.json'}]);
		expect(fieldEdits('convertForm', '', {backspace: true})).toEqual([{type: 'erase'}]);
		expect(fieldEdits('exportForm', 'a.json\tpw\r', {})).toEqual([
			{type: 'type', text: 'a.json'},
			{type: 'key', action: 'nextField'},
			{type: 'type', text: 'pw'},
			{type: 'key', action: 'startExport'},
		]);
		for (const key of [{ctrl: true}, {meta: true}, {tab: true}, {return: true}, {escape: true}])
			expect(fieldEdits('convertForm', 'o', key)).toBeUndefined();
	});
});
