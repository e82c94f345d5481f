import {useInput} from 'ink';
import {useRef} from 'react';
import type {KeyPress} from './key-binding.js';
import {createMouseSplitter} from './sgr-mouse.js';

// The key press of text that came after a held report's end: what Ink would have said of it alone
function keyOf(text: string): KeyPress {
	if (text === '\r') return {return: true};
	if (text === '\t') return {tab: true};
	if (text === '\u007F' || text === '\b') return {backspace: true};
	return {};
}

/**
 * Ink's `useInput` with the mouse wheel: every screen takes its keys through this hook, the one place
 * where keys are dispatched, so mouse reports are taken out there and never reach a handler as text.
 * Why here and not in a stream in front of Ink's stdin: Ink already cuts what it reads into whole
 * escape sequences (and holds one cut across reads), so a report arrives as one event, `[<64;10;5M`
 * with its ESC removed; and a stand-in for stdin would have to imitate a TTY (raw mode, ref, encoding)
 * for Ink, while this also serves ink-testing-library's stdin as it is. A wheel turn becomes the key
 * press `wheelUp` or `wheelDown`, which the keymap binds like any key; clicks and moves are dropped.
 */
export function useKeys(handler: (input: string, key: KeyPress) => void, options?: {isActive?: boolean}): void {
	const splitter = useRef(createMouseSplitter());
	useInput((input, key) => {
		const mouse = splitter.current;
		// Only digits, `;` and the final letter can continue a held report; any other key (Esc, an arrow:
		// Ink gives those without text) ends it, and the piece is dropped
		if (mouse.holding && !/^[\d;Mm]/.test(input)) mouse.flush();
		if (!mouse.holding && !input.startsWith('[<')) {
			handler(input, key);
			return;
		}

		// A report's ESC is put back for the splitter; a piece that follows a held start goes as it came
		for (const part of mouse.push(input.startsWith('[<') ? `\u001B${input}` : input)) {
			if (part.kind === 'text') handler(part.text, part.text === input ? key : keyOf(part.text));
			else if (part.event.wheel && !part.event.motion) handler('', part.event.wheel === 'up' ? {wheelUp: true} : {wheelDown: true});
		}
	}, options);
}
