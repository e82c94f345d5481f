import {AdminApiError} from './admin-api-error.js';
import type {AdminUser} from './admin-user.js';

// A list item is trusted only as far as it has Hanko's shape: a hostile or broken server could send
// ids that are not UUIDs (then looked up at wrong URLs, or merged in the id set) or no created_at.

const canonicalUuid = /^[\da-fA-F]{8}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{12}$/;

/** The reason `item` is not a user as Hanko sends one, or '' when it is. */
export function userShapeProblem(item: unknown): string {
	if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'not an object';
	const {id, created_at: createdAt} = item as Record<string, unknown>;
	if (typeof id !== 'string' || !canonicalUuid.test(id)) return 'its id is not a UUID';
	if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) return 'its created_at is not a time';
	return '';
}

/** The users of a list body, ids in lower case; throws a message for the first item that is not one. */
export function usersOf(body: unknown, what: string): AdminUser[] {
	if (!Array.isArray(body)) throw new AdminApiError(`${what} did not return a list: is this Hanko's Admin API?`);
	for (const [index, item] of body.entries()) {
		const problem = userShapeProblem(item);
		if (problem) throw new AdminApiError(`${what}: item ${index + 1} is not a Hanko user (${problem})`);
		(item as AdminUser).id = (item as AdminUser).id.toLowerCase();
	}

	return body as AdminUser[];
}
