// Editing a line of text typed into a field: what the screens' reducers share.

import {type Action, actionFor} from './keymap.js';

/** `value` with `text` typed after it; control characters (a pasted line break, an escape) are left out. */
export function typedInto(value: string, text: string): string {
	return value + text.replaceAll(/[\u0000-\u001F\u007F]/g, '');
}

/** `value` without its last character (a whole one, not half of a surrogate pair). */
export function erasedFrom(value: string): string {
	return [...value].slice(0, -1).join('');
}

/** The fields of Ink's `Key` a form looks at. */
export type FieldKey = {
	ctrl?: boolean;
	meta?: boolean;
	tab?: boolean;
	return?: boolean;
	escape?: boolean;
	backspace?: boolean;
	delete?: boolean;
};

export type FieldEdit<A extends Action = Action> = {type: 'erase'} | {type: 'type'; text: string} | {type: 'key'; action: A};

/**
 * What a key press does to the form of `screen`: text typed, or erased by the keys the keymap binds
 * to `eraseField`. In a paste, a return and a Tab are the keys the keymap binds to Enter and Tab
 * there (submit, next field). Undefined for keys that are the screen's (Ctrl, Tab, Enter or Esc
 * alone), which go to the keymap.
 */
export function fieldEdits(screen: 'exportForm' | 'convertForm', input: string, key: FieldKey): FieldEdit[] | undefined {
	if (key.ctrl || key.meta || key.tab || key.return || key.escape) return undefined;
	if (actionFor(screen, input, key) === 'eraseField') return [{type: 'erase'}];
	return input
		.split(/([\r\t])/)
		.filter(Boolean)
		.flatMap((part): FieldEdit[] => {
			const action = part === '\r' || part === '\t' ? actionFor(screen, '', part === '\r' ? {return: true} : {tab: true}) : undefined;
			if (action) return [{type: 'key', action}];
			return [{type: 'type', text: part}];
		});
}
