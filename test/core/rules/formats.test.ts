import {describe, expect, it} from 'vitest';
import {isCanonicalUuid, isHankoEmail, isUuidAnyCase, isV4Uuid, parseRfc3339} from '../../../source/core/rules/formats.js';

describe('isHankoEmail', () => {
	it.each([
		'ann@example.com',
		'jürgen.müller@beispiel.de',
		'li@münchen.de',
		'"john doe"@example.com',
		'a.b+tag@sub.example.co.uk',
		'x@a-b.io',
		'x@example.com.',
	])('accepts %s', address => {
		expect(isHankoEmail(address)).toBe(true);
	});

	it.each([
		'user@localhost',
		'no-at-sign',
		'@example.com',
		'ann@',
		'ann@@example.com',
		'a..b@example.com',
		'.a@example.com',
		'ann@example.1',
		'ann@-example.com',
		'ann smith@example.com',
		'ann@exa mple.com',
		'😀@example.com',
	])('refuses %s', address => {
		expect(isHankoEmail(address)).toBe(false);
	});

	it('stays fast on a hostile domain', () => {
		const started = performance.now();
		expect(isHankoEmail(`a@${'a.'.repeat(5000)}!`)).toBe(false);
		expect(performance.now() - started).toBeLessThan(500);
	});
});

describe('parseRfc3339', () => {
	it('reads zones and fractions', () => {
		expect(parseRfc3339('2023-07-11T13:41:50.290862Z')).toBe(Date.parse('2023-07-11T13:41:50.290Z'));
		expect(parseRfc3339('2023-07-11T15:41:50+02:00')).toBe(Date.parse('2023-07-11T13:41:50Z'));
		expect(parseRfc3339('2024-02-29T00:00:00-00:30')).toBe(Date.parse('2024-02-29T00:30:00Z'));
	});

	it('agrees with Date.parse on random valid timestamps', () => {
		let seed = 42;
		const random = (n: number) => {
			seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
			return seed % n;
		};

		const two = (n: number) => String(n).padStart(2, '0');
		for (let i = 0; i < 5000; i++) {
			const year = 1600 + random(800);
			const month = 1 + random(12);
			const day = 1 + random(new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 ? 1 : 0));
			const zone = random(3) === 0 ? 'Z' : `${random(2) ? '+' : '-'}${two(random(24))}:${two(random(60))}`;
			const fraction = random(2) ? `.${String(random(1_000_000)).padStart(6, '0')}` : '';
			const text = `${year}-${two(month)}-${two(day)}T${two(random(24))}:${two(random(60))}:${two(random(60))}${fraction}${zone}`;
			expect(parseRfc3339(text), text).toBe(Date.parse(text.replace(/(\.\d{3})\d+/, '$1')));
		}
	});

	it.each([
		'2023-07-11T13:41:50.Z',
		'2023-07-11T13:41:50Zjunk',
		'2023-07-11T13:41:50+0200',
		'2023-07-11 13:41:50Z',
		'2023-07-11T13:41:50',
		'2023-07-11',
		'2023-02-29T00:00:00Z',
		'2023-13-01T00:00:00Z',
		'2023-01-01T24:00:00Z',
		'2023-01-01T00:00:60Z',
		'2023-01-01T00:00:00+24:00',
		'1689082910',
	])('refuses %s', value => {
		expect(parseRfc3339(value)).toBeUndefined();
	});
});

describe('isV4Uuid', () => {
	it('checks the version and variant digits', () => {
		expect(isV4Uuid('ea9b8d66-4d01-4d3e-8b1e-5a2c3f2d9a11')).toBe(true);
		expect(isV4Uuid('EA9B8D66-4D01-4D3E-8B1E-5A2C3F2D9A11')).toBe(true);
		expect(isV4Uuid('adce0002-35bc-c60a-648b-0b25f1f05503')).toBe(false);
		expect(isV4Uuid('ea9b8d66-4d01-4d3e-cb1e-5a2c3f2d9a11')).toBe(false);
	});
});

describe('UUID shapes', () => {
	it.each([
		['a9ae6bc8-d829-43de-b672-f50230833877', true, true],
		['A9AE6BC8-D829-43DE-B672-F50230833877', false, true],
		['a9ae6bc8d82943deb672f50230833877', false, false],
		['a9ae6bc8-d829-43de-b672-f5023083387', false, false],
		['a9ae6bc8-d829-43de-b672-f50230833877 ', false, false],
		['g9ae6bc8-d829-43de-b672-f50230833877', false, false],
		['a9ae6bc8-d829_43de-b672-f50230833877', false, false],
	])('%s: canonical %s, any case %s', (value, canonical, anyCase) => {
		expect(isCanonicalUuid(value)).toBe(canonical);
		expect(isUuidAnyCase(value)).toBe(anyCase);
	});
});
