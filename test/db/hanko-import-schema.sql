-- The tables Hanko's user importer (backend/cmd/user/importer.go) writes, as PostgreSQL has them after
-- every migration in backend/persistence/migrations up to backend/v3.0.4 (commit f742d49). Written by
-- hand from the fizz files: fizz (gobuffalo/fizz v1.14.4, translators/postgres.go) makes "string"
-- VARCHAR (255), "text" TEXT, "uuid" UUID, "integer" INTEGER, "timestamp" TIMESTAMP, "bool" BOOL and
-- "json" JSON; a column is NOT NULL unless {"null": true}; create_table adds created_at and updated_at
-- (TIMESTAMP NOT NULL) unless DisableTimestamps. Index and foreign key names are the ones fizz gives
-- (<table>_<columns>_idx, <table>_<column>_<table>_<column>_fk) or the migration's own, so an error
-- names the same constraint as in Hanko's database.
--
-- Left out: the tables the importer never writes, and whatever they add to these (passcodes,
-- identities, tokens, sessions... only point at users). Kept: the columns of these tables that the
-- importer does not fill (users.name, otp_secrets.last_validated_step...), with their defaults, so an
-- insert that omits them behaves as in Hanko.

-- tenants: 20260217162000_create_tenants; the default tenant row is inserted by 20260217162500_add_tenant_id.
CREATE TABLE tenants (
	id UUID NOT NULL,
	config JSON,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (id)
);

INSERT INTO tenants VALUES ('00000000-0000-0000-0000-000000000001', '{}', '2026-01-01 00:00:00', '2026-01-01 00:00:00');

-- users: 20220405153240_create_users (id, timestamps; its email, verified dropped by
-- 20221027104900_change_users; username added by 20231012141100, dropped by 20240723173648),
-- 20260204151021_change_user (name, family_name, given_name, picture), 20260217162500_add_tenant_id.
CREATE TABLE users (
	id UUID NOT NULL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	name VARCHAR (255),
	family_name VARCHAR (255),
	given_name VARCHAR (255),
	picture TEXT,
	tenant_id UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001',
	PRIMARY KEY (id)
);

CREATE INDEX users_tenant_id_idx ON users (tenant_id);
CREATE UNIQUE INDEX users_tenant_id_id_idx ON users (tenant_id, id);
ALTER TABLE users ADD CONSTRAINT users_tenant_id_tenants_id_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE CASCADE;

-- emails: 20221027104800_create_emails, 20260217162500_add_tenant_id (which adds the unique index on
-- (tenant_id, address) and drops emails_address_idx, the unique index on address alone).
CREATE TABLE emails (
	id UUID NOT NULL,
	user_id UUID,
	address VARCHAR (255) NOT NULL,
	verified BOOL NOT NULL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	tenant_id UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001',
	PRIMARY KEY (id),
	FOREIGN KEY (user_id) REFERENCES users (id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE INDEX emails_tenant_id_idx ON emails (tenant_id);
CREATE UNIQUE INDEX emails_tenant_id_id_idx ON emails (tenant_id, id);
CREATE UNIQUE INDEX emails_tenant_id_address_idx ON emails (tenant_id, address);
ALTER TABLE emails ADD CONSTRAINT emails_tenant_id_tenants_id_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE emails ADD CONSTRAINT emails_tenant_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE;

-- primary_emails: 20221027104800_create_emails, 20260217162500_add_tenant_id.
CREATE TABLE primary_emails (
	id UUID NOT NULL,
	email_id UUID NOT NULL,
	user_id UUID NOT NULL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	tenant_id UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001',
	PRIMARY KEY (id),
	FOREIGN KEY (email_id) REFERENCES emails (id) ON UPDATE CASCADE ON DELETE RESTRICT,
	FOREIGN KEY (user_id) REFERENCES users (id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE UNIQUE INDEX primary_emails_email_id_idx ON primary_emails (email_id);
CREATE UNIQUE INDEX primary_emails_user_id_idx ON primary_emails (user_id);
CREATE INDEX primary_emails_tenant_id_idx ON primary_emails (tenant_id);
ALTER TABLE primary_emails ADD CONSTRAINT primary_emails_tenant_id_tenants_id_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE primary_emails ADD CONSTRAINT primary_emails_tenant_email_fkey FOREIGN KEY (tenant_id, email_id) REFERENCES emails (tenant_id, id) ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE primary_emails ADD CONSTRAINT primary_emails_tenant_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE;

-- usernames: 20240723173648_create_usernames, 20260217162500_add_tenant_id,
-- 20260618130626_change_username_unique_index (unique on (tenant_id, username) instead of username).
CREATE TABLE usernames (
	id UUID NOT NULL,
	user_id UUID NOT NULL,
	username VARCHAR (255) NOT NULL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	tenant_id UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001',
	PRIMARY KEY (id),
	FOREIGN KEY (user_id) REFERENCES users (id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE UNIQUE INDEX usernames_user_id_idx ON usernames (user_id);
CREATE INDEX usernames_tenant_id_idx ON usernames (tenant_id);
CREATE UNIQUE INDEX usernames_tenant_id_username_idx ON usernames (tenant_id, username);
ALTER TABLE usernames ADD CONSTRAINT usernames_tenant_id_tenants_id_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE usernames ADD CONSTRAINT usernames_tenant_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE;

-- webauthn_credential_user_handles: 20241118114500_change_webauthn_credentials, 20260217162500_add_tenant_id.
-- (Created before webauthn_credentials here only because the credentials' foreign keys point at it.)
CREATE TABLE webauthn_credential_user_handles (
	id UUID NOT NULL,
	user_id UUID NOT NULL,
	handle VARCHAR (255) NOT NULL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	tenant_id UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001',
	PRIMARY KEY (id),
	FOREIGN KEY (user_id) REFERENCES users (id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE UNIQUE INDEX webauthn_credential_user_handles_handle_idx ON webauthn_credential_user_handles (handle);
CREATE UNIQUE INDEX webauthn_credential_user_handles_id_user_id_idx ON webauthn_credential_user_handles (id, user_id);
CREATE INDEX webauthn_credential_user_handles_tenant_id_idx ON webauthn_credential_user_handles (tenant_id);
CREATE UNIQUE INDEX webauthn_credential_user_handles_tenant_id_id_idx ON webauthn_credential_user_handles (tenant_id, id);
ALTER TABLE webauthn_credential_user_handles ADD CONSTRAINT webauthn_credential_user_handles_tenant_id_tenants_id_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE webauthn_credential_user_handles ADD CONSTRAINT webauthn_credential_user_handles_tenant_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE;

-- webauthn_credentials: 20220405154240_create_webauthn_credentials, 20221222134900 (name),
-- 20230206102000 (backup_eligible, backup_state), 20230222114100 (last_used_at), 20240826133417
-- (mfa_only), 20241118114500 (user_handle_id and both its foreign keys), 20260217162500_add_tenant_id.
CREATE TABLE webauthn_credentials (
	id VARCHAR (255) NOT NULL,
	user_id UUID NOT NULL,
	public_key TEXT NOT NULL,
	attestation_type VARCHAR (255) NOT NULL,
	aaguid UUID NOT NULL,
	sign_count INTEGER NOT NULL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	name VARCHAR (255),
	backup_eligible BOOL NOT NULL DEFAULT 'false',
	backup_state BOOL NOT NULL DEFAULT 'false',
	last_used_at TIMESTAMP,
	mfa_only BOOL NOT NULL DEFAULT 'false',
	user_handle_id UUID,
	tenant_id UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001',
	PRIMARY KEY (id),
	FOREIGN KEY (user_id) REFERENCES users (id) ON UPDATE CASCADE ON DELETE CASCADE
);

ALTER TABLE webauthn_credentials ADD CONSTRAINT webauthn_credentials_user_handle_id_webauthn_credential_user_handles_id_fk FOREIGN KEY (user_handle_id) REFERENCES webauthn_credential_user_handles (id) ON UPDATE CASCADE ON DELETE SET NULL;
ALTER TABLE webauthn_credentials ADD CONSTRAINT webauthn_credential_user_handle_fkey FOREIGN KEY (user_handle_id, user_id) REFERENCES webauthn_credential_user_handles (id, user_id) ON DELETE NO ACTION ON UPDATE CASCADE;
CREATE INDEX webauthn_credentials_tenant_id_idx ON webauthn_credentials (tenant_id);
CREATE UNIQUE INDEX webauthn_credentials_tenant_id_id_idx ON webauthn_credentials (tenant_id, id);
ALTER TABLE webauthn_credentials ADD CONSTRAINT webauthn_credentials_tenant_id_tenants_id_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE webauthn_credentials ADD CONSTRAINT webauthn_credentials_tenant_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE;

-- webauthn_credential_transports: 20220711121022_create_credential_transports (no timestamps; the id
-- is a "string" although the importer stores a UUID in it), 20260217162500_add_tenant_id.
CREATE TABLE webauthn_credential_transports (
	id VARCHAR (255) NOT NULL,
	name VARCHAR (255) NOT NULL,
	webauthn_credential_id VARCHAR (255) NOT NULL,
	tenant_id UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001',
	PRIMARY KEY (id),
	FOREIGN KEY (webauthn_credential_id) REFERENCES webauthn_credentials (id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE UNIQUE INDEX webauthn_credential_transports_name_webauthn_credential_id_idx ON webauthn_credential_transports (name, webauthn_credential_id);
CREATE INDEX webauthn_credential_transports_tenant_id_idx ON webauthn_credential_transports (tenant_id);
ALTER TABLE webauthn_credential_transports ADD CONSTRAINT webauthn_credential_transports_tenant_id_tenants_id_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE webauthn_credential_transports ADD CONSTRAINT webauthn_credential_transports_tenant_credential_fkey FOREIGN KEY (tenant_id, webauthn_credential_id) REFERENCES webauthn_credentials (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE;

-- password_credentials: 20220425122015_create_password_credentials, 20260217162500_add_tenant_id.
CREATE TABLE password_credentials (
	id UUID NOT NULL,
	user_id UUID NOT NULL,
	password VARCHAR (255) NOT NULL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	tenant_id UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001',
	PRIMARY KEY (id),
	FOREIGN KEY (user_id) REFERENCES users (id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE UNIQUE INDEX password_credentials_user_id_idx ON password_credentials (user_id);
CREATE INDEX password_credentials_tenant_id_idx ON password_credentials (tenant_id);
ALTER TABLE password_credentials ADD CONSTRAINT password_credentials_tenant_id_tenants_id_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE password_credentials ADD CONSTRAINT password_credentials_tenant_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE;

-- otp_secrets: 20240826132046_create_otp_secrets, 20260217162500_add_tenant_id,
-- 20260629120000_add_last_validated_step_to_otp_secrets.
CREATE TABLE otp_secrets (
	id UUID NOT NULL,
	user_id UUID NOT NULL,
	secret VARCHAR (255) NOT NULL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	tenant_id UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001',
	last_validated_step INTEGER,
	PRIMARY KEY (id),
	FOREIGN KEY (user_id) REFERENCES users (id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE UNIQUE INDEX otp_secrets_user_id_idx ON otp_secrets (user_id);
CREATE INDEX otp_secrets_tenant_id_idx ON otp_secrets (tenant_id);
ALTER TABLE otp_secrets ADD CONSTRAINT otp_secrets_tenant_id_tenants_id_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE otp_secrets ADD CONSTRAINT otp_secrets_tenant_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE;
