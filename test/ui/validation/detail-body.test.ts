import {describe, expect, it} from 'vitest';
import type {Problem} from '../../../source/core/engine/problem-store.js';
import {
	bodyRows,
	detailBody,
	faultIn,
	placeFault,
	recordLineIndex,
	sideways,
	widestLine,
} from '../../../source/ui/validation/detail-body.js';

const syntax = {
	record: 0,
	line: 1,
	column: 189,
	pointer: '',
	code: 'json.syntax',
	severity: 'error',
	message: 'expected a name',
} as Problem;

describe('detail body', () => {
	it('lists the problems with their fixes, then the record with the faulty lines marked, made safe', () => {
		const body = detailBody(16, [syntax], [{text: '{"a":"\u001B[2J"}', pointer: ''}], new Set([0]));
		expect(body.map(line => line.text)).toEqual([
			'✗ json.syntax (record): expected a name',
			expect.stringMatching(/^ {4}fix: /),
			'-'.repeat(40),
			String.raw`» {"a":"\u001b[2J"}`,
		]);
		expect(body[3]!.strong).toBe(true);
		expect(recordLineIndex(1, 0)).toBe(3);
	});

	it('finds a syntax error in the record text from its file position and where the record starts', () => {
		expect(faultIn(syntax, {line: 1, column: 1})).toEqual({line: 0, column: 188});
		// In a JSON array the record starts inside its line; on a later line, columns count from 1
		expect(faultIn({...syntax, line: 7, column: 12} as Problem, {line: 5, column: 3})).toEqual({line: 2, column: 11});
		expect(faultIn({...syntax, line: 5, column: 12} as Problem, {line: 5, column: 3})).toEqual({line: 0, column: 9});
		expect(faultIn({...syntax, code: 'user-id.invalid'} as Problem, {line: 1, column: 1})).toBeUndefined();
	});

	it('wraps long lines into rows of the width, or cuts them with « and » when scrolled sideways', () => {
		const body = [
			{text: 'x'.repeat(25), strong: false},
			{text: 'short', strong: true},
		];
		expect(bodyRows(body, 10, true).map(row => row.text)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5), 'short']);
		expect(bodyRows(body, 10, false)).toHaveLength(2);
		expect(widestLine(body)).toBe(25);
		expect(sideways('abcdefghijklmnop', 0, 6)).toBe('abcde»');
		expect(sideways('abcdefghijklmnop', 4, 6)).toBe('«fghi»');
		expect(sideways('abcdefghijklmnop', 12, 6)).toBe('«nop');
		expect(sideways('short', 0, 6)).toBe('short');
	});

	it('brings a fault far to the right into the middle of the view, and one far down a third of the way down', () => {
		const body = [...Array.from({length: 3}, () => ({text: 'p', strong: false})), {text: 'y'.repeat(500), strong: true}];
		expect(placeFault(body, 3, 188, {width: 80, height: 20, wrap: false})).toEqual({scroll: 0, left: 150});
		// Near the left edge: nothing moves
		expect(placeFault(body, 3, 10, {width: 80, height: 20, wrap: false})).toEqual({scroll: 0, left: 0});
		// Wrapped: the row its column falls on
		expect(placeFault(body, 3, 188, {width: 10, height: 6, wrap: true})).toEqual({scroll: 22 - 2, left: 0});
		const tall = Array.from({length: 100}, () => ({text: 'q', strong: false}));
		expect(placeFault(tall, 60, 0, {width: 80, height: 21, wrap: false})).toEqual({scroll: 53, left: 0});
	});
});
