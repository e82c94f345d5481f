import {csvField} from '../text/csv-field.js';
import type {AdminUser} from './admin-user.js';

// `--deep`: the users who must reset a password or re-enrol OTP after the import (Hanko's importer
// takes neither), as CSV to reach them by.

export const needsResetHeader = 'user_id,email,username,password_reset,otp_reenrol\n';

export function defaultContactsFile(out: string): string {
	return `${out.replace(/\.json$/i, '')}.needs-reset.csv`;
}

/** A CSV line for a user with a password or an OTP secret (they must reset or re-enrol), or undefined. */
export function needsResetLine(user: AdminUser): string | undefined {
	if (!user.password && !user.otp) return undefined;
	const email = user.emails?.find(candidate => candidate.is_primary)?.address ?? user.emails?.[0]?.address ?? '';
	return `${[user.id, email, user.username?.username ?? '', user.password ? 'yes' : 'no', user.otp ? 'yes' : 'no'].map(value => csvField(value)).join(',')}\n`;
}

/** The user a line of the CSV is for (its first field: a UUID, never quoted). */
export function needsResetId(line: string): string {
	return line.slice(0, line.indexOf(','));
}
