import {isUuidShape} from '../go/uuid-text.js';
import {isPlainObject} from '../rules/json-values.js';
import {metadataFields, nameFields} from '../convert/profile/hanko-profile-limits.js';

// One line of a profile file (convert --profile): a user's id and what the Admin API sets after the
// import, split into the bodies of its two requests. Keys other than these are ignored, so a line of
// the failures file (the line plus why it failed) can be applied again as it is.

export type ProfileRequests = {
	userId: string;
	/** The body of `PATCH /users/{id}`, when the line has names or a picture. */
	user?: Record<string, string>;
	/** The body of `PATCH /users/{id}/metadata`, when the line has metadata. */
	metadata?: Record<string, Record<string, unknown>>;
};

/** The requests of a line, or why it is not a profile line. */
export function profileRequests(text: string): ProfileRequests | {error: string} {
	let value: unknown;
	try {
		value = JSON.parse(text) as unknown;
	} catch {
		return {error: 'not a profile line: not JSON'};
	}

	if (!isPlainObject(value)) return {error: 'not a profile line: not a JSON object'};
	const userId = value.user_id;
	if (typeof userId !== 'string' || !isUuidShape(userId, true)) return {error: 'not a profile line: no user_id that is a UUID'};
	const requests: ProfileRequests = {userId: userId.toLowerCase()};
	for (const field of [...nameFields, 'picture'] as const) {
		const given = value[field];
		if (typeof given === 'string' && given.trim() !== '') (requests.user ??= {})[field] = given;
		else if (given !== undefined) return {error: `not a profile line: ${field} is not a non-empty string`};
	}

	for (const field of metadataFields) {
		const given = value[field];
		if (isPlainObject(given)) (requests.metadata ??= {})[field] = given;
		else if (given !== undefined) return {error: `not a profile line: ${field} is not an object`};
	}

	if (!requests.user && !requests.metadata) return {error: 'not a profile line: nothing to set'};
	return requests;
}
