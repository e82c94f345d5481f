import {describe, expect, it} from 'vitest';
import {goTimeMillis, isBlankTime, parseGoTime} from '../../../source/core/go/go-time.js';

describe('parseGoTime (time.Time.UnmarshalJSON of Go 1.20 to 1.26)', () => {
	it('reads RFC 3339 with its zone, keeping nanoseconds and the offset', () => {
		expect(parseGoTime('2023-07-11T13:41:50.290862123+02:00')).toEqual({
			seconds: Date.parse('2023-07-11T11:41:50Z') / 1000,
			nanos: 290_862_123,
			offset: 7200,
			zulu: false,
			year: 2023,
		});
		expect(parseGoTime('2023-07-11T13:41:50Z')).toMatchObject({nanos: 0, offset: 0, zulu: true});
	});

	it('takes what time.Parse takes once the strict parser refuses: one-digit hour, comma, long fractions, offsets to 24:60', () => {
		expect(goTimeMillis(parseGoTime('2023-07-11T9:41:50Z')!)).toBe(Date.parse('2023-07-11T09:41:50Z'));
		expect(parseGoTime('2023-07-11T13:41:50,5Z')!.nanos).toBe(500_000_000);
		expect(parseGoTime('2023-07-11T13:41:50.1234567891234Z')!.nanos).toBe(123_456_789);
		expect(parseGoTime('2023-07-11T13:41:50+24:00')!.offset).toBe(24 * 3600);
		expect(parseGoTime('2023-07-11T13:41:50-23:60')!.offset).toBe(-24 * 3600);
	});

	it.each([
		'2023-07-11T13:41:50',
		'2023-07-11',
		'2023-07-11t13:41:50Z',
		'2023-07-11T13:41:50z',
		'2023-07-11 13:41:50Z',
		'2023-07-11T24:00:00Z',
		'2023-07-11T13:60:00Z',
		'2023-07-11T13:41:60Z',
		'2023-02-29T13:41:50Z',
		'2023-04-31T00:00:00Z',
		'2023-07-11T13:41:50+25:00',
		'2023-07-11T13:41:50+23:61',
		'2023-07-11T13:41:50+0200',
		'2023-07-11T13:41:50.Z',
		'2023-7-11T13:41:50Z',
		'23-07-11T13:41:50Z',
		'2023-07-11T13:41:50Z ',
		'2023-07-11T113:41:50Z',
		'2023-07-11T13:41:50\\u002B02:00',
		'1689082910',
	])('refuses %s', text => {
		expect(parseGoTime(text)).toBeUndefined();
	});

	it('takes leap days, year 0000 and year 9999', () => {
		expect(parseGoTime('2024-02-29T00:00:00Z')).toBeDefined();
		expect(parseGoTime('0000-01-01T00:00:00Z')!.year).toBe(0);
		expect(parseGoTime('9999-12-31T23:59:59.999999999Z')!.year).toBe(9999);
	});
});

describe('isBlankTime (gobuffalo TimeIsPresent compares UnixNano, which wraps around int64)', () => {
	it("takes Go's zero time for blank, in any zone", () => {
		expect(isBlankTime(parseGoTime('0001-01-01T00:00:00Z')!)).toBe(true);
		expect(isBlankTime(parseGoTime('0001-01-01T02:00:00+02:00')!)).toBe(true);
	});

	it('takes an instant 2^64 ns later for blank too, to the nanosecond', () => {
		expect(isBlankTime(parseGoTime('1754-08-30T22:43:41.128654848Z')!)).toBe(true);
		expect(isBlankTime(parseGoTime('1754-08-30T22:43:41.128654847Z')!)).toBe(false);
		expect(isBlankTime(parseGoTime('1170-02-09T23:09:07.419103232Z')!)).toBe(true);
		expect(isBlankTime(parseGoTime('9938-06-03T16:47:33.062377472Z')!)).toBe(true);
		expect(isBlankTime(parseGoTime('2023-07-11T13:41:50Z')!)).toBe(false);
	});
});
