// The `email` tag of go-playground/validator (v10.26.0 and later: Hanko 2.1.1 and later): Go's
// `net/mail.ParseAddress` must accept the address **and** the validator's email regex must match it.
// Both are written here as plain scans, linear in the length of the address: the regex itself has
// overlapping repeats that a backtracking engine (JavaScript's) can take exponential time on.
//
// What the regex accepts, read from its source (validator v10.30.3, regexes.go `emailRegexString`):
// - the address splits at its last '@' (neither part below can contain one outside quotes);
// - local part: a dot-atom of `[a-zA-Z0-9!#$%&'*+\-/=?^_`{|}~]` and the "wide" ranges U+00A0–U+D7FF,
//   U+F900–U+FDCF, U+FDF0–U+FFEF; or a quoted string whose inside is any run of
//   `[\x01-\x09\x0b\x0c\x0d-\x7f]` and wide characters (the regex lost the backslash of its
//   quoted-pair, so `"` and `\` pass too), where a line feed may appear only as CR LF followed by a
//   space or tab (folding white space);
// - domain: labels of letters, digits, wide characters, '-', '.', '~' that start and end with a
//   letter, digit or wide character, a last label that starts and ends with a letter or wide
//   character, and one optional trailing dot.
// What `net/mail` adds for such an address (Go 1.21 to 1.26, `consumeAddrSpec`): the domain is a
// dot-atom (no leading, trailing or doubled dot); a quoted local part is `"` qtext / WSP / `\` +
// (VCHAR / WSP) `"`, not empty, and followed directly by the '@' (so no control character, no bare
// `"` or `\`, no CR or LF inside the quotes).

function isWide(c: number): boolean {
	return (c >= 0xa0 && c <= 0xd7_ff) || (c >= 0xf9_00 && c <= 0xfd_cf) || (c >= 0xfd_f0 && c <= 0xff_ef);
}

// What each ASCII character may be, as bits (addresses are checked for every record: a table beats tests)
const localAtext = 1;
const domainChar = 2;
const labelEdge = 4;
const topLabelEdge = 8;
const ascii = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
	const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
	const digit = c >= 48 && c <= 57;
	if (letter || digit || "!#$%&'*+-/=?^_`{|}~".includes(String.fromCharCode(c))) ascii[c]! |= localAtext;
	if (letter || digit || c === 45 || c === 46 || c === 126) ascii[c]! |= domainChar;
	if (letter || digit) ascii[c]! |= labelEdge;
	if (letter) ascii[c]! |= topLabelEdge;
}

/** Whether `c` has the class `bit`: from the table for ASCII; wide characters have every class. */
function is(c: number, bit: number): boolean {
	return c < 128 ? (ascii[c]! & bit) !== 0 : isWide(c);
}

// Each check reads text[from, to) of the address, so that nothing is copied.

/** Dot-atom local part: runs of atext joined by single dots. */
function isDotAtomLocal(text: string, from: number, to: number): boolean {
	if (to === from) return false;
	let previousDot = true; // A leading dot is refused like a doubled one
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c === 46) {
			if (previousDot) return false;
			previousDot = true;
		} else if (is(c, localAtext)) {
			previousDot = false;
		} else {
			return false;
		}
	}

	return !previousDot;
}

/** The regex's quoted local part: `"` … `"`, with its loose inside. */
function isRegexQuoted(text: string, from: number, to: number): boolean {
	if (to - from < 2 || text.charCodeAt(from) !== 34 || text.charCodeAt(to - 1) !== 34) return false;
	const end = to - 1;
	let lastFeed = Number.NEGATIVE_INFINITY;
	for (let i = from + 1; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c === 10) {
			// Only inside folding white space (WSP* CR LF WSP+): CR before it, a space or tab after
			// it, and two folds need a character between them besides that space (i - lastFeed >= 4)
			if (i === from + 1 || text.charCodeAt(i - 1) !== 13 || i - lastFeed < 4) return false;
			const next = i + 1 < end ? text.charCodeAt(i + 1) : -1;
			if (next !== 32 && next !== 9) return false;
			lastFeed = i;
		} else if (!((c >= 1 && c <= 9) || c === 11 || c === 12 || (c >= 13 && c <= 0x7f) || isWide(c))) {
			return false;
		}
	}

	return true;
}

/** net/mail's quoted-string, which must span the whole local part and not be empty. */
function isMailQuoted(text: string, from: number, to: number): boolean {
	let escaped = false;
	let content = 0;
	for (let i = from + 1; i < to; i++) {
		const c = text.charCodeAt(i);
		const vchar = (c >= 0x21 && c <= 0x7e) || c >= 0x80;
		const wsp = c === 32 || c === 9;
		if (escaped) {
			if (!vchar && !wsp) return false;
			escaped = false;
			content++;
		} else if (c === 34) {
			return i === to - 1 && content > 0;
		} else if (c === 92) {
			escaped = true;
		} else if (vchar || wsp) {
			content++;
		} else {
			return false;
		}
	}

	return false; // Unclosed
}

/**
 * The regex's domain, `(label\.)+ top-label \.?` (labels may hold dots themselves), and with
 * `netMail` also net/mail's dot-atom (no trailing or doubled dot; a leading one the regex refuses).
 */
function isDomain(text: string, from: number, to: number, netMail: boolean): boolean {
	let end = to;
	if (end > from && text.charCodeAt(end - 1) === 46) {
		if (netMail) return false;
		end--; // The regex's optional trailing dot
	}

	if (end - from < 3 || !is(text.charCodeAt(from), labelEdge) || !is(text.charCodeAt(end - 1), topLabelEdge)) return false;
	let split = false; // Some dot with a label edge before it and a top-label edge after it
	let previous = 0;
	for (let i = from; i < end; i++) {
		const c = text.charCodeAt(i);
		if (!is(c, domainChar)) return false;
		if (c === 46) {
			if (netMail && previous === 46) return false;
			if (!split && i + 1 < end && is(previous, labelEdge) && is(text.charCodeAt(i + 1), topLabelEdge)) split = true;
		}

		previous = c;
	}

	return split;
}

function localMatches(address: string, at: number): boolean {
	return isDotAtomLocal(address, 0, at) || isRegexQuoted(address, 0, at);
}

/** What the validator's regex alone says (exported for the tests that compare it with Go's). */
export function matchesEmailRegex(address: string): boolean {
	const at = address.lastIndexOf('@');
	return at >= 0 && localMatches(address, at) && isDomain(address, at + 1, address.length, false);
}

export type EmailCheck = {
	/** Add Go's `net/mail.ParseAddress` to the regex (validator v10.26.0 and later). */
	netMail: boolean;
};

/** Whether the `email` tag accepts the address. */
export function isValidatorEmail(address: string, check: EmailCheck): boolean {
	const at = address.lastIndexOf('@');
	if (at < 0 || !localMatches(address, at) || !isDomain(address, at + 1, address.length, check.netMail)) return false;
	return !check.netMail || address.charCodeAt(0) !== 34 || isMailQuoted(address, 0, at);
}

/**
 * gobuffalo's `EmailLike` on the address Hanko stores (lower-cased): exactly one '@' with text on
 * both sides and a dot in the domain. Fails for a quoted local part that holds an '@'.
 */
export function isEmailLike(address: string): boolean {
	const at = address.indexOf('@');
	if (at <= 0 || at !== address.lastIndexOf('@') || at === address.length - 1) return false;
	return address.includes('.', at + 1);
}
