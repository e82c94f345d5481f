import {isPlainObject} from '../core/rules/json-values.js';
import {goJsonLength} from '../core/convert/profile/go-json-length.js';
import {pictureRefusal, withoutNullMembers} from '../core/convert/profile/check-profile.js';
import {hankoProfileLimits, metadataFields, nameFields} from '../core/convert/profile/hanko-profile-limits.js';
import type {StoredUser} from './generate-admin-users.js';

// The two writes the mock takes, as Hanko answers them (teamhanko/hanko f742d49):
// PATCH /users/{id} (handler/user_admin.go, Patch) and PATCH /users/{id}/metadata
// (handler/metadata_admin.go, dto/admin/metadata.go), in their order of checks. The caller has found
// the id a UUID; `user` is undefined when no such user exists.

export type PatchAnswer = {status: number; body?: unknown};

const badRequest = (message: string): PatchAnswer => ({status: 400, body: {code: 400, message}});
const notFound: PatchAnswer = {status: 404, body: {code: 404, message: 'user not found'}};

/** A field of the body as encoding/json finds it: the exact key first, else one equal but for ASCII case. */
function field(body: Record<string, unknown>, name: string): {present: boolean; value?: unknown} {
	if (name in body) return {present: true, value: body[name]};
	const key = Object.keys(body).find(other => other.toLowerCase() === name);
	return key === undefined ? {present: false} : {present: true, value: body[key]};
}

const patchableFields = ['username', ...nameFields, 'picture'] as const;

/** `PATCH /users/{id}`: names and picture set (null clears), the user as the answer. */
export function patchUser(
	user: StoredUser | undefined,
	text: string,
	answerUser: (user: StoredUser) => unknown,
	findUsername: (name: string) => StoredUser | undefined,
	now = new Date().toISOString(),
): PatchAnswer {
	let body: unknown = {};
	if (text.trim() !== '') {
		try {
			body = JSON.parse(text) as unknown;
		} catch {
			return badRequest('Syntax error: offset 1, error: invalid character');
		}
	}

	if (body !== null && !isPlainObject(body)) return badRequest('Unmarshal type error: expected=handler.PatchUserAdminRequest');
	const given = new Map<string, string | null>();
	for (const name of patchableFields) {
		const found = isPlainObject(body) ? field(body, name) : {present: false};
		if (!found.present) continue;
		if (found.value !== null && typeof found.value !== 'string') return badRequest(`expected string or null: ${name}`);
		given.set(name, found.value === null ? null : (found.value as string));
	}

	for (const [name, value] of given) {
		if (value === null) continue;
		const trimmed = value.trim();
		if (trimmed === '') return badRequest(`${name} must be a non-empty string or null`);
		given.set(name, name === 'username' ? trimmed.toLowerCase() : trimmed);
	}

	const picture = given.get('picture');
	if (typeof picture === 'string' && pictureRefusal(picture)) return badRequest('picture must be a valid http(s) URL or null');
	if (!user) return notFound;
	// The columns are varchar(255); Postgres refuses longer values and NUL characters: Hanko answers 500
	for (const name of nameFields) {
		const value = given.get(name);
		if (typeof value === 'string' && ([...value].length > hankoProfileLimits.nameCharacters || value.includes('\u0000')))
			return {status: 500, body: {code: 500, message: 'Internal Server Error'}};
	}

	const username = given.get('username');
	if (typeof username === 'string') {
		if (!/^\w+$/.test(username)) return badRequest('username is invalid');
		const other = findUsername(username);
		if (other && other.id !== user.id) return {status: 409, body: {code: 409, message: 'username already exists'}};
	}

	for (const name of [...nameFields, 'picture'] as const) {
		if (!given.has(name)) continue;
		const value = given.get(name);
		if (value === null) delete user[name];
		else user[name] = value;
	}

	if (username === null) delete user.username;
	else if (username !== undefined) {
		if (user.username) user.username = {...user.username, username, updated_at: now};
		else user.username = {id: crypto.randomUUID(), username, created_at: now, updated_at: now};
	}

	if (given.size > 0) user.updated_at = now;
	return {status: 200, body: answerUser(user)};
}

/** JSON merge patch as evanphx/json-patch v5 applies it: null removes, objects merge, new values lose their null members. */
function mergePatch(target: unknown, patch: Record<string, unknown>): Record<string, unknown> {
	const merged: Record<string, unknown> = isPlainObject(target) ? {...target} : {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete merged[key];
		else if (isPlainObject(value) && isPlainObject(merged[key])) merged[key] = mergePatch(merged[key], value);
		else merged[key] = withoutNullMembers(value);
	}

	return merged;
}

/** `PATCH /users/{id}/metadata`: merged into what the user has; 200 with the metadata, 204 when none is left. */
export function patchMetadata(user: StoredUser | undefined, text: string): PatchAnswer {
	let body: unknown;
	try {
		body = JSON.parse(text) as unknown;
	} catch {
		return badRequest('body is not valid JSON');
	}

	if (body !== null && !isPlainObject(body)) return badRequest('patch metadata must be null or object');
	const patch: Record<string, unknown> = {};
	if (isPlainObject(body)) {
		for (const key of metadataFields) {
			if (!(key in body)) continue;
			const value = body[key];
			if (value !== null && !isPlainObject(value)) return badRequest(`${key} must be an object or null`);
			// An empty object is no change
			if (value === null || Object.keys(value).length > 0) patch[key] = value;
		}
	}

	if (!user) return notFound;
	const current: Record<string, unknown> = {};
	for (const key of metadataFields) {
		const value = user.metadata?.[key];
		if (isPlainObject(value) && Object.keys(value).length > 0) current[key] = value;
	}

	const merged = body === null ? {} : mergePatch(current, patch);
	for (const key of metadataFields) {
		if (merged[key] !== undefined && goJsonLength(merged[key]) > hankoProfileLimits.metadataCharacters)
			return badRequest(
				`metadata limit exceeded: ${key.replace('_metadata', '')}: ${key.replace('_', ' ')} must not exceed ${hankoProfileLimits.metadataCharacters} characters`,
			);
	}

	const stored: NonNullable<StoredUser['metadata']> = {};
	for (const key of metadataFields) {
		const value = merged[key];
		if (isPlainObject(value) && Object.keys(value).length > 0) stored[key] = value;
	}

	user.metadata = stored;
	return Object.keys(stored).length === 0 ? {status: 204} : {status: 200, body: stored};
}
