import {describe, expect, it} from 'vitest';
import {normaliseTimestamp} from '../../../source/core/fixes/normalise-timestamp.js';

// What Date makes of a time it reads: the reference the quick path for UTC times must agree with
function viaDate(value: string): string {
	const iso = new Date(value).toISOString();
	return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

describe('normaliseTimestamp', () => {
	it('gives UTC times as Date would write them, for many random times with and without fractions', () => {
		let seed = 7;
		const next = (n: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return seed % n;
		};

		for (let i = 0; i < 2000; i++) {
			const time = new Date(Date.UTC(1970 + next(130), 0, 1) + next(366 * 86_400_000));
			const fraction = ['', '.5', '.29', '.290', '.290862', '.000', '.123456789'][next(7)]!;
			const value = `${time.toISOString().slice(0, 19)}${fraction}Z`;
			expect(normaliseTimestamp(value)).toBe(viaDate(value));
		}
	});

	it('refuses days a month does not have, in leap and common years', () => {
		expect(normaliseTimestamp('2024-02-29T00:00:00Z')).toBe('2024-02-29T00:00:00Z');
		expect(normaliseTimestamp('2023-02-29T00:00:00Z')).toBeUndefined();
		expect(normaliseTimestamp('1900-02-29T00:00:00Z')).toBeUndefined();
		expect(normaliseTimestamp('2000-02-29T12:00:00.5Z')).toBe('2000-02-29T12:00:00.500Z');
		expect(normaliseTimestamp('2023-04-31T00:00:00Z')).toBeUndefined();
		expect(normaliseTimestamp('2023-13-01T00:00:00Z')).toBeUndefined();
		expect(normaliseTimestamp('2023-01-01T24:00:00Z')).toBeUndefined();
	});

	it('rewrites other zones, epochs and zone-less times to UTC', () => {
		expect(normaliseTimestamp('2023-07-12T08:00:00.5+02:00')).toBe('2023-07-12T06:00:00.500Z');
		expect(normaliseTimestamp('1689082910290')).toBe('2023-07-11T13:41:50.290Z');
		expect(normaliseTimestamp(1_689_082_910)).toBe('2023-07-11T13:41:50Z');
		expect(normaliseTimestamp('2023-07-11 13:41:50')).toBe('2023-07-11T13:41:50Z');
		expect(normaliseTimestamp('yesterday')).toBeUndefined();
	});
});
