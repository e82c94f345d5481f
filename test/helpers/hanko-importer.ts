import {randomUUID} from 'node:crypto';
import {readFileSync} from 'node:fs';
import type pg from 'pg';
import {goToLower} from '../../source/core/go/go-text.js';
import type {GoTime} from '../../source/core/go/go-time.js';
import {decodeGoJson} from '../../source/core/go/json-decode.js';
import {nilUuid, parseGofrsUuid} from '../../source/core/go/uuid-text.js';
import {type ImportCredential, type ImportEntry, entryType} from '../../source/core/rules/import-format.js';

// Hanko's `user import` (backend/cmd/user/import.go addToDatabase and importer.go at backend/v3.0.4),
// replayed against a database with our copy of its tables: the same rows, in the same order, with
// the same values, through parameterised statements as pop and pgx send them (text parameters, typed
// by the column they go to). Hanko's struct and model validation is not repeated here: our checks
// model those, and the tests feed records that pass them or compare only the database's part.

export const defaultTenantId = '00000000-0000-0000-0000-000000000001';

/** Where and why an insert failed: the record (0-based), the JSON pointer of the row being written, PostgreSQL's error. */
export type ImportFailure = {
	record: number;
	pointer: string;
	table: string;
	sqlState: string;
	constraint: string | undefined;
	message: string;
};

/** A statement that PostgreSQL refused, with the pointer of the row the importer was writing (or looking up). */
export class InsertError extends Error {
	constructor(
		readonly pointer: string,
		readonly table: string,
		readonly refusal: pg.DatabaseError,
	) {
		super(`${table} (${pointer}): ${refusal.message}`);
	}
}

/** One record decoded as Go's decoder does (the test's records are well-formed: anything else is a bug in the test). */
export function decodeEntry(text: string): ImportEntry {
	const decoded = decodeGoJson(text, entryType);
	if (!decoded.ok || decoded.faults.length > 0) throw new Error(`not a record Hanko decodes cleanly: ${text.slice(0, 200)}`);
	return decoded.value as ImportEntry;
}

/** The records of an import file, as the text of each (the files here are plain JSON arrays). */
export function readRecordTexts(file: string): string[] {
	return (JSON.parse(readFileSync(file, 'utf8')) as unknown[]).map(record => JSON.stringify(record));
}

function pad(value: number, digits = 2): string {
	return String(value).padStart(digits, '0');
}

/**
 * A Go time as the text of a `timestamp` parameter: pgx sends the wall clock of the time it gets
 * (the zone dropped) in microseconds, cutting off nanoseconds. `utc`: the importer calls `.UTC()`
 * first (every timestamp but last_used_at).
 */
export function timestampText(time: GoTime, utc: boolean): string {
	const seconds = time.seconds + (utc ? 0 : time.offset);
	const date = new Date(seconds * 1000);
	const year = date.getUTCFullYear();
	// PostgreSQL has no year 0: Go's year 0 is 1 BC
	const yearText = year > 0 ? pad(year, 4) : pad(1 - year, 4);
	const micros = pad(Math.floor(time.nanos / 1000), 6);
	return `${yearText}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${micros}${year > 0 ? '' : ' BC'}`;
}

/** Runs the importer's inserts for one user; throws an InsertError at the first one PostgreSQL refuses. */
export class HankoImporter {
	/** `import`'s single timestamp for every row without its own (time.Now().UTC()). */
	private readonly importTime = new Date().toISOString().replace('T', ' ').replace('Z', '');

	constructor(
		private readonly client: pg.Client,
		private readonly tenantId = defaultTenantId,
	) {}

	/** One statement; PostgreSQL's error becomes an InsertError about the row at `pointer`. */
	private async run<Row extends pg.QueryResultRow>(
		pointer: string,
		table: string,
		sql: string,
		values: unknown[],
	): Promise<pg.QueryResult<Row>> {
		try {
			return await this.client.query<Row>(sql, values);
		} catch (error) {
			if (error instanceof Error && 'code' in error) throw new InsertError(pointer, table, error as pg.DatabaseError);
			throw error;
		}
	}

	private async insert(pointer: string, table: string, values: Record<string, unknown>): Promise<void> {
		const columns = Object.keys(values);
		await this.run(
			pointer,
			table,
			`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
			Object.values(values),
		);
	}

	private time(time: GoTime | null): string {
		return time ? timestampText(time, true) : this.importTime;
	}

	/** addToDatabase's loop body for one entry. Returns the user's id. */
	async insertEntry(entry: ImportEntry): Promise<string> {
		// createUser: a new V4 unless user_id is given; uuid.FromStringOrNil (the validator already took it as a UUID)
		const userId = entry.user_id === '' ? randomUUID() : (parseGofrsUuid(entry.user_id) ?? nilUuid);
		await this.insert('/user_id', 'users', {
			id: userId,
			created_at: this.time(entry.created_at),
			updated_at: this.time(entry.updated_at),
			tenant_id: this.tenantId,
		});
		for (const [index, email] of (entry.emails ?? []).entries()) {
			const emailId = randomUUID();
			await this.insert(`/emails/${index}/address`, 'emails', {
				id: emailId,
				user_id: userId,
				address: goToLower(email.address),
				verified: email.is_verified,
				tenant_id: this.tenantId,
				created_at: this.importTime,
				updated_at: this.importTime,
			});
			if (email.is_primary) {
				await this.insert(`/emails/${index}/is_primary`, 'primary_emails', {
					id: randomUUID(),
					email_id: emailId,
					user_id: userId,
					tenant_id: this.tenantId,
					created_at: this.importTime,
					updated_at: this.importTime,
				});
			}
		}

		if (entry.username !== null) {
			await this.insert('/username', 'usernames', {
				id: randomUUID(),
				user_id: userId,
				username: entry.username,
				tenant_id: this.tenantId,
				created_at: this.importTime,
				updated_at: this.importTime,
			});
		}

		for (const [index, credential] of (entry.webauthn_credentials ?? []).entries())
			await this.insertCredential(userId, credential, `/webauthn_credentials/${index}`);
		if (entry.password) {
			await this.insert('/password/password', 'password_credentials', {
				id: randomUUID(),
				user_id: userId,
				password: entry.password.password,
				tenant_id: this.tenantId,
				created_at: this.time(entry.password.created_at),
				updated_at: this.time(entry.password.updated_at),
			});
		}

		if (entry.otp_secret) {
			await this.insert('/otp_secret/secret', 'otp_secrets', {
				id: randomUUID(),
				user_id: userId,
				secret: entry.otp_secret.secret,
				tenant_id: this.tenantId,
				created_at: this.time(entry.otp_secret.created_at),
				updated_at: this.time(entry.otp_secret.updated_at),
			});
		}

		return userId;
	}

	/** createWebauthnCredential, then the persister's Create: the new handle row, the credential, its transports. */
	private async insertCredential(userId: string, credential: ImportCredential, pointer: string): Promise<void> {
		let userHandleId: string | null = null;
		if (credential.user_handle !== null) {
			// GetByHandle: `handle = ?` within the tenant, compared exactly as sent. A handle PostgreSQL
			// cannot take (a NUL) already fails here, and the importer stops on that error too
			const existing = await this.run<{id: string}>(
				`${pointer}/user_handle`,
				'webauthn_credential_user_handles',
				'SELECT id FROM webauthn_credential_user_handles WHERE handle = $1 AND tenant_id = $2 ORDER BY id LIMIT 1',
				[credential.user_handle, this.tenantId],
			);
			if (existing.rows[0]) {
				userHandleId = existing.rows[0].id;
			} else {
				userHandleId = randomUUID();
				await this.insert(`${pointer}/user_handle`, 'webauthn_credential_user_handles', {
					id: userHandleId,
					user_id: userId,
					handle: credential.user_handle,
					tenant_id: this.tenantId,
					created_at: this.importTime,
					updated_at: this.importTime,
				});
			}
		}

		await this.insert(pointer, 'webauthn_credentials', {
			id: credential.id,
			name: credential.name,
			user_id: userId,
			public_key: credential.public_key,
			attestation_type: credential.attestation_type,
			aaguid: credential.aaguid,
			// Text, so values past 2^53 reach the server intact (pgx refuses them against int4 itself: the insert fails either way)
			sign_count: String(credential.sign_count),
			last_used_at: credential.last_used_at ? timestampText(credential.last_used_at, false) : null,
			created_at: this.time(credential.created_at),
			updated_at: this.time(credential.updated_at),
			backup_eligible: credential.backup_eligible,
			backup_state: credential.backup_state,
			mfa_only: credential.mfa_only,
			user_handle_id: userHandleId,
			tenant_id: this.tenantId,
		});
		for (const [index, name] of (credential.transports ?? []).entries()) {
			await this.insert(`${pointer}/transports/${index}`, 'webauthn_credential_transports', {
				id: randomUUID(),
				name,
				webauthn_credential_id: credential.id,
				tenant_id: this.tenantId,
			});
		}
	}
}

/** Runs `fn` in a transaction that is always rolled back, so every case starts from the same empty tables. */
export async function inRolledBackTransaction<T>(client: pg.Client, fn: () => Promise<T>): Promise<T> {
	await client.query('BEGIN');
	try {
		return await fn();
	} finally {
		await client.query('ROLLBACK');
	}
}

/**
 * addToDatabase: every entry in one transaction, stopping at the first insert PostgreSQL refuses.
 * Rolled back in the end either way (the tests want the verdict, not the rows). Returns the failure,
 * or undefined when the whole file went in.
 */
export async function importEntries(client: pg.Client, entries: readonly ImportEntry[]): Promise<ImportFailure | undefined> {
	const importer = new HankoImporter(client);
	return inRolledBackTransaction(client, async () => {
		for (const [record, entry] of entries.entries()) {
			try {
				await importer.insertEntry(entry);
			} catch (error) {
				if (!(error instanceof InsertError)) throw error;
				return {
					record,
					pointer: error.pointer,
					table: error.table,
					sqlState: error.refusal.code ?? '',
					constraint: error.refusal.constraint,
					message: error.refusal.message,
				};
			}
		}

		return undefined;
	});
}

/** The same for an import file. */
export async function importFile(client: pg.Client, file: string): Promise<ImportFailure | undefined> {
	return importEntries(
		client,
		readRecordTexts(file).map(text => decodeEntry(text)),
	);
}
