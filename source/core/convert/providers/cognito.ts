import {normaliseTimestamp} from '../../fixes/normalise-timestamp.js';
import {isUuidShape} from '../../go/uuid-text.js';
import {
	type ConvertOptions,
	type ConvertedUser,
	type ProfileSource,
	isPresent,
	isTrue,
	loss,
	rejectReason,
	text,
} from '../converted-user.js';

// Amazon Cognito's user CSV: cognito:username, the standard attributes (name, email, phone_number,
// address, ...), custom:* attributes, updated_at in epoch seconds. Cognito never exports password
// hashes or MFA secrets: every user needs a new password.

export function looksLikeCognitoHeader(names: readonly string[]): boolean {
	return names.includes('cognito:username');
}

const nameAttributes = ['name', 'given_name', 'family_name', 'middle_name', 'nickname'];
const profileAttributes = ['address', 'birthdate', 'gender', 'locale', 'zoneinfo', 'website', 'profile'];

/** Exports made from list-users carry `Enabled` (or `enabled`); the plain CSV has neither and lists enabled users. */
function enabled(row: Record<string, unknown>): boolean {
	const value = row.enabled ?? row.Enabled;
	return value === undefined || value === '' || isTrue(value);
}

/**
 * Names and picture where Hanko has them; the other profile attributes and the custom: ones are the
 * pool's own data, kept private (a user could change some of them in Cognito, but nothing says the app
 * let them).
 */
function profileOf(row: Record<string, unknown>): ProfileSource {
	const attributes = Object.entries(row).filter(
		([key, value]) =>
			(key.startsWith('custom:') || profileAttributes.includes(key) || key === 'middle_name' || key === 'nickname') &&
			isPresent(value),
	);
	return {
		name: row.name,
		given_name: row.given_name,
		family_name: row.family_name,
		picture: row.picture,
		private_metadata: attributes.length > 0 ? Object.fromEntries(attributes) : undefined,
	};
}

export const cognitoPasswordReason = 'Cognito does not export password hashes';

export function convertCognito(row: Record<string, unknown>, options: ConvertOptions): ConvertedUser {
	const login = text(row['cognito:username']);
	// `sub` is the user's stable UUID; the user name may be one too, or the email, or a chosen name
	const sourceId = text(row.sub) ?? login ?? '';
	const losses: string[] = [];
	if (isPresent(row.phone_number)) losses.push(loss.phones);
	if (nameAttributes.some(key => isPresent(row[key]))) losses.push(loss.names);
	if (isPresent(row.picture)) losses.push(loss.pictures);
	if (
		profileAttributes.some(key => isPresent(row[key])) ||
		Object.keys(row).some(key => key.startsWith('custom:') && isPresent(row[key]))
	)
		losses.push(loss.metadata);
	if (isTrue(row['cognito:mfa_enabled'])) losses.push(loss.mfaNotExported);

	const email = text(row.email);
	// A pool that signs users in by phone number has the number as their user name: that is no name a
	// person chose, and Hanko cannot sign anyone in by phone
	const phoneLogin = login !== undefined && (/^\+\d{6,15}$/.test(login) || login === text(row.phone_number));
	const chosen =
		text(row.preferred_username) ??
		(login && !phoneLogin && !isUuidShape(login, true) && login.toLowerCase() !== email?.toLowerCase() ? login : undefined);
	let reject: string | undefined;
	if (!email && !chosen) reject = isPresent(row.phone_number) ? rejectReason.phoneOnly : rejectReason.nothing;
	else if (!enabled(row) && !options.includeDisabled) reject = rejectReason.disabled('disabled in Cognito');

	const record: Record<string, unknown> = {};
	if (email) record.emails = [{address: email, is_primary: true, is_verified: isTrue(row.email_verified)}];
	if (chosen) record.username = chosen;
	const updated = normaliseTimestamp(text(row.updated_at));
	const created = normaliseTimestamp(text(row.created_at)) ?? normaliseTimestamp(text(row.UserCreateDate));
	if (created) record.created_at = created;
	if (updated) record.updated_at = updated;
	return {
		sourceId,
		record: reject ? undefined : record,
		reject,
		losses,
		password: {kind: 'reset', reason: cognitoPasswordReason},
		profile: options.profile ? profileOf(row) : undefined,
	};
}
