// Differential test of go-text.ts against real Go (test/go/text/main.go): unicode.ToLower and
// unicode.IsSpace on every code point, and strings.ToLower, strings.TrimSpace and
// utf8.RuneCountInString on random text. Skipped without a Go toolchain (see test/helpers/go.ts).
//
// Go releases before 1.21 have Unicode 13.0 tables, Hanko's Go (1.26) has Unicode 15.0 like Go 1.21 to
// 1.23. Running this with Go 1.19 and Go 1.23 differs only in these 40 code points, whose lowercase
// mappings came with Unicode 14 and 15 (Go 1.19 leaves them unchanged):
// 10570 10571 10572 10573 10574 10575 10576 10577 10578 10579 1057a 1057c 1057d 1057e 1057f 10580 10581
// 10582 10583 10584 10585 10586 10587 10588 10589 1058a 1058c 1058d 1058e 1058f 10590 10591 10592 10594
// 10595 2c2f a7c0 a7d0 a7d6 a7d8 (hex). With an older Go they, and texts holding them, are not compared;
// IsSpace, TrimSpace and RuneCount are the same in both.
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {goLowerRune, goToLower, goTrimSpace, isGoSpace, runeCount} from '../../../source/core/go/go-text.js';
import {type GoProgram, announceGo, buildGoProgram, findGo, goAtLeast, goLabel, runLines} from '../../helpers/go.js';
import {type Random, baseSeed, createRandom} from '../framing/fuzz-support.js';

const go = findGo();
announceGo(go, 'go-text differential');

const unicode14And15Lowercase = new Set([
	0x1_05_70, 0x1_05_71, 0x1_05_72, 0x1_05_73, 0x1_05_74, 0x1_05_75, 0x1_05_76, 0x1_05_77, 0x1_05_78, 0x1_05_79, 0x1_05_7a, 0x1_05_7c,
	0x1_05_7d, 0x1_05_7e, 0x1_05_7f, 0x1_05_80, 0x1_05_81, 0x1_05_82, 0x1_05_83, 0x1_05_84, 0x1_05_85, 0x1_05_86, 0x1_05_87, 0x1_05_88,
	0x1_05_89, 0x1_05_8a, 0x1_05_8c, 0x1_05_8d, 0x1_05_8e, 0x1_05_8f, 0x1_05_90, 0x1_05_91, 0x1_05_92, 0x1_05_94, 0x1_05_95, 0x2c_2f,
	0xa7_c0, 0xa7_d0, 0xa7_d6, 0xa7_d8,
]);

/** Code points whose lowercase the Go under test does not know yet (none from Go 1.21 on). */
function tooNewForGo(cp: number): boolean {
	return !goAtLeast(go.toolchain!, 21) && unicode14And15Lowercase.has(cp);
}

/** Go sees text through JSON: an unpaired surrogate arrives as U+FFFD, so compare ours that way. */
function wellFormed(text: string): string {
	return text.replaceAll(/[\uD800-\uDFFF]/gu, '\uFFFD');
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

// Characters that make lower-casing and trimming interesting
const spaces = [
	0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x16_80, 0x20_00, 0x20_05, 0x20_0a, 0x20_0b, 0x20_28, 0x20_29, 0x20_2f, 0x20_5f,
	0x30_00, 0xfe_ff, 0x18_0e, 0x1c, 0x1f,
];
const tricky = [
	0x130, 0x131, 0x3a3, 0x3c2, 0x1c5, 0x1e9e, 0xdf, 0x17f, 0x21_2a, 0x21_2b, 0x3f4, 0x1e_9b, 0x2c_2f, 0xa7_c0, 0xa7_cb, 0x1c_89, 0x1_04_00,
	0x1_05_70, 0x1_05_95, 0x1_0d_50, 0x1_6e_a0, 0x1_e9_00, 0xff_21, 0x24_b6, 0x2c_00, 0x10_a0, 0x13_a0, 0xab_70, 0x1f_88, 0x1f_bc,
];

function randomCodePoint(random: Random): number {
	switch (random.int(8)) {
		case 0: {
			return random.pick(spaces);
		}

		case 1: {
			return random.pick(tricky);
		}

		case 2: {
			return random.between(0x20, 0x7e);
		}

		case 3: {
			return random.between(0x80, 0x5_ff);
		}

		case 4: {
			return random.int(0x1_00_00); // Lone surrogates included
		}

		case 5: {
			return random.between(0x1_00_00, 0x1_ff_ff);
		}

		case 6: {
			return random.int(0x11_00_00);
		}

		default: {
			return random.between(0x1e_00, 0x1f_ff); // Latin Extended Additional, Greek Extended
		}
	}
}

function randomText(random: Random): string {
	let text = '';
	const length = random.pick([0, 1, 2, 3, 8, 20, 60]);
	for (let k = 0; k < length; k++) text += String.fromCodePoint(randomCodePoint(random));
	// Make the edges interesting for TrimSpace
	if (random.chance(0.3)) text = String.fromCodePoint(random.pick(spaces)) + text;
	if (random.chance(0.3)) text += String.fromCodePoint(random.pick(spaces));
	return text;
}

describe.skipIf(!go.toolchain)(`go-text.ts, differential against ${goLabel(go)}`, () => {
	let program: GoProgram;
	beforeAll(() => {
		program = buildGoProgram(go.toolchain!, 'text');
	}, 240_000);
	afterAll(() => program?.dispose());

	test('goLowerRune and isGoSpace agree with unicode.ToLower and unicode.IsSpace on every code point', () => {
		const goLower = new Map<number, number>();
		const goSpaces = new Set<number>();
		for (const line of program.run(['runes'], '').trim().split('\n')) {
			const [kind, cp, lower] = line.split(' ');
			if (kind === 'L') goLower.set(Number.parseInt(cp!, 16), Number.parseInt(lower!, 16));
			else goSpaces.add(Number.parseInt(cp!, 16));
		}

		expect(goLower.size, 'Go mapped too few code points: is the program broken?').toBeGreaterThan(1000);
		const lowerMismatches: string[] = [];
		const spaceMismatches: string[] = [];
		let skipped = 0;
		for (let cp = 0; cp <= 0x10_ff_ff; cp++) {
			if (isGoSpace(cp) !== goSpaces.has(cp)) spaceMismatches.push(`${hex(cp)}: ours ${isGoSpace(cp)}, Go ${goSpaces.has(cp)}`);
			if (tooNewForGo(cp)) {
				skipped++;
				continue;
			}

			const ours = goLowerRune(cp);
			const theirs = goLower.get(cp) ?? cp;
			if (ours !== theirs) lowerMismatches.push(`${hex(cp)}: ours ${hex(ours)}, Go ${hex(theirs)}`);
		}

		if (skipped > 0)
			console.log(`skipped ${skipped} code points whose lowercase ${go.toolchain!.version} does not know (Unicode 14/15)`);
		expect(lowerMismatches.slice(0, 30), `${lowerMismatches.length} code points lower-cased differently`).toEqual([]);
		expect(spaceMismatches, 'isGoSpace').toEqual([]);
	});

	test('goToLower, goTrimSpace and runeCount agree with Go on random text', () => {
		const seed = baseSeed + 7100;
		const random = createRandom(seed);
		const texts = Array.from({length: 6000}, () => randomText(random));
		const results = runLines(
			program,
			['strings'],
			texts.map(text => JSON.stringify(text)),
		);
		let skipped = 0;
		let compared = 0;
		for (const [k, text] of texts.entries()) {
			const [lower, trimmed, count] = JSON.parse(results[k]!) as [string, string, number];
			const context = `seed ${seed}, text ${k}: ${JSON.stringify(text)}`;
			expect(wellFormed(goTrimSpace(text)), `goTrimSpace, ${context}`).toBe(trimmed);
			expect(runeCount(text), `runeCount, ${context}`).toBe(count);
			if ([...text].some(char => tooNewForGo(char.codePointAt(0)!))) {
				skipped++;
				continue;
			}

			expect(wellFormed(goToLower(text)), `goToLower, ${context}`).toBe(lower);
			compared++;
		}

		if (skipped > 0)
			console.log(`goToLower: skipped ${skipped} texts with Unicode 14/15 letters that ${go.toolchain!.version} does not lower-case`);
		expect(compared, 'texts compared').toBeGreaterThan(texts.length * 0.75);
	});
});
