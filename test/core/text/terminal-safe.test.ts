import {describe, expect, it} from 'vitest';
import {terminalSafe, terminalSafeLines} from '../../../source/core/text/terminal-safe.js';

describe('terminalSafe', () => {
	it('shows control characters as escapes: C0, DEL, C1 and the line breaks', () => {
		expect(terminalSafe('\u001B]0;PWNED\u0007\u001B[2J')).toBe(String.raw`\u001b]0;PWNED\u0007\u001b[2J`);
		expect(terminalSafe('\u009B31m@x.com')).toBe(String.raw`\u009b31m@x.com`);
		expect(terminalSafe('a\u007Fb\nc\rd\te')).toBe(String.raw`a\u007fb\u000ac\u000dd\u0009e`);
	});

	it('shows the bidirectional controls that reorder text on screen', () => {
		expect(terminalSafe('admin\u202Egpj.exe')).toBe(String.raw`admin\u202egpj.exe`);
		expect(terminalSafe('one\u2028two\u2029three')).toBe(String.raw`one\u2028two\u2029three`);
		expect(terminalSafe('\u2066x\u2069\u200F\u061C')).toBe(String.raw`\u2066x\u2069\u200f\u061c`);
	});

	it('leaves other text alone, the same string when there is nothing to do', () => {
		const text = 'jürgen@münchen.example ΣΑΣ 日本 😀 \u00A0';
		expect(terminalSafe(text)).toBe(text);
	});

	it('keeps the line breaks of text made of lines, and nothing else', () => {
		expect(terminalSafeLines('first\nsecond \u001B[31mred\n')).toBe('first\nsecond \\u001b[31mred\n');
	});
});
