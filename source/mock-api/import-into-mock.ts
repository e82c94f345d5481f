import {readFileUsers, type FileUser} from '../core/target/file-users.js';
import type {RuleContext} from '../core/rules/record-check.js';
import {type StoredUser, uuidFrom} from './generate-admin-users.js';

// What `hanko user import` would leave in the project, for the mock to serve: ids in canonical lower
// case (made up when the file gives none), addresses lower-cased, usernames as given, a password and an
// OTP secret where the file has them (their contents are never shown by the API anyway). As in Hanko,
// a file is imported whole or not at all: one user whose id, address, username or credential id is
// taken already refuses the file.

export function storedUserFromFile(user: FileUser, random: () => number, now: string): StoredUser {
	const stored: StoredUser = {id: user.userId ?? uuidFrom(random), created_at: now, updated_at: now};
	if (user.emails.length > 0) {
		stored.emails = user.emails.map(email => ({
			id: uuidFrom(random),
			address: email.address,
			is_verified: email.verified,
			is_primary: email.primary,
			created_at: now,
			updated_at: now,
		}));
	}

	if (user.username !== undefined) stored.username = {id: uuidFrom(random), username: user.username, created_at: now, updated_at: now};
	if (user.credentialIds.length > 0) {
		stored.webauthn_credentials = user.credentialIds.map(id => ({
			id,
			public_key: 'imported',
			attestation_type: 'none',
			aaguid: '00000000-0000-0000-0000-000000000000',
			created_at: now,
			transports: [],
			backup_eligible: false,
			backup_state: false,
			mfa_only: false,
			sign_count: 0,
			updated_at: now,
		}));
	}

	if (user.hasPassword) stored.password = {id: uuidFrom(random), created_at: now, updated_at: now};
	if (user.hasOtp) stored.otp = {id: uuidFrom(random), created_at: now};
	return stored;
}

/** The users of an import file (or of a split's parts, through its manifest), as stored users. */
export async function usersOfImportFile(file: string, context: RuleContext, random: () => number): Promise<StoredUser[]> {
	const now = new Date().toISOString();
	const users: StoredUser[] = [];
	const outcome = await readFileUsers(file, context, found => {
		for (const user of found) users.push(storedUserFromFile(user, random, now));
	});
	if (outcome.fatal) throw new Error(outcome.fatal);
	if (outcome.unreadable.length > 0) throw new Error(`${file}: record ${outcome.unreadable[0]} is not a user: the import would fail`);
	return users;
}
