// Go's string functions that Hanko applies to imported text, reimplemented where JavaScript's own
// differ: `strings.ToLower` (simple per-character mappings, Unicode 15.0 in Go 1.21 to 1.26),
// `unicode.IsSpace` and `strings.TrimSpace`, and `utf8.RuneCountInString`.

/**
 * Upper-case letters that JavaScript (Node's ICU, Unicode 17) lowercases but Go's Unicode 15.0 tables
 * do not: their lowercase forms were added in Unicode 16 and 17. Listed from a comparison of every
 * code point between Node 20 and Go 1.23 (the same tables as Go 1.26).
 */
const newerThanGo = new Set<number>([0x1c_89, 0xa7_cb, 0xa7_cc, 0xa7_ce, 0xa7_d2, 0xa7_d4, 0xa7_da, 0xa7_dc]);
const newerThanGoRanges: ReadonlyArray<readonly [number, number]> = [
	[0x1_0d_50, 0x1_0d_65],
	[0x1_6e_a0, 0x1_6e_b8],
];

function isNewerThanGo(cp: number): boolean {
	if (newerThanGo.has(cp)) return true;
	for (const [from, to] of newerThanGoRanges) if (cp >= from && cp <= to) return true;
	return false;
}

/** Go's `unicode.ToLower` of one code point. */
export function goLowerRune(cp: number): number {
	if (cp < 0x80) return cp >= 65 && cp <= 90 ? cp + 32 : cp;
	// U+0130's only lowercase form in JavaScript is the full mapping "i̇"; Go uses the simple one
	if (cp === 0x1_30) return 0x69;
	if (cp >= 0xd8_00 && cp <= 0xdf_ff) return cp;
	const lower = String.fromCodePoint(cp).toLowerCase();
	const mapped = lower.codePointAt(0)!;
	// One code point each way, apart from U+0130 (handled above): a longer result is not a simple mapping
	if (lower.length !== (mapped > 0xff_ff ? 2 : 1)) return cp;
	return mapped !== cp && isNewerThanGo(cp) ? cp : mapped;
}

/**
 * Go's `strings.ToLower`. Unlike JavaScript's `toLowerCase` it maps each character on its own: `İ`
 * becomes `i` (not `i` + U+0307) and `Σ` is always `σ` (never the final `ς`).
 */
export function goToLower(text: string): string {
	const lower = text.toLowerCase();
	// Nothing JavaScript lowercases (Unicode 17) is lowercased by Go (Unicode 15: mappings are never removed)
	if (lower === text) return text;
	let ascii = true;
	for (let i = 0; i < text.length; i++) {
		if (text.charCodeAt(i) >= 0x80) {
			ascii = false;
			break;
		}
	}

	if (ascii) return lower; // The same on ASCII
	let out = '';
	for (const char of text) {
		const cp = char.codePointAt(0)!;
		out += cp < 0x80 ? char.toLowerCase() : String.fromCodePoint(goLowerRune(cp));
	}

	return out;
}

/** Go's `unicode.IsSpace`: not JavaScript's `\s` (Go counts U+0085, JavaScript counts U+FEFF). */
export function isGoSpace(cp: number): boolean {
	switch (cp) {
		case 0x09:
		case 0x0a:
		case 0x0b:
		case 0x0c:
		case 0x0d:
		case 0x20:
		case 0x85:
		case 0xa0:
		case 0x16_80:
		case 0x20_28:
		case 0x20_29:
		case 0x20_2f:
		case 0x20_5f:
		case 0x30_00: {
			return true;
		}

		default: {
			return cp >= 0x20_00 && cp <= 0x20_0a;
		}
	}
}

/** Go's `strings.TrimSpace`. */
export function goTrimSpace(text: string): string {
	let start = 0;
	let end = text.length;
	// None of Go's spaces is outside the BMP, so code units will do
	while (start < end && isGoSpace(text.charCodeAt(start))) start++;
	while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
	return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** gobuffalo's `StringIsPresent`: something besides Go's spaces. */
export function isPresent(text: string): boolean {
	for (let i = 0; i < text.length; i++) if (!isGoSpace(text.charCodeAt(i))) return true;
	return false;
}

/** Characters (code points), as Go's `utf8.RuneCountInString` and PostgreSQL's VARCHAR count them. */
export function runeCount(text: string): number {
	let count = text.length;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		// A high surrogate followed by a low one is one character
		if (c >= 0xd8_00 && c <= 0xdb_ff && i + 1 < text.length) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc_00 && next <= 0xdf_ff) {
				count--;
				i++;
			}
		}
	}

	return count;
}
