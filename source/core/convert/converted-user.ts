import {malformedHashReason} from '../rules/password-hash.js';
// What a converter makes of one user of another provider: the user in Hanko's import format, or a
// reason to reject it; and what the move loses, for the loss report.

import type {FirebaseHashConfig} from './providers/firebase-hash-config.js';
import type {SharedPasswords} from './providers/password-export.js';

export type PasswordOutcome = {kind: 'none'} | {kind: 'kept'} | {kind: 'converted'} | {kind: 'reset'; reason: string};

/** The hash is in a separate export (Auth0's): looked up under the first of these keys that it holds. */
export type PasswordLookup = {kind: 'lookup'; keys: readonly string[]};

export type ConvertedUser = {
	/** The source's own id, for the mapping file. */
	sourceId: string;
	/** The user in the import format; `user_id` is filled in by the caller (stable UUID or kept). */
	record: Record<string, unknown> | undefined;
	reject: string | undefined;
	/** Fields Hanko cannot hold that this user carries ("phone numbers", "names", ...). */
	losses: string[];
	password: PasswordOutcome | PasswordLookup;
	/** What the Admin API can set after the import (names, picture, metadata), as the source holds it; only with `profile`. */
	profile?: ProfileSource;
};

/**
 * A user's names, picture and metadata as the source gives them, before Hanko's limits are applied
 * (profile/check-profile.ts). Plain data: it crosses worker threads.
 */
export type ProfileSource = {
	name?: unknown;
	given_name?: unknown;
	family_name?: unknown;
	picture?: unknown;
	public_metadata?: unknown;
	private_metadata?: unknown;
	unsafe_metadata?: unknown;
};

/** What the converters are told: plain data, so that worker threads get it as it is. */
export type ConvertOptions = {
	includeDisabled: boolean;
	/** Firebase's scrypt parameters, to turn its hashes into `$fbscrypt$`. */
	hashConfig?: FirebaseHashConfig;
	/** Auth0's separate password export, shared between the threads (PasswordExport.share). */
	passwords?: SharedPasswords;
	/** Gather what the Admin API can set after the import (`--profile`). */
	profile?: boolean;
};

/** The loss report's lines: data a user carries that Hanko's import format has no place for. */
export const loss = {
	phones: 'phone numbers',
	names: 'names',
	pictures: 'pictures',
	metadata: 'metadata',
	social: 'social identities',
	mfa: 'MFA factors other than TOTP',
	totpNotExported: 'TOTP factors (the export holds no secret)',
	mfaNotExported: 'MFA factors (Cognito exports none)',
} as const;

export const rejectReason = {
	phoneOnly: 'only a phone number: Hanko needs an email or a username',
	nothing: 'neither an email nor a username',
	disabled: (what: string) => `${what} (--include-disabled keeps such users)`,
};

/** A flag as JSON has it or as a CSV cell spells it. */
export const isTrue = (value: unknown) => value === true || (typeof value === 'string' && /^(?:true|t|1|yes)$/i.test(value.trim()));

/** A non-empty trimmed string, or undefined. */
export const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * A password hash as Hanko takes it: `$2a$` kept, `$2b$`/`$2y$` rewritten (the same algorithm), and
 * `$fbscrypt$` kept wherever it comes from (Hanko verifies it since 2.7.0; Supabase keeps the hashes of
 * users it imported from Firebase so), unless it is one no password could match. `kept` names what
 * became of a `$fbscrypt$` made here from another form (`converted`). (A malformed bcrypt
 * hash is written as it is: the check of the output names it, rule password.malformed.)
 */
export function hashOutcome(hash: unknown, kept: 'kept' | 'converted' = 'kept'): {hash?: string; outcome: PasswordOutcome} {
	if (typeof hash !== 'string' || hash === '') return {outcome: {kind: 'none'}};
	if (hash.startsWith('$2a$') || hash.startsWith('$2b$') || hash.startsWith('$2y$')) {
		// A hash no password can match (cut short, a cost beyond 31) is no password kept: the user must reset
		const bcrypt = `$2a$${hash.slice(4)}`;
		if (malformedHashReason(bcrypt)) return {outcome: {kind: 'reset', reason: 'a malformed bcrypt hash'}};
		return {hash: bcrypt, outcome: {kind: hash.startsWith('$2a$') ? 'kept' : 'converted'}};
	}

	if (hash.startsWith('$fbscrypt$')) {
		const malformed = malformedHashReason(hash);
		return malformed ? {outcome: {kind: 'reset', reason: 'a malformed $fbscrypt$ hash'}} : {hash, outcome: {kind: kept}};
	}

	return {outcome: {kind: 'reset', reason: 'a hash Hanko cannot verify'}};
}

/**
 * Hashes of a separate password export, by `id:<source id>` or `email:<lowercased address>`; a key
 * found but not to be used says why.
 */
export type PasswordLookups = {get(key: string): string | {refused: string} | undefined};

/**
 * A looked-up password, from the separate export (`passwords`: hashes by `id:<source id>` and
 * `email:<lowercased address>`), as Hanko takes it.
 */
export function resolvePassword(
	password: PasswordOutcome | PasswordLookup,
	passwords: PasswordLookups | undefined,
): {hash?: string; outcome: PasswordOutcome} {
	if (password.kind !== 'lookup') return {outcome: password};
	if (!passwords) return {outcome: {kind: 'reset', reason: 'no password export given (--passwords)'}};
	let refused: string | undefined;
	for (const key of password.keys) {
		const found = passwords.get(key);
		if (typeof found === 'string') return hashOutcome(found);
		refused ??= found?.refused;
	}

	return {outcome: {kind: 'reset', reason: refused ?? 'not in the password export'}};
}

/** A value as JSON holds it, or as a CSV cell or a JSON string holds its JSON text (kept as text when it is none). */
export function parsedJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}

export const isPresent = (value: unknown) =>
	value !== undefined && value !== null && value !== '' && !(typeof value === 'object' && Object.keys(value).length === 0);
