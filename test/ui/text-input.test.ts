import {describe, expect, it} from 'vitest';
import {erasedFrom, typedInto} from '../../source/ui/text-input.js';

describe('text input', () => {
	it('types printable text only, and erases whole characters', () => {
		expect(typedInto('ab', 'c\r\nd\u001B[2J\u007F')).toBe('abcd[2J');
		expect(erasedFrom('Zoë😀')).toBe('Zoë');
		expect(erasedFrom('')).toBe('');
	});
});
