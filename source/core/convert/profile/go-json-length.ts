// The length in characters of a JSON value as Hanko stores its metadata: Go's encoder writes it compact
// and escapes <, > and & (and U+2028, U+2029) as \u00XX, six characters for one. Postgres counts
// characters (code points), not bytes. A lone surrogate counts as its \uXXXX escape here, where Go
// would write one U+FFFD: an estimate never below the real length.

const escapedByGo = /[<>&\u2028\u2029]/g;

export function goJsonLength(value: unknown): number {
	const text = JSON.stringify(value);
	let length = 0;
	// Code points, not UTF-16 units
	for (const _ of text) length++;
	return length + (text.match(escapedByGo)?.length ?? 0) * 5;
}
