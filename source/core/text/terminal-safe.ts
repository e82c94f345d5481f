// The one way text from a file or the network reaches a terminal. A terminal acts on control
// characters (C0, DEL and C1: move the cursor, set the window title, clear the screen), and the
// bidirectional controls reorder what follows them on screen (and U+2028/U+2029 break lines in
// some); each is shown as its \u escape instead, the way JSON writes it, so the person sees what the
// data holds.

const unsafe = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/;
const unsafeAll = new RegExp(unsafe.source, 'g');

function escaped(char: string): string {
	return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with nothing a terminal would act on: one line, whatever it held. */
export function terminalSafe(text: string): string {
	return unsafe.test(text) ? text.replaceAll(unsafeAll, escaped) : text;
}

/** The same for text of our own made of several lines: its line breaks stay. */
export function terminalSafeLines(text: string): string {
	return unsafe.test(text)
		? text
				.split('\n')
				.map(line => terminalSafe(line))
				.join('\n')
		: text;
}
