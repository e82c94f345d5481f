import {runeCount} from '../go/go-text.js';
import type {ImportCredential, ImportEntry} from './import-format.js';
import {maxSignCount, varcharLimit} from './import-format.js';
import {type Findings, pointerBelow} from './record-check.js';

// Layer 4: what PostgreSQL refuses at insert (columns built by backend/persistence/migrations), and
// the values that must be unique across users, collected for the checks across the file.

/**
 * Length and NUL checks of one stored string, at `base` (then `name`, then `sub` below it: the pointer
 * is built only for a problem). `limit` undefined: a TEXT column.
 */
function stored(
	findings: Findings,
	what: string,
	value: string,
	limit: number | undefined,
	base: string,
	name?: string | number,
	sub?: string | number,
): void {
	if (value.includes('\0')) {
		findings.add(
			pointerBelow(base, name, sub),
			'field.nul',
			`${what} holds a NUL character (\\u0000), which PostgreSQL cannot store: remove it`,
		);
	}

	// Most values are short: count characters only when the UTF-16 length could be over the limit
	if (limit === undefined || value.length <= limit) return;
	const characters = runeCount(value);
	if (characters <= limit) return;
	// VARCHAR(n) cuts off excess characters that are all spaces instead of refusing them
	if (/^ *$/.test(sliceCharacters(value, limit))) {
		findings.add(
			pointerBelow(base, name, sub),
			'field.truncated',
			`${what} has ${characters} characters, the excess only spaces: PostgreSQL stores its first ${limit}`,
		);
	} else {
		findings.add(
			pointerBelow(base, name, sub),
			'field.too-long',
			`${what} has ${characters} characters; the column holds ${limit}: shorten it`,
		);
	}
}

/** The characters of `value` from the `from`-th one on (counted as PostgreSQL does, by code point). */
function sliceCharacters(value: string, from: number): string {
	let at = 0;
	for (let n = 0; n < from && at < value.length; n++) {
		const c = value.charCodeAt(at);
		at += c >= 0xd8_00 && c <= 0xdb_ff && at + 1 < value.length ? 2 : 1;
	}

	return value.slice(at);
}

/** What a VARCHAR(255) column holds of `value`: cut to 255 characters when the rest is only spaces. */
export function storedVarchar(value: string): string {
	if (value.length <= varcharLimit || runeCount(value) <= varcharLimit) return value;
	const rest = sliceCharacters(value, varcharLimit);
	return /^ *$/.test(rest) ? value.slice(0, value.length - rest.length) : value;
}

export function checkDatabase(entry: ImportEntry, findings: Findings): void {
	for (let index = 0; index < findings.emails.length; index++) {
		const verdict = findings.emails[index];
		// Stored lower-cased; an empty address never gets here (layer 2 refuses it)
		if (verdict && verdict.lower !== '') stored(findings, 'the address', verdict.lower, varcharLimit, '/emails', index, 'address');
	}

	if (entry.username !== null) {
		stored(findings, 'the username', entry.username, varcharLimit, '/username');
		if (entry.username !== '') findings.keys.username = storedVarchar(entry.username);
	}

	const credentials = entry.webauthn_credentials ?? [];
	for (let index = 0; index < credentials.length; index++) {
		const credential = credentials[index]!;
		const pointer = `/webauthn_credentials/${index}`;
		stored(findings, 'the credential id', credential.id, varcharLimit, pointer, 'id');
		if (credential.name !== null) stored(findings, 'the credential name', credential.name, varcharLimit, pointer, 'name');
		stored(findings, 'the public key', credential.public_key, undefined, pointer, 'public_key');
		stored(findings, 'the attestation type', credential.attestation_type, varcharLimit, pointer, 'attestation_type');
		transports(findings, pointer, credential.transports ?? []);
		if (credential.user_handle !== null)
			stored(findings, 'the user handle', credential.user_handle, varcharLimit, pointer, 'user_handle');
		if (credential.sign_count > maxSignCount) {
			findings.add(
				`${pointer}/sign_count`,
				'webauthn.sign-count-too-large',
				`sign_count ${credential.sign_count} is above 2,147,483,647, the most Hanko's integer column holds: lower it`,
			);
		}

		uniqueInUser(findings, credentials, index);
	}

	if (entry.password) stored(findings, 'the password hash', entry.password.password, varcharLimit, '/password/password');
	if (entry.otp_secret) stored(findings, 'the OTP secret', entry.otp_secret.secret, varcharLimit, '/otp_secret/secret');
}

/** Transports are unique per credential as stored: two that differ only in spaces cut off collide. */
function transports(findings: Findings, pointer: string, names: readonly string[]): void {
	const long = names.some(name => name.length > varcharLimit);
	for (let t = 0; t < names.length; t++) {
		const name = names[t]!;
		stored(findings, 'the transport', name, varcharLimit, pointer, 'transports', t);
		if (!long) continue;
		// Exact repeats are the validator's (layer 2); these only meet once stored
		const cut = storedVarchar(name);
		if (names.slice(0, t).some(earlier => earlier !== name && storedVarchar(earlier) === cut)) {
			findings.add(
				`${pointer}/transports/${t}`,
				'webauthn.duplicate-transport',
				'once PostgreSQL cuts its trailing spaces, this transport repeats an earlier one: remove it',
			);
		}
	}
}

/**
 * Credential ids and user handles of one user, as the database stores them: keys for the checks across
 * users, and the collisions within the user that only the insert finds.
 */
function uniqueInUser(findings: Findings, credentials: readonly ImportCredential[], index: number): void {
	const pointer = `/webauthn_credentials/${index}`;
	const {keys} = findings;
	const credential = credentials[index]!;
	if (credential.id !== '') {
		const id = storedVarchar(credential.id);
		const earlier = keys.credentialIds.find(key => key.id === id);
		if (!earlier) keys.credentialIds.push({id, index});
		// The validator's unique=ID catches exact repeats; ids that differ only in spaces cut off meet here
		else if (credentials[earlier.index]!.id !== credential.id)
			findings.add(
				`${pointer}/id`,
				'webauthn.duplicate-id',
				'once PostgreSQL cuts its trailing spaces, this credential id repeats an earlier one of this user: remove the repeat',
			);
	}

	const handle = credential.user_handle;
	if (handle === null || handle === '') return;
	const cut = storedVarchar(handle);
	const earlier = keys.userHandles.find(key => key.handle === cut);
	if (!earlier) {
		keys.userHandles.push({handle: cut, index});
	} else if (cut !== handle) {
		// The importer looks the handle up as given, misses the row stored cut, and inserts it again
		findings.add(
			`${pointer}/user_handle`,
			'duplicate.user-handle',
			'this user_handle is stored cut to 255 characters, so the importer does not find the row it already made for this user and inserts another: shorten it',
		);
	}
}
