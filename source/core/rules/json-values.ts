// Two facts about JSON values that the rules and the fixes both need.

/** A JSON object (not an array, not null): the shape of a user and of its parts. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A key as a JSON pointer segment (RFC 6901). */
export function escapePointer(key: string): string {
	return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Whether JSON text opens more than `limit` brackets at once, counted in one pass without recursion:
 * a value that deep would overflow the stack of anything that walks it (JSON.stringify among them).
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c) i++;
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) {
			inString = true;
		} else if (c === 0x7b || c === 0x5b) {
			if (++depth > limit) return true;
		} else if (c === 0x7d || c === 0x5d) {
			depth--;
		}
	}

	return false;
}
