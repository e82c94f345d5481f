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
import {cognitoRowFromListUser, looksLikeCognitoUser} from './cognito-list-users.js';

// Amazon Cognito's user CSV: cognito:username, the standard attributes (name, email, phone_number,
// address, ...), custom:* attributes, updated_at in epoch seconds. Cognito never exports password
// hashes or MFA secrets: every user needs a new password.

/** What `--from cognito` expects, for the message that refuses another shape. */
export const cognitoFormats = "Cognito's user CSV, a header row with cognito:username";

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

/**
 * Users whose status says more than that no hash was exported (list-users gives UserStatus): a user
 * who never chose a password, or who had to choose a new one anyway.
 */
export const cognitoStatusReasons: Record<string, string> = {
	FORCE_CHANGE_PASSWORD: 'never signed in: Cognito had given only a temporary password (FORCE_CHANGE_PASSWORD)',
	RESET_REQUIRED: 'a password reset was already required in Cognito (RESET_REQUIRED)',
};

export function convertCognito(source: Record<string, unknown>, options: ConvertOptions): ConvertedUser {
	const row = looksLikeCognitoUser(source) ? cognitoRowFromListUser(source) : source;
	const status = text(row.UserStatus);
	// A user of Google, Facebook, SAML...: the user name is the provider's prefix and id (Google_1234), no name anyone chose
	const federated = status === 'EXTERNAL_PROVIDER' || isPresent(row.identities);
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
	if (federated) losses.push(loss.social);

	const email = text(row.email);
	// A pool that signs users in by phone number has the number as their user name: that is no name a
	// person chose, and Hanko cannot sign anyone in by phone
	const phoneLogin = login !== undefined && (/^\+\d{6,15}$/.test(login) || login === text(row.phone_number));
	const chosen =
		text(row.preferred_username) ??
		(login && !phoneLogin && !federated && !isUuidShape(login, true) && login.toLowerCase() !== email?.toLowerCase()
			? login
			: undefined);
	let reject: string | undefined;
	if (!email && !chosen) reject = isPresent(row.phone_number) ? rejectReason.phoneOnly : rejectReason.nothing;
	else if (!enabled(row) && !options.includeDisabled) reject = rejectReason.disabled('disabled in Cognito');

	const record: Record<string, unknown> = {};
	if (email) record.emails = [{address: email, is_primary: true, is_verified: isTrue(row.email_verified)}];
	if (chosen) record.username = chosen;
	// list-users prints its dates as ISO text (AWS CLI v2, the SDKs' JSON) or as epoch seconds with a fraction (CLI v1)
	const updated = normaliseTimestamp(text(row.updated_at)) ?? normaliseTimestamp(row.UserLastModifiedDate);
	const created = normaliseTimestamp(text(row.created_at)) ?? normaliseTimestamp(row.UserCreateDate);
	if (created) record.created_at = created;
	if (updated) record.updated_at = updated;
	const password: ConvertedUser['password'] = federated
		? {kind: 'none'}
		: {kind: 'reset', reason: (status && cognitoStatusReasons[status]) ?? cognitoPasswordReason};
	return {
		sourceId,
		record: reject ? undefined : record,
		reject,
		losses,
		password,
		profile: options.profile ? profileOf(row) : undefined,
	};
}
