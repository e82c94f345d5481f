// Editing a line of text typed into a field: what the screens' reducers share.

/** `value` with `text` typed after it; control characters (a pasted line break, an escape) are left out. */
export function typedInto(value: string, text: string): string {
	return value + text.replaceAll(/[\u0000-\u001F\u007F]/g, '');
}

/** `value` without its last character (a whole one, not half of a surrogate pair). */
export function erasedFrom(value: string): string {
	return [...value].slice(0, -1).join('');
}

/** The fields of Ink's `Key` a form looks at. */
export type FieldKey = {ctrl?: boolean; meta?: boolean; tab?: boolean; return?: boolean; escape?: boolean; backspace?: boolean; delete?: boolean};

export type FieldEdit = {type: 'erase'} | {type: 'type'; text: string} | {type: 'key'; action: string};

/**
 * What a key press does to a form whose Enter is `submit`: text typed or erased. In a paste, a return
 * submits and a Tab moves to the next field. Undefined for keys that are the screen's (Ctrl, Tab,
 * Enter or Esc alone), which go to the keymap.
 */
export function fieldEdits(input: string, key: FieldKey, submit: string): FieldEdit[] | undefined {
	if (key.ctrl || key.meta || key.tab || key.return || key.escape) return undefined;
	if (key.backspace || key.delete) return [{type: 'erase'}];
	return input.split(/([\r\t])/).filter(Boolean).map(part => {
		if (part === '\r') return {type: 'key', action: submit};
		if (part === '\t') return {type: 'key', action: 'nextField'};
		return {type: 'type', text: part};
	});
}
