import {describe, expect, it} from 'vitest';
import {goLowerRune, goToLower, goTrimSpace, isGoSpace, isPresent, runeCount} from '../../../source/core/go/go-text.js';

describe("goToLower (Go's strings.ToLower)", () => {
	it('maps each character on its own, unlike JavaScript', () => {
		expect(goToLower('İnfo@X.io')).toBe('info@x.io');
		expect('İnfo'.toLowerCase()).toBe('i̇nfo'); // The difference it exists for
		expect(goToLower('ΟΔΥΣΣΕΥΣ')).toBe('οδυσσευσ');
		expect('ΟΔΥΣΣΕΥΣ'.toLowerCase()).toBe('οδυσσευς');
	});

	it("leaves letters alone whose lowercase came after Unicode 15.0, Go's tables", () => {
		expect(goLowerRune(0xa7_cb)).toBe(0xa7_cb);
		expect(goLowerRune(0x1_0d_50)).toBe(0x1_0d_50);
		expect(goLowerRune(0x2c_2f)).toBe(0x2c_5f); // Unicode 14: Go 1.21 and later have it
	});

	it('keeps ASCII fast and exact', () => {
		expect(goToLower('ANN@EXAMPLE.COM')).toBe('ann@example.com');
		expect(goToLower('ann')).toBe('ann');
	});
});

describe("Go's white space", () => {
	it("counts U+0085 and U+00A0 but not U+FEFF, unlike JavaScript's trim", () => {
		expect(isGoSpace(0x85)).toBe(true);
		expect(isGoSpace(0xa0)).toBe(true);
		expect(isGoSpace(0xfe_ff)).toBe(false);
		expect(goTrimSpace('\u0085 ann\u3000')).toBe('ann');
		expect(goTrimSpace('\uFEFFann')).toBe('\uFEFFann');
		expect(isPresent('\u00A0\u2003\t')).toBe(false);
		expect(isPresent('\uFEFF')).toBe(true);
	});
});

describe('runeCount', () => {
	it('counts code points, as VARCHAR(n) does', () => {
		expect(runeCount('😀😀')).toBe(2);
		expect(runeCount('ä')).toBe(1);
		expect(runeCount('\uD800x')).toBe(2);
	});
});
