import {wasGiven} from '../go/json-decode.js';
import {isValidatorEmail} from '../go/hanko-email.js';
import {goToLower} from '../go/go-text.js';
import {isUuidShape, isV4Canonical, nilUuid} from '../go/uuid-text.js';
import type {ImportCredential, ImportEntry} from './import-format.js';
import {emailType} from './import-format.js';
import type {Findings, RuleContext} from './record-check.js';

// Layer 2: format.go's validator tags and its validate() (validator v10.30.3 for Hanko 3.0; the
// differences of earlier versions come from HankoRules).

export function checkStruct(entry: ImportEntry, findings: Findings, context: RuleContext): void {
	userId(entry.user_id, findings, context);
	identifiers(entry, findings);
	if (entry.emails) emails(entry.emails, findings, context);
	if (entry.password && !findings.isMistyped('/password/password')) password(entry.password.password, findings, context);
	if (entry.otp_secret && entry.otp_secret.secret === '' && !findings.isMistyped('/otp_secret/secret')) {
		findings.add('/otp_secret/secret', 'otp.secret-missing', 'otp_secret has no secret: add it or remove otp_secret');
	}

	if (entry.webauthn_credentials) credentials(entry.webauthn_credentials, findings);
}

function userId(id: string, findings: Findings, context: RuleContext): void {
	if (id === '') {
		// omitempty: no check, and the importer generates an id
		if (!findings.isMistyped('/user_id'))
			findings.add('', 'user-id.missing', 'no user_id: Hanko will generate one and the link to the old ID is lost');
		return;
	}

	if (isUuidShape(id, false)) {
		findings.keys.userId = id;
	} else if (context.rules.uuidAnyCase && isUuidShape(id, true)) {
		findings.keys.userId = id.toLowerCase();
	} else if (isUuidShape(id, true)) {
		findings.add(
			'/user_id',
			'user-id.uppercase',
			`user_id has upper-case letters, which Hanko ${context.rules.label} refuses (3.0 and later take them): lowercase it`,
		);
		findings.keys.userId = id.toLowerCase();
	} else {
		findings.add(
			'/user_id',
			'user-id.invalid',
			'user_id is not a UUID in its 36-character form: replace it and keep a mapping from the old ID',
		);
		findings.keys.userId = id;
	}
}

function identifiers(entry: ImportEntry, findings: Findings): void {
	const {emails, username} = entry;
	// One mistake, one problem: a field of the wrong type is reported as such, not also as missing
	if (findings.isMistyped('/emails') || findings.isMistyped('/username')) return;
	if ((emails === null || emails.length === 0) && username === null) {
		findings.add('', 'user.no-identifier', 'user has neither an email nor a username: add one or drop the record');
	} else if (emails === null && username === '0') {
		findings.add(
			'',
			'user.no-identifier',
			'username "0" without emails: Hanko\'s check (required_if=Username 0) then requires emails; add an email or rename the user',
		);
	}

	if (username === '') findings.add('/username', 'username.empty', 'username is empty: remove it or fill it in');
}

function emails(list: NonNullable<ImportEntry['emails']>, findings: Findings, context: RuleContext): void {
	let primaries = 0;
	let primaryMistyped = false; // Then "no primary" would only repeat the type error
	const exact: string[] = []; // Users have a handful of addresses: arrays beat Sets
	const lowered: string[] = [];
	// Pointers are built only for a problem: most emails have none
	for (let index = 0; index < list.length; index++) {
		if (findings.isMistyped('/emails', index)) {
			primaryMistyped = true;
			continue;
		}

		const email = list[index]!;
		if (findings.isMistyped('/emails', index, 'is_primary')) primaryMistyped = true;
		if (email.is_primary) {
			primaries++;
			if (primaries === 2)
				findings.add(
					`/emails/${index}/is_primary`,
					'email.multiple-primary',
					'more than one primary email: keep is_primary true on one address',
				);
		}

		if (!email.is_verified && !wasGiven(email, emailType, 'is_verified') && !findings.isMistyped('/emails', index, 'is_verified')) {
			findings.add(`/emails/${index}`, 'email.verified-missing', 'is_verified is missing and will be taken as false: set it');
		}

		const {address} = email;
		if (findings.isMistyped('/emails', index, 'address')) continue;
		const valid = address !== '' && isValidatorEmail(address, context.rules);
		const lower = goToLower(address);
		findings.emails[index] = {lower, valid};
		if (address === '') {
			findings.add(`/emails/${index}/address`, 'email.invalid', 'email address is missing: add it or remove this email');
		} else if (!valid) {
			findings.add(
				`/emails/${index}/address`,
				'email.invalid',
				'not a valid email address for Hanko: correct it or remove this email',
			);
		}

		if (exact.includes(address)) {
			findings.add(
				`/emails/${index}/address`,
				'email.duplicate-in-user',
				'the same address appears earlier in this user: remove the repeat',
			);
		} else if (lowered.includes(lower)) {
			findings.add(
				`/emails/${index}/address`,
				'email.duplicate-in-user',
				'the address appears earlier in this user in another case; Hanko stores both lower-cased, which the database refuses: remove the repeat',
			);
		} else {
			findings.keys.emails.push({address: lower, index});
		}

		exact.push(address);
		lowered.push(lower);
	}

	if (list.length > 0 && primaries === 0 && !primaryMistyped) {
		findings.add('/emails', 'email.no-primary', 'no primary email: mark exactly one address is_primary true');
	}
}

function password(hash: string, findings: Findings, context: RuleContext): void {
	const pointer = '/password/password';
	if (hash === '') {
		findings.add(pointer, 'password.hash-prefix', 'password hash is missing: add it or remove the password object');
	} else if (hash.startsWith('$2a$')) {
		// Accepted by every version
	} else if (hash.startsWith('$fbscrypt$')) {
		if (!context.rules.fbscrypt)
			findings.add(
				pointer,
				'password.hash-prefix',
				`$fbscrypt$ hashes are accepted from Hanko 2.7.0, not by ${context.rules.label}: upgrade, or drop the password so the user resets it`,
			);
	} else if (hash.startsWith('$2b$') || hash.startsWith('$2y$')) {
		findings.add(pointer, 'password.bcrypt-variant', `bcrypt hash with prefix ${hash.slice(0, 4)}: rewrite the prefix to $2a$`);
	} else {
		findings.add(
			pointer,
			'password.hash-prefix',
			context.rules.fbscrypt
				? 'password hash must start with $2a$ (bcrypt) or $fbscrypt$ (Firebase scrypt)'
				: `password hash must start with $2a$ (bcrypt) for Hanko ${context.rules.label}`,
		);
	}
}

function credentials(list: ImportCredential[], findings: Findings): void {
	const ids: string[] = [];
	for (let index = 0; index < list.length; index++) {
		const pointer = `/webauthn_credentials/${index}`;
		if (findings.isMistyped(pointer)) continue;
		const credential = list[index]!;
		for (const required of ['id', 'public_key', 'attestation_type'] as const) {
			if (credential[required] === '' && !findings.isMistyped(pointer, required)) {
				findings.add(
					`${pointer}/${required}`,
					'webauthn.missing-field',
					`credential has no ${required}: add it or drop the credential`,
				);
			}
		}

		// unique=ID compares the ids exactly, the empty one included
		if (ids.includes(credential.id) && !findings.isMistyped(pointer, 'id')) {
			findings.add(
				`${pointer}/id`,
				'webauthn.duplicate-id',
				'the same credential id appears earlier in this user: remove the repeat',
			);
		}

		ids.push(credential.id);
		if (credential.mfa_only && credential.user_handle !== null) {
			findings.add(
				`${pointer}/user_handle`,
				'webauthn.user-handle-mfa',
				'user_handle must be absent when mfa_only is true: remove it',
			);
		}

		if (credential.aaguid !== nilUuid && !isV4Canonical(credential.aaguid)) {
			findings.add(
				`${pointer}/aaguid`,
				'webauthn.aaguid-not-v4',
				'aaguid is not a v4 UUID, which Hanko refuses: remove it or use the nil UUID',
			);
		}

		const {transports} = credential;
		if (transports) {
			for (let t = 1; t < transports.length; t++) {
				if (transports.indexOf(transports[t]!) < t && !findings.isMistyped(pointer, 'transports', t)) {
					findings.add(
						`${pointer}/transports/${t}`,
						'webauthn.duplicate-transport',
						`transport "${transports[t]}" is repeated: remove the repeat`,
					);
				}
			}
		}
	}
}
