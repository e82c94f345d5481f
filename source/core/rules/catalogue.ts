// The one list of rule codes. Reports, docs/rules.md's tables, the fix menus and the docs all read it, so a
// code's severity, advice and Hanko source location live in exactly one place. Codes are stable:
// never rename one.

export type Severity = 'error' | 'warning';

/**
 * Where in Hanko's import the rule bites. `file`: the file as a whole; `decode`: Go's JSON decoder
 * (aborts the import); `struct`: the validator tags and `validate()` of format.go (the import stops
 * after listing them); `model`: pop's `ValidateAndCreate` at insert; `database`: PostgreSQL at insert
 * (both roll the whole file back); `silent`: imported, but changed, dropped or unusable.
 */
export type Layer = 'file' | 'decode' | 'struct' | 'model' | 'database' | 'silent';

export type Rule = {
	readonly code: string;
	readonly severity: Severity;
	readonly layer: Layer;
	/** What Hanko's importer does with such a record. */
	readonly hanko: string;
	/** How a person fixes it. */
	readonly fix: string;
	/** Where Hanko decides it (paths in teamhanko/hanko, or the library at the version its go.mod pins). */
	readonly source: string;
};

/** The Hanko source the rules were read from. */
export const hankoSource = {
	repository: 'teamhanko/hanko',
	commit: 'f742d49643b2c3c7f13c7e13a49225771e4d793f',
	date: '2026-08-14',
	release: 'backend/v3.0.4',
	libraries:
		'go-playground/validator v10.30.3, gofrs/uuid v4.4.0, gobuffalo/validate v3.3.3, gobuffalo/pop v6.3.0, Go 1.26 (encoding/json, net/mail, time, strings)',
} as const;

const format = 'backend/cmd/user/format.go';
const importer = 'backend/cmd/user/import.go';
const models = 'backend/persistence/models';
const migrations = 'backend/persistence/migrations';

const rules = [
	// The file
	{
		code: 'file.bom',
		severity: 'error',
		layer: 'file',
		hanko: "Go's JSON decoder does not skip a UTF-8 byte order mark: the import stops at the first byte (\"invalid character 'ï'\").",
		fix: 'Save the file without BOM (hanko-tui fix writes it without).',
		source: `${importer} loadAndValidate: json.NewDecoder(input).Token()`,
	},
	{
		code: 'file.ndjson',
		severity: 'error',
		layer: 'file',
		hanko: 'Hanko reads one JSON array of users; one object a line is not JSON it can read.',
		fix: 'hanko-tui fix writes the users as a JSON array.',
		source: `${importer} loadAndValidate: dec.Token() must read '['`,
	},
	{
		code: 'file.compressed',
		severity: 'error',
		layer: 'file',
		hanko: 'Hanko reads the file as plain JSON: a gzip file is not.',
		fix: 'hanko-tui fix writes it uncompressed.',
		source: `${importer} loadAndValidate: os.Open, no gzip reader`,
	},
	{
		code: 'file.console-size',
		severity: 'warning',
		layer: 'file',
		hanko: "Hanko Cloud's Console takes import files up to about 50 MB; hanko user import (self-hosted) has no such limit.",
		fix: 'For the Console, split the users into files under 50 MB (each is imported on its own).',
		source: 'teamhanko/docs guides/import_export/firebase.mdx',
	},
	{
		code: 'file.trailing-data',
		severity: 'warning',
		layer: 'file',
		hanko: "Hanko stops reading at the array's closing ']': whatever follows is ignored, users included.",
		fix: 'Remove what follows the array, or move its users into it.',
		source: `${importer} loadAndValidate: the last dec.Token() reads ']' and nothing after it`,
	},
	// Go's JSON decoder
	{
		code: 'json.syntax',
		severity: 'error',
		layer: 'decode',
		hanko: 'The decoder stops at the first syntax error (or at nesting deeper than 10,000 levels): the whole import fails there.',
		fix: 'Correct the JSON at the line and column given (trailing comma, unquoted key, missing comma between records).',
		source: `${importer} dec.Decode; Go encoding/json scanner.go`,
	},
	{
		code: 'record.not-object',
		severity: 'error',
		layer: 'decode',
		hanko: 'Each array element must be a user object: anything else is a decode error (null is an empty user, refused for having no email or username).',
		fix: 'Remove the element or wrap the data in a user object.',
		source: `${importer} dec.Decode(&userEntry)`,
	},
	{
		code: 'field.type',
		severity: 'error',
		layer: 'decode',
		hanko: 'A value of the wrong JSON type is a decode error that aborts the whole import (null counts as absent).',
		fix: 'Give the field the type the import format expects, or remove it.',
		source: `${format} struct field types; Go encoding/json UnmarshalTypeError`,
	},
	{
		code: 'field.unknown',
		severity: 'warning',
		layer: 'decode',
		hanko: 'Unknown keys are silently dropped; the published schema forbids them.',
		fix: 'Remove the field, or map its data to a field Hanko knows.',
		source: 'Go encoding/json: keys without a struct field are ignored',
	},
	{
		code: 'field.key-case',
		severity: 'warning',
		layer: 'decode',
		hanko: 'Go matches keys by Unicode case folding (USER_ID, Emails, even paſſword with U+017F), so the key is used, but the schema forbids it.',
		fix: 'Write the key as the format defines it.',
		source: 'Go encoding/json decode.go: byExactName, then foldName',
	},
	{
		code: 'field.duplicate-key',
		severity: 'warning',
		layer: 'decode',
		hanko: 'A repeated key (or one that differs only in case) is decoded again into the same field: the later value wins, an object or list is merged into the earlier one.',
		fix: 'Keep one key per field (hanko-tui fix writes the record as Hanko reads it).',
		source: 'Go encoding/json decode.go object(): later members decode into the same field',
	},
	{
		code: 'text.invalid-utf8',
		severity: 'warning',
		layer: 'decode',
		hanko: 'Bytes that are not UTF-8 are stored as U+FFFD (�) in their place: names and usernames change silently.',
		fix: 'Re-encode the file as UTF-8 from its real encoding (often Latin-1 or Windows-1252).',
		source: 'Go encoding/json decode.go unquote: invalid UTF-8 becomes utf8.RuneError',
	},
	{
		code: 'timestamp.format',
		severity: 'error',
		layer: 'decode',
		hanko: 'Timestamps are parsed from the raw bytes by time.Time.UnmarshalJSON: RFC 3339 with a zone (Go also takes a one-digit hour and a comma before the fraction), no escapes such as \\u002B. Anything else aborts the import.',
		fix: 'Write the time as RFC 3339, e.g. 2023-07-11T13:41:50Z.',
		source: 'Go time/format_rfc3339.go parseStrictRFC3339, then time.Parse(time.RFC3339)',
	},
	{
		code: 'webauthn.aaguid-array',
		severity: 'error',
		layer: 'decode',
		hanko: 'The published schema shows aaguid as 16 integers, but the decoder expects a UUID string: the whole import aborts.',
		fix: 'Write the AAGUID as a UUID string, or remove it (it is optional metadata).',
		source: `${format} AAGUID uuid.UUID; gofrs/uuid UnmarshalText`,
	},
	{
		code: 'webauthn.aaguid-invalid',
		severity: 'error',
		layer: 'decode',
		hanko: 'aaguid must be a UUID gofrs can read (36 characters in any case, 32 hex digits, in braces, or after urn:uuid:); anything else aborts the import.',
		fix: 'Write the AAGUID as a UUID, or remove it (it is optional metadata).',
		source: 'gofrs/uuid v4.4.0 codec.go UnmarshalText',
	},
	{
		code: 'webauthn.sign-count-literal',
		severity: 'error',
		layer: 'decode',
		hanko: 'sign_count is a Go int: only an integer literal within int64 decodes (12.0 and 1e3 are refused, although JavaScript reads them as integers).',
		fix: 'Write the counter as a plain integer.',
		source: `${format} SignCount int; Go encoding/json strconv.ParseInt`,
	},
	// format.go: validator tags and validate()
	{
		code: 'user-id.missing',
		severity: 'warning',
		layer: 'silent',
		hanko: 'No user_id (or ""): Hanko generates a new ID and the link to the user\'s old ID is lost.',
		fix: "Add the user's ID as a UUID, or generate one and keep a mapping.",
		source: 'backend/cmd/user/importer.go createUser: uuid.NewV4() unless UserID != ""',
	},
	{
		code: 'user-id.uppercase',
		severity: 'error',
		layer: 'struct',
		hanko: 'Before Hanko 3.0.0 the uuid check takes only lower-case hex digits (3.0.0 and later take any case and store it lower-cased).',
		fix: 'Lowercase the UUID.',
		source: `${format} UserID validate:"omitempty,uuid" (validator before v10.30.3)`,
	},
	{
		code: 'user-id.invalid',
		severity: 'error',
		layer: 'struct',
		hanko: 'user_id must be a UUID in its 36-character form (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx); braces or urn:uuid: are refused.',
		fix: 'Replace it with a UUID and keep a mapping from the old ID.',
		source: `${format} UserID validate:"omitempty,uuid"`,
	},
	{
		code: 'user.no-identifier',
		severity: 'error',
		layer: 'struct',
		hanko: 'A user needs at least one email or a username (and a username of "0" needs emails: required_if compares it with "0").',
		fix: 'Add an email address or a username, or drop the record.',
		source: `${format} Emails required_if=Username 0, Username required_if=Emails 0`,
	},
	{
		code: 'email.invalid',
		severity: 'error',
		layer: 'struct',
		hanko: 'The address fails the validator\'s email check: its regex (international letters allowed, a dot needed in the domain) and, from Hanko 2.1.1, Go\'s net/mail (no trailing dot or ".." in the domain, no empty or control characters in a quoted local part).',
		fix: 'Correct the address or remove it from the user.',
		source: `${format} Address validate:"email"; validator v10.30.3 baked_in.go isEmail`,
	},
	{
		code: 'email.no-primary',
		severity: 'error',
		layer: 'struct',
		hanko: 'Exactly one email must have is_primary: true.',
		fix: 'Mark one address primary (the first verified one is a good choice).',
		source: `${format} validate(): "Need exactly one primary email"`,
	},
	{
		code: 'email.multiple-primary',
		severity: 'error',
		layer: 'struct',
		hanko: 'Exactly one email must have is_primary: true.',
		fix: 'Keep is_primary: true on one address only.',
		source: `${format} validate(): "Need exactly one primary email"`,
	},
	{
		code: 'email.duplicate-in-user',
		severity: 'error',
		layer: 'struct',
		hanko: "Addresses must be unique within a user: exact repeats fail the validator (unique=Address), repeats that differ in case fail the database's unique index on the lower-cased address.",
		fix: 'Remove the repeated address, keeping the verified or primary one.',
		source: `${format} Emails unique=Address; ${migrations} emails (tenant_id, address) unique`,
	},
	{
		code: 'email.verified-missing',
		severity: 'warning',
		layer: 'silent',
		hanko: 'A missing is_verified is taken as false; the schema requires the key.',
		fix: 'Set is_verified explicitly.',
		source: `${format} IsVerified bool`,
	},
	{
		code: 'email.uppercase',
		severity: 'warning',
		layer: 'silent',
		hanko: "Hanko stores addresses lower-cased with Go's strings.ToLower (İ becomes i, a final Σ becomes σ).",
		fix: 'Lowercase the address (and check it does not then collide with another).',
		source: 'backend/cmd/user/importer.go createEmailAddress: strings.ToLower',
	},
	{
		code: 'username.empty',
		severity: 'error',
		layer: 'struct',
		hanko: 'A username, when present (even beside emails), must have at least one character.',
		fix: 'Remove the empty username or fill it in.',
		source: `${format} Username validate:"required_if=Emails 0,omitempty,gte=1"`,
	},
	{
		code: 'password.hash-prefix',
		severity: 'error',
		layer: 'struct',
		hanko: 'A password hash must start with $2a$ (bcrypt) or, from Hanko 2.7.0, $fbscrypt$ (Firebase scrypt).',
		fix: 'Convert the hash to a supported format, or drop the password so the user resets it.',
		source: `${format} Password validate:"required"; validate(): strings.HasPrefix`,
	},
	{
		code: 'password.bcrypt-variant',
		severity: 'error',
		layer: 'struct',
		hanko: "Only the $2a$ prefix passes the importer's check, although $2b$ and $2y$ are the same bcrypt.",
		fix: 'Rewrite the prefix to $2a$; the hash stays valid.',
		source: `${format} validate(): strings.HasPrefix(…, "$2a$")`,
	},
	{
		code: 'otp.secret-missing',
		severity: 'error',
		layer: 'struct',
		hanko: 'An otp_secret object needs a non-empty secret.',
		fix: 'Add the TOTP secret or remove otp_secret.',
		source: `${format} Secret validate:"required"`,
	},
	{
		code: 'webauthn.missing-field',
		severity: 'error',
		layer: 'struct',
		hanko: 'The importer needs id, public_key and attestation_type for each credential.',
		fix: 'Add the missing field or drop the credential (the user re-enrols).',
		source: `${format} ID, PublicKey, AttestationType validate:"required"`,
	},
	{
		code: 'webauthn.duplicate-id',
		severity: 'error',
		layer: 'struct',
		hanko: 'Credential ids must be unique within a user.',
		fix: 'Remove the repeated credential.',
		source: `${format} WebauthnCredentials validate:"omitempty,unique=ID,dive"`,
	},
	{
		code: 'webauthn.duplicate-transport',
		severity: 'error',
		layer: 'struct',
		hanko: "A credential's transports must not repeat.",
		fix: 'Remove the repeated transport.',
		source: `${format} Transports validate:"omitempty,unique"`,
	},
	{
		code: 'webauthn.user-handle-mfa',
		severity: 'error',
		layer: 'struct',
		hanko: 'user_handle must be absent (or null) when mfa_only is true; "" counts as present.',
		fix: 'Remove user_handle or set mfa_only to false.',
		source: `${format} UserHandle validate:"omitempty,excluded_if=MFAOnly true"`,
	},
	{
		code: 'webauthn.aaguid-not-v4',
		severity: 'error',
		layer: 'struct',
		hanko: "A non-nil aaguid is validated as a v4 UUID (in its canonical form, whatever form it was written in); many real authenticators' AAGUIDs are not.",
		fix: 'Remove the aaguid or set it to the nil UUID (it is optional metadata).',
		source: `${format} AAGUID validate:"omitempty,uuid4"`,
	},
	// pop's ValidateAndCreate at insert
	{
		code: 'user-id.nil',
		severity: 'error',
		layer: 'model',
		hanko: 'The nil UUID 00000000-0000-0000-0000-000000000000 passes the uuid check but not the insert (UUIDIsPresent).',
		fix: 'Give the user a real UUID (or none: Hanko then generates one).',
		source: `${models}/user.go Validate: UUIDIsPresent`,
	},
	{
		code: 'timestamp.zero',
		severity: 'error',
		layer: 'model',
		hanko: "Go's zero time (0001-01-01T00:00:00Z), and every instant 2^64 ns from it such as 1754-08-30T22:43:41.128654848Z, counts as blank: the insert of the user, passkey or OTP secret fails.",
		fix: 'Remove the timestamp (Hanko then uses the import time) or correct it.',
		source: `${models} Validate: TimeIsPresent (compares UnixNano)`,
	},
	{
		code: 'email.at-in-local-part',
		severity: 'error',
		layer: 'model',
		hanko: "The stored address must split on '@' into exactly two parts: a quoted local part holding an '@' passes the email check but fails the insert (EmailLike).",
		fix: 'Correct the address or remove it from the user.',
		source: `${models}/email.go Validate: EmailLike`,
	},
	{
		code: 'field.blank',
		severity: 'error',
		layer: 'model',
		hanko: "A username, credential id, public key, transport, user handle, OTP secret or password hash of only white space (Go's unicode.IsSpace, which includes U+0085 and U+00A0) passes the format checks but fails the insert (StringIsPresent).",
		fix: 'Fill the value in, or remove it where it is optional.',
		source: `${models} Validate: StringIsPresent (strings.TrimSpace)`,
	},
	{
		code: 'webauthn.sign-count-negative',
		severity: 'error',
		layer: 'model',
		hanko: 'A negative sign_count fails the insert (IntIsGreaterThan -1).',
		fix: 'Set the counter to 0 or more.',
		source: `${models}/webauthn_credential.go Validate: IntIsGreaterThan`,
	},
	// PostgreSQL at insert
	{
		code: 'field.too-long',
		severity: 'error',
		layer: 'database',
		hanko: 'The column is VARCHAR(255), counted in characters: a longer value fails the insert and rolls the file back.',
		fix: 'Shorten the value (or, for an optional one, remove it).',
		source: `${migrations}: fizz "string" columns are VARCHAR(255)`,
	},
	{
		code: 'field.truncated',
		severity: 'warning',
		layer: 'database',
		hanko: 'The value is longer than its VARCHAR(255) column only by trailing spaces: PostgreSQL stores it cut to 255 characters.',
		fix: 'Remove the trailing spaces.',
		source: 'PostgreSQL character varying(n): excess characters that are all spaces are truncated',
	},
	{
		code: 'field.nul',
		severity: 'error',
		layer: 'database',
		hanko: 'PostgreSQL cannot store the NUL character (\\u0000) in text: the insert fails.',
		fix: 'Remove the NUL characters.',
		source: 'PostgreSQL text types: "invalid byte sequence for encoding UTF8: 0x00"',
	},
	{
		code: 'webauthn.sign-count-too-large',
		severity: 'error',
		layer: 'database',
		hanko: "sign_count is stored in an integer column: a counter above 2,147,483,647 (legal for WebAuthn's uint32) fails the insert.",
		fix: 'Set the counter to 2147483647 or less (0 if unsure).',
		source: `${migrations} webauthn_credentials.sign_count integer`,
	},
	{
		code: 'duplicate.user-id',
		severity: 'error',
		layer: 'database',
		hanko: 'user_id is the primary key (compared as a UUID, so in any case): the insert fails and the whole file is rolled back.',
		fix: 'Merge the two users or give the later one a new ID.',
		source: `${migrations} users.id primary key`,
	},
	{
		code: 'duplicate.email',
		severity: 'error',
		layer: 'database',
		hanko: "Addresses are unique per project after Go's lower-casing: the insert fails and the whole file is rolled back.",
		fix: 'Merge the users, or remove the address from the later one.',
		source: `${migrations} emails (tenant_id, address) unique`,
	},
	{
		code: 'duplicate.username',
		severity: 'error',
		layer: 'database',
		hanko: 'Usernames are unique per project (compared exactly, case included): the insert fails and the whole file is rolled back.',
		fix: 'Rename or merge the later user.',
		source: `${migrations} usernames (tenant_id, username) unique`,
	},
	{
		code: 'duplicate.credential-id',
		severity: 'error',
		layer: 'database',
		hanko: 'A credential id is the primary key of all passkeys, across users: the second insert fails and the whole file is rolled back.',
		fix: 'Remove the credential from one of the users (that user re-enrols).',
		source: `${migrations} webauthn_credentials.id primary key`,
	},
	{
		code: 'duplicate.user-handle',
		severity: 'error',
		layer: 'database',
		hanko: 'A user handle belongs to the first user who has it; the importer reuses that row for a later user, whose credential then breaks the foreign key (user_handle_id, user_id).',
		fix: 'Keep each user handle in one user only.',
		source: 'backend/cmd/user/importer.go createWebauthnCredential: GetByHandle; migrations webauthn_credential_user_handle_fkey',
	},
	// Imported, but changed or unusable
	{
		code: 'username.login-mismatch',
		severity: 'warning',
		layer: 'silent',
		hanko: 'The username is stored as given, but sign-in lower-cases and trims what the user types and looks it up exactly: with upper-case letters or surrounding spaces it can never sign in by username.',
		fix: 'Lowercase and trim the username (and check it does not then collide with another).',
		source: 'backend/flow_api/flow/credential_usage/action_continue_with_login_identifier.go (TrimSpace, LowerCase); persistence/user_persister.go GetByUsername',
	},
	{
		code: 'username.unusual',
		severity: 'warning',
		layer: 'silent',
		hanko: 'Registration takes usernames of 3 to 32 characters matching ^\\w+$ (ASCII letters, digits, _); the importer does not check, so this one differs from what users can create (and one that looks like an email is looked up as an email).',
		fix: 'Keep it if your users know it; otherwise rename it to fit.',
		source: 'backend/flow_api/services/user.go ValidateUsername; backend/config/config_default.go Username MinLength 3, MaxLength 32',
	},
	{
		code: 'password.malformed-hash',
		severity: 'warning',
		layer: 'silent',
		hanko: 'The hash has a supported prefix, so it imports, but its body is malformed for bcrypt or $fbscrypt$: every sign-in with a password fails.',
		fix: 'Export the hash again, or drop the password so the user resets it (hanko-tui fix lists them).',
		source: 'backend/flow_api/services/password.go CompareHashAndPassword (x/crypto/bcrypt, ParseFirebaseScryptString)',
	},
	{
		code: 'timestamp.zone-dropped',
		severity: 'warning',
		layer: 'silent',
		hanko: 'last_used_at is stored without converting it to UTC: its zone is discarded (12:00+02:00 is stored as 12:00).',
		fix: 'Write last_used_at in UTC (with Z).',
		source: 'backend/cmd/user/importer.go createWebauthnCredential: LastUsedAt kept as given; column last_used_at timestamp',
	},
	{
		code: 'timestamp.future',
		severity: 'warning',
		layer: 'silent',
		hanko: 'Accepted as given, but a created_at or last_used_at in the future is probably wrong data (updated_at is not checked: Hanko replaces it).',
		fix: 'Correct the timestamp.',
		source: 'not checked by Hanko',
	},
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

/** Facts true of every file Hanko imports, said once in a report rather than on every record. */
export const importFacts = [
	'updated_at is replaced with the import time for every user, passkey, password and OTP secret (pop sets it on insert); emails, usernames and user handles get the import time as both times.',
	'created_at is kept (converted to UTC) when given, else set to the import time; times keep microseconds, finer digits are dropped.',
	'user_id and aaguid values are stored as canonical lower-case UUIDs.',
] as const;
