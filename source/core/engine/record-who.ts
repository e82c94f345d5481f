import type {ImportEntry} from '../rules/import-format.js';
import {type RecordResult, type RuleContext, checkRecordText} from '../rules/validate-record.js';

// Who a record is, for the problem list's user column and for search: the values people know a user
// by (emails, user_id, username), as Hanko's decoder reads them, in one short string per record.
// Joined by NUL (which no search types) so that a match never spans two values; the display label
// comes first. A record that is not JSON keeps the start of its text instead, marked by SOH.

const separator = '\0';
const brokenMark = '\u0001';
const maxValue = 320;
const separatorsEverywhere = /[\0\u0001]/g;
const maxBrokenText = 1000;

/** Values are cut and freed of the separators, so that one string per record stays small and splittable. */
function clean(value: string, max = maxValue): string {
	const cut = value.length > max ? value.slice(0, max) : value;
	return cut.includes(separator) || cut.includes(brokenMark) ? cut.replaceAll(separatorsEverywhere, '\uFFFD') : cut;
}

/**
 * Who the entry is, as Hanko's decoder gave it: its primary email first (what people recognise), else
 * its first email, user_id or username; then the other values. Empty when it has none.
 */
export function whoOfEntry(entry: ImportEntry | undefined): string {
	if (entry === undefined) return '';
	const emails = entry.emails ?? [];
	let label: string | undefined;
	for (const email of emails) {
		if (typeof email?.address !== 'string' || !email.address) continue;
		label ??= email.address;
		if (email.is_primary === true) {
			label = email.address;
			break;
		}
	}

	// Plain arrays and loops: this runs in the checkers for every record with a problem
	const values: string[] = [];
	add(values, label);
	add(values, entry.user_id);
	add(values, entry.username);
	for (const email of emails) add(values, email?.address);
	// Concatenated, not joined: a join of a few short strings measured several times slower
	let who = values.length > 0 ? clean(values[0]!) : '';
	for (let i = 1; i < values.length; i++) who += separator + clean(values[i]!);
	return who;
}

/** Adds a value not there yet. */
function add(values: string[], value: unknown): void {
	if (typeof value !== 'string' || value === '') return;
	for (const known of values) if (known === value) return;
	values.push(value);
}

/** For a record that is not JSON: the start of its text, to search in. */
export function whoOfBrokenText(text: string): string {
	return brokenMark + clean(text, maxBrokenText);
}

/** Who a record read again is, decoded as the checkers decode it. */
export function whoOfText(text: string, context: RuleContext): string {
	return whoOfResult(text, checkRecordText(text, context));
}

/** Who the record of `text` is, from its checks' result. */
export function whoOfResult(text: string, result: RecordResult): string {
	return result.problems[0]?.code === 'json.syntax' ? whoOfBrokenText(text) : whoOfEntry(result.entry);
}

/** The few characters the user column shows. */
export function labelOfWho(who: string | undefined): string {
	if (who === undefined) return '';
	if (who.startsWith(brokenMark)) return '(not JSON)';
	if (who === '') return '—';
	const end = who.indexOf(separator);
	return end < 0 ? who : who.slice(0, end);
}

/** Whether the lower-cased `needle` is in one of the record's values (case-insensitive). */
export function whoIncludes(who: string, needle: string): boolean {
	return who.toLowerCase().includes(needle);
}

export const whoSeparator = separator;
