import {describe, expect, it} from 'vitest';
import {wrap} from '../../../source/ui/kit/format.js';

describe('wrap', () => {
	it('breaks text at spaces to the width, and a word longer than a line into pieces rather than cutting it', () => {
		expect(wrap('the export stopped at page 12', 12)).toEqual(['the export', 'stopped at', 'page 12']);
		const url = 'https://example.hanko.io/admin/users?page=12&per_page=100';
		const lines = wrap(`GET ${url} failed`, 20);
		expect(lines.every(line => [...line].length <= 20)).toBe(true);
		expect(lines.join('').replaceAll(' ', '')).toBe(`GET${url}failed`);
	});

	it('makes control characters visible before it measures', () => {
		expect(wrap('a\u001B[2Jb', 40)).toEqual([String.raw`a\u001b[2Jb`]);
	});
});
