import {parseRfc3339} from '../rules/formats.js';

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
	if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
	return time;
}

function format(time: number): string | undefined {
	// Beyond the year 275760 there is no Date: such a number is not a time
	if (!Number.isFinite(new Date(time).getTime())) return undefined;
	const iso = new Date(time).toISOString();
	return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

const utcForm = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
const daysIn = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The common case, already RFC 3339 in UTC (what Auth0 and most exports write), answered without a
 * Date: the same text `format` would give, or undefined to take the long way. Converters call this a
 * few times a user, on millions of users.
 */
function alreadyUtc(value: string): string | undefined {
	const match = utcForm.exec(value);
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second, fraction] = match;
	const y = Number(year);
	const m = Number(month);
	const d = Number(day);
	const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
	if (m < 1 || m > 12 || d < 1 || d > (m === 2 && !leap ? 28 : daysIn[m - 1]!) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
	const millis = (fraction ?? '').padEnd(3, '0').slice(0, 3);
	return `${year}-${month}-${day}T${hour}:${minute}:${second}${millis === '000' ? '' : `.${millis}`}Z`;
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
