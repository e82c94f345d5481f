import type {Problem} from '../../core/engine/problem-store.js';

// What `y` copies from the selected problem: the record's user_id or primary email as written in the
// file (the raw value Hanko's import reads, before any lower-casing), or where the problem is.

export type CopyField = 'user_id' | 'email' | 'position';

/** The value to copy, or why there is none. */
export type CopyValue = {value: string} | {missing: string};

/** `file:line:col` of the problem, as editors and compilers write positions. */
export function problemPosition(file: string, problem: Problem): string {
	return `${file}:${problem.line}:${problem.column}`;
}

/**
 * The user_id or primary email of a record's text (read again from the file). The primary email is
 * the one marked `is_primary`; a record with a single address and no mark has that one.
 */
export function recordField(text: string | undefined, field: 'user_id' | 'email'): CopyValue {
	if (text === undefined) return {missing: 'the record could not be read again'};
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return {missing: 'the record is not JSON: no field to copy'};
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {missing: 'the record is not an object'};
	const user = value as Record<string, unknown>;
	if (field === 'user_id') {
		return typeof user.user_id === 'string' && user.user_id !== '' ? {value: user.user_id} : {missing: 'this record has no user_id'};
	}

	const emails = Array.isArray(user.emails)
		? user.emails.filter((email): email is Record<string, unknown> => typeof email === 'object' && email !== null)
		: [];
	const primary = emails.find(email => email.is_primary === true) ?? (emails.length === 1 ? emails[0] : undefined);
	const address = primary?.address;
	if (typeof address === 'string' && address !== '') return {value: address};
	return {missing: emails.length > 1 ? 'this record has no primary email' : 'this record has no email'};
}

/** The start of a copied value, for the status line ("copied user_id 9f1c7a2e…"). */
export function shortened(value: string, length = 12): string {
	const chars = [...value];
	return chars.length <= length ? value : `${chars.slice(0, length).join('')}…`;
}
