// The one line of text every field edits (the path input, the search, the export and convert forms):
// a value and a cursor, and what a key press does to them. No React or Ink import: the screens'
// reducers call `edit`, and it is tested without a terminal.

import {matchesKey} from './keymap.js';
import type {KeyPress} from './key-binding.js';
import {textKeys, type TextAction} from './text-keys.js';

/** `cursor` counts code points before it, so it never splits a surrogate pair (an emoji). */
export type TextField = {value: string; cursor: number};

/** A field holding `value` with the cursor at its end. */
export function fieldOf(value: string): TextField {
	return {value, cursor: [...value].length};
}

/** Where a burst of keys stopped: a return or a Tab in it is the screen's key, not text. */
export type EditStop = 'return' | 'tab';

export type EditResult = {
	field: TextField;
	/** A return or Tab ended the burst: the text before it is applied, the screen acts on the key. */
	stop?: EditStop;
	/** What came after the stop, for the screen's next handler. */
	rest: string;
};

// Controls a paste may hold (a line feed, a bell): they are no part of a line of text
const control = /[\u0000-\u001F\u007F-\u009F]/;

function insert(field: TextField, text: string): TextField {
	const chars = [...field.value];
	const typed = [...text];
	chars.splice(field.cursor, 0, ...typed);
	return {value: chars.join(''), cursor: field.cursor + typed.length};
}

// A word ends at a space or a slash, so Ctrl+W takes back one part of a path, as in a shell
const separator = /[\s/]/;

function wordStart(chars: readonly string[], cursor: number): number {
	let start = cursor;
	while (start > 0 && separator.test(chars[start - 1]!)) start--;
	while (start > 0 && !separator.test(chars[start - 1]!)) start--;
	return start;
}

/** The editing action of a Ctrl+letter character (U+0001 to U+001A) by the keymap, if it has one. */
function ctrlAction(char: string): TextAction | undefined {
	const code = char.codePointAt(0)!;
	return code >= 1 && code <= 26 ? textActionFor(String.fromCodePoint(code + 96), {ctrl: true}) : undefined;
}

/** What one editing action does to the field. */
export function applyTextAction(field: TextField, action: TextAction): TextField {
	const chars = [...field.value];
	const {cursor} = field;
	const cut = (from: number, to: number, at: number): TextField => ({
		value: [...chars.slice(0, from), ...chars.slice(to)].join(''),
		cursor: at,
	});
	switch (action) {
		case 'cursorLeft': {
			return {...field, cursor: Math.max(0, cursor - 1)};
		}

		case 'cursorRight': {
			return {...field, cursor: Math.min(chars.length, cursor + 1)};
		}

		case 'cursorStart': {
			return {...field, cursor: 0};
		}

		case 'cursorEnd': {
			return {...field, cursor: chars.length};
		}

		case 'deleteToStart': {
			return cut(0, cursor, 0);
		}

		case 'deleteToEnd': {
			return cut(cursor, chars.length, cursor);
		}

		case 'deleteWord': {
			const start = wordStart(chars, cursor);
			return cut(start, cursor, start);
		}

		case 'deleteBack': {
			return cursor === 0 ? field : cut(cursor - 1, cursor, cursor - 1);
		}

		case 'deleteForward': {
			return cut(cursor, cursor + 1, cursor);
		}
	}
}

/** The editing action a key press stands for, by the keymap's text keys. */
export function textActionFor(input: string, key: KeyPress): TextAction | undefined {
	return textKeys.find(binding => binding.keys.some(spec => matchesKey(spec, input, key)))?.action;
}

/**
 * What a key press does to a field. Keys that arrived in one read (a held key, a paste, keys coalesced
 * over SSH) come as one `input` string and are taken in order: printable runs are inserted, a DEL or
 * BS in them erases before the cursor, a Ctrl key of the text keys acts, and a return or Tab stops
 * the burst (`rest` is what followed it). Undefined for keys that are the screen's (Enter, Tab, Esc
 * alone, ↑/↓, Ctrl keys the text keys do not bind), which go to its keymap.
 */
export function edit(field: TextField, input: string, key: KeyPress): EditResult | undefined {
	const action = textActionFor(input, key);
	if (action) return {field: applyTextAction(field, action), rest: ''};
	if (key.ctrl || key.meta || key.escape || key.tab || key.return || key.upArrow || key.downArrow || key.pageUp || key.pageDown)
		return undefined;
	if (key.backspace || key.delete || key.home || key.end || key.leftArrow || key.rightArrow) return {field, rest: ''};
	let next = field;
	let run = '';
	const chars = [...input];
	for (const [index, char] of chars.entries()) {
		if (char === '\r' || char === '\t') {
			return {field: insert(next, run), stop: char === '\r' ? 'return' : 'tab', rest: chars.slice(index + 1).join('')};
		}

		// A Ctrl key in a burst (Ctrl+A, then text) is what it would be alone
		const ctrlKey = char === '\u007F' || char === '\b' ? 'deleteBack' : ctrlAction(char);
		if (ctrlKey) {
			next = applyTextAction(insert(next, run), ctrlKey);
			run = '';
		} else if (!control.test(char)) {
			run += char;
		}
	}

	return {field: insert(next, run), rest: ''};
}

/** The value with a bar at the cursor, for a view to draw; `show` makes each side safe (or hides it). */
export function withCursor(field: TextField, show: (text: string) => string = text => text, mark = '▏'): string {
	const chars = [...field.value];
	return show(chars.slice(0, field.cursor).join('')) + mark + show(chars.slice(field.cursor).join(''));
}

/**
 * `withCursor` within `width` columns (one a character): a long value keeps its end in view (a path
 * keeps its file name) unless the cursor is away from it, in which case the part around the cursor shows.
 */
export function fieldWindow(field: TextField, width: number, show: (text: string) => string = text => text, mark = '▏'): string {
	const chars = [...field.value];
	const before = [...show(chars.slice(0, field.cursor).join(''))];
	const full = [...before, mark, ...show(chars.slice(field.cursor).join(''))];
	if (full.length <= width) return full.join('');
	const room = Math.max(1, width - 1);
	if (before.length >= full.length - room) return `…${full.slice(full.length - room).join('')}`;
	const start = Math.max(0, before.length - Math.floor(width / 3));
	const inner = start === 0 ? room : Math.max(1, width - 2);
	return (start > 0 ? '…' : '') + full.slice(start, start + inner).join('') + '…';
}
