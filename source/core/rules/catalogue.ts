// The one list of rule codes. Reports, the README table and (later) the fix menu all read it, so a
// code's severity and advice live in exactly one place. Codes are stable: never rename one.

export type Severity = 'error' | 'warning';

export type Rule = {
	readonly code: string;
	readonly severity: Severity;
	/** What Hanko's importer (or its published schema) does with such a record. */
	readonly hanko: string;
	/** How a person fixes it. */
	readonly fix: string;
};

const rules = [
	// File and framing
	{code: 'file.bom', severity: 'warning', hanko: 'The file starts with a UTF-8 byte order mark, which Go\'s JSON decoder does not skip.', fix: 'Save the file as UTF-8 without BOM.'},
	{code: 'json.syntax', severity: 'error', hanko: 'The decoder stops at the first syntax error: the whole import fails there.', fix: 'Correct the JSON at the line and column given (trailing comma, unquoted key, missing comma between records).'},
	{code: 'record.not-object', severity: 'error', hanko: 'Each array element must be a user object: the decoder aborts the import.', fix: 'Remove the element or wrap the data in a user object.'},
	// Structure and types
	{code: 'field.type', severity: 'error', hanko: 'A value of the wrong JSON type is a decode error that aborts the whole import (null counts as absent).', fix: 'Give the field the type the import format expects, or remove it.'},
	{code: 'field.unknown', severity: 'warning', hanko: 'Unknown keys are silently dropped; the published schema forbids them.', fix: 'Remove the field, or map its data to a field Hanko knows.'},
	{code: 'field.key-case', severity: 'warning', hanko: 'Go matches keys case-insensitively, so the key is used, but the schema forbids it.', fix: 'Write the key in lower case as the format defines it.'},
	// user_id
	{code: 'user-id.missing', severity: 'warning', hanko: 'Hanko generates a new ID: the link to the user\'s old ID is lost.', fix: 'Add the user\'s ID as a UUID, or generate one and keep a mapping.'},
	{code: 'user-id.uppercase', severity: 'error', hanko: 'The UUID check only accepts the lower-case canonical form.', fix: 'Lowercase the UUID.'},
	{code: 'user-id.invalid', severity: 'error', hanko: 'user_id must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, lower case).', fix: 'Replace it with a UUID and keep a mapping from the old ID.'},
	// emails and username
	{code: 'user.no-identifier', severity: 'error', hanko: 'A user needs at least one email or a username.', fix: 'Add an email address or a username, or drop the record.'},
	{code: 'email.invalid', severity: 'error', hanko: 'The address fails Hanko\'s email check (which allows international addresses but needs a dot in the domain).', fix: 'Correct the address or remove it from the user.'},
	{code: 'email.no-primary', severity: 'error', hanko: 'Exactly one email must have is_primary: true.', fix: 'Mark one address primary (the first verified one is a good choice).'},
	{code: 'email.multiple-primary', severity: 'error', hanko: 'Exactly one email must have is_primary: true.', fix: 'Keep is_primary: true on one address only.'},
	{code: 'email.duplicate-in-user', severity: 'error', hanko: 'Addresses must be unique within a user (compared after lowercasing).', fix: 'Remove the repeated address, keeping the verified or primary one.'},
	{code: 'email.verified-missing', severity: 'warning', hanko: 'A missing is_verified is taken as false; the schema requires the key.', fix: 'Set is_verified explicitly.'},
	{code: 'email.uppercase', severity: 'warning', hanko: 'Hanko lowercases addresses before storing them.', fix: 'Lowercase the address (and check it does not then collide with another).'},
	{code: 'username.empty', severity: 'error', hanko: 'A username, when present, must have at least one character.', fix: 'Remove the empty username or fill it in.'},
	// password and OTP
	{code: 'password.bcrypt-variant', severity: 'error', hanko: 'Only the $2a$ prefix passes the importer\'s check, although $2b$/$2y$ are the same bcrypt.', fix: 'Rewrite the prefix to $2a$; the hash stays valid.'},
	{code: 'password.hash-prefix', severity: 'error', hanko: 'A password hash must start with $2a$ (bcrypt) or $fbscrypt$ (Firebase scrypt).', fix: 'Convert the hash to a supported format, or drop the password so the user resets it.'},
	{code: 'otp.secret-missing', severity: 'error', hanko: 'An otp_secret object needs a non-empty secret.', fix: 'Add the TOTP secret or remove otp_secret.'},
	// WebAuthn
	{code: 'webauthn.missing-field', severity: 'error', hanko: 'The importer needs id, public_key and attestation_type for each credential.', fix: 'Add the missing field or drop the credential (the user re-enrols).'},
	{code: 'webauthn.duplicate-id', severity: 'error', hanko: 'Credential ids must be unique within a user.', fix: 'Remove the repeated credential.'},
	{code: 'webauthn.duplicate-transport', severity: 'error', hanko: 'Transports are stored uniquely per credential: a repeat fails the insert.', fix: 'Remove the repeated transport.'},
	{code: 'webauthn.user-handle-mfa', severity: 'error', hanko: 'user_handle must be absent when mfa_only is true.', fix: 'Remove user_handle or set mfa_only to false.'},
	{code: 'webauthn.aaguid-array', severity: 'error', hanko: 'The published schema shows aaguid as 16 integers, but the decoder expects a UUID string: the whole import aborts.', fix: 'Write the AAGUID as a UUID string, or remove it (it is optional metadata).'},
	{code: 'webauthn.aaguid-not-v4', severity: 'error', hanko: 'A non-nil aaguid is validated as a v4 UUID; many real authenticators\' AAGUIDs are not.', fix: 'Remove the aaguid or set it to the nil UUID (it is optional metadata).'},
	// Timestamps
	{code: 'timestamp.format', severity: 'error', hanko: 'Timestamps must be RFC 3339 with a time zone: anything else is a decode error that aborts the import.', fix: 'Write the time as RFC 3339, e.g. 2023-07-11T13:41:50Z.'},
	{code: 'timestamp.order', severity: 'warning', hanko: 'Accepted as given, but updated_at before created_at is probably wrong data.', fix: 'Swap the two, or set updated_at to created_at.'},
	{code: 'timestamp.future', severity: 'warning', hanko: 'Accepted as given, but a time in the future is probably wrong data.', fix: 'Correct the timestamp.'},
	// Across the file
	{code: 'duplicate.user-id', severity: 'error', hanko: 'user_id is the primary key: the insert fails and the whole file is rolled back.', fix: 'Merge the two users or give the later one a new ID.'},
	{code: 'duplicate.email', severity: 'error', hanko: 'Addresses are unique per project after lowercasing: the insert fails and the whole file is rolled back.', fix: 'Merge the users, or remove the address from the later one.'},
	{code: 'duplicate.username', severity: 'error', hanko: 'Usernames are unique per project: the insert fails and the whole file is rolled back.', fix: 'Rename or merge the later user.'},
] as const satisfies readonly Rule[];

export type RuleCode = (typeof rules)[number]['code'];

export const ruleList: readonly Rule[] = rules;

const byCode = new Map<string, Rule>(rules.map(rule => [rule.code, rule]));

/** Numeric ids keep stored problems compact (one byte each). */
export const ruleIds = new Map<string, number>(rules.map((rule, index) => [rule.code, index]));

export function ruleFor(code: string): Rule {
	const rule = byCode.get(code);
	if (!rule) throw new Error(`unknown rule code ${code}`);
	return rule;
}

export function isRuleCode(value: string): value is RuleCode {
	return ruleIds.has(value);
}
