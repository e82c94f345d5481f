// One table of key bindings: the key handlers, the help screen, the status bar and docs/keys.md all
// read it, so what the screen says a key does is what it does. Each screen keeps its part in its own
// -keys.ts; here they are combined. No React or Ink import: it is tested without a terminal, and the
// Ink hooks pass their (input, key) pair straight to `actionFor`.

import {convertActions, convertKeys} from '../convert/convert-keys.js';
import {exportActions, exportKeys} from '../export/export-keys.js';
import {fixesActions, fixesKeys} from '../fixes/fixes-keys.js';
import {homeActions, homeKeys} from '../home/home-keys.js';
import {quitPromptKeys, validationActions, validationKeys} from '../validation/validation-keys.js';
import {commonActions, leaveKeys, moveKeys} from './common-keys.js';
import {textActions, textKeys} from './text-keys.js';
import {targetActions, targetKeys} from '../target/target-keys.js';
import type {Binding, KeyPress, KeySpec, Screen, Special} from './key-binding.js';

export type {Binding, KeyPress, KeySpec, Screen} from './key-binding.js';

/** Every action a key can stand for. */
export const actions = [
	...new Set([
		...commonActions,
		...homeActions,
		...validationActions,
		...fixesActions,
		...exportActions,
		...convertActions,
		...targetActions,
		...textActions,
	]),
];
export type Action = (typeof actions)[number];

/** Every screen, in the order docs/keys.md lists them. */
export const screens: readonly Screen[] = [
	'home',
	'path',
	'validation',
	'filterChooser',
	'searchInput',
	'quitPrompt',
	'copyPrompt',
	'detail',
	'fixMenu',
	'preview',
	'pending',
	'safeFixes',
	'writePrompt',
	'exportForm',
	'exportRun',
	'cancelPrompt',
	'exportDone',
	'exportFailed',
	'convertForm',
	'convertRun',
	'convertReport',
	'convertFailed',
	'targetForm',
	'targetRun',
	'targetResult',
	'targetDetail',
	'targetFailed',
	'help',
];

// The order is the status bar's: moving keys first, help, back and quit last
export const bindings: ReadonlyArray<Binding<Action>> = [
	...moveKeys,
	...homeKeys,
	...validationKeys,
	...quitPromptKeys,
	...fixesKeys,
	...exportKeys,
	...convertKeys,
	...targetKeys,
	...textKeys,
	...leaveKeys,
];

/** Whether this key press is the key `spec` names. */
export function matchesKey(spec: KeySpec, input: string, key: KeyPress): boolean {
	if ('alt' in spec) return key.meta === true && (key.backspace === true || key.delete === true);
	if ('special' in spec) return key[spec.special] === true;
	if ('ctrl' in spec) return key.ctrl === true && input === spec.ctrl;
	return key.ctrl !== true && input === spec.char;
}

/** The action bound to this key press on this screen, if any. */
export function actionFor(screen: Screen, input: string, key: KeyPress): Action | undefined {
	return bindings.find(binding => binding.screens.includes(screen) && binding.keys.some(spec => matchesKey(spec, input, key)))?.action;
}

/**
 * Keys that arrived in one read (`"jjj"` over SSH) are separate presses: one action per character.
 * Special keys come alone.
 */
export function actionsFor(screen: Screen, input: string, key: KeyPress): Action[] {
	if (input.length <= 1 || key.ctrl) {
		const action = actionFor(screen, input, key);
		return action ? [action] : [];
	}

	// A return in a burst of keys arrives as a carriage return character
	return [...input]
		.map(char => actionFor(screen, char, char === '\r' ? {return: true} : {}))
		.filter((action): action is Action => action !== undefined);
}

/** For a `switch` over actions: the compiler proves the cases cover the union. */
export function unhandled(action: never): never {
	throw new Error(`no case for the action ${String(action)}`);
}

export function keyLabel(spec: KeySpec): string {
	if ('char' in spec) return spec.char === ' ' ? 'Space' : spec.char;
	if ('ctrl' in spec) return `Ctrl+${spec.ctrl}`;
	if ('alt' in spec) return 'Alt+Backspace';
	const names: Record<Special, string> = {
		upArrow: '↑',
		downArrow: '↓',
		leftArrow: '←',
		rightArrow: '→',
		pageUp: 'PgUp',
		pageDown: 'PgDn',
		home: 'Home',
		end: 'End',
		return: 'Enter',
		escape: 'Esc',
		tab: 'Tab',
		backspace: 'Backspace',
		delete: 'Delete',
		wheelUp: 'Wheel↑',
		wheelDown: 'Wheel↓',
	};
	return names[spec.special];
}

/** The labels of the keys bound to these actions on this screen, in the table's order. */
export function keysFor(screen: Screen, wanted: readonly Action[]): string[] {
	return bindings
		.filter(binding => binding.screens.includes(screen) && wanted.includes(binding.action))
		.flatMap(binding => binding.keys.map(spec => keyLabel(spec)));
}

/** Rows of the help screen for one screen: keys and what they do. */
export function helpRows(screen: Screen): Array<{keys: string; description: string}> {
	return bindings
		.filter(binding => binding.screens.includes(screen))
		.map(binding => ({
			keys: binding.keys.map(spec => keyLabel(spec)).join(', '),
			description: binding.description,
		}));
}

/** The status bar's text for one screen. */
export function statusLine(screen: Screen, except: readonly Action[] = []): string {
	return bindings
		.filter(binding => binding.screens.includes(screen) && binding.status && !except.includes(binding.action))
		.map(binding => binding.status)
		.join('  ');
}

// Kept in every status bar whatever its width: how to learn the other keys, and how to leave
const alwaysShown = new Set<Action>(['help', 'back', 'quit']);
const movingActions = new Set<Action>(['down', 'up', 'pageDown', 'pageUp', 'halfPageDown', 'halfPageUp', 'first', 'last']);

/**
 * The status bar of a screen within `width` columns: what the screen has to say (`before`, e.g. "2
 * pending"), then its keys. When they do not fit, keys are dropped, the moving keys first (every list
 * has them, and help lists them), then the others by `statusRank`, the last in the table first;
 * `? help` and `q` stay, and what the screen says is cut last.
 */
export function statusBar(
	screen: Screen,
	width: number,
	{before = [], except = []}: {before?: readonly string[]; except?: readonly Action[]} = {},
): string {
	const hints = bindings
		.filter(binding => binding.screens.includes(screen) && binding.status && !except.includes(binding.action))
		.map(binding => ({action: binding.action, text: binding.status!, rank: binding.statusRank ?? 0}));
	const optional = hints.filter(hint => !alwaysShown.has(hint.action));
	const dropOrder = [
		...optional.filter(hint => movingActions.has(hint.action)),
		...optional
			.filter(hint => !movingActions.has(hint.action))
			.reverse()
			.sort((a, b) => a.rank - b.rank),
	];
	const said = before.filter(Boolean).join('   ');
	const compose = (kept: ReadonlyArray<{text: string}>, saying: string) =>
		[saying, kept.map(hint => hint.text).join('  ')].filter(Boolean).join('   ');
	const length = (text: string) => [...text].length;
	let kept = hints;
	for (const dropped of dropOrder) {
		if (length(compose(kept, said)) <= width) return compose(kept, said);
		kept = kept.filter(hint => hint !== dropped);
	}

	const keys = compose(kept, '');
	const room = width - length(keys) - 3;
	if (!said || length(said) <= room) return compose(kept, said);
	return room > 1 ? compose(kept, `${[...said].slice(0, room - 1).join('')}…`) : keys;
}
