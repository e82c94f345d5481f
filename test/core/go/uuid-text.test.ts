import {describe, expect, it} from 'vitest';
import {isUuidShape, isV4Canonical, parseGofrsUuid} from '../../../source/core/go/uuid-text.js';

describe('parseGofrsUuid (gofrs/uuid v4.4.0 UnmarshalText)', () => {
	const canonical = 'ea9b8d66-4d01-4d3e-8b1e-5a2c3f2d9a11';
	it.each([
		canonical,
		canonical.toUpperCase(),
		canonical.replaceAll('-', ''),
		`{${canonical}}`,
		`{${canonical.replaceAll('-', '')}}`,
		`urn:uuid:${canonical}`,
		`urn:uuid:${canonical.replaceAll('-', '').toUpperCase()}`,
	])('reads %s', text => {
		expect(parseGofrsUuid(text)).toBe(canonical);
	});

	it.each([
		'',
		'not-a-uuid',
		`${canonical}0`,
		`(${canonical})`,
		`URN:UUID:${canonical}`,
		`urn:uuid:{${canonical}}`,
		canonical.replace('-4d01', '4-d01'),
		canonical.replace('e', 'g'),
		`{${canonical}`,
		`${canonical.slice(0, 35)}é`,
	])('refuses %s', text => {
		expect(parseGofrsUuid(text)).toBeUndefined();
	});
});

describe("the validator's uuid regexes", () => {
	it('tells the shape, with or without upper case', () => {
		expect(isUuidShape('EA9B8D66-4D01-4D3E-8B1E-5A2C3F2D9A11', true)).toBe(true);
		expect(isUuidShape('EA9B8D66-4D01-4D3E-8B1E-5A2C3F2D9A11', false)).toBe(false);
	});

	it('tells a v4 UUID by its version and variant digits', () => {
		expect(isV4Canonical('ea9b8d66-4d01-4d3e-8b1e-5a2c3f2d9a11')).toBe(true);
		expect(isV4Canonical('adce0002-35bc-c60a-648b-0b25f1f05503')).toBe(false);
		expect(isV4Canonical('ea9b8d66-4d01-4d3e-cb1e-5a2c3f2d9a11')).toBe(false);
	});
});
