import type {AdminUser} from '../export/admin-user.js';
import type {FileUser} from './file-users.js';

// What differs between a user of the import file and the same user in the project, field by field, as
// the project holds them: addresses are lower-cased on both sides (Hanko stores them so), the username
// is compared as written (Hanko stores it as given).

export type MismatchField = 'emails' | 'primary' | 'verified' | 'username' | 'credential_ids' | 'password' | 'otp_secret';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set([...a, ...b]).size === new Set(a).size;

export function mismatchedFields(user: FileUser, found: AdminUser): MismatchField[] {
	const fields: MismatchField[] = [];
	const stored = found.emails ?? [];
	if (
		!sameSet(
			user.emails.map(email => email.address),
			stored.map(email => email.address),
		)
	)
		fields.push('emails');
	const primary = user.emails.find(email => email.primary)?.address;
	if (primary !== stored.find(email => email.is_primary)?.address) fields.push('primary');
	const verified = new Map(stored.map(email => [email.address, email.is_verified]));
	if (user.emails.some(email => verified.has(email.address) && verified.get(email.address) !== email.verified)) fields.push('verified');
	if (user.username !== found.username?.username) fields.push('username');
	if (
		!sameSet(
			user.credentialIds,
			(found.webauthn_credentials ?? []).map(credential => credential.id),
		)
	)
		fields.push('credential_ids');
	return fields;
}

/** With `GET /users/{id}`: whether a password and an OTP secret arrived where the file had them. */
export function deepMismatches(user: FileUser, found: AdminUser): MismatchField[] {
	const fields: MismatchField[] = [];
	if (user.hasPassword !== Boolean(found.password)) fields.push('password');
	if (user.hasOtp !== Boolean(found.otp)) fields.push('otp_secret');
	return fields;
}
