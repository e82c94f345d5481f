import {type Key, useInput, useStdin} from 'ink';
import {useEffect, useRef, useState} from 'react';

// Keys that arrive in one read (a fast typist, a held key, SSH, a paste) are handed over one at a time,
// each after the render the previous one caused: a key that changes the screen (`q`, `?`, `f`, `y`,
// Enter) is followed by keys read against the screen it left, not the one it was pressed on. The queue
// belongs to the terminal's input, not to a screen: keys left when one screen gives way to another go
// to the next one.

/** `split`: one key of a burst, handed over alone. */
type Press = {input: string; key: Key; split?: boolean};

/**
 * The keys not handed over yet, and whether a key has been handed over whose render has not happened:
 * Ink may deliver the keys of one read as separate events in the same tick, before React renders.
 */
type Input = {queue: Press[]; awaitingRender: boolean; handling: boolean};
const inputs = new WeakMap<object, Input>();
function inputOf(stdin: object): Input {
	let input = inputs.get(stdin);
	if (!input) {
		input = {queue: [], awaitingRender: false, handling: false};
		inputs.set(stdin, input);
	}

	return input;
}

const plain: Key = {
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

type Options = {
	/** A text input has the keys: a burst goes to it whole, as typed text (it reads its own keys in it). */
	text?: boolean;
	/** Keys wait (the screen is leaving, or waits on work a key started): the next screen may take them. */
	paused?: boolean;
};

/** `useInput` with bursts split into keys, each handled after the render of the one before. */
export function useKeys(handler: (input: string, key: Key) => void, {text = false, paused = false}: Options = {}): void {
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
	useInput((text, key) => {
		queue.push({input: text, key});
		// Waiting keys go first: this one joins the queue behind them
		if (queue.length === 1 && !input.awaitingRender && !input.handling) step();
		else rendered(n => n + 1);
	});
}
