// A user as Hanko's Admin API returns it (dto/admin/user.go). `GET /users` gives the list fields only;
// `GET /users/{id}` adds password, otp, identities and metadata. Neither ever carries a passkey's
// sign_count, updated_at or user_handle, a password hash or an OTP secret.

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

/** A social or SAML identity, attached to one of the user's emails. */
export type AdminIdentity = {
	id: string;
	/** The provider's id of the user. */
	provider_id: string;
	provider_name: string;
	email_id: string | null;
	created_at: string;
	updated_at: string;
};

/** Each part only when set and not `{}`; the whole object only when one part is. */
export type AdminMetadata = {public_metadata?: unknown; private_metadata?: unknown; unsafe_metadata?: unknown};

export type AdminUser = {
	id: string;
	created_at: string;
	updated_at: string;
	name?: string;
	given_name?: string;
	family_name?: string;
	picture?: string;
	emails?: AdminEmail[];
	username?: {id: string; username: string; created_at: string; updated_at: string};
	webauthn_credentials?: AdminCredential[];
	/** `GET /users/{id}` only. */
	password?: {id: string; tenant_id?: string; created_at: string; updated_at: string};
	/** `GET /users/{id}` only. */
	otp?: {id: string; created_at: string};
	/** `GET /users/{id}` only. */
	identities?: AdminIdentity[];
	/** `GET /users/{id}` only. */
	metadata?: AdminMetadata;
};
