import type {Binding, Screen} from './key-binding.js';

// The keys that edit a line of text, the same in every field (kit/text-input.ts applies them). Bound in
// the keymap so that the help and docs/keys.md list them with the field's other keys.

export const textActions = [
	'cursorLeft',
	'cursorRight',
	'cursorStart',
	'cursorEnd',
	'deleteToStart',
	'deleteToEnd',
	'deleteWord',
	'deleteBack',
	'deleteForward',
] as const;
export type TextAction = (typeof textActions)[number];

export const textScreens: readonly Screen[] = ['path', 'searchInput', 'exportForm', 'convertForm'];

// Alt+Backspace comes before Backspace: Ink reports both as `delete`, the first with `meta`. Ink
// reports the Delete key as the DEL that most terminals send for Backspace, so Delete erases backwards
// and Ctrl+D deletes forwards, as in readline.
export const textKeys: ReadonlyArray<Binding<TextAction>> = [
	{action: 'cursorLeft', keys: [{special: 'leftArrow'}, {ctrl: 'b'}], description: 'move left', screens: textScreens},
	{action: 'cursorRight', keys: [{special: 'rightArrow'}, {ctrl: 'f'}], description: 'move right', screens: textScreens},
	{action: 'cursorStart', keys: [{special: 'home'}, {ctrl: 'a'}], description: 'to the start of the text', screens: textScreens},
	{action: 'cursorEnd', keys: [{special: 'end'}, {ctrl: 'e'}], description: 'to the end of the text', screens: textScreens},
	{action: 'deleteToStart', keys: [{ctrl: 'u'}], description: 'delete to the start', screens: textScreens},
	{action: 'deleteToEnd', keys: [{ctrl: 'k'}], description: 'delete to the end', screens: textScreens},
	{
		action: 'deleteWord',
		keys: [{ctrl: 'w'}, {alt: 'backspace'}],
		description: 'delete the word (or path part) before the cursor',
		screens: textScreens,
	},
	{
		action: 'deleteBack',
		keys: [{special: 'backspace'}, {special: 'delete'}],
		description: 'delete the character before the cursor',
		screens: textScreens,
	},
	{action: 'deleteForward', keys: [{ctrl: 'd'}], description: 'delete the character at the cursor', screens: textScreens},
];
