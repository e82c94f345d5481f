import {randomUUID} from 'node:crypto';
import {type ObjectSpec, credentialSpec, emailSpec, otpSpec, passwordSpec, userSpec} from '../rules/field-specs.js';
import {isCanonicalUuid, isUuidAnyCase, isV4Uuid, nilUuid, parseRfc3339} from '../rules/formats.js';
import {escapePointer, isPlainObject} from '../rules/json-values.js';
import type {FixId} from './fix-catalogue.js';
import {normaliseTimestamp} from './normalise-timestamp.js';
import {stableUuid} from './stable-uuid.js';

// What each fix does to a parsed record, in place. A fix touches only what its rule is about and
// reports every value it changed; whether the record is then valid is checked by the caller.

export type Fields = Record<string, unknown>;

export type Change = {fix: FixId; pointer: string; before: unknown; after: unknown};

export type FixOptions = {
	uuid: 'random' | 'stable';
	primary: 'first-verified' | 'first';
};

export type FixContext = {
	options: FixOptions;
	/** The record's text as in the source: the seed of a stable UUID when there is no old id. */
	text: string;
	/** The address the person picked as primary in the detail view (found again by value: fixes before it may move it). */
	pickedPrimary?: string;
};

type Transform = (user: Fields, context: FixContext, changes: Change[]) => void;


/** The key Go's decoder would fill for `name`: the exact one, else one that differs in case only. */
export function keyOf(object: Fields, name: string): string | undefined {
	if (Object.hasOwn(object, name)) return name;
	return Object.keys(object).findLast(key => key.toLowerCase() === name);
}

/** The user and every object in it that the format defines, with its spec and JSON pointer. */
function* objectsOf(user: Fields): Generator<{object: Fields; spec: ObjectSpec; pointer: string}> {
	yield {object: user, spec: userSpec, pointer: ''};
	const nested = [['password', passwordSpec], ['otp_secret', otpSpec]] as const;
	for (const [name, spec] of nested) {
		const key = keyOf(user, name);
		const value = key === undefined ? undefined : user[key];
		if (isPlainObject(value)) yield {object: value, spec, pointer: `/${name}`};
	}

	const lists = [['emails', emailSpec], ['webauthn_credentials', credentialSpec]] as const;
	for (const [name, spec] of lists) {
		const key = keyOf(user, name);
		const value = key === undefined ? undefined : user[key];
		if (!Array.isArray(value)) continue;
		for (const [index, item] of value.entries()) if (isPlainObject(item)) yield {object: item, spec, pointer: `/${name}/${index}`};
	}
}

/** Replaces the keys of `object` in place, keeping their order (JSON.stringify follows it). */
function rebuild(object: Fields, entries: Array<[string, unknown]>): void {
	for (const key of Object.keys(object)) delete object[key]; // eslint-disable-line @typescript-eslint/no-dynamic-delete
	for (const [key, value] of entries) object[key] = value;
}

function listOf(user: Fields, name: string): unknown[] | undefined {
	const key = keyOf(user, name);
	const value = key === undefined ? undefined : user[key];
	return Array.isArray(value) ? value : undefined;
}

const lowercaseKeys: Transform = (user, _context, changes) => {
	for (const {object, spec, pointer} of objectsOf(user)) {
		const keys = Object.keys(object);
		if (keys.every(key => spec.has(key) || !spec.has(key.toLowerCase()))) continue;
		const entries: Array<[string, unknown]> = [];
		for (const key of keys) {
			const name = spec.has(key) || !spec.has(key.toLowerCase()) ? key : key.toLowerCase();
			if (name !== key) changes.push({fix: 'field.lowercase-key', pointer: `${pointer}/${escapePointer(key)}`, before: key, after: name});
			// Go lets a later key overwrite an earlier one of the same field: the value is the later one
			const at = entries.findIndex(([existing]) => existing === name);
			if (at === -1) entries.push([name, object[key]]);
			else entries[at] = [name, object[key]];
		}

		rebuild(object, entries);
	}
};

const dropUnknown: Transform = (user, _context, changes) => {
	for (const {object, spec, pointer} of objectsOf(user)) {
		for (const key of Object.keys(object)) {
			if (spec.has(key) || spec.has(key.toLowerCase())) continue;
			// Unknown fields often hold secrets (a legacy hash, a salt): the log names them, the value stays in the source
			changes.push({fix: 'field.drop-unknown', pointer: `${pointer}/${escapePointer(key)}`, before: '(dropped; the value stays in the source)', after: undefined});
			delete object[key]; // eslint-disable-line @typescript-eslint/no-dynamic-delete
		}
	}
};

const lowercaseUserId: Transform = (user, _context, changes) => {
	const key = keyOf(user, 'user_id');
	const id = key === undefined ? undefined : user[key];
	if (typeof id !== 'string' || isCanonicalUuid(id) || !isUuidAnyCase(id)) return;
	user[key!] = id.toLowerCase();
	changes.push({fix: 'user-id.lowercase', pointer: '/user_id', before: id, after: id.toLowerCase()});
};

const generateUserId: Transform = (user, context, changes) => {
	const key = keyOf(user, 'user_id');
	const id = key === undefined ? undefined : user[key];
	const missing = id === undefined || id === null;
	// A string that is a UUID in upper case is lowercased by its own fix; a number or an object is replaced
	if (!missing && typeof id === 'string' && isUuidAnyCase(id)) return;
	const seed = (typeof id === 'string' && id.length > 0) || typeof id === 'number' ? `id:${String(id)}` : `record:${context.text}`;
	const fresh = context.options.uuid === 'stable' ? stableUuid(seed) : randomUUID();
	if (missing) {
		// A new field goes first, where people look for a user's id
		rebuild(user, [['user_id', fresh], ...Object.entries(user).filter(([name]) => name !== key)]);
	} else {
		user[key!] = fresh;
	}

	changes.push({fix: 'user-id.generate', pointer: '/user_id', before: missing ? null : id, after: fresh});
};

function emailsOf(user: Fields): Array<{email: Fields; index: number}> {
	return (listOf(user, 'emails') ?? []).flatMap((email, index) => (isPlainObject(email) ? [{email, index}] : []));
}

function flag(email: Fields, name: string): unknown {
	const key = keyOf(email, name);
	return key === undefined ? undefined : email[key];
}

const normaliseEmails: Transform = (user, _context, changes) => {
	for (const {email, index} of emailsOf(user)) {
		const key = keyOf(email, 'address');
		const address = key === undefined ? undefined : email[key];
		if (typeof address !== 'string') continue;
		const normal = address.trim().toLowerCase();
		if (normal === address) continue;
		email[key!] = normal;
		changes.push({fix: 'email.normalise', pointer: `/emails/${index}/address`, before: address, after: normal});
	}
};

const removeRepeatedEmails: Transform = (user, _context, changes) => {
	const list = listOf(user, 'emails');
	if (!list) return;
	// Each address once, at its first place, as the copy that is primary, else verified, else the first
	const groups = new Map<string, number[]>();
	for (const {email, index} of emailsOf(user)) {
		const address = flag(email, 'address');
		if (typeof address !== 'string' || address.length === 0) continue;
		const normal = address.trim().toLowerCase();
		groups.set(normal, [...(groups.get(normal) ?? []), index]);
	}

	const drop = new Set<number>();
	for (const indexes of groups.values()) {
		if (indexes.length < 2) continue;
		const rank = (index: number) => (flag(list[index] as Fields, 'is_primary') === true ? 2 : (flag(list[index] as Fields, 'is_verified') === true ? 1 : 0));
		const kept = indexes.reduce((best, index) => (rank(index) > rank(best) ? index : best), indexes[0]!);
		// The copy kept is verified when any copy was: the address was proven once
		const anyVerified = indexes.some(index => flag(list[index] as Fields, 'is_verified') === true);
		list[indexes[0]!] = anyVerified ? {...(list[kept] as Fields), [keyOf(list[kept] as Fields, 'is_verified') ?? 'is_verified']: true} : list[kept];
		for (const index of indexes.slice(1)) drop.add(index);
	}

	for (const index of [...drop].sort((a, b) => b - a)) {
		changes.push({fix: 'email.remove-repeat', pointer: `/emails/${index}`, before: list[index], after: undefined});
		list.splice(index, 1);
	}
};

const fillVerified: Transform = (user, _context, changes) => {
	for (const {email, index} of emailsOf(user)) {
		const key = keyOf(email, 'is_verified');
		if (key !== undefined && email[key] !== null) continue;
		email[key ?? 'is_verified'] = false;
		changes.push({fix: 'email.fill-verified', pointer: `/emails/${index}/is_verified`, before: key === undefined ? undefined : null, after: false});
	}
};

/** Makes exactly one address primary when there is none or more than one. */
export function markPrimary(user: Fields, context: FixContext, changes: Change[]): void {
	const emails = emailsOf(user);
	if (emails.length === 0 || emails.filter(({email}) => flag(email, 'is_primary') === true).length === 1) return;
	const wanted = context.pickedPrimary?.trim().toLowerCase();
	const picked = wanted === undefined ? undefined : emails.find(({email}) => typeof flag(email, 'address') === 'string' && (flag(email, 'address') as string).trim().toLowerCase() === wanted);
	const chosen = picked
		?? (context.options.primary === 'first-verified' ? emails.find(({email}) => flag(email, 'is_verified') === true) : undefined)
		?? emails[0]!;
	for (const {email, index} of emails) {
		const key = keyOf(email, 'is_primary');
		const before = key === undefined ? undefined : email[key];
		const after = index === chosen.index;
		if (before === after || (!after && before !== true)) continue;
		email[key ?? 'is_primary'] = after;
		changes.push({fix: 'email.mark-primary', pointer: `/emails/${index}/is_primary`, before, after});
	}
}

const normaliseTimestamps: Transform = (user, _context, changes) => {
	for (const {object, spec, pointer} of objectsOf(user)) {
		for (const [name, type] of spec) {
			if (type !== 'timestamp') continue;
			const key = keyOf(object, name);
			const value = key === undefined ? undefined : object[key];
			if (value === undefined || value === null || (typeof value === 'string' && parseRfc3339(value) !== undefined)) continue;
			const normal = normaliseTimestamp(value);
			if (normal === undefined) continue;
			object[key!] = normal;
			changes.push({fix: 'timestamp.normalise', pointer: `${pointer}/${name}`, before: value, after: normal});
		}
	}
};

function reorderTimes(fix: 'timestamp.swap' | 'timestamp.updated-to-created'): Transform {
	return (user, _context, changes) => {
		for (const {object, pointer} of objectsOf(user)) {
			const createdKey = keyOf(object, 'created_at');
			const updatedKey = keyOf(object, 'updated_at');
			if (createdKey === undefined || updatedKey === undefined) continue;
			const created = object[createdKey];
			const updated = object[updatedKey];
			if (typeof created !== 'string' || typeof updated !== 'string') continue;
			const createdTime = parseRfc3339(created);
			const updatedTime = parseRfc3339(updated);
			if (createdTime === undefined || updatedTime === undefined || updatedTime >= createdTime) continue;
			object[updatedKey] = created;
			changes.push({fix, pointer: `${pointer}/updated_at`, before: updated, after: created});
			if (fix === 'timestamp.swap') {
				object[createdKey] = updated;
				changes.push({fix, pointer: `${pointer}/created_at`, before: created, after: updated});
			}
		}
	};
}

const rewriteBcryptPrefix: Transform = (user, _context, changes) => {
	const key = keyOf(user, 'password');
	const password = key === undefined ? undefined : user[key];
	if (!isPlainObject(password)) return;
	const hashKey = keyOf(password, 'password');
	const hash = hashKey === undefined ? undefined : password[hashKey];
	if (typeof hash !== 'string' || !(hash.startsWith('$2b$') || hash.startsWith('$2y$'))) return;
	password[hashKey!] = `$2a$${hash.slice(4)}`;
	// The hash is a secret: the log says what changed, not the value
	changes.push({fix: 'password.rewrite-prefix', pointer: '/password/password', before: `${hash.slice(0, 4)}…`, after: '$2a$…'});
};

function credentialsOf(user: Fields): Array<{credential: Fields; index: number}> {
	return (listOf(user, 'webauthn_credentials') ?? []).flatMap((credential, index) => (isPlainObject(credential) ? [{credential, index}] : []));
}

const clearAaguid: Transform = (user, _context, changes) => {
	for (const {credential, index} of credentialsOf(user)) {
		const key = keyOf(credential, 'aaguid');
		const value = key === undefined ? undefined : credential[key];
		const refused = Array.isArray(value) || (typeof value === 'string' && value !== nilUuid && !isV4Uuid(value));
		if (!refused) continue;
		delete credential[key!]; // eslint-disable-line @typescript-eslint/no-dynamic-delete
		changes.push({fix: 'webauthn.clear-aaguid', pointer: `/webauthn_credentials/${index}/aaguid`, before: value, after: undefined});
	}
};

const removeRepeatedTransports: Transform = (user, _context, changes) => {
	for (const {credential, index} of credentialsOf(user)) {
		const key = keyOf(credential, 'transports');
		const list = key === undefined ? undefined : credential[key];
		if (!Array.isArray(list)) continue;
		const unique = list.filter((transport, at) => typeof transport !== 'string' || list.indexOf(transport) === at);
		if (unique.length === list.length) continue;
		credential[key!] = unique;
		changes.push({fix: 'webauthn.remove-repeat-transport', pointer: `/webauthn_credentials/${index}/transports`, before: list, after: unique});
	}
};

/** The transforms of the fixes that change a record (duplicates are decided by the caller). */
export const transforms: Partial<Record<FixId, Transform>> = {
	'field.lowercase-key': lowercaseKeys,
	'field.drop-unknown': dropUnknown,
	'user-id.lowercase': lowercaseUserId,
	'user-id.generate': generateUserId,
	'email.normalise': normaliseEmails,
	'email.remove-repeat': removeRepeatedEmails,
	'email.fill-verified': fillVerified,
	'email.mark-primary': markPrimary,
	'timestamp.normalise': normaliseTimestamps,
	'timestamp.swap': reorderTimes('timestamp.swap'),
	'timestamp.updated-to-created': reorderTimes('timestamp.updated-to-created'),
	'password.rewrite-prefix': rewriteBcryptPrefix,
	'webauthn.clear-aaguid': clearAaguid,
	'webauthn.remove-repeat-transport': removeRepeatedTransports,
};
