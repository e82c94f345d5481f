import {goTimeMillis, parseGoTime} from '../go/go-time.js';

/** Milliseconds of a time Hanko's decoder takes, or undefined. */
function parseRfc3339(value: string): number | undefined {
	const time = parseGoTime(value);
	return time && goTimeMillis(time);
}

// Times other systems write, rewritten as RFC 3339 in UTC: what Go's time.Time decodes.

const isoWithoutZone = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
// Epoch values from 2001 on: seconds have 10 digits, milliseconds 13
const secondsLimit = 1e11;

function fromParts(match: RegExpExecArray): number | undefined {
	const [, year, month, day, hour, minute, second, fraction] = match;
	const millis = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
	const time = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis);
	const date = new Date(time);
	// Date.UTC rolls 31 February over into March: such a date is not a date
	if (
		date.getUTCDate() !== Number(day) ||
		date.getUTCMonth() !== Number(month) - 1 ||
		Number(hour) > 23 ||
		Number(minute) > 59 ||
		Number(second) > 59
	)
		return undefined;
	return time;
}

function format(time: number): string | undefined {
	// Beyond the year 275760 there is no Date: such a number is not a time
	if (!Number.isFinite(new Date(time).getTime())) return undefined;
	const iso = new Date(time).toISOString();
	return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/**
 * The common case, already RFC 3339 in UTC (`2023-07-11T13:41:50.290Z`, what Auth0 and most exports
 * write): checked by Go's parser (as the validator runs it), and written back from its characters, without the
 * Date that `format` makes. The same text `format` would give, or undefined to take the long way.
 * Converters call this a few times a user, on millions of users.
 */
function alreadyUtc(value: string): string | undefined {
	// Only the canonical layout (Go also takes a one-digit hour or a comma, which the long way rewrites)
	if (value.length < 20 || value.charCodeAt(13) !== 0x3a || value.charCodeAt(16) !== 0x3a || (value[19] !== '.' && value[19] !== 'Z'))
		return undefined;
	if (value.charCodeAt(value.length - 1) !== 0x5a || parseRfc3339(value) === undefined) return undefined;
	if (value.length === 20) return value;
	// A fraction after the seconds, kept to milliseconds as Date keeps them
	const millis = value.slice(20, Math.min(23, value.length - 1)).padEnd(3, '0');
	return millis === '000' ? `${value.slice(0, 19)}Z` : `${value.slice(0, 19)}.${millis}Z`;
}

/** `value` as RFC 3339 UTC, or undefined when it is not a time this fix can read with certainty. */
export function normaliseTimestamp(value: unknown): string | undefined {
	if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,13}(?:\.\d+)?$/.test(value.trim()))) {
		const number = Number(value);
		if (!Number.isFinite(number) || number <= 0) return undefined;
		return format(number < secondsLimit ? Math.round(number * 1000) : Math.round(number));
	}

	if (typeof value !== 'string') return undefined;
	const fast = alreadyUtc(value);
	if (fast !== undefined) return fast;
	const trimmed = value.trim();
	// A valid RFC 3339 time in another zone, or with a lower-case t/z: only rewritten to UTC
	const parsed = parseRfc3339(trimmed.replace(/^(.{10})t/, '$1T').replace(/z$/, 'Z'));
	if (parsed !== undefined) return format(parsed);
	const match = isoWithoutZone.exec(trimmed);
	if (!match) return undefined;
	const time = fromParts(match);
	return time === undefined ? undefined : format(time);
}
