// Go's `time.Time.UnmarshalJSON` (Go 1.20 to 1.26): the bytes between the quotes, not unescaped, go
// to a strict RFC 3339 parser; when it refuses them, to `time.Parse(time.RFC3339, …)`, whose result is
// kept because the strictness checks after it are disabled (`time/format_rfc3339.go`,
// `parseStrictRFC3339`, "case true: return t, nil"). So Hanko accepts a one-digit hour, a comma before
// the fraction, any number of fraction digits and zone offsets up to +24:60, and refuses a missing
// zone, a date alone, lower-case `t` or `z`, hour 24 and second 60.

/** An instant as Go holds it, with the zone offset it was written in. */
export type GoTime = {
	/** Seconds since 1970-01-01T00:00:00Z (negative before). */
	seconds: number;
	nanos: number;
	/** Offset east of UTC in seconds (0 for `Z`). */
	offset: number;
	/** Written with `Z`. */
	zulu: boolean;
	year: number;
};

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
	return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysIn(month: number, year: number): number {
	return month === 2 && isLeap(year) ? 29 : monthDays[month - 1]!;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days-from-civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146_097 + dayOfEra - 719_468;
}

function isDigit(text: string, at: number): boolean {
	const c = text.charCodeAt(at);
	return c >= 48 && c <= 57;
}

/** Fixed-width decimal digits at `at`, or -1. */
function digits(text: string, at: number, count: number): number {
	if (at + count > text.length) return -1;
	let value = 0;
	for (let i = at; i < at + count; i++) {
		const d = text.charCodeAt(i) - 48;
		if (d < 0 || d > 9) return -1;
		value = value * 10 + d;
	}

	return value;
}

/** Two decimal digits at `at`, or -1 (the fields of a time: inlined where every timestamp goes). */
function two(text: string, at: number): number {
	const a = text.charCodeAt(at) - 48;
	const b = text.charCodeAt(at + 1) - 48;
	return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The fraction `[.,]ddd…` at `at` (its first digit is known), in nanoseconds: Go keeps 9 digits. */
function fraction(text: string, at: number, end: number): number {
	let nanos = 0;
	for (let i = at + 1; i < at + 10; i++) nanos = nanos * 10 + (i < end ? text.charCodeAt(i) - 48 : 0);
	return nanos;
}

/** An offset with its sign: -00:00 is 0 to Go, not JavaScript's -0. */
function signed(sign: string | undefined, seconds: number): number {
	return sign === '-' && seconds !== 0 ? -seconds : seconds;
}

function instant(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	second: number,
	nanos: number,
	offset: number,
	zulu: boolean,
): GoTime {
	const seconds = (daysFromCivil(year, month, day) * 24 + hour) * 3600 + minute * 60 + second - offset;
	return {seconds, nanos, offset, zulu, year};
}

/** `parseRFC3339`, the strict fast path. */
function parseStrict(text: string): GoTime | undefined {
	if (text.length < 19) return undefined;
	const year = digits(text, 0, 4);
	const month = two(text, 5);
	const day = two(text, 8);
	const hour = two(text, 11);
	const minute = two(text, 14);
	const second = two(text, 17);
	if (
		year < 0 ||
		month < 1 ||
		month > 12 ||
		day < 1 ||
		day > daysIn(month, year) ||
		hour < 0 ||
		hour > 23 ||
		minute < 0 ||
		minute > 59 ||
		second < 0 ||
		second > 59
	)
		return undefined;
	if (
		text.charCodeAt(4) !== 45 ||
		text.charCodeAt(7) !== 45 ||
		text.charCodeAt(10) !== 84 ||
		text.charCodeAt(13) !== 58 ||
		text.charCodeAt(16) !== 58
	)
		return undefined;
	let at = 19;
	let nanos = 0;
	if (text.length >= at + 2 && text.charCodeAt(at) === 46 && isDigit(text, at + 1)) {
		let end = at + 2;
		while (end < text.length && isDigit(text, end)) end++;
		nanos = fraction(text, at, end);
		at = end;
	}

	const rest = text.length - at;
	if (rest === 1 && text.charCodeAt(at) === 90) return instant(year, month, day, hour, minute, second, nanos, 0, true);
	if (rest !== 6) return undefined;
	const offsetHours = digits(text, at + 1, 2);
	const offsetMinutes = digits(text, at + 4, 2);
	const sign = text[at];
	if (
		offsetHours < 0 ||
		offsetHours > 23 ||
		offsetMinutes < 0 ||
		offsetMinutes > 59 ||
		(sign !== '+' && sign !== '-') ||
		text[at + 3] !== ':'
	)
		return undefined;
	const offset = signed(sign, (offsetHours * 60 + offsetMinutes) * 60);
	return instant(year, month, day, hour, minute, second, nanos, offset, false);
}

/** `time.Parse(time.RFC3339, text)`: the layout "2006-01-02T15:04:05Z07:00" read chunk by chunk. */
function parseLayout(text: string): GoTime | undefined {
	let at = 0;
	const year = digits(text, at, 4); // stdLongYear: a digit first, then atoi of four bytes
	if (year < 0) return undefined;
	at += 4;
	if (text[at++] !== '-') return undefined;
	const month = digits(text, at, 2); // stdZeroMonth: exactly two digits
	if (month < 0) return undefined;
	at += 2;
	if (text[at++] !== '-') return undefined;
	const day = digits(text, at, 2); // stdZeroDay
	if (day < 0) return undefined;
	at += 2;
	if (text[at++] !== 'T') return undefined;
	// stdHour: one digit, or two when the second is a digit too
	if (!isDigit(text, at)) return undefined;
	let hour = text.charCodeAt(at++) - 48;
	if (isDigit(text, at)) hour = hour * 10 + text.charCodeAt(at++) - 48;
	if (text[at++] !== ':') return undefined;
	const minute = digits(text, at, 2);
	if (minute < 0) return undefined;
	at += 2;
	if (text[at++] !== ':') return undefined;
	const second = digits(text, at, 2);
	if (second < 0) return undefined;
	at += 2;
	let nanos = 0;
	// A fraction the layout does not have: '.' or ',' and at least one digit
	if (text.length >= at + 2 && (text[at] === '.' || text[at] === ',') && isDigit(text, at + 1)) {
		let end = at + 2;
		while (end < text.length && isDigit(text, end)) end++;
		nanos = fraction(text, at, end);
		at = end;
	}

	let offset = 0;
	let zulu = false;
	if (text[at] === 'Z') {
		zulu = true;
		at++;
	} else {
		if (text.length < at + 6 || text[at + 3] !== ':') return undefined;
		const offsetHours = digits(text, at + 1, 2);
		const offsetMinutes = digits(text, at + 4, 2);
		const sign = text[at];
		if (offsetHours < 0 || offsetMinutes < 0 || (sign !== '+' && sign !== '-')) return undefined;
		// Offsets of 24 hours or 60 minutes are written by some, so only larger ones are out of range
		if (offsetHours > 24 || offsetMinutes > 60) return undefined;
		offset = signed(sign, (offsetHours * 60 + offsetMinutes) * 60);
		at += 6;
	}

	if (at !== text.length) return undefined; // Extra text
	if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
	if (day < 1 || day > daysIn(month, year)) return undefined;
	return instant(year, month, day, hour, minute, second, nanos, offset, zulu);
}

/** The text between a JSON string's quotes, exactly as written (escapes are not decoded). */
export function parseGoTime(text: string): GoTime | undefined {
	return parseStrict(text) ?? parseLayout(text);
}

/** Milliseconds since the epoch, for comparisons with a clock. */
export function goTimeMillis(time: GoTime): number {
	return time.seconds * 1000 + Math.floor(time.nanos / 1e6);
}

// gobuffalo's `TimeIsPresent` compares `UnixNano()`, which wraps around int64: Go's zero time
// (0001-01-01T00:00:00Z) and every instant 2^64 ns (about 584.5 years) after it count as blank.
const zeroSeconds = -62_135_596_800n;
const wrap = 1n << 64n;
const blankInstants: ReadonlyArray<{seconds: number; nanos: number}> = Array.from({length: 18}, (_, k) => {
	const total = zeroSeconds * 1_000_000_000n + BigInt(k) * wrap;
	const seconds = total / 1_000_000_000n - (total % 1_000_000_000n < 0n ? 1n : 0n);
	const nanos = total - seconds * 1_000_000_000n;
	return {seconds: Number(seconds), nanos: Number(nanos)};
});

/** Seconds between two blank instants (2^64 ns): the k-th one is about k of these after the first. */
const wrapSeconds = 2 ** 64 / 1e9;

/** Whether gobuffalo's `TimeIsPresent` takes this instant for Go's zero time. */
export function isBlankTime(time: {seconds: number; nanos: number}): boolean {
	// Every timestamp is asked: only the one blank instant near it can match
	const blank = blankInstants[Math.round((time.seconds - blankInstants[0]!.seconds) / wrapSeconds)];
	return blank !== undefined && blank.seconds === time.seconds && blank.nanos === time.nanos;
}
