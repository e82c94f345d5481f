// What a converter makes of one user of another provider: the user in Hanko's import format, or a
// reason to reject it; and what the move loses, for the loss report.

export type PasswordOutcome =
	| {kind: 'none'}
	| {kind: 'kept'}
	| {kind: 'converted'}
	| {kind: 'reset'; reason: string};

export type ConvertedUser = {
	/** The source's own id, for the mapping file. */
	sourceId: string;
	/** The user in the import format; `user_id` is filled in by the caller (stable UUID or kept). */
	record: Record<string, unknown> | undefined;
	reject: string | undefined;
	/** Fields Hanko cannot hold that this user carries ("phone numbers", "names", ...). */
	losses: string[];
	password: PasswordOutcome;
};

export type ConvertOptions = {
	includeDisabled: boolean;
	/** Password hashes from a separate export, by lowercased email. */
	passwords?: ReadonlyMap<string, string>;
};

/** A bcrypt hash as Hanko takes it: `$2a$` kept, `$2b$`/`$2y$` rewritten (the same algorithm). */
export function bcryptOutcome(hash: unknown): {hash?: string; outcome: PasswordOutcome} {
	if (typeof hash !== 'string' || hash === '') return {outcome: {kind: 'none'}};
	if (hash.startsWith('$2a$')) return {hash, outcome: {kind: 'kept'}};
	if (hash.startsWith('$2b$') || hash.startsWith('$2y$')) return {hash: `$2a$${hash.slice(4)}`, outcome: {kind: 'converted'}};
	return {outcome: {kind: 'reset', reason: 'a hash Hanko cannot verify'}};
}

export const isPresent = (value: unknown) => value !== undefined && value !== null && value !== '' && !(typeof value === 'object' && Object.keys(value).length === 0);
