import type {RuleCode} from '../rules/catalogue.js';

// The one list of fixes: which rules each resolves, what it does, and whether `fix` applies it
// without being asked. The screen's fix menus, the headless command and README read it.

export type FixId =
	| 'json.rewrite-separators'
	| 'field.lowercase-key'
	| 'field.drop-unknown'
	| 'user-id.lowercase'
	| 'user-id.generate'
	| 'email.normalise'
	| 'email.remove-repeat'
	| 'email.fill-verified'
	| 'email.mark-primary'
	| 'timestamp.normalise'
	| 'timestamp.swap'
	| 'timestamp.updated-to-created'
	| 'password.rewrite-prefix'
	| 'webauthn.clear-aaguid'
	| 'webauthn.remove-repeat-transport'
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
	{id: 'json.rewrite-separators', resolves: ['json.syntax'], description: 'write the commas between records anew (only when the record itself is valid JSON)', safe: true},
	{id: 'field.lowercase-key', resolves: ['field.key-case'], description: 'write the key in lower case', safe: true},
	{id: 'field.drop-unknown', resolves: ['field.unknown'], description: 'drop the unknown field (Hanko ignores it anyway)', safe: true},
	{id: 'user-id.lowercase', resolves: ['user-id.uppercase'], description: 'lowercase the UUID (mapping file)', safe: true},
	{id: 'user-id.generate', resolves: ['user-id.invalid', 'user-id.missing'], description: 'generate a UUID (random, or stable from the old id) and keep a mapping', safe: true},
	{id: 'email.normalise', resolves: ['email.uppercase', 'email.invalid'], description: 'trim and lowercase the address (resolves an invalid one only when that makes it valid)', safe: true},
	{id: 'email.remove-repeat', resolves: ['email.duplicate-in-user'], description: 'remove repeated addresses, keeping the verified or primary one', safe: true},
	{id: 'email.fill-verified', resolves: ['email.verified-missing'], description: 'set the missing is_verified to false (what Hanko assumes)', safe: true},
	{id: 'email.mark-primary', resolves: ['email.no-primary', 'email.multiple-primary'], description: 'mark one address primary (first verified, or first)', safe: true},
	{id: 'timestamp.normalise', resolves: ['timestamp.format'], description: 'rewrite as RFC 3339 UTC (epoch seconds or ms, ISO without zone as UTC, "YYYY-MM-DD HH:MM:SS")', safe: true},
	{id: 'timestamp.swap', resolves: ['timestamp.order'], description: 'swap created_at and updated_at', safe: false},
	{id: 'timestamp.updated-to-created', resolves: ['timestamp.order'], description: 'set updated_at to created_at', safe: false},
	{id: 'password.rewrite-prefix', resolves: ['password.bcrypt-variant'], description: 'rewrite $2b$/$2y$ to $2a$ (the same bcrypt hash)', safe: true},
	{id: 'webauthn.clear-aaguid', resolves: ['webauthn.aaguid-array', 'webauthn.aaguid-not-v4'], description: 'remove the aaguid (optional metadata)', safe: true},
	{id: 'webauthn.remove-repeat-transport', resolves: ['webauthn.duplicate-transport'], description: 'remove repeated transports', safe: true},
	{id: 'duplicate.reject-later', resolves: ['duplicate.user-id', 'duplicate.email', 'duplicate.username'], description: 'keep the first record, send the later one to the rejects file', safe: true},
	{id: 'duplicate.drop-email', resolves: ['duplicate.email'], description: 'drop the address from the later user when it stays valid (else reject it)', safe: false, enabledBy: '--duplicates drop-email'},
];

const byId = new Map(fixList.map(fix => [fix.id, fix]));

export function fixFor(id: FixId): Fix {
	return byId.get(id)!;
}

export function isFixId(value: string): value is FixId {
	return byId.has(value as FixId);
}

/** The fixes that resolve `code`, the default first. */
export function fixesFor(code: RuleCode): readonly Fix[] {
	return fixList.filter(fix => fix.resolves.includes(code));
}

const timestampNames = new Set(['created_at', 'updated_at', 'last_used_at']);

/**
 * The rule whose fixes apply to a problem: a `user_id` of the wrong type (a number) is an invalid id,
 * and a time of the wrong type (epoch seconds as a number) is a time in the wrong format.
 */
export function effectiveCode(problem: {code: RuleCode; pointer: string}): RuleCode {
	if (problem.code !== 'field.type') return problem.code;
	if (problem.pointer === '/user_id') return 'user-id.invalid';
	return timestampNames.has(problem.pointer.slice(problem.pointer.lastIndexOf('/') + 1)) ? 'timestamp.format' : problem.code;
}

/** Where `fixId` sits in the order fixes are applied to a record. */
export function fixRank(id: FixId): number {
	return fixList.findIndex(fix => fix.id === id);
}
