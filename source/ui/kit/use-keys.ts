import {type Key as InkKey, useInput, useStdin} from 'ink';
import {useEffect, useRef, useState} from 'react';
import {createMouseSplitter} from './sgr-mouse.js';

type MouseSplitter = ReturnType<typeof createMouseSplitter>;

// Keys that arrive in one read (a fast typist, a held key, SSH, a paste) are handed over one at a time,
// each after the render the previous one caused: a key that changes the screen (`q`, `?`, `f`, `y`,
// Enter) is followed by keys read against the screen it left, not the one it was pressed on. The queue
// belongs to the terminal's input, not to a screen: keys left when one screen gives way to another go
// to the next one.

/** Ink's key, and the mouse wheel, which Ink does not know. */
type Key = InkKey & {wheelUp?: boolean; wheelDown?: boolean};

/** `split`: one key of a burst, handed over alone. */
type Press = {input: string; key: Key; split?: boolean};

/**
 * The keys not handed over yet, and whether a key has been handed over whose render has not happened:
 * Ink may deliver the keys of one read as separate events in the same tick, before React renders.
 */
type Input = {queue: Press[]; awaitingRender: boolean; handling: boolean; mouse: MouseSplitter};
const inputs = new WeakMap<object, Input>();
function inputOf(stdin: object): Input {
	let input = inputs.get(stdin);
	if (!input) {
		input = {queue: [], awaitingRender: false, handling: false, mouse: createMouseSplitter()};
		inputs.set(stdin, input);
	}

	return input;
}

const plain: InkKey = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/** Whether a read is several printable keys (a special key, or Ctrl or Alt with one, comes alone). */
function isBurst({input, key}: Press): boolean {
	return [...input].length > 1 && !key.ctrl && !key.meta && !key.escape;
}

// The key of text that came after a held mouse report's end: what Ink would have said of it alone
function keyOf(text: string): Key {
	if (text === '\r') return {...plain, return: true};
	if (text === '\t') return {...plain, tab: true};
	if (text === '\u007F' || text === '\b') return {...plain, backspace: true};
	return plain;
}

/**
 * The presses in what Ink read, with mouse reports taken out: a wheel turn becomes a `wheelUp` or
 * `wheelDown` press, which the keymap binds like any key; clicks and moves are dropped. Taken out here,
 * the one place where keys come in, rather than in a stream in front of Ink's stdin: Ink already cuts
 * what it reads into whole escape sequences (and holds one cut across reads), so a report arrives as
 * one event, `[<64;10;5M` with its ESC removed; and a stand-in for stdin would have to imitate a TTY
 * (raw mode, ref, encoding) for Ink, while this also serves ink-testing-library's stdin as it is.
 */
function pressesOf(mouse: MouseSplitter, text: string, key: InkKey): Press[] {
	// Only digits, `;` and the final letter can continue a held report; any other key (Esc, an arrow:
	// Ink gives those without text) ends it, and the piece is dropped
	if (mouse.holding && !/^[\d;Mm]/.test(text)) mouse.flush();
	if (!mouse.holding && !text.startsWith('[<')) return [{input: text, key}];
	const presses: Press[] = [];
	// A report's ESC is put back for the splitter; a piece that follows a held start goes as it came
	for (const part of mouse.push(text.startsWith('[<') ? `\u001B${text}` : text)) {
		if (part.kind === 'text') presses.push({input: part.text, key: part.text === text ? key : keyOf(part.text)});
		else if (part.event.wheel && !part.event.motion)
			presses.push({input: '', key: {...plain, ...(part.event.wheel === 'up' ? {wheelUp: true} : {wheelDown: true})}});
	}

	return presses;
}

type Options = {
	/** A text input has the keys: a burst goes to it whole, as typed text (it reads its own keys in it). */
	text?: boolean;
	/** Keys wait (the screen is leaving, or waits on work a key started): the next screen may take them. */
	paused?: boolean;
	/** Whether this screen reads keys at all (Ink's `isActive`). */
	isActive?: boolean;
};

/**
 * `useInput` with bursts split into keys, each handled after the render of the one before, and the
 * mouse wheel as keys. Every screen takes its keys through here.
 */
export function useKeys(handler: (input: string, key: Key) => void, {text = false, paused = false, isActive = true}: Options = {}): void {
	const {stdin} = useStdin();
	const input = inputOf(stdin);
	const {queue} = input;
	// Renders are counted: the effects of a render from before a key was handled (React flushes them
	// late) must not hand over the next key, only the render that shows what the key did
	const [renders, rendered] = useState(0);
	const awaited = useRef(0);
	const latestRenders = useRef(renders);
	latestRenders.current = renders;
	const options = useRef({text, paused});
	options.current = {text, paused};

	// The handler of the last render: it reads the state that render saw
	const latest = useRef(handler);
	latest.current = handler;
	// Ink renders each state change of a handler at once (React's legacy mode), and flushes the effects
	// of those renders before the next: they must not hand over the next key while this one is handled
	const handle = (text: string, key: Key) => {
		input.handling = true;
		try {
			latest.current(text, key);
		} finally {
			input.handling = false;
		}
	};

	/** Hands over the next key, and asks for a render so that the one after it sees what this one did. */
	const step = () => {
		const head = queue[0];
		if (!head || options.current.paused) return;
		if (options.current.text) {
			// The keys left of a burst go to a text input together again, as the text they are
			let count = 0;
			while (queue[count]?.split) count++;
			const taken = queue.splice(0, Math.max(1, count));
			handle(taken.map(press => press.input).join(''), count > 1 ? plain : taken[0]!.key);
		} else {
			if (isBurst(head)) {
				// A return typed in a burst arrives as a carriage return character
				const keys = [...head.input].map(char => ({
					input: char,
					key: char === '\r' ? {...plain, return: true} : plain,
					split: true,
				}));
				queue.splice(0, 1, ...keys);
			}

			const next = queue.shift()!;
			handle(next.input, next.key);
		}

		// The next key waits for this render, even when this key changed nothing (then it is cheap)
		input.awaitingRender = true;
		awaited.current = latestRenders.current + 1;
		rendered(n => Math.max(n, awaited.current - 1) + 1);
	};

	useEffect(() => {
		if (input.handling || renders < awaited.current) return;
		// After every effect of this render, not among them: the screen's own effects (placing the detail
		// view's fault, say) must see the render of the key before the next key changes the state again
		const next = setImmediate(() => {
			if (input.handling) return;
			input.awaitingRender = false;
			step();
		});
		return () => {
			clearImmediate(next);
		};
	});
	useInput(
		(text, key) => {
			const presses = pressesOf(input.mouse, text, key);
			if (presses.length === 0) return;
			queue.push(...presses);
			// Waiting keys go first: these join the queue behind them
			if (queue.length === presses.length && !input.awaitingRender && !input.handling) step();
			else rendered(n => n + 1);
		},
		{isActive},
	);
}
