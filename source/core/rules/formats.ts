// String formats as Hanko's importer checks them (Go validator tags and Go's own decoders).

const v4Uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const nilUuid = '00000000-0000-0000-0000-000000000000';

/** 8-4-4-4-12 hex digits; checked by hand since every record has one (a regex cost more). */
function isUuidShape(value: string, upperAllowed: boolean): boolean {
	if (value.length !== 36) return false;
	for (let i = 0; i < 36; i++) {
		const c = value.charCodeAt(i);
		if (i === 8 || i === 13 || i === 18 || i === 23) {
			if (c !== 45) return false;
		} else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (upperAllowed && c >= 65 && c <= 70))) {
			return false;
		}
	}

	return true;
}

export function isCanonicalUuid(value: string): boolean {
	return isUuidShape(value, false);
}

export function isUuidAnyCase(value: string): boolean {
	return isUuidShape(value, true);
}

export function isV4Uuid(value: string): boolean {
	return v4Uuid.test(value);
}

// Hanko's email check admits letters beyond ASCII (U+00A0–U+D7FF, U+F900–U+FDCF, U+FDF0–U+FFEF) in the
// local part and the domain, quoted local parts, and needs at least one dot in the domain with a
// top-level label that starts and ends with a letter. Written as one linear-time pattern per part
// (no nested overlapping repeats), so a hostile address cannot make it backtrack for long.
const wide = '\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF';
const atext = `[a-zA-Z0-9!#$%&'*+\\-/=?^_\`{|}~${wide}]`;
const dotAtom = `${atext}+(?:\\.${atext}+)*`;
const quoted = `"(?:[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\x21\\x23-\\x5b\\x5d-\\x7e \\t${wide}]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0d-\\x7f${wide}])*"`;
const labelEdge = `[a-zA-Z0-9${wide}]`;
const labelInner = `[a-zA-Z0-9\\-.~${wide}]`;
const tldEdge = `[a-zA-Z${wide}]`;
const localPart = new RegExp(`^(?:${dotAtom}|${quoted})$`);
const domain = new RegExp(`^${labelEdge}(?:${labelInner}*${labelEdge})?\\.${tldEdge}(?:${labelInner}*${tldEdge})?\\.?$`);

export function isHankoEmail(address: string): boolean {
	const at = address.lastIndexOf('@');
	if (at <= 0 || at === address.length - 1) return false;
	return localPart.test(address.slice(0, at)) && domain.test(address.slice(at + 1));
}

// RFC 3339 as Go's time.Time decoder takes it: a 'T', seconds, an optional fraction, and a zone.
// Parsed by hand: this runs for every timestamp of every record, and a regex plus Date objects was
// the largest cost of the whole validation.

function digits(text: string, at: number, count: number): number {
	let value = 0;
	for (let i = at; i < at + count; i++) {
		const d = text.charCodeAt(i) - 48;
		if (d < 0 || d > 9) return -1;
		value = (value * 10) + d;
	}

	return value;
}

function isLeap(year: number): boolean {
	return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days-from-civil). */
function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - (era * 400);
	const dayOfYear = Math.floor(((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5) + day - 1;
	const dayOfEra = (yearOfEra * 365) + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return (era * 146_097) + dayOfEra - 719_468;
}

/** Milliseconds since the epoch, or undefined when Hanko would refuse the value. */
export function parseRfc3339(value: string): number | undefined {
	if (value.length < 20 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || value.charCodeAt(10) !== 84
		|| value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58) return undefined;
	const year = digits(value, 0, 4);
	const month = digits(value, 5, 2);
	const day = digits(value, 8, 2);
	const hour = digits(value, 11, 2);
	const minute = digits(value, 14, 2);
	const second = digits(value, 17, 2);
	if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
	if (day > (month === 2 && isLeap(year) ? 29 : monthDays[month - 1]!)) return undefined;
	let at = 19;
	let millis = 0;
	if (value.charCodeAt(at) === 46) {
		const start = ++at;
		while (at < value.length && value.charCodeAt(at) >= 48 && value.charCodeAt(at) <= 57) at++;
		if (at === start) return undefined;
		for (let i = start; i < start + 3; i++) millis = (millis * 10) + (i < at ? value.charCodeAt(i) - 48 : 0);
	}

	let offset = 0;
	const zone = value.charCodeAt(at);
	if (zone === 90) {
		if (at + 1 !== value.length) return undefined;
	} else if (zone === 43 || zone === 45) {
		if (at + 6 !== value.length || value.charCodeAt(at + 3) !== 58) return undefined;
		const offsetHours = digits(value, at + 1, 2);
		const offsetMinutes = digits(value, at + 4, 2);
		if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return undefined;
		offset = (zone === 45 ? -1 : 1) * ((offsetHours * 60) + offsetMinutes) * 60_000;
	} else {
		return undefined;
	}

	const days = daysFromCivil(year, month, day);
	return (((((days * 24) + hour) * 60) + minute) * 60_000) + (second * 1000) + millis - offset;
}
