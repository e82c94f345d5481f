// UUIDs as Hanko's libraries read them: gofrs/uuid v4.4.0 `UnmarshalText` (the `aaguid` field) and
// the go-playground/validator regexes of the `uuid` and `uuid4` tags (the `user_id` field).

export const nilUuid = '00000000-0000-0000-0000-000000000000';

function hexValue(c: number): number {
	if (c >= 48 && c <= 57) return c - 48;
	if (c >= 97 && c <= 102) return c - 87;
	if (c >= 65 && c <= 70) return c - 55;
	return -1;
}

const dashes = new Set([8, 13, 18, 23]);

// What each ASCII character is as a hex digit: every record has a UUID or two, and a table with the
// dashes checked apart is about twice as fast as comparing character ranges at each position.
const lowerHex = 1;
const upperHex = 2;
const hexClass = new Uint8Array(128);
for (const c of '0123456789abcdef') hexClass[c.charCodeAt(0)] = lowerHex;
for (const c of 'ABCDEF') hexClass[c.charCodeAt(0)] = upperHex;

/** Whether value[from, to) is all hex digits of the classes `accepted`. */
function isHexRun(value: string, from: number, to: number, accepted: number): boolean {
	for (let i = from; i < to; i++) {
		const c = value.charCodeAt(i);
		if (c >= 128 || (hexClass[c]! & accepted) === 0) return false;
	}

	return true;
}

/** 8-4-4-4-12 hex digits, upper case allowed or not. */
export function isUuidShape(value: string, upperAllowed: boolean): boolean {
	const accepted = upperAllowed ? lowerHex | upperHex : lowerHex;
	return (
		value.length === 36 &&
		value.charCodeAt(8) === 45 &&
		value.charCodeAt(13) === 45 &&
		value.charCodeAt(18) === 45 &&
		value.charCodeAt(23) === 45 &&
		isHexRun(value, 0, 8, accepted) &&
		isHexRun(value, 9, 13, accepted) &&
		isHexRun(value, 14, 18, accepted) &&
		isHexRun(value, 19, 23, accepted) &&
		isHexRun(value, 24, 36, accepted)
	);
}

/** The canonical lower-case form of 32 hex digits (possibly with the four dashes), or undefined. */
function canonical(hex: string, withDashes: boolean): string | undefined {
	let out = '';
	for (let i = 0; i < hex.length; i++) {
		const c = hex.charCodeAt(i);
		if (withDashes && dashes.has(i)) {
			if (c !== 45) return undefined;
			out += '-';
			continue;
		}

		if (hexValue(c) < 0) return undefined;
		out += hex[i]!.toLowerCase();
		if (!withDashes && (i === 7 || i === 11 || i === 15 || i === 19)) out += '-';
	}

	return out;
}

/**
 * gofrs' `UnmarshalText`: the canonical 36-character form in any case, 32 hex digits, either of them
 * in braces, or after `urn:uuid:`. Lengths are in bytes, as Go counts them (any non-ASCII character
 * fails anyway). Returns the canonical lower-case form, or undefined when gofrs refuses the text.
 */
export function parseGofrsUuid(text: string): string | undefined {
	if (isUuidShape(text, false)) return text; // Canonical already, as most are
	let body = text;
	switch (text.length) {
		case 32:
		case 36: {
			break;
		}

		case 34:
		case 38: {
			if (text[0] !== '{' || text.at(-1) !== '}') return undefined;
			body = text.slice(1, -1);
			break;
		}

		case 41:
		case 45: {
			if (!text.startsWith('urn:uuid:')) return undefined;
			body = text.slice(9);
			break;
		}

		default: {
			return undefined;
		}
	}

	return canonical(body, body.length === 36);
}

/** The `uuid4` tag's regex, on the canonical lower-case string gofrs' `String()` gives. */
export function isV4Canonical(value: string): boolean {
	return value.charCodeAt(14) === 0x34 && '89ab'.includes(value[19]!);
}

/** A v4 UUID in its 36-character form, in any case. */
export function isV4Uuid(value: string): boolean {
	return isUuidShape(value, true) && isV4Canonical(value.toLowerCase());
}
