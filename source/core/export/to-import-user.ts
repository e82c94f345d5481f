import {isV4Uuid, nilUuid} from '../go/uuid-text.js';
import type {AdminUser} from './admin-user.js';

/** What an export cannot carry, counted for the summary: those users must reset or re-enrol. */
export type ExportNotes = {
	passwords: number;
	otps: number;
	/** Passkeys exported without sign_count (the API never returns it). */
	passkeys: number;
	/** AAGUIDs left out because Hanko's importer refuses them (not of the v4 form). */
	aaguidsCleared: number;
};

export const noNotes = (): ExportNotes => ({passwords: 0, otps: 0, passkeys: 0, aaguidsCleared: 0});

/** An Admin API user in Hanko's import format, as the reference maps it; `notes` counts what is lost. */
export function toImportUser(user: AdminUser, notes: ExportNotes): Record<string, unknown> {
	const record: Record<string, unknown> = {user_id: user.id};
	if (user.emails && user.emails.length > 0) {
		record.emails = user.emails.map(email => ({address: email.address, is_primary: email.is_primary, is_verified: email.is_verified}));
	}

	if (user.username) record.username = user.username.username;
	if (user.webauthn_credentials && user.webauthn_credentials.length > 0) {
		record.webauthn_credentials = user.webauthn_credentials.map(credential => {
			notes.passkeys++;
			const keepAaguid = credential.aaguid === nilUuid || isV4Uuid(credential.aaguid);
			if (!keepAaguid) notes.aaguidsCleared++;
			return {
				id: credential.id,
				...(credential.name === undefined ? {} : {name: credential.name}),
				public_key: credential.public_key,
				attestation_type: credential.attestation_type,
				...(keepAaguid ? {aaguid: credential.aaguid} : {}),
				...(credential.last_used_at === undefined ? {} : {last_used_at: credential.last_used_at}),
				created_at: credential.created_at,
				transports: [...new Set(credential.transports)],
				backup_eligible: credential.backup_eligible,
				backup_state: credential.backup_state,
				mfa_only: credential.mfa_only,
			};
		});
	}

	if (user.password) notes.passwords++;
	if (user.otp) notes.otps++;
	record.created_at = user.created_at;
	record.updated_at = user.updated_at;
	return record;
}
