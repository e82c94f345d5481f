import {describe, expect, it} from 'vitest';
import {isEmailLike, isValidatorEmail, matchesEmailRegex} from '../../../source/core/go/hanko-email.js';

const withNetMail = {netMail: true};

describe('isValidatorEmail (validator v10.30.3: regex and net/mail)', () => {
	it.each([
		'ann@example.com',
		'jürgen.müller@beispiel.de',
		'li@münchen.de',
		"a+b!#$%&'*/=?^_`{|}~-@x.io",
		'"a b"@x.io',
		'"a\\"b"@x.io',
		'a@b-c.x-y.io',
		'a@x.io~z',
	])('accepts %s', address => {
		expect(isValidatorEmail(address, withNetMail)).toBe(true);
	});

	it.each([
		'',
		'ann',
		'ann@localhost',
		'ann@example.com.',
		'ann@exa..mple.com',
		'""@x.io',
		'"a\u0001b"@x.io',
		'"a\r\n b"@x.io',
		' ann@x.io',
		'ann@x.io ',
		'a..b@x.io',
		'.a@x.io',
		'a@x.i0',
		'a@-x.io',
		'a@x_y.io',
		'ann@[127.0.0.1]',
		'Ann <ann@x.io>',
		'ann@x.io (Ann)',
		'😀@x.io',
		'a@x.\uFFFD',
	])('refuses %s', address => {
		expect(isValidatorEmail(address, withNetMail)).toBe(false);
	});

	it('before Hanko 2.1.1 (no net/mail) takes what only the regex takes', () => {
		for (const address of ['ann@example.com.', 'ann@exa..mple.com', '""@x.io', '"a\u0001b"@x.io', '"a\r\n b"@x.io']) {
			expect(matchesEmailRegex(address), address).toBe(true);
			expect(isValidatorEmail(address, {netMail: false}), address).toBe(true);
		}
	});

	it('answers at once on long hostile addresses (no backtracking)', () => {
		const started = performance.now();
		expect(isValidatorEmail(`"${' '.repeat(100_000)}x`, withNetMail)).toBe(false);
		expect(isValidatorEmail(`a@${'a.'.repeat(100_000)}`, withNetMail)).toBe(false);
		expect(performance.now() - started).toBeLessThan(1000);
	});
});

describe('isEmailLike (gobuffalo EmailLike at insert)', () => {
	it('wants exactly one @ with a dotted domain', () => {
		expect(isEmailLike('ann@x.io')).toBe(true);
		expect(isEmailLike('"a@b"@x.io')).toBe(false);
		expect(isEmailLike('ann@localhost')).toBe(false);
	});
});
