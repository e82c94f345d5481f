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
	return (c >= 0xA0 && c <= 0xD7_FF) || (c >= 0xF9_00 && c <= 0xFD_CF) || (c >= 0xFD_F0 && c <= 0xFF_EF);
}

function isAsciiLetter(c: number): boolean {
	return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

const atextSpecials = new Set([...'!#$%&\'*+-/=?^_`{|}~'].map(c => c.charCodeAt(0)));

function isLocalAtext(c: number): boolean {
	return isAsciiLetter(c) || isDigit(c) || atextSpecials.has(c) || isWide(c);
}

/** Dot-atom local part: runs of atext joined by single dots. */
function isDotAtomLocal(text: string): boolean {
	if (text.length === 0) return false;
	let previousDot = true; // A leading dot is refused like a doubled one
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 46) {
			if (previousDot) return false;
			previousDot = true;
		} else if (isLocalAtext(c)) {
			previousDot = false;
		} else {
			return false;
		}
	}

	return !previousDot;
}

/** The regex's quoted local part: `"` … `"`, with its loose inside. */
function isRegexQuoted(text: string): boolean {
	if (text.length < 2 || text.charCodeAt(0) !== 34 || text.charCodeAt(text.length - 1) !== 34) return false;
	const end = text.length - 1;
	let lastFeed = Number.NEGATIVE_INFINITY;
	for (let i = 1; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c === 10) {
			// Only inside folding white space (WSP* CR LF WSP+): CR before it, a space or tab after
			// it, and two folds need a character between them besides that space (i - lastFeed >= 4)
			if (i === 1 || text.charCodeAt(i - 1) !== 13 || i - lastFeed < 4) return false;
			const next = i + 1 < end ? text.charCodeAt(i + 1) : -1;
			if (next !== 32 && next !== 9) return false;
			lastFeed = i;
		} else if (!((c >= 1 && c <= 9) || c === 11 || c === 12 || (c >= 13 && c <= 0x7F) || isWide(c))) {
			return false;
		}
	}

	return true;
}

/** net/mail's quoted-string, which must span the whole local part and not be empty. */
function isMailQuoted(text: string): boolean {
	let escaped = false;
	let content = 0;
	for (let i = 1; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const vchar = (c >= 0x21 && c <= 0x7E) || c >= 0x80;
		const wsp = c === 32 || c === 9;
		if (escaped) {
			if (!vchar && !wsp) return false;
			escaped = false;
			content++;
		} else if (c === 34) {
			return i === text.length - 1 && content > 0;
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

function isDomainChar(c: number): boolean {
	return isAsciiLetter(c) || isDigit(c) || c === 45 || c === 46 || c === 126 || isWide(c);
}

function isLabelEdge(c: number): boolean {
	return isAsciiLetter(c) || isDigit(c) || isWide(c);
}

function isTopLabelEdge(c: number): boolean {
	return isAsciiLetter(c) || isWide(c);
}

/** The regex's domain: `(label\.)+ top-label \.?`, labels being allowed to hold dots themselves. */
function isRegexDomain(domain: string): boolean {
	let end = domain.length;
	if (end > 0 && domain.charCodeAt(end - 1) === 46) end--; // The optional trailing dot
	if (end < 3) return false;
	for (let i = 0; i < end; i++) if (!isDomainChar(domain.charCodeAt(i))) return false;
	if (!isLabelEdge(domain.charCodeAt(0)) || !isTopLabelEdge(domain.charCodeAt(end - 1))) return false;
	// Some dot splits it: a label edge before it, a top-label edge after it
	for (let dot = 1; dot < end - 1; dot++) {
		if (domain.charCodeAt(dot) === 46 && isLabelEdge(domain.charCodeAt(dot - 1)) && isTopLabelEdge(domain.charCodeAt(dot + 1))) return true;
	}

	return false;
}

/** net/mail's dot-atom domain: no leading, trailing or doubled dot. */
function isMailDomain(domain: string): boolean {
	return !domain.startsWith('.') && !domain.endsWith('.') && !domain.includes('..');
}

/** What the validator's regex alone says (exported for the tests that compare it with Go's). */
export function matchesEmailRegex(address: string): boolean {
	const at = address.lastIndexOf('@');
	if (at < 0) return false;
	const local = address.slice(0, at);
	return (isDotAtomLocal(local) || isRegexQuoted(local)) && isRegexDomain(address.slice(at + 1));
}

export type EmailCheck = {
	/** Add Go's `net/mail.ParseAddress` to the regex (validator v10.26.0 and later). */
	netMail: boolean;
};

/** Whether the `email` tag accepts the address. */
export function isValidatorEmail(address: string, check: EmailCheck): boolean {
	if (!matchesEmailRegex(address)) return false;
	if (!check.netMail) return true;
	const at = address.lastIndexOf('@');
	const local = address.slice(0, at);
	return (local.charCodeAt(0) !== 34 || isMailQuoted(local)) && isMailDomain(address.slice(at + 1));
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
