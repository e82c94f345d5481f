// A user as Hanko's Admin API returns it (GET /users, GET /users/{id}): only what an exporter reads.

export type AdminEmail = {id: string; address: string; is_verified: boolean; is_primary: boolean; created_at: string; updated_at: string};

export type AdminCredential = {
	id: string;
	name?: string;
	public_key: string;
	attestation_type: string;
	aaguid: string;
	last_used_at?: string;
	created_at: string;
	transports: string[];
	backup_eligible: boolean;
	backup_state: boolean;
	mfa_only: boolean;
};

export type AdminUser = {
	id: string;
	created_at: string;
	updated_at: string;
	emails?: AdminEmail[];
	username?: {id: string; username: string; created_at: string; updated_at: string};
	webauthn_credentials?: AdminCredential[];
	password?: {id: string; created_at: string; updated_at: string};
	otp?: {id: string; created_at: string};
};
