import {describe, expect, it} from 'vitest';
import type {FixCounts} from '../../../source/core/fixes/write-fixed.js';
import {defaultFixFiles} from '../../../source/core/fixes/write-fixed.js';
import {bannerOf, rejectReasons, writtenFiles} from '../../../source/ui/app/written-banner.js';
import {bannerLines, maxBannerLines} from '../../../source/ui/validation/validation-view.js';

describe('the banner above a fixed output', () => {
	it('names the three most frequent reject reasons and counts the rest', () => {
		expect(rejectReasons({})).toBe('');
		expect(rejectReasons({'user-id.invalid': 2, 'email.invalid': 1200})).toBe('1,200 email.invalid, 2 user-id.invalid');
		const many = Object.fromEntries(Array.from({length: 28}, (_, index) => [`rule.${String(index).padStart(2, '0')}`, index + 1]));
		expect(rejectReasons(many)).toBe('28 rule.27, 27 rule.26, 26 rule.25, … and 25 more (see the log)');
	});

	it('says a split output was written, checks its first part and offers its manifest to the project', () => {
		const files = defaultFixFiles('/data/users.json');
		const counts: FixCounts = {
			records: 3,
			written: 3,
			fixed: 0,
			rejected: 0,
			byFix: {},
			rejectedBy: {},
			idsReplaced: 0,
			passwordResets: 0,
			fixesSkipped: 0,
		};
		expect(writtenFiles({files, counts})).toEqual({checked: '/data/users.fixed.json', target: '/data/users.fixed.json'});
		const manifest = {
			users: 3,
			parts: [
				{file: 'users.fixed-001.json', users: 2, bytes: 10, sha256: 'x'},
				{file: 'users.fixed-002.json', users: 1, bytes: 5, sha256: 'y'},
			],
		};
		const split = {files, counts: {...counts, manifest}};
		expect(writtenFiles(split)).toEqual({checked: '/data/users.fixed-001.json', target: '/data/users.fixed.manifest.json'});
		expect(bannerOf(split)[1]).toBe('Split into 2 parts of at most 50 MB (users.fixed.manifest.json); the first part is checked below');
		expect(bannerOf({files, counts}).join('\n')).not.toContain('Split');
	});

	it('is cut to a few lines, the last saying how many more there were', () => {
		const lines = Array.from({length: 10}, (_, index) => `line ${index + 1}`);
		expect(bannerLines(lines.slice(0, maxBannerLines))).toEqual(lines.slice(0, maxBannerLines));
		expect(bannerLines(lines)).toEqual(['line 1', 'line 2', 'line 3', '… and 7 more lines']);
	});
});
