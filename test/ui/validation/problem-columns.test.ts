import {describe, expect, it} from 'vitest';
import type {Problem} from '../../../source/core/engine/problem-store.js';
import {byRuleLines} from '../../../source/ui/validation/validation-view.js';
import {cell, problemColumns, problemHeader, problemRow} from '../../../source/ui/validation/problem-columns.js';
import {entry} from '../../../source/ui/kit/format.js';
import {tooSmall} from '../../../source/ui/kit/frame.js';

const problem = (record: number | null, code: string, message: string): Problem =>
	({record, line: 17, column: 3, code, severity: 'error', message, pointer: '/user_id'}) as unknown as Problem;

describe('problem list columns', () => {
	it('keeps a readable message column at 80 columns and gives the rest to the code and user at 200', () => {
		const narrow = problemColumns(78); // 80 columns, less the one kept free and the scroll bar
		expect(narrow.message).toBeGreaterThanOrEqual(24);
		expect(narrow.label).toBeGreaterThan(0);
		const wide = problemColumns(199);
		expect(wide.code).toBe(29); // The longest rule code, whole
		expect(wide.label).toBe(36);
		for (const width of [78, 99, 199]) {
			const c = problemColumns(width);
			expect(4 + c.entry + 1 + c.line + 2 + c.code + 1 + c.label + 1 + c.message).toBe(width);
		}
	});

	it('cuts a long code or user with an ellipsis, so the next column starts in its place', () => {
		const row = problemRow(problem(16, 'webauthn.sign-count-too-large', 'sign_count is too large'), 'x'.repeat(50), 78, true);
		const c = problemColumns(78);
		expect([...row].length).toBeLessThanOrEqual(78);
		expect(row.startsWith('> ✗      17      17  ')).toBe(true);
		// The message starts after the code and user cells and their spaces
		expect([...row].slice(4 + c.entry + 1 + c.line + 2 + c.code + 1 + c.label + 1).join('')).toMatch(/^sign_count/);
		expect(row).toContain('…');
		expect(cell('abc', 5)).toBe('abc  ');
		expect(cell('abcdef', 4)).toBe('abc…');
	});

	it('shows records from 1, as Hanko counts its entries, and problems of the file as such', () => {
		expect(entry(16)).toBe('entry 17');
		expect(entry(999_999)).toBe('entry 1,000,000');
		expect(problemRow(problem(0, 'user-id.invalid', 'm'), 'ann', 99, false)).toMatch(/^ {2}✗ +1 +17 {2}user-id\.invalid/);
		expect(problemRow(problem(null, 'file.bom', 'm'), '', 99, false)).toMatch(/^ {2}✗ +file +17 {2}file\.bom/);
	});

	it('keeps the position at the right edge of the header, whole, at any width', () => {
		const header = problemHeader(78, 'row 13/36');
		expect(header.endsWith(' row 13/36')).toBe(true);
		expect([...header].length).toBeLessThanOrEqual(78);
		expect(problemHeader(20, 'row 1,000,000/1,000,000')).toBe('row 1,000,000/1,000…');
	});
});

describe('counts by rule', () => {
	const rules = Array.from({length: 28}, (_, i): [string, {count: number}] => [`rule.${i}`, {count: 100 - i}]);

	it('says how many rules were left out, and how to see them', () => {
		const lines = byRuleLines(rules, undefined, undefined, 80);
		expect(lines).toHaveLength(5);
		expect(lines[4]).toBe('  … and 24 more (f to filter)');
		expect(byRuleLines(rules.slice(0, 5), undefined, undefined, 80).join('\n')).not.toContain('more');
	});

	it('follows the choice while choosing, the last rule included', () => {
		const lines = byRuleLines(rules, 27, undefined, 80);
		expect(lines).toHaveLength(5);
		expect(lines[4]).toMatch(/^> +73 {2}rule\.27/);
	});
});

describe('terminal size', () => {
	it('asks for 80x24 below it, and says the size it has', () => {
		expect(tooSmall({columns: 80, rows: 24})).toBeUndefined();
		expect(tooSmall({columns: 79, rows: 40})).toBe('terminal too small (need 80x24, this one is 79x40)');
		expect(tooSmall({columns: 200, rows: 20})).toBe('terminal too small (need 80x24, this one is 200x20)');
	});
});
