import {goToLower, runeCount} from '../go/go-text.js';
import type {ImportEntry} from './import-format.js';
import {maxSignCount, varcharLimit} from './import-format.js';
import type {Findings} from './record-check.js';

// Layer 4: what PostgreSQL refuses at insert (columns built by backend/persistence/migrations), and
// the values that must be unique across users, collected for the checks across the file.

/** Length and NUL checks of one stored string. `limit` undefined: a TEXT column. */
function stored(findings: Findings, pointer: string, what: string, value: string, limit: number | undefined): void {
	if (value.includes('\0')) {
		findings.add(pointer, 'field.nul', `${what} holds a NUL character (\\u0000), which PostgreSQL cannot store: remove it`);
	}

	// Most values are short: count characters only when the UTF-16 length could be over the limit
	if (limit === undefined || value.length <= limit) return;
	const characters = runeCount(value);
	if (characters <= limit) return;
	// VARCHAR(n) cuts off excess characters that are all spaces instead of refusing them
	if (/^ *$/.test(sliceCharacters(value, limit))) {
		findings.add(pointer, 'field.truncated', `${what} has ${characters} characters, the excess only spaces: PostgreSQL stores its first ${limit}`);
	} else {
		findings.add(pointer, 'field.too-long', `${what} has ${characters} characters; the column holds ${limit}: shorten it`);
	}
}

/** The characters of `value` from the `from`-th one on (counted as PostgreSQL does, by code point). */
function sliceCharacters(value: string, from: number): string {
	let at = 0;
	for (let n = 0; n < from && at < value.length; n++) {
		const c = value.charCodeAt(at);
		at += c >= 0xD8_00 && c <= 0xDB_FF && at + 1 < value.length ? 2 : 1;
	}

	return value.slice(at);
}

export function checkDatabase(entry: ImportEntry, findings: Findings): void {
	for (const [index, email] of (entry.emails ?? []).entries()) {
		// Stored lower-cased; an empty address never gets here (layer 2 refuses it)
		if (email.address !== '') stored(findings, `/emails/${index}/address`, 'the address', goToLower(email.address), varcharLimit);
	}

	if (entry.username !== null) {
		stored(findings, '/username', 'the username', entry.username, varcharLimit);
		if (entry.username !== '') findings.keys.username = entry.username;
	}

	const credentials = entry.webauthn_credentials ?? [];
	for (const [index, credential] of credentials.entries()) {
		const pointer = `/webauthn_credentials/${index}`;
		stored(findings, `${pointer}/id`, 'the credential id', credential.id, varcharLimit);
		if (credential.name !== null) stored(findings, `${pointer}/name`, 'the credential name', credential.name, varcharLimit);
		stored(findings, `${pointer}/public_key`, 'the public key', credential.public_key, undefined);
		stored(findings, `${pointer}/attestation_type`, 'the attestation type', credential.attestation_type, varcharLimit);
		for (const [t, transport] of (credential.transports ?? []).entries()) stored(findings, `${pointer}/transports/${t}`, 'the transport', transport, varcharLimit);
		if (credential.user_handle !== null) stored(findings, `${pointer}/user_handle`, 'the user handle', credential.user_handle, varcharLimit);
		if (credential.sign_count > maxSignCount) {
			findings.add(`${pointer}/sign_count`, 'webauthn.sign-count-too-large', `sign_count ${credential.sign_count} is above 2,147,483,647, the most Hanko's integer column holds: lower it`);
		}

		if (credential.id !== '' && !findings.keys.credentialIds.some(key => key.id === credential.id)) findings.keys.credentialIds.push({id: credential.id, index});
		const handle = credential.user_handle;
		if (handle !== null && handle !== '' && !findings.keys.userHandles.some(key => key.handle === handle)) findings.keys.userHandles.push({handle, index});
	}

	if (entry.password) stored(findings, '/password/password', 'the password hash', entry.password.password, varcharLimit);
	if (entry.otp_secret) stored(findings, '/otp_secret/secret', 'the OTP secret', entry.otp_secret.secret, varcharLimit);
}
