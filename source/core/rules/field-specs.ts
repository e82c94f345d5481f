// The import format's fields and the JSON type Hanko's Go decoder expects for each. This is our own
// description of the format (see ../shared/reference/hanko-import-format.md), not Hanko's schema.

export type FieldType = 'string' | 'boolean' | 'integer' | 'array' | 'object' | 'timestamp' | 'aaguid';

/** A Map, not an object: a key such as "constructor" must not find Object.prototype's. */
export type ObjectSpec = ReadonlyMap<string, FieldType>;

export const userSpec: ObjectSpec = new Map(Object.entries({
	user_id: 'string',
	emails: 'array',
	username: 'string',
	webauthn_credentials: 'array',
	password: 'object',
	otp_secret: 'object',
	created_at: 'timestamp',
	updated_at: 'timestamp',
}) as Array<[string, FieldType]>);

export const emailSpec: ObjectSpec = new Map(Object.entries({
	address: 'string',
	is_primary: 'boolean',
	is_verified: 'boolean',
}) as Array<[string, FieldType]>);

export const passwordSpec: ObjectSpec = new Map(Object.entries({
	password: 'string',
	created_at: 'timestamp',
	updated_at: 'timestamp',
}) as Array<[string, FieldType]>);

export const otpSpec: ObjectSpec = new Map(Object.entries({
	secret: 'string',
	created_at: 'timestamp',
	updated_at: 'timestamp',
}) as Array<[string, FieldType]>);

export const credentialSpec: ObjectSpec = new Map(Object.entries({
	id: 'string',
	name: 'string',
	public_key: 'string',
	attestation_type: 'string',
	aaguid: 'aaguid',
	sign_count: 'integer',
	last_used_at: 'timestamp',
	created_at: 'timestamp',
	updated_at: 'timestamp',
	transports: 'array',
	backup_eligible: 'boolean',
	backup_state: 'boolean',
	mfa_only: 'boolean',
	user_handle: 'string',
}) as Array<[string, FieldType]>);

/** JSON type names as people read them in messages. */
export function jsonTypeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	switch (typeof value) {
		case 'string': {
			return 'a string';
		}

		case 'number': {
			return Number.isInteger(value) ? 'an integer' : 'a number';
		}

		case 'boolean': {
			return 'a boolean';
		}

		default: {
			return 'an object';
		}
	}
}

export function expectedName(type: FieldType): string {
	switch (type) {
		case 'timestamp': {
			return 'an RFC 3339 timestamp string';
		}

		case 'aaguid': {
			return 'a UUID string';
		}

		case 'integer':
		case 'array':
		case 'object': {
			return `an ${type}`;
		}

		default: {
			return `a ${type}`;
		}
	}
}

export function hasType(value: unknown, type: FieldType): boolean {
	switch (type) {
		case 'string':
		case 'timestamp':
		case 'aaguid': {
			return typeof value === 'string';
		}

		case 'boolean': {
			return typeof value === 'boolean';
		}

		case 'integer': {
			return Number.isInteger(value);
		}

		case 'array': {
			return Array.isArray(value);
		}

		case 'object': {
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		}
	}
}
