// Editing a line of text typed into a field: what the screens' reducers share.

/** `value` with `text` typed after it; control characters (a pasted line break, an escape) are left out. */
export function typedInto(value: string, text: string): string {
	return value + text.replaceAll(/[\u0000-\u001F\u007F]/g, '');
}

/** `value` without its last character (a whole one, not half of a surrogate pair). */
export function erasedFrom(value: string): string {
	return [...value].slice(0, -1).join('');
}
