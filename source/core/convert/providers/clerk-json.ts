import {isPlainObject} from '../../rules/json-values.js';

// Clerk's users as JSON, read into the dashboard CSV's column names so that one converter serves all:
// - the Backend API's (`GET /v1/users`, clerk.com/docs/reference/backend-api): email_addresses as
//   objects with `verification.status`, the primary one named by primary_email_address_id,
//   phone_numbers and external_accounts likewise, has_image, times as millisecond epochs, and
//   password_enabled / totp_enabled, as the API never gives a digest or a TOTP secret;
// - the JSON Clerk's support sends (the shape workos/migrate-clerk-users reads,
//   src/clerk-exported-user.ts): the CSV's fields, with every address in one `email_addresses` text
//   separated by '|', and neither the primary address nor which ones are verified;
// - the Backend SDK's users (`clerkClient.users.getUserList()`) as JSON.stringify writes them: camelCase
//   fields, and the API's own user under `_raw` (@clerk/backend, src/api/resources/User.ts, fromJSON),
//   which is the one read.

/** A user of the Backend API: its addresses as objects, or the primary one named by id. */
export function isClerkApiUser(record: Record<string, unknown>): boolean {
	return typeof record.id === 'string' && (Array.isArray(record.email_addresses) || 'primary_email_address_id' in record);
}

/** A user of the support JSON: its addresses in one text beside the CSV's password fields. */
export function isClerkSupportUser(record: Record<string, unknown>): boolean {
	return (
		typeof record.id === 'string' &&
		(typeof record.email_addresses === 'string' || record.email_addresses === null) &&
		('password_digest' in record || 'password_hasher' in record || 'totp_secret' in record)
	);
}

/** The Backend API's user a Backend SDK user carries under `_raw`, if it is one. */
export function sdkRawUser(record: Record<string, unknown>): Record<string, unknown> | undefined {
	return isPlainObject(record._raw) && isClerkApiUser(record._raw) ? record._raw : undefined;
}

export const looksLikeClerkJson = (record: Record<string, unknown>) =>
	isClerkApiUser(record) || isClerkSupportUser(record) || sdkRawUser(record) !== undefined;

const items = (value: unknown) => (Array.isArray(value) ? value.filter(item => isPlainObject(item)) : []);

const epochText = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value);

/** A Backend API user under the CSV's names; its addresses verified when Clerk says so. */
export function clerkRowFromApi(user: Record<string, unknown>): Record<string, unknown> {
	const addresses = items(user.email_addresses).filter(address => typeof address.email_address === 'string');
	const isVerified = (address: Record<string, unknown>) =>
		isPlainObject(address.verification) && address.verification.status === 'verified';
	const primary = addresses.find(address => address.id === user.primary_email_address_id);
	const phones = items(user.phone_numbers)
		.map(phone => phone.phone_number)
		.filter(phone => typeof phone === 'string');
	return {
		...user,
		primary_email_address: primary?.email_address,
		verified_email_addresses: addresses.filter(address => isVerified(address)).map(address => address.email_address as string),
		unverified_email_addresses: addresses.filter(address => !isVerified(address)).map(address => address.email_address as string),
		verified_phone_numbers: phones,
		// Clerk gives every user a generated avatar's URL: has_image says whether one was uploaded
		image_url: user.has_image === false ? undefined : user.image_url,
		created_at: epochText(user.created_at),
		updated_at: epochText(user.updated_at),
	};
}

/** A support JSON user under the CSV's names: the first address taken as the primary one, none known verified. */
export function clerkRowFromSupport(user: Record<string, unknown>): Record<string, unknown> {
	const addresses = typeof user.email_addresses === 'string' ? user.email_addresses.split('|') : [];
	return {
		...user,
		primary_email_address: addresses[0],
		unverified_email_addresses: addresses,
		verified_phone_numbers: user.phone_numbers,
	};
}
