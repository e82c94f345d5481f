// SGR mouse reports (`ESC [ < b ; x ; y M` for a press, `m` for a release), which the terminal sends
// once mouse reporting is on (kit/terminal.ts). Ink's useInput knows nothing of them: left alone, a
// wheel turn would reach the key handlers as the text `[<64;10;5M` (typed into a field, and its `M`
// or a `q` of garbage taken as keys). This splitter takes them out of the input; only the wheel is
// used, clicks and moves are dropped. No React or Ink import: tested without a terminal.

export type MouseEvent = {
	/** The wheel's direction; undefined for a click, a release or a move. */
	wheel?: 'up' | 'down';
	/** The button code without the modifier bits: 0-2 buttons, 3 release (X10), 64/65 wheel. */
	button: number;
	shift: boolean;
	alt: boolean;
	ctrl: boolean;
	/** A move with a button held (bit 32). */
	motion: boolean;
	release: boolean;
	/** 1-based, as the terminal counts. */
	x: number;
	y: number;
};

export type InputPart = {kind: 'mouse'; event: MouseEvent} | {kind: 'text'; text: string};

const report = /^\u001B\[<(\d{1,4});(\d{1,5});(\d{1,5})([Mm])/;
// What a report can look like before its end: held back until the next chunk completes it
const reportStart = /^\u001B(?:\[(?:<(?:\d{1,4}(?:;(?:\d{1,5}(?:;\d{0,5})?)?)?)?)?)?$/;

/** The event of one report's numbers. */
export function mouseEvent(code: number, x: number, y: number, final: 'M' | 'm'): MouseEvent {
	// Bits 2, 3, 4: Shift, Alt (Meta), Ctrl; bit 5: motion; bits 6 and 7 select the wheel and extra buttons
	const button = code & ~(4 | 8 | 16 | 32);
	const wheel = button === 64 ? 'up' : button === 65 ? 'down' : undefined;
	return {
		wheel: final === 'M' ? wheel : undefined,
		button,
		shift: (code & 4) !== 0,
		alt: (code & 8) !== 0,
		ctrl: (code & 16) !== 0,
		motion: (code & 32) !== 0,
		release: final === 'm',
		x,
		y,
	};
}

/**
 * A splitter for one input stream: `push` takes a chunk as it was read and returns, in order, the
 * mouse events and the text between them. A report cut across chunks is held until its end arrives
 * (the caller can `flush` what is held when no more input comes for a while); text that is not a
 * report is passed on as it is.
 */
export function createMouseSplitter() {
	let held = '';
	return {
		push(chunk: string): InputPart[] {
			const input = held + chunk;
			held = '';
			const parts: InputPart[] = [];
			let text = '';
			let index = 0;
			while (index < input.length) {
				const escape = input.indexOf('\u001B[<', index);
				const tail = escape === -1 ? input.slice(index) : '';
				if (escape === -1) {
					// Only a lone ESC or `ESC [` at the very end can start a report in the next chunk
					const partial = /\u001B\[?$/.exec(tail);
					if (partial) {
						text += tail.slice(0, partial.index);
						held = tail.slice(partial.index);
					} else text += tail;
					break;
				}

				text += input.slice(index, escape);
				const rest = input.slice(escape);
				const match = report.exec(rest);
				if (match) {
					if (text) parts.push({kind: 'text', text});
					text = '';
					parts.push({
						kind: 'mouse',
						event: mouseEvent(Number(match[1]), Number(match[2]), Number(match[3]), match[4] as 'M' | 'm'),
					});
					index = escape + match[0].length;
					continue;
				}

				if (reportStart.test(rest)) {
					held = rest;
					break;
				}

				// A report cut short (only a program writing to the terminal can do that): dropped up to where
				// it stops, so that its digits are not typed anywhere
				index = escape + /^\u001B\[<[\d;]*/.exec(rest)![0].length;
			}

			if (text) parts.push({kind: 'text', text});
			return parts;
		},
		/** Whatever is held back, as text, and nothing held any more. */
		flush(): string {
			const rest = held;
			held = '';
			return rest;
		},
		/** Whether the start of a report is held back. */
		get holding(): boolean {
			return held !== '';
		},
	};
}
