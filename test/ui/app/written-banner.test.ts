import {describe, expect, it} from 'vitest';
import {rejectReasons} from '../../../source/ui/app/written-banner.js';
import {bannerLines, maxBannerLines} from '../../../source/ui/validation/validation-view.js';

describe('the banner above a fixed output', () => {
	it('names the three most frequent reject reasons and counts the rest', () => {
		expect(rejectReasons({})).toBe('');
		expect(rejectReasons({'user-id.invalid': 2, 'email.invalid': 1200})).toBe('1,200 email.invalid, 2 user-id.invalid');
		const many = Object.fromEntries(Array.from({length: 28}, (_, index) => [`rule.${String(index).padStart(2, '0')}`, index + 1]));
		expect(rejectReasons(many)).toBe('28 rule.27, 27 rule.26, 26 rule.25, … and 25 more (see the log)');
	});

	it('is cut to a few lines, the last saying how many more there were', () => {
		const lines = Array.from({length: 10}, (_, index) => `line ${index + 1}`);
		expect(bannerLines(lines.slice(0, maxBannerLines))).toEqual(lines.slice(0, maxBannerLines));
		expect(bannerLines(lines)).toEqual(['line 1', 'line 2', 'line 3', '… and 7 more lines']);
	});
});
