import {goToLower, goTrimSpace, isPresent, runeCount} from '../go/go-text.js';
import {type GoTime, goTimeMillis} from '../go/go-time.js';
import type {ImportEntry} from './import-format.js';
import {malformedHashReason} from './password-hash.js';
import type {Findings, RuleContext} from './record-check.js';

// What Hanko imports but changes, drops or cannot use afterwards: warnings, not refusals.

export const futureSlackMs = 5 * 60_000; // Clocks differ; a few minutes ahead is not wrong data
const registrationUsername = /^\w+$/; // Go's \w: ASCII letters, digits and '_'

/** A created_at in the future. updated_at is not looked at: Hanko replaces it with the import time (said once, in the report). */
function times(findings: Findings, pointer: string, record: {created_at: GoTime | null}, context: RuleContext): void {
	if (record.created_at && goTimeMillis(record.created_at) > context.now + futureSlackMs) {
		findings.add(`${pointer}/created_at`, 'timestamp.future', 'created_at is in the future');
	}
}

export function checkSilent(entry: ImportEntry, findings: Findings, context: RuleContext): void {
	times(findings, '', entry, context);
	const emails = entry.emails ?? [];
	for (let index = 0; index < findings.emails.length; index++) {
		const verdict = findings.emails[index];
		if (verdict && verdict.lower !== emails[index]!.address) {
			findings.add(`/emails/${index}/address`, 'email.uppercase', 'address has upper-case letters: Hanko stores it lower-cased');
		}
	}

	const {username} = entry;
	if (username !== null && isPresent(username)) {
		if (goToLower(goTrimSpace(username)) !== username) {
			findings.add(
				'/username',
				'username.login-mismatch',
				'sign-in lower-cases and trims what is typed, so this username (upper-case letters or surrounding spaces) can never sign in: lowercase and trim it',
			);
		} else if (!registrationUsername.test(username) || runeCount(username) < 3 || runeCount(username) > 32) {
			findings.add(
				'/username',
				'username.unusual',
				'registration takes 3 to 32 of a-z, 0-9 and _: users could not create this username themselves',
			);
		}
	}

	const hash = entry.password?.password;
	if (hash !== undefined) {
		const reason = malformedHashReason(hash);
		if (reason)
			findings.add(
				'/password/password',
				'password.malformed-hash',
				`the hash imports, but no password can match it (${reason}): export it again, or drop it so the user resets the password`,
			);
		times(findings, '/password', entry.password!, context);
	}

	if (entry.otp_secret) times(findings, '/otp_secret', entry.otp_secret, context);
	const credentials = entry.webauthn_credentials ?? [];
	for (let index = 0; index < credentials.length; index++) {
		const credential = credentials[index]!;
		const pointer = `/webauthn_credentials/${index}`;
		times(findings, pointer, credential, context);
		const used = credential.last_used_at;
		if (used && used.offset !== 0) {
			findings.add(
				`${pointer}/last_used_at`,
				'timestamp.zone-dropped',
				'last_used_at has a zone offset, which Hanko discards (the clock time is stored as if UTC): write it in UTC',
			);
		}

		if (used && goTimeMillis(used) > context.now + futureSlackMs)
			findings.add(`${pointer}/last_used_at`, 'timestamp.future', 'last_used_at is in the future');
	}
}
