import {randomUUID} from 'node:crypto';
import {goToLower, goTrimSpace, isPresent} from '../go/go-text.js';
import {parseGoTime} from '../go/go-time.js';
import {foldKey} from '../go/json-decode.js';
import type {GoType, StructField} from '../go/go-types.js';
import {isUuidShape, isV4Canonical, nilUuid, parseGofrsUuid} from '../go/uuid-text.js';
import {credentialType, emailType, entryType, otpType, passwordType} from '../rules/import-format.js';
import {escapePointer, isPlainObject} from '../rules/json-values.js';
import type {RecordProblem} from '../rules/record-check.js';
import type {FixId} from './fix-catalogue.js';
import {normaliseTimestamp} from './normalise-timestamp.js';
import {stableUuid} from './stable-uuid.js';

// What each fix does to a parsed record, in place. A fix touches only what its rule is about and
// reports every value it changed; whether the record is then valid is checked by the caller. Keys are
// found as Go's decoder finds them: exactly, else by Unicode simple case folding.

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
	/** The record's problems: fixes that act on a place find it by their pointers. */
	problems: readonly RecordProblem[];
};

type Transform = (user: Fields, context: FixContext, changes: Change[]) => void;
type Struct = GoType & {kind: 'struct'};

/** The key Go's decoder would fill for `name`: the exact one, else (the last) one that folds to it. */
export function keyOf(object: Fields, name: string): string | undefined {
	if (Object.hasOwn(object, name)) return name;
	const folded = foldKey(name);
	return Object.keys(object).findLast(key => foldKey(key) === folded);
}

/** The field of `type` a key fills, or undefined for a key Go drops. */
function fieldOf(type: Struct, key: string): StructField | undefined {
	return type.fields.find(field => field.json === key) ?? type.fields.find(field => foldKey(field.json) === foldKey(key));
}

/** The user and every object in it that the format defines, with its struct type and JSON pointer. */
function* objectsOf(user: Fields): Generator<{object: Fields; type: Struct; pointer: string}> {
	yield {object: user, type: entryType as Struct, pointer: ''};
	for (const [name, type] of [
		['password', passwordType],
		['otp_secret', otpType],
	] as const) {
		const value = valueOf(user, name);
		if (isPlainObject(value)) yield {object: value, type: type as Struct, pointer: `/${name}`};
	}

	for (const [name, type] of [
		['emails', emailType],
		['webauthn_credentials', credentialType],
	] as const) {
		for (const [index, item] of (listOf(user, name) ?? []).entries())
			if (isPlainObject(item)) yield {object: item, type: type as Struct, pointer: `/${name}/${index}`};
	}
}

function valueOf(object: Fields, name: string): unknown {
	const key = keyOf(object, name);
	return key === undefined ? undefined : object[key];
}

/** Replaces the keys of `object` in place, keeping their order (JSON.stringify follows it). */
function rebuild(object: Fields, entries: Array<[string, unknown]>): void {
	for (const key of Object.keys(object)) delete object[key];
	for (const [key, value] of entries) object[key] = value;
}

function listOf(user: Fields, name: string): unknown[] | undefined {
	const value = valueOf(user, name);
	return Array.isArray(value) ? value : undefined;
}

/** The object a JSON pointer of the record leads to and the key (or index) in it, if it is there. */
function place(user: Fields, pointer: string): {parent: Fields | unknown[]; key: string | number} | undefined {
	const segments = pointer
		.split('/')
		.slice(1)
		.map(segment => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
	let parent: unknown = user;
	for (const [n, segment] of segments.entries()) {
		const key = Array.isArray(parent) ? Number(segment) : isPlainObject(parent) ? keyOf(parent, segment) : undefined;
		if (key === undefined || (typeof key === 'number' && !(key in (parent as unknown[])))) return undefined;
		if (n === segments.length - 1) return {parent: parent as Fields | unknown[], key};
		parent = (parent as Record<string | number, unknown>)[key];
	}

	return undefined;
}

/** The pointers of the record's problems of `code`. */
function pointersOf(context: FixContext, code: string): string[] {
	return context.problems.filter(problem => problem.code === code).map(problem => problem.pointer);
}

const lowercaseKeys: Transform = (user, _context, changes) => {
	for (const {object, type, pointer} of objectsOf(user)) {
		const keys = Object.keys(object);
		if (keys.every(key => (fieldOf(type, key)?.json ?? key) === key)) continue;
		const entries: Array<[string, unknown]> = [];
		for (const key of keys) {
			const name = fieldOf(type, key)?.json ?? key;
			if (name !== key)
				changes.push({fix: 'field.lowercase-key', pointer: `${pointer}/${escapePointer(key)}`, before: key, after: name});
			// Go lets a later key overwrite an earlier one of the same field: the value is the later one
			const at = entries.findIndex(([existing]) => existing === name);
			if (at === -1) entries.push([name, object[key]]);
			else entries[at] = [name, object[key]];
		}

		rebuild(object, entries);
	}
};

const dropUnknown: Transform = (user, _context, changes) => {
	for (const {object, type, pointer} of objectsOf(user)) {
		for (const key of Object.keys(object)) {
			if (fieldOf(type, key)) continue;
			// Unknown fields often hold secrets (a legacy hash, a salt): the log names them, the value stays in the source
			changes.push({
				fix: 'field.drop-unknown',
				pointer: `${pointer}/${escapePointer(key)}`,
				before: '(dropped; the value stays in the source)',
				after: undefined,
			});
			delete object[key];
		}
	}
};

const dropNul: Transform = (user, context, changes) => {
	for (const pointer of pointersOf(context, 'field.nul')) {
		const at = place(user, pointer);
		if (!at) continue;
		const value = (at.parent as Record<string | number, unknown>)[at.key];
		if (typeof value !== 'string') continue;
		const after = value.replaceAll('\0', '');
		(at.parent as Record<string | number, unknown>)[at.key] = after;
		changes.push({fix: 'field.drop-nul', pointer, before: value, after});
	}
};

/**
 * Where a blank value can go without losing anything: a transport, a user handle, the OTP secret, a
 * username (blank or empty) beside an email. A user with no email keeps it and is rejected: without it
 * the user would have no identifier left.
 */
const dropBlank: Transform = (user, context, changes) => {
	const pointers = [...pointersOf(context, 'field.blank'), ...pointersOf(context, 'username.empty')];
	// Transports by index from the last, so that the earlier indexes stay right
	for (const pointer of pointers.toSorted().toReversed()) {
		const at = place(user, pointer);
		if (!at) continue;
		const parent = at.parent as Record<string | number, unknown>;
		const before = parent[at.key];
		if (/\/transports\/\d+$/.test(pointer)) {
			(at.parent as unknown[]).splice(at.key as number, 1);
		} else if (/\/user_handle$/.test(pointer)) {
			delete parent[at.key];
		} else if (pointer === '/otp_secret/secret') {
			const key = keyOf(user, 'otp_secret')!;
			changes.push({fix: 'field.drop-blank', pointer: '/otp_secret', before: '(removed: its secret is blank)', after: undefined});
			delete user[key];
			continue;
		} else if (pointer === '/username' && (listOf(user, 'emails') ?? []).length > 0) {
			delete parent[at.key];
		} else {
			continue; // An id, public key or password: the record is rejected with its reason
		}

		changes.push({fix: 'field.drop-blank', pointer, before, after: undefined});
	}
};

const lowercaseUserId: Transform = (user, _context, changes) => {
	const key = keyOf(user, 'user_id');
	const id = key === undefined ? undefined : user[key];
	if (typeof id !== 'string' || isUuidShape(id, false) || !isUuidShape(id, true)) return;
	user[key!] = id.toLowerCase();
	changes.push({fix: 'user-id.lowercase', pointer: '/user_id', before: id, after: id.toLowerCase()});
};

const generateUserId: Transform = (user, context, changes) => {
	const key = keyOf(user, 'user_id');
	const id = key === undefined ? undefined : user[key];
	const missing = id === undefined || id === null || id === '';
	// A string that is a UUID in upper case is lowercased by its own fix (or fine); the nil UUID, a number or an object is replaced
	if (!missing && typeof id === 'string' && isUuidShape(id, true) && id.toLowerCase() !== nilUuid) return;
	const seed = (typeof id === 'string' && id.length > 0) || typeof id === 'number' ? `id:${String(id)}` : `record:${context.text}`;
	const fresh = context.options.uuid === 'stable' ? stableUuid(seed) : randomUUID();
	if (key === undefined) {
		// A new field goes first, where people look for a user's id
		rebuild(user, [['user_id', fresh], ...Object.entries(user)]);
	} else {
		user[key] = fresh;
	}

	changes.push({fix: 'user-id.generate', pointer: '/user_id', before: missing ? null : id, after: fresh});
};

function emailsOf(user: Fields): Array<{email: Fields; index: number}> {
	return (listOf(user, 'emails') ?? []).flatMap((email, index) => (isPlainObject(email) ? [{email, index}] : []));
}

/** An address as Hanko stores it (Go's TrimSpace and ToLower), with a trailing dot of its domain dropped. */
function normalAddress(address: string): string {
	return goToLower(goTrimSpace(address)).replace(/(@[^@]*[^.@])\.$/, '$1');
}

const normaliseEmails: Transform = (user, _context, changes) => {
	for (const {email, index} of emailsOf(user)) {
		const key = keyOf(email, 'address');
		const address = key === undefined ? undefined : email[key];
		if (typeof address !== 'string') continue;
		const normal = normalAddress(address);
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
		const address = valueOf(email, 'address');
		if (typeof address !== 'string' || address.length === 0) continue;
		const normal = normalAddress(address);
		groups.set(normal, [...(groups.get(normal) ?? []), index]);
	}

	const drop = new Set<number>();
	for (const indexes of groups.values()) {
		if (indexes.length < 2) continue;
		const rank = (index: number) =>
			valueOf(list[index] as Fields, 'is_primary') === true ? 2 : valueOf(list[index] as Fields, 'is_verified') === true ? 1 : 0;
		const kept = indexes.reduce((best, index) => (rank(index) > rank(best) ? index : best), indexes[0]!);
		// The copy kept is verified when any copy was: the address was proven once
		const anyVerified = indexes.some(index => valueOf(list[index] as Fields, 'is_verified') === true);
		list[indexes[0]!] = anyVerified
			? {...(list[kept] as Fields), [keyOf(list[kept] as Fields, 'is_verified') ?? 'is_verified']: true}
			: list[kept];
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
		changes.push({
			fix: 'email.fill-verified',
			pointer: `/emails/${index}/is_verified`,
			before: key === undefined ? undefined : null,
			after: false,
		});
	}
};

/** Makes exactly one address primary when there is none or more than one. */
export function markPrimary(user: Fields, context: Pick<FixContext, 'options' | 'pickedPrimary'>, changes: Change[]): void {
	const emails = emailsOf(user);
	if (emails.length === 0 || emails.filter(({email}) => valueOf(email, 'is_primary') === true).length === 1) return;
	const wanted = context.pickedPrimary === undefined ? undefined : normalAddress(context.pickedPrimary);
	const picked =
		wanted === undefined
			? undefined
			: emails.find(
					({email}) =>
						typeof valueOf(email, 'address') === 'string' && normalAddress(valueOf(email, 'address') as string) === wanted,
				);
	const chosen =
		picked ??
		(context.options.primary === 'first-verified' ? emails.find(({email}) => valueOf(email, 'is_verified') === true) : undefined) ??
		emails[0]!;
	for (const {email, index} of emails) {
		const key = keyOf(email, 'is_primary');
		const before = key === undefined ? undefined : email[key];
		const after = index === chosen.index;
		if (before === after || (!after && before !== true)) continue;
		email[key ?? 'is_primary'] = after;
		changes.push({fix: 'email.mark-primary', pointer: `/emails/${index}/is_primary`, before, after});
	}
}

function isTimeField(field: StructField): boolean {
	return field.type.kind === 'pointer' && field.type.elem.kind === 'time';
}

const normaliseTimestamps: Transform = (user, context, changes) => {
	// A time Go refused only for an escape in its text (\u002B) is fine once parsed: writing it again is the fix
	const flagged = new Set(pointersOf(context, 'timestamp.format'));
	for (const {object, type, pointer} of objectsOf(user)) {
		for (const field of type.fields) {
			if (!isTimeField(field)) continue;
			const key = keyOf(object, field.json);
			const value = key === undefined ? undefined : object[key];
			const at = `${pointer}/${field.json}`;
			if (value === undefined || value === null) continue;
			if (typeof value === 'string' && parseGoTime(value) !== undefined) {
				if (flagged.has(at))
					changes.push({fix: 'timestamp.normalise', pointer: at, before: '(written with escapes)', after: value});
				continue;
			}

			const normal = normaliseTimestamp(value);
			if (normal === undefined) continue;
			object[key!] = normal;
			changes.push({fix: 'timestamp.normalise', pointer: at, before: value, after: normal});
		}
	}
};

const dropZeroTimes: Transform = (user, context, changes) => {
	for (const pointer of pointersOf(context, 'timestamp.zero')) {
		const at = place(user, pointer);
		if (!at) continue;
		const parent = at.parent as Record<string | number, unknown>;
		changes.push({fix: 'timestamp.drop-zero', pointer, before: parent[at.key], after: undefined});
		delete parent[at.key];
	}
};

/** RFC 3339 in UTC, nanoseconds kept. */
function utcText(value: string): string | undefined {
	const time = parseGoTime(value);
	if (!time) return undefined;
	const iso = new Date(time.seconds * 1000).toISOString().slice(0, 19);
	return time.nanos === 0 ? `${iso}Z` : `${iso}.${String(time.nanos).padStart(9, '0').replace(/0+$/, '')}Z`;
}

const lastUsedInUtc: Transform = (user, context, changes) => {
	for (const pointer of pointersOf(context, 'timestamp.zone-dropped')) {
		const at = place(user, pointer);
		if (!at) continue;
		const parent = at.parent as Record<string | number, unknown>;
		const before = parent[at.key];
		const after = typeof before === 'string' ? utcText(before) : undefined;
		if (after === undefined) continue;
		parent[at.key] = after;
		changes.push({fix: 'timestamp.to-utc', pointer, before, after});
	}
};

const rewriteBcryptPrefix: Transform = (user, _context, changes) => {
	const password = valueOf(user, 'password');
	if (!isPlainObject(password)) return;
	const hashKey = keyOf(password, 'password');
	const hash = hashKey === undefined ? undefined : password[hashKey];
	if (typeof hash !== 'string' || !(hash.startsWith('$2b$') || hash.startsWith('$2y$'))) return;
	password[hashKey!] = `$2a$${hash.slice(4)}`;
	// The hash is a secret: the log says what changed, not the value
	changes.push({fix: 'password.rewrite-prefix', pointer: '/password/password', before: `${hash.slice(0, 4)}…`, after: '$2a$…'});
};

const clearPassword: Transform = (user, _context, changes) => {
	const key = keyOf(user, 'password');
	if (key === undefined) return;
	delete user[key];
	// The hash is a secret: the log says that it went, not what it was
	changes.push({fix: 'password.clear', pointer: '/password', before: '(a hash no sign-in can use)', after: undefined});
};

const normaliseUsername: Transform = (user, _context, changes) => {
	const key = keyOf(user, 'username');
	const name = key === undefined ? undefined : user[key];
	if (typeof name !== 'string') return;
	const normal = goToLower(goTrimSpace(name));
	if (normal === name || !isPresent(normal)) return;
	user[key!] = normal;
	changes.push({fix: 'username.normalise', pointer: '/username', before: name, after: normal});
};

function credentialsOf(user: Fields): Array<{credential: Fields; index: number}> {
	return (listOf(user, 'webauthn_credentials') ?? []).flatMap((credential, index) =>
		isPlainObject(credential) ? [{credential, index}] : [],
	);
}

const clearAaguid: Transform = (user, _context, changes) => {
	for (const {credential, index} of credentialsOf(user)) {
		const key = keyOf(credential, 'aaguid');
		const value = key === undefined ? undefined : credential[key];
		if (value === undefined || value === null) continue;
		// Kept when Hanko takes it, in whatever form gofrs reads: only the refused go
		const uuid = typeof value === 'string' ? parseGofrsUuid(value) : undefined;
		if (uuid !== undefined && (uuid === nilUuid || isV4Canonical(uuid))) continue;
		delete credential[key!];
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
		changes.push({
			fix: 'webauthn.remove-repeat-transport',
			pointer: `/webauthn_credentials/${index}/transports`,
			before: list,
			after: unique,
		});
	}
};

/** sign_count values Go refused as written (12.0, 1e3): an integral one is written again as an integer. */
const integerSignCount: Transform = (user, context, changes) => {
	for (const pointer of pointersOf(context, 'webauthn.sign-count-literal')) {
		const at = place(user, pointer);
		const value = at ? (at.parent as Record<string | number, unknown>)[at.key] : undefined;
		// JSON.parse already holds 12 for 12.0: writing the record gives the integer; a fraction stays refused
		if (typeof value === 'number' && Number.isSafeInteger(value))
			changes.push({fix: 'webauthn.integer-sign-count', pointer, before: '(written with a fraction or an exponent)', after: value});
	}
};

const zeroSignCount: Transform = (user, context, changes) => {
	for (const pointer of pointersOf(context, 'webauthn.sign-count-negative')) {
		const at = place(user, pointer);
		if (!at) continue;
		const parent = at.parent as Record<string | number, unknown>;
		changes.push({fix: 'webauthn.zero-sign-count', pointer, before: parent[at.key], after: 0});
		parent[at.key] = 0;
	}
};

/** The transforms of the fixes that change a record (duplicates and merging are decided by the caller). */
export const transforms: Partial<Record<FixId, Transform>> = {
	'field.lowercase-key': lowercaseKeys,
	'field.drop-unknown': dropUnknown,
	'field.drop-nul': dropNul,
	'field.drop-blank': dropBlank,
	'user-id.lowercase': lowercaseUserId,
	'user-id.generate': generateUserId,
	'username.normalise': normaliseUsername,
	'email.normalise': normaliseEmails,
	'email.remove-repeat': removeRepeatedEmails,
	'email.fill-verified': fillVerified,
	'email.mark-primary': markPrimary,
	'timestamp.normalise': normaliseTimestamps,
	'timestamp.drop-zero': dropZeroTimes,
	'timestamp.to-utc': lastUsedInUtc,
	'password.rewrite-prefix': rewriteBcryptPrefix,
	'password.clear': clearPassword,
	'webauthn.clear-aaguid': clearAaguid,
	'webauthn.remove-repeat-transport': removeRepeatedTransports,
	'webauthn.integer-sign-count': integerSignCount,
	'webauthn.zero-sign-count': zeroSignCount,
};
