// Two facts about JSON values that the rules and the fixes both need.

/** A JSON object (not an array, not null): the shape of a user and of its parts. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A key as a JSON pointer segment (RFC 6901). */
export function escapePointer(key: string): string {
	return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
