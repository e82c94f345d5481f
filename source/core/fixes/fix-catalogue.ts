import type {RuleCode} from '../rules/catalogue.js';

// The one list of fixes: which rules each resolves, what it does, and whether `fix` applies it
// without being asked. The screen's fix menus, the headless command and docs/fix.md read it.

export type FixId =
	| 'json.rewrite-separators'
	| 'field.merge-duplicates'
	| 'field.lowercase-key'
	| 'field.drop-unknown'
	| 'field.drop-nul'
	| 'field.drop-blank'
	| 'user-id.lowercase'
	| 'user-id.generate'
	| 'username.normalise'
	| 'email.normalise'
	| 'email.remove-repeat'
	| 'email.fill-verified'
	| 'email.mark-primary'
	| 'timestamp.normalise'
	| 'timestamp.drop-zero'
	| 'timestamp.to-utc'
	| 'password.rewrite-prefix'
	| 'password.clear'
	| 'webauthn.clear-aaguid'
	| 'webauthn.remove-repeat-transport'
	| 'webauthn.integer-sign-count'
	| 'webauthn.zero-sign-count'
	| 'duplicate.reject-later'
	| 'duplicate.drop-email';

export type Fix = {
	readonly id: FixId;
	/** The rules it resolves; the first fix listed for a rule is the one chosen by default. */
	readonly resolves: readonly RuleCode[];
	readonly description: string;
	/** Applied by `hanko-tui fix` unless `--only` says otherwise: it loses no information Hanko keeps. */
	readonly safe: boolean;
	/** The flag of `hanko-tui fix` that turns an unsafe fix on, besides `--only`. */
	readonly enabledBy?: string;
};

// Listed in the order they are applied to a record: keys first (later fixes find fields by name),
// then values, then the primary email once repeats are gone, and duplicates last
export const fixList: readonly Fix[] = [
	{
		id: 'json.rewrite-separators',
		resolves: ['json.syntax'],
		description: 'write the commas between records anew (only when the record itself is valid JSON)',
		safe: true,
	},
	{
		id: 'field.merge-duplicates',
		resolves: ['field.duplicate-key'],
		description:
			'write the record as Hanko reads it: one key a field, repeats merged as Go merges them (done whenever such a record is written)',
		safe: true,
	},
	{
		id: 'field.lowercase-key',
		resolves: ['field.key-case'],
		description: "write the key as the format names it (the field Go's case folding fills)",
		safe: true,
	},
	{id: 'field.drop-unknown', resolves: ['field.unknown'], description: 'drop the unknown field (Hanko ignores it anyway)', safe: true},
	{id: 'field.drop-nul', resolves: ['field.nul'], description: 'remove the NUL characters', safe: true},
	{
		id: 'field.drop-blank',
		resolves: ['field.blank', 'username.empty'],
		description:
			'remove a blank transport, user handle or OTP secret, or the blank or empty username of a user with an email (other blank values are rejected)',
		safe: true,
	},
	{id: 'user-id.lowercase', resolves: ['user-id.uppercase'], description: 'lowercase the UUID (mapping file)', safe: true},
	{
		id: 'user-id.generate',
		resolves: ['user-id.invalid', 'user-id.missing', 'user-id.nil'],
		description: 'generate a UUID (random, or stable from the old id) and keep a mapping',
		safe: true,
	},
	{
		id: 'username.normalise',
		resolves: ['username.login-mismatch'],
		description: "trim and lowercase the username as sign-in does (Go's rules)",
		safe: true,
	},
	{
		id: 'email.normalise',
		resolves: ['email.uppercase', 'email.invalid'],
		description:
			"trim and lowercase the address as Hanko does (Go's rules) and drop a trailing dot of its domain (resolves an invalid one only when that makes it valid)",
		safe: true,
	},
	{
		id: 'email.remove-repeat',
		resolves: ['email.duplicate-in-user'],
		description: 'remove repeated addresses, keeping the verified or primary one',
		safe: true,
	},
	{
		id: 'email.fill-verified',
		resolves: ['email.verified-missing'],
		description: 'set the missing is_verified to false (what Hanko assumes)',
		safe: true,
	},
	{
		id: 'email.mark-primary',
		resolves: ['email.no-primary', 'email.multiple-primary'],
		description: 'mark one address primary (first verified, or first)',
		safe: true,
	},
	{
		id: 'timestamp.normalise',
		resolves: ['timestamp.format'],
		description:
			'rewrite as RFC 3339 UTC (epoch seconds or ms, ISO without zone as UTC, "YYYY-MM-DD HH:MM:SS"), or write it without escapes',
		safe: true,
	},
	{
		id: 'timestamp.drop-zero',
		resolves: ['timestamp.zero'],
		description: 'remove a timestamp Hanko takes for blank (it uses the import time instead)',
		safe: true,
	},
	{id: 'timestamp.to-utc', resolves: ['timestamp.zone-dropped'], description: 'write last_used_at in UTC (the same instant)', safe: true},
	{
		id: 'password.rewrite-prefix',
		resolves: ['password.bcrypt-variant'],
		description: 'rewrite $2b$/$2y$ to $2a$ (the same bcrypt hash)',
		safe: true,
	},
	{
		id: 'password.clear',
		resolves: ['password.malformed-hash', 'password.hash-prefix'],
		description: 'remove a password hash Hanko cannot use; the user is listed in the password-resets file to reset it',
		safe: true,
	},
	{
		id: 'webauthn.clear-aaguid',
		resolves: ['webauthn.aaguid-array', 'webauthn.aaguid-invalid', 'webauthn.aaguid-not-v4'],
		description: 'remove an aaguid Hanko refuses (optional metadata; v4 ones in any form gofrs reads are kept)',
		safe: true,
	},
	{
		id: 'webauthn.remove-repeat-transport',
		resolves: ['webauthn.duplicate-transport'],
		description: 'remove repeated transports',
		safe: true,
	},
	{
		id: 'webauthn.integer-sign-count',
		resolves: ['webauthn.sign-count-literal'],
		description: 'write a whole-number sign_count as an integer (12.0 becomes 12; a fraction is rejected)',
		safe: true,
	},
	{
		id: 'webauthn.zero-sign-count',
		resolves: ['webauthn.sign-count-negative'],
		description: 'set a negative sign_count to 0 (the counter is not compared until the key counts)',
		safe: true,
	},
	{
		id: 'duplicate.reject-later',
		resolves: ['duplicate.user-id', 'duplicate.email', 'duplicate.username', 'duplicate.credential-id', 'duplicate.user-handle'],
		description: 'keep the first record, send the later one to the rejects file',
		safe: true,
	},
	{
		id: 'duplicate.drop-email',
		resolves: ['duplicate.email'],
		description: 'drop the address from the later user when it stays valid (else reject it)',
		safe: false,
		enabledBy: '--duplicates drop-email',
	},
];

const byId = new Map(fixList.map(fix => [fix.id, fix]));

export function fixFor(id: FixId): Fix {
	return byId.get(id)!;
}

/** The fixes that resolve `code`, the default first. */
export function fixesFor(code: RuleCode): readonly Fix[] {
	return fixList.filter(fix => fix.resolves.includes(code));
}

const timestampNames = new Set(['created_at', 'updated_at', 'last_used_at']);

/**
 * The rule whose fixes apply to a problem: a `user_id` of the wrong type (a number) is an invalid id,
 * an aaguid of the wrong type an unreadable one, and a time of the wrong type (epoch seconds as a
 * number) is a time in the wrong format.
 */
export function effectiveCode(problem: {code: RuleCode; pointer: string}): RuleCode {
	if (problem.code !== 'field.type') return problem.code;
	if (problem.pointer === '/user_id') return 'user-id.invalid';
	if (problem.pointer.endsWith('/aaguid')) return 'webauthn.aaguid-invalid';
	return timestampNames.has(problem.pointer.slice(problem.pointer.lastIndexOf('/') + 1)) ? 'timestamp.format' : problem.code;
}

/** Where `fixId` sits in the order fixes are applied to a record. */
export function fixRank(id: FixId): number {
	return fixList.findIndex(fix => fix.id === id);
}
