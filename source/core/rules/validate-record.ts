import type {RuleCode} from './catalogue.js';
import {
	type FieldType, type ObjectSpec, credentialSpec, emailSpec, expectedName, hasType, jsonTypeOf, otpSpec, passwordSpec, userSpec,
} from './field-specs.js';
import {escapePointer, isPlainObject} from './json-values.js';
import {isCanonicalUuid, isHankoEmail, isUuidAnyCase, isV4Uuid, nilUuid, parseRfc3339} from './formats.js';

/** One problem found inside a record; where the record is in the file is added by the caller. */
export type RecordProblem = {
	pointer: string;
	code: RuleCode;
	message: string;
	/** For a duplicate: the record that has the value first. */
	ref?: number;
};

/** Values that must be unique across the file, for the duplicate checks done in record order. */
export type UniqueKeys = {
	userId?: string;
	username?: string;
	/** Lowercased addresses with their index in `emails`, each address once. */
	emails: Array<{address: string; index: number}>;
};

export type RecordResult = {
	problems: RecordProblem[];
	keys: UniqueKeys;
};

type Fields = Record<string, unknown>;

const futureSlackMs = 5 * 60_000; // Clocks differ; a few minutes ahead is not wrong data

/** The fields of `object` that Go would decode, under their canonical names (later keys win). */
function knownFields(object: Fields, spec: ObjectSpec): Fields {
	const known: Fields = {};
	for (const key in object) {
		const value = object[key];
		const name = spec.has(key) ? key : key.toLowerCase();
		const type = spec.get(name);
		if (type !== undefined && value !== null && hasType(value, type)) known[name] = value;
	}

	return known;
}

class RecordCheck {
	readonly problems: RecordProblem[] = [];
	readonly keys: UniqueKeys = {emails: []};

	constructor(private readonly now: number) {}

	add(pointer: string, code: RuleCode, message: string): void {
		this.problems.push({pointer, code, message});
	}

	/**
	 * Reads an object the way Go's decoder does: keys match case-insensitively, unknown keys are
	 * dropped, null is absent. Returns the known fields that have the expected type: the object itself
	 * when nothing needed dropping or renaming (almost always; no copy then), else a cleaned copy.
	 */
	fields(object: Fields, spec: ObjectSpec, pointer: string): Fields {
		let clean = true;
		let created: number | undefined;
		let updated: number | undefined;
		for (const key in object) {
			const value = object[key];
			let name = key;
			let type: FieldType | undefined = spec.get(key);
			if (type === undefined) {
				const lower = key.toLowerCase();
				type = spec.get(lower);
				if (type === undefined) {
					// Callers read known fields by name only, so an unknown one can stay in the object
					this.add(`${pointer}/${escapePointer(key)}`, 'field.unknown', `unknown field "${key}": Hanko ignores it; remove it or map it to a known field`);
					continue;
				}

				name = lower;
				clean = false;
				this.add(`${pointer}/${escapePointer(key)}`, 'field.key-case', `key "${key}" is read as "${lower}"; write it in lower case`);
			}

			if (value === null) {
				clean = false;
				continue;
			}

			// Pointers are built only for a problem: most fields have none
			if (hasType(value, type)) {
				if (type === 'timestamp') {
					const time = this.timestamp(value as string, pointer, name);
					if (name === 'created_at') created = time;
					else if (name === 'updated_at') updated = time;
				}
			} else {
				clean = false;
				if (type === 'aaguid' && Array.isArray(value)) {
					this.add(`${pointer}/${name}`, 'webauthn.aaguid-array', 'aaguid is an array of integers; Hanko needs a UUID string: write it as one or remove it');
				} else {
					this.add(`${pointer}/${name}`, 'field.type', `${name} must be ${expectedName(type)}, not ${jsonTypeOf(value)}`);
				}
			}
		}

		if (created !== undefined && updated !== undefined && updated < created) {
			this.add(`${pointer}/updated_at`, 'timestamp.order', 'updated_at is before created_at: swap them or set updated_at to created_at');
		}

		return clean ? object : knownFields(object, spec);
	}

	timestamp(value: string, pointer: string, name: string): number | undefined {
		const time = parseRfc3339(value);
		if (time === undefined) {
			this.add(`${pointer}/${name}`, 'timestamp.format', 'not an RFC 3339 timestamp with a time zone (like 2023-07-11T13:41:50Z)');
		} else if (time > this.now + futureSlackMs) {
			this.add(`${pointer}/${name}`, 'timestamp.future', 'timestamp is in the future');
		}

		return time;
	}

	user(record: Fields): void {
		const user = this.fields(record, userSpec, '');
		this.userId(user.user_id as string | undefined);
		const emails = user.emails as unknown[] | undefined;
		const username = user.username as string | undefined;
		if (username !== undefined) {
			if (username.length === 0) this.add('/username', 'username.empty', 'username is empty: remove it or fill it in');
			else this.keys.username = username;
		}

		if (emails) this.emails(emails);
		// One mistake, one problem: emails of the wrong type are reported as such, not also as missing
		const emailsMistyped = emails === undefined && record.emails !== undefined && record.emails !== null;
		if ((!emails || emails.length === 0) && username === undefined && !emailsMistyped) {
			this.add('', 'user.no-identifier', 'user has neither an email nor a username: add one or drop the record');
		}

		if (user.password) this.password(user.password as Fields);
		if (user.otp_secret) this.otp(user.otp_secret as Fields);
		if (user.webauthn_credentials) this.credentials(user.webauthn_credentials as unknown[]);
	}

	userId(id: string | undefined): void {
		if (id === undefined) {
			this.add('', 'user-id.missing', 'no user_id: Hanko will generate one and the link to the old ID is lost');
		} else if (isCanonicalUuid(id)) {
			this.keys.userId = id;
		} else if (isUuidAnyCase(id)) {
			this.add('/user_id', 'user-id.uppercase', 'user_id has upper-case letters: lowercase it');
			this.keys.userId = id.toLowerCase();
		} else {
			this.add('/user_id', 'user-id.invalid', 'user_id is not a UUID: replace it and keep a mapping from the old ID');
			if (id.length > 0) this.keys.userId = id;
		}
	}

	emails(list: unknown[]): void {
		let primaries = 0;
		let primaryMistyped = false; // Then "no primary" would only repeat the type error
		const seen: string[] = []; // Users have a handful of addresses: an array beats a Set
		for (let index = 0; index < list.length; index++) {
			const pointer = `/emails/${index}`;
			const item = list[index];
			// Go decodes null into an empty struct: an email without an address
			const email = item === null ? {} : (isPlainObject(item) ? this.fields(item, emailSpec, pointer) : undefined);
			if (!email) {
				this.add(pointer, 'field.type', `emails/${index} must be an object, not ${jsonTypeOf(item)}`);
				continue;
			}

			if (email.is_primary === undefined && item !== null && (item as Fields).is_primary !== undefined && (item as Fields).is_primary !== null) primaryMistyped = true;
			if (email.is_primary === true) {
				primaries++;
				if (primaries === 2) this.add(`${pointer}/is_primary`, 'email.multiple-primary', 'more than one primary email: keep is_primary true on one address');
			}

			if (email.is_verified === undefined && (item === null || (item as Fields).is_verified === undefined || (item as Fields).is_verified === null)) {
				this.add(pointer, 'email.verified-missing', 'is_verified is missing and will be taken as false: set it');
			}

			const address = email.address as string | undefined;
			if (address === undefined || address.length === 0) {
				this.add(`${pointer}/address`, 'email.invalid', 'email address is missing: add it or remove this email');
				continue;
			}

			if (!isHankoEmail(address)) {
				this.add(`${pointer}/address`, 'email.invalid', 'not a valid email address: correct it or remove this email');
			}

			const lower = address.toLowerCase();
			if (lower !== address) this.add(`${pointer}/address`, 'email.uppercase', 'address has upper-case letters: Hanko stores it lowercased');
			if (seen.includes(lower)) {
				this.add(`${pointer}/address`, 'email.duplicate-in-user', 'the same address appears earlier in this user: remove the repeat');
			} else {
				seen.push(lower);
				this.keys.emails.push({address: lower, index});
			}
		}

		if (list.length > 0 && primaries === 0 && !primaryMistyped) {
			this.add('/emails', 'email.no-primary', 'no primary email: mark exactly one address is_primary true');
		}
	}

	password(object: Fields): void {
		const password = this.fields(object, passwordSpec, '/password');
		const hash = password.password as string | undefined;
		if (hash === undefined || hash.length === 0) {
			this.add('/password/password', 'password.hash-prefix', 'password hash is missing: add it or remove the password object');
		} else if (hash.startsWith('$2b$') || hash.startsWith('$2y$')) {
			this.add('/password/password', 'password.bcrypt-variant', `bcrypt hash with prefix ${hash.slice(0, 4)}: rewrite the prefix to $2a$`);
		} else if (!hash.startsWith('$2a$') && !hash.startsWith('$fbscrypt$')) {
			this.add('/password/password', 'password.hash-prefix', 'password hash must start with $2a$ (bcrypt) or $fbscrypt$ (Firebase scrypt)');
		}
	}

	otp(object: Fields): void {
		const otp = this.fields(object, otpSpec, '/otp_secret');
		const secret = otp.secret as string | undefined;
		if (secret === undefined || secret.length === 0) {
			this.add('/otp_secret/secret', 'otp.secret-missing', 'otp_secret has no secret: add it or remove otp_secret');
		}
	}

	credentials(list: unknown[]): void {
		const ids = new Set<string>();
		for (let index = 0; index < list.length; index++) {
			const pointer = `/webauthn_credentials/${index}`;
			const item = list[index];
			if (!isPlainObject(item)) {
				this.add(pointer, 'field.type', `webauthn_credentials/${index} must be an object, not ${jsonTypeOf(item)}`);
				continue;
			}

			const credential = this.fields(item, credentialSpec, pointer);
			for (const required of ['id', 'public_key', 'attestation_type'] as const) {
				const value = credential[required] as string | undefined;
				if ((value === undefined || value.length === 0) && !(required in item && item[required] !== null && typeof item[required] !== 'string')) {
					this.add(`${pointer}/${required}`, 'webauthn.missing-field', `credential has no ${required}: add it or drop the credential`);
				}
			}

			const id = credential.id as string | undefined;
			if (id) {
				if (ids.has(id)) this.add(`${pointer}/id`, 'webauthn.duplicate-id', 'the same credential id appears earlier in this user: remove the repeat');
				ids.add(id);
			}

			if (credential.mfa_only === true && credential.user_handle !== undefined) {
				this.add(`${pointer}/user_handle`, 'webauthn.user-handle-mfa', 'user_handle must be absent when mfa_only is true: remove it');
			}

			const aaguid = credential.aaguid as string | undefined;
			if (aaguid !== undefined && aaguid !== nilUuid && !isV4Uuid(aaguid)) {
				this.add(`${pointer}/aaguid`, 'webauthn.aaguid-not-v4', isUuidAnyCase(aaguid)
					? 'aaguid is not a v4 UUID, which Hanko refuses: remove it or use the nil UUID'
					: 'aaguid is not a UUID: remove it or use the nil UUID');
			}

			const transports = credential.transports as unknown[] | undefined;
			if (transports) this.transports(transports, `${pointer}/transports`);
		}
	}

	transports(list: unknown[], pointer: string): void {
		const seen = new Set<string>();
		for (let index = 0; index < list.length; index++) {
			const transport = list[index];
			if (typeof transport !== 'string') {
				this.add(`${pointer}/${index}`, 'field.type', `transports/${index} must be a string, not ${jsonTypeOf(transport)}`);
			} else if (seen.has(transport)) {
				this.add(`${pointer}/${index}`, 'webauthn.duplicate-transport', `transport "${transport}" is repeated: remove the repeat`);
			} else {
				seen.add(transport);
			}
		}
	}
}

/** Checks one parsed record against what Hanko's importer accepts. `now` is the run's clock (ms). */
export function validateRecord(record: unknown, now: number): RecordResult {
	const check = new RecordCheck(now);
	if (isPlainObject(record)) {
		check.user(record);
	} else {
		check.add('', 'record.not-object', `record is ${jsonTypeOf(record)}, not a user object: remove it or wrap it in one`);
	}

	return {problems: check.problems, keys: check.keys};
}
