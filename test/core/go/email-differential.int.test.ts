// Differential test of hanko-email.ts against real Go (test/go/email/main.go): the validator's `email`
// tag is Go's net/mail.ParseAddress accepting the address and the validator's email regex (v10.30.3,
// run by Go's regexp) matching it. `matchesEmailRegex` must equal the regex alone and
// `isValidatorEmail(…, {netMail: true})` both together. Skipped without a Go toolchain (see
// test/helpers/go.ts).
//
// Go 1.19 and Go 1.23 answer alike on all of these inputs (Go 1.22's domain literals, "a@[1.2.3.4]",
// never match the regex, and the other net/mail changes do not touch an address the regex matches),
// so nothing is skipped for older releases.
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {isValidatorEmail, matchesEmailRegex} from '../../../source/core/go/hanko-email.js';
import {type GoProgram, announceGo, buildGoProgram, findGo, goLabel, runLines} from '../../helpers/go.js';
import {type Random, baseSeed, createRandom} from '../framing/fuzz-support.js';

const go = findGo();
announceGo(go, 'email differential');

const handPicked = [
	'a@b.co',
	'test@example.com',
	'a.b@c.de',
	'a..b@c.de',
	'.a@c.de',
	'a.@c.de',
	'""@x.io',
	'" "@x.io',
	'"a b"@x.io',
	'"a\tb"@x.io',
	'"a\rb"@x.io',
	'"a\nb"@x.io',
	'"a\r\nb"@x.io',
	'"a\r\n b"@x.io',
	'"a\r\n\tb"@x.io',
	'"\r\n a"@x.io',
	'"a\r\n "@x.io',
	'"a \r\n b"@x.io',
	'"\r\n \r\n a"@x.io',
	'"\r\n a\r\n b"@x.io',
	'"a\\\\b"@x.io',
	'"a\\"b"@x.io',
	'"a"b"@x.io',
	'"a\\b"@x.io',
	'"a@b"@x.io',
	'"a"@"b"@x.io',
	'"\u0001"@x.io',
	'"\u0000"@x.io',
	'"\u007F"@x.io',
	'"a\\\u007F"@x.io',
	'"a\\ "@x.io',
	'"\\"@x.io',
	'"\\\\"@x.io',
	'"a"@x.io',
	'"a".b@x.io',
	'a."b"@x.io',
	'a@b.co.',
	'a@b.co..',
	'a@b..co',
	'a@.b.co',
	'a@-b.co',
	'a@b-.co',
	'a@b.-co',
	'a@b.co-',
	'a@b~c.co',
	'a@b.c~o',
	'a@b.c0',
	'a@b.0c',
	'a@b.c',
	'a@b.cd',
	'a@1.2.3.4',
	'a@[1.2.3.4]',
	'a@localhost',
	'a@b',
	'a@b.',
	'@b.co',
	'a@',
	'a',
	'',
	'a@@b.co',
	'a@b@c.co',
	' a@b.co',
	'a@b.co ',
	'a @b.co',
	'a@ b.co',
	'A@B.CO',
	'Name <a@b.co>',
	'<a@b.co>',
	'a@b.co (comment)',
	'(comment)a@b.co',
	"!#$%&'*+-/=?^_`{|}~@x.io",
	'a(b@x.io',
	'a)b@x.io',
	'a<b@x.io',
	'a>b@x.io',
	'a[b@x.io',
	'a]b@x.io',
	'a:b@x.io',
	'a;b@x.io',
	'a\\b@x.io',
	'a,b@x.io',
	'a"b@x.io',
	'a b@x.io',
	'ü@x.io',
	'a@ü.io',
	'a@x.ü',
	'a@x.üü',
	'\u00A0@x.io',
	'a@x.\u00A0',
	'\uD7FF@x.io',
	'\uF900@x.io',
	'\uFDCF@x.io',
	'\uFDD0@x.io',
	'\uFDEF@x.io',
	'\uFDF0@x.io',
	'\uFFEF@x.io',
	'\uFFF0@x.io',
	'\uFFFD@x.io',
	'\uE000@x.io',
	'😀@x.io',
	'a@x.😀',
	'"😀"@x.io',
	'"\uFFFD"@x.io',
	'"\u00E9"@x.io',
	'"\u0085"@x.io',
	'\u0085@x.io',
	'a@x.io\u0085',
	'日本@例え.テスト',
	'a@b.c.d.e.f',
	'a@b-c.d-e',
	'a@b--c.de',
	'a@1b.c2d',
	'a@b.2',
	'a@b.c.2',
	'a@b.c-',
	'a@a.b.',
	'a@a.b..',
	'a@x.io.',
	'"a"@x.io.',
];

// ---------------------------------------------------------------------------------------------
// Generated addresses: built from parts that each side treats specially

const atextSpecials = [..."!#$%&'*+-/=?^_`{|}~"];
const mailSpecials = [...'()<>[]:;@\\,"'];
const asciiLetters = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const digits = [...'0123456789'];

/** A non-ASCII character: from the regex's three "wide" ranges, or just outside them. */
function nonAscii(random: Random): string {
	switch (random.int(7)) {
		case 0: {
			return String.fromCodePoint(random.between(0xa0, 0xd7_ff));
		}

		case 1: {
			return String.fromCodePoint(random.between(0xf9_00, 0xfd_cf));
		}

		case 2: {
			return String.fromCodePoint(random.between(0xfd_f0, 0xff_ef));
		}

		case 3: {
			// Edges of the ranges, and the gaps between them
			return String.fromCodePoint(
				random.pick([
					0x80, 0x85, 0x9f, 0xa0, 0xd7_ff, 0xe0_00, 0xf8_ff, 0xf9_00, 0xfd_cf, 0xfd_d0, 0xfd_ef, 0xfd_f0, 0xff_ef, 0xff_f0,
					0xff_fd, 0xff_ff,
				]),
			);
		}

		case 4: {
			return String.fromCodePoint(random.between(0xe0_00, 0xf8_ff));
		}

		case 5: {
			return String.fromCodePoint(random.between(0x1_00_00, 0x10_ff_ff));
		}

		default: {
			return random.pick(['é', 'ü', 'ß', 'Ω', 'д', '日', '😀', '\u00A0', '\u3000', '\uFEFF', '\u2028']);
		}
	}
}

// `mess` (0 to 1) is how often a part takes a character outside the common ones: each address has its
// own, so that many are clean enough to be accepted and some are thoroughly odd.

function localChar(random: Random, mess: number): string {
	const kind = random.chance(mess) ? random.int(100) : random.int(78);
	if (kind < 55) return random.pick(asciiLetters);
	if (kind < 65) return random.pick(digits);
	if (kind < 78) return random.pick(atextSpecials);
	if (kind < 85) return '.';
	if (kind < 93) return nonAscii(random);
	if (kind < 97) return random.pick(mailSpecials);
	return random.pick([' ', '\t', '\u007F', '\u0001', '\r', '\n']);
}

function dotAtom(random: Random, mess: number): string {
	let text = '';
	const length = random.pick([1, 1, 2, 3, 5, 8, 15]);
	for (let k = 0; k < length; k++) text += localChar(random, mess);
	if (random.chance(0.2)) text += `.${localChar(random, mess)}`;
	return text;
}

function quotedChar(random: Random, mess: number): string {
	const kind = random.chance(mess) ? random.int(100) : random.int(58);
	if (kind < 40) return random.pick(asciiLetters);
	if (kind < 48) return random.pick([' ', ' ', '\t']);
	if (kind < 58) return random.pick(['\r\n ', '\r\n\t', '\r\n', ' \r\n ', '\r', '\n', '\r\n  ', '\t\r\n\t']);
	if (kind < 66) return `\\${random.pick(['\\', '"', 'a', ' ', '\t', '\u007F', '\u0001', '\r', '\n', 'é', '@'])}`;
	if (kind < 72) return random.pick(['"', '\\', '@', '@', '.', '(', '<']);
	if (kind < 80) return String.fromCharCode(random.pick([0, 1, 8, 9, 0x0b, 0x0c, 0x0e, 0x1f, 0x7f]));
	if (kind < 90) return nonAscii(random);
	return random.pick([...atextSpecials, ...digits, ...mailSpecials]);
}

function quoted(random: Random, mess: number): string {
	let text = '"';
	const length = random.pick([0, 1, 1, 2, 3, 5, 10]);
	for (let k = 0; k < length; k++) text += quotedChar(random, mess);
	return random.chance(0.95) ? `${text}"` : text;
}

function labelChar(random: Random, mess: number): string {
	const kind = random.chance(mess) ? random.int(100) : random.int(80);
	if (kind < 60) return random.pick(asciiLetters);
	if (kind < 72) return random.pick(digits);
	if (kind < 80) return random.pick(['-', '-', '~']);
	if (kind < 84) return '.';
	if (kind < 94) return nonAscii(random);
	return random.pick(['_', ' ', '@', '[', ']', '"', '\\', '+', '\t', '\u0000', '(']);
}

function label(random: Random, mess: number): string {
	let text = '';
	const length = random.pick([1, 1, 2, 3, 4, 7, 12]);
	for (let k = 0; k < length; k++) text += labelChar(random, mess);
	return text;
}

function domain(random: Random, mess: number): string {
	const count = random.pick([1, 2, 2, 2, 3, 4]);
	const labels = Array.from({length: count}, () => label(random, mess));
	let text = labels.join(random.chance(0.95) ? '.' : '..');
	if (random.chance(0.1)) text += '.';
	if (random.chance(0.04)) text = `.${text}`;
	if (random.chance(0.03)) text = `[${text}]`;
	return text;
}

function randomAddress(random: Random): string {
	const mess = random.pick([0, 0, 0.05, 0.2, 1]);
	let address = `${random.chance(0.7) ? dotAtom(random, mess) : quoted(random, mess)}@${domain(random, mess)}`;
	const extra = random.int(100);
	if (extra < 4) address = `${random.pick([' ', '\t', '\r\n', '('])}${address}`;
	else if (extra < 8) address += random.pick([' ', '\t', '\r\n', ' (c)', '>', '@x.io', '.']);
	else if (extra < 12) address = `${dotAtom(random, mess)}@${address}`;
	else if (extra < 14) address = `${random.pick(['Name ', '"N" ', ''])}<${address}>`;
	return address;
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(!go.toolchain)(`hanko-email.ts, differential against ${goLabel(go)}`, () => {
	let program: GoProgram;
	beforeAll(() => {
		program = buildGoProgram(go.toolchain!, 'email');
	}, 240_000);
	afterAll(() => program?.dispose());

	/** Compares every address; returns how many of them the regex and the whole tag accepted. */
	function compare(addresses: readonly string[], context: string): {regex: number; valid: number} {
		const results = runLines(
			program,
			[],
			addresses.map(address => JSON.stringify(address)),
		);
		const mismatches: string[] = [];
		let regex = 0;
		let valid = 0;
		for (const [k, address] of addresses.entries()) {
			const goMail = results[k]![0] === '1';
			const goRegex = results[k]![1] === '1';
			const ourRegex = matchesEmailRegex(address);
			const ourValid = isValidatorEmail(address, {netMail: true});
			if (goRegex) regex++;
			if (goRegex && goMail) valid++;
			if (ourRegex !== goRegex || ourValid !== (goMail && goRegex)) {
				mismatches.push(
					`${context}, address ${k}: ${JSON.stringify(address)}: regex ours ${ourRegex} Go ${goRegex}; email tag ours ${ourValid} Go ${goMail && goRegex} (net/mail ${goMail})`,
				);
			}
		}

		expect(mismatches.slice(0, 25), `${mismatches.length} of ${addresses.length} differ`).toEqual([]);
		return {regex, valid};
	}

	test('hand-picked addresses', () => {
		const {regex, valid} = compare(handPicked, 'hand-picked');
		expect(regex).toBeGreaterThan(40);
		expect(valid).toBeGreaterThan(30);
	});

	test('generated addresses', () => {
		const seed = baseSeed + 7300;
		const random = createRandom(seed);
		const addresses = Array.from({length: 40_000}, () => randomAddress(random));
		const {regex, valid} = compare(addresses, `seed ${seed}`);
		// Enough accepted, and enough that only net/mail refuses, for the comparison to mean something
		expect(valid).toBeGreaterThan(addresses.length * 0.1);
		expect(regex - valid).toBeGreaterThan(addresses.length * 0.01);
		expect(regex).toBeLessThan(addresses.length * 0.8);
	});
});
