import {describe, expect, it} from 'vitest';
import {cannotCopy, copyToClipboard, maxCopyBytes, osc52} from '../../../source/ui/kit/clipboard.js';

describe('OSC 52', () => {
	it('sets the clipboard to the base64 of the UTF-8 text, ended by BEL', () => {
		expect(osc52('9f1c7a2e-aaaa')).toBe(`\u001B]52;c;${Buffer.from('9f1c7a2e-aaaa').toString('base64')}\u0007`);
		expect(osc52('ä')).toBe('\u001B]52;c;w6Q=\u0007');
	});

	it('carries no byte of the value as it is: escapes and BEL in the text stay inside the base64', () => {
		const sequence = osc52('a\u001B]0;owned\u0007b');
		// Only the opening ESC and the closing BEL are control characters
		expect(sequence.slice(1, -1)).toMatch(/^\]52;c;[A-Za-z\d+/=]+$/);
	});

	it('wraps it for tmux passthrough, each ESC inside doubled', () => {
		expect(osc52('x', true)).toBe('\u001BPtmux;\u001B\u001B]52;c;eA==\u0007\u001B\\');
	});

	it('refuses values with control characters and values over the cap', () => {
		expect(cannotCopy('ann@example.com')).toBeUndefined();
		expect(cannotCopy('ann\n@example.com')).toMatch(/control characters/);
		expect(cannotCopy('x'.repeat(maxCopyBytes + 1))).toMatch(/too long/);
	});

	it('writes only to a terminal, and says why not otherwise', () => {
		const written: string[] = [];
		const write = (data: string) => written.push(data);
		expect(copyToClipboard({isTTY: false, write}, 'abc', {})).toMatch(/not a terminal/);
		expect(written).toEqual([]);
		expect(copyToClipboard({isTTY: true, write}, 'abc', {})).toBeUndefined();
		expect(written).toEqual([osc52('abc')]);
	});
});
