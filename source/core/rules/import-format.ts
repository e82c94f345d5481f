import type {GoTime} from '../go/go-time.js';
import {type GoType, goBool, goInt, goString, goTimePointer, goUuid, pointerTo, sliceOf} from '../go/go-types.js';

// Hanko's import structs (backend/cmd/user/format.go) as the Go decoder sees them, and the decoded
// entry's shape. Field names are the JSON names; see ../go/go-types.ts for how values look.

export const emailType: GoType = {
	kind: 'struct',
	name: 'ImportOrExportEmail',
	trackGiven: true,
	fields: [
		{json: 'address', type: goString},
		{json: 'is_primary', type: goBool},
		{json: 'is_verified', type: goBool},
	],
};

export const credentialType: GoType = {
	kind: 'struct',
	name: 'ImportWebauthnCredential',
	fields: [
		{json: 'id', type: goString},
		{json: 'name', type: pointerTo(goString)},
		{json: 'public_key', type: goString},
		{json: 'attestation_type', type: goString},
		{json: 'aaguid', type: goUuid},
		{json: 'sign_count', type: goInt},
		{json: 'last_used_at', type: goTimePointer},
		{json: 'created_at', type: goTimePointer},
		{json: 'updated_at', type: goTimePointer},
		{json: 'transports', type: sliceOf(goString)},
		{json: 'backup_eligible', type: goBool},
		{json: 'backup_state', type: goBool},
		{json: 'mfa_only', type: goBool},
		{json: 'user_handle', type: pointerTo(goString)},
	],
};

export const passwordType: GoType = {
	kind: 'struct',
	name: 'ImportPasswordCredential',
	fields: [
		{json: 'password', type: goString},
		{json: 'created_at', type: goTimePointer},
		{json: 'updated_at', type: goTimePointer},
	],
};

export const otpType: GoType = {
	kind: 'struct',
	name: 'ImportOTPSecret',
	fields: [
		{json: 'secret', type: goString},
		{json: 'created_at', type: goTimePointer},
		{json: 'updated_at', type: goTimePointer},
	],
};

export const entryType: GoType = {
	kind: 'struct',
	name: 'ImportOrExportEntry',
	fields: [
		{json: 'user_id', type: goString},
		{json: 'emails', type: sliceOf(emailType)},
		{json: 'username', type: pointerTo(goString)},
		{json: 'webauthn_credentials', type: sliceOf(credentialType)},
		{json: 'password', type: pointerTo(passwordType)},
		{json: 'otp_secret', type: pointerTo(otpType)},
		{json: 'created_at', type: goTimePointer},
		{json: 'updated_at', type: goTimePointer},
	],
};

export type ImportEmail = {address: string; is_primary: boolean; is_verified: boolean};

export type ImportCredential = {
	id: string;
	name: string | null;
	public_key: string;
	attestation_type: string;
	/** Canonical lower case; the nil UUID when absent. */
	aaguid: string;
	sign_count: number | bigint;
	last_used_at: GoTime | null;
	created_at: GoTime | null;
	updated_at: GoTime | null;
	transports: string[] | null;
	backup_eligible: boolean;
	backup_state: boolean;
	mfa_only: boolean;
	user_handle: string | null;
};

export type ImportPassword = {password: string; created_at: GoTime | null; updated_at: GoTime | null};
export type ImportOtp = {secret: string; created_at: GoTime | null; updated_at: GoTime | null};

export type ImportEntry = {
	user_id: string;
	emails: ImportEmail[] | null;
	username: string | null;
	webauthn_credentials: ImportCredential[] | null;
	password: ImportPassword | null;
	otp_secret: ImportOtp | null;
	created_at: GoTime | null;
	updated_at: GoTime | null;
};

/** fizz's "string" columns are VARCHAR(255) on PostgreSQL; these are the ones the importer fills. */
export const varcharLimit = 255;

/** PostgreSQL's `integer` column of `webauthn_credentials.sign_count`. */
export const maxSignCount = 2_147_483_647;
