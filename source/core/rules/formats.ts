// String formats as Hanko's importer checks them (Go validator tags and Go's own decoders).

const canonicalUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const anyCaseUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const v4Uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const nilUuid = '00000000-0000-0000-0000-000000000000';

export function isCanonicalUuid(value: string): boolean {
	return canonicalUuid.test(value);
}

export function isUuidAnyCase(value: string): boolean {
	return anyCaseUuid.test(value);
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

// RFC 3339 as Go's time.Time decoder takes it: a 'T', seconds, optional fraction, and a zone.
const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function daysIn(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds since the epoch, or undefined when Hanko would refuse the value. */
export function parseRfc3339(value: string): number | undefined {
	const m = rfc3339.exec(value);
	if (!m) return undefined;
	const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
	if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	let offset = 0;
	if (m[8]) {
		const offsetHours = Number(m[9]);
		const offsetMinutes = Number(m[10]);
		if (offsetHours > 23 || offsetMinutes > 59) return undefined;
		offset = (m[8] === '-' ? -1 : 1) * ((offsetHours * 60) + offsetMinutes) * 60_000;
	}

	const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
	const utc = new Date(0);
	utc.setUTCFullYear(year, month - 1, day); // Date.UTC would map years 0–99 to 1900–1999
	utc.setUTCHours(hour, minute, second, millis);
	return utc.getTime() - offset;
}
