import {isEmailLike} from '../go/hanko-email.js';
import {isPresent} from '../go/go-text.js';
import {type GoTime, isBlankTime} from '../go/go-time.js';
import {nilUuid} from '../go/uuid-text.js';
import type {ImportEntry} from './import-format.js';
import type {Findings} from './record-check.js';

// Layer 3: the models' Validate() that pop's ValidateAndCreate runs before each insert
// (backend/persistence/models). Only what layer 2 let through can get here, so values layer 2
// already refuses are not reported again.

function blank(findings: Findings, pointer: string, what: string): void {
	findings.add(pointer, 'field.blank', `${what} is only white space, which Hanko's insert refuses: fill it in or remove it`);
}

function zeroTimes(findings: Findings, pointer: string, times: {created_at: GoTime | null; updated_at: GoTime | null}): void {
	for (const name of ['created_at', 'updated_at'] as const) {
		const time = times[name];
		if (time && isBlankTime(time)) {
			findings.add(
				`${pointer}/${name}`,
				'timestamp.zero',
				`${name} is Go's zero time (or the same instant modulo 2^64 ns), which Hanko's insert takes for blank: remove it or correct it`,
			);
		}
	}
}

export function checkModels(entry: ImportEntry, findings: Findings): void {
	if (entry.user_id.toLowerCase() === nilUuid) {
		findings.add('/user_id', 'user-id.nil', "user_id is the nil UUID, which Hanko's insert refuses: give the user a real UUID or none");
	}

	zeroTimes(findings, '', entry);
	for (let index = 0; index < findings.emails.length; index++) {
		const verdict = findings.emails[index];
		// Only an address the email check passed reaches the insert. Such an address has one '@' and a dot
		// after it unless its local part is quoted (a dot-atom holds no '@'), so only a quoted one can fail
		if (verdict?.valid && verdict.lower.startsWith('"') && !isEmailLike(verdict.lower)) {
			findings.add(
				`/emails/${index}/address`,
				'email.at-in-local-part',
				"the address holds a second '@' (inside quotes): Hanko's insert check splits addresses at '@' and refuses it",
			);
		}
	}

	if (entry.username !== null && entry.username !== '' && !isPresent(entry.username)) blank(findings, '/username', 'username');
	const credentials = entry.webauthn_credentials ?? [];
	for (let index = 0; index < credentials.length; index++) {
		const credential = credentials[index]!;
		const pointer = `/webauthn_credentials/${index}`;
		if (credential.id !== '' && !isPresent(credential.id)) blank(findings, `${pointer}/id`, 'the credential id');
		if (credential.public_key !== '' && !isPresent(credential.public_key)) blank(findings, `${pointer}/public_key`, 'the public key');
		if (credential.sign_count < 0) {
			findings.add(
				`${pointer}/sign_count`,
				'webauthn.sign-count-negative',
				"sign_count is negative, which Hanko's insert refuses: set it to 0 or more",
			);
		}

		zeroTimes(findings, pointer, credential);
		const transports = credential.transports ?? [];
		for (let t = 0; t < transports.length; t++) {
			const transport = transports[t]!;
			if (!isPresent(transport) && !findings.isMistyped(pointer, 'transports', t))
				blank(findings, `${pointer}/transports/${t}`, transport === '' ? 'the transport (empty)' : 'the transport');
		}

		// An mfa_only credential's handle is refused by layer 2 already
		if (credential.user_handle !== null && !credential.mfa_only && !isPresent(credential.user_handle)) {
			blank(findings, `${pointer}/user_handle`, credential.user_handle === '' ? 'user_handle (empty)' : 'user_handle');
		}
	}

	const otp = entry.otp_secret;
	if (otp) {
		if (otp.secret !== '' && !isPresent(otp.secret)) blank(findings, '/otp_secret/secret', 'the OTP secret');
		zeroTimes(findings, '/otp_secret', otp);
	}
}
