// One table of key bindings: the key handlers, the help screen and the status bar all read it, so
// what the screen says a key does is what it does. No React or Ink import: it is tested without a
// terminal, and the Ink hooks pass their (input, key) pair straight to `actionFor`.

/** The fields of Ink's `Key` that bindings use. */
export type KeyPress = {
	upArrow?: boolean;
	downArrow?: boolean;
	pageUp?: boolean;
	pageDown?: boolean;
	home?: boolean;
	end?: boolean;
	return?: boolean;
	escape?: boolean;
	ctrl?: boolean;
	tab?: boolean;
};

type Special = 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab';

/** A key: a printable character, Ctrl plus a character, or a special key. */
export type KeySpec = {char: string} | {ctrl: string} | {special: Special};

export type Screen = 'home' | 'path' | 'validation' | 'detail' | 'fixMenu' | 'preview' | 'pending' | 'exportForm' | 'exportRun' | 'exportDone' | 'convertForm' | 'convertRun' | 'convertReport' | 'convertFailed' | 'help';

export type Binding = {
	action: string;
	keys: readonly KeySpec[];
	/** Shown in the help screen. */
	description: string;
	/** Shown in the status bar when set: the few keys that matter most on that screen. */
	status?: string;
	screens: readonly Screen[];
};

const home: readonly Screen[] = ['home'];
const list: readonly Screen[] = ['validation'];
const moving: readonly Screen[] = ['home', 'validation', 'detail', 'fixMenu', 'pending'];
const scrolling: readonly Screen[] = ['validation', 'detail'];
// The path input takes printable keys as text: only keys that type nothing are bound there
const anywhere: readonly Screen[] = ['home', 'validation', 'detail', 'fixMenu', 'preview', 'pending', 'help'];

// a key is listed here only once it works.
export const bindings: readonly Binding[] = [
	{action: 'down', keys: [{char: 'j'}, {special: 'downArrow'}], description: 'next row', status: 'j/k move', screens: moving},
	{action: 'up', keys: [{char: 'k'}, {special: 'upArrow'}], description: 'previous row', screens: moving},
	{action: 'pageDown', keys: [{special: 'pageDown'}], description: 'page down', screens: scrolling},
	{action: 'pageUp', keys: [{special: 'pageUp'}], description: 'page up', screens: scrolling},
	{action: 'halfPageDown', keys: [{ctrl: 'd'}], description: 'half a page down', screens: scrolling},
	{action: 'halfPageUp', keys: [{ctrl: 'u'}], description: 'half a page up', screens: scrolling},
	{action: 'first', keys: [{char: 'g'}, {special: 'home'}], description: 'first row', screens: moving},
	{action: 'last', keys: [{char: 'G'}, {special: 'end'}], description: 'last row', screens: moving},
	{action: 'choose', keys: [{special: 'return'}], description: 'open the chosen item', status: 'enter choose', screens: home},
	{action: 'openFile', keys: [{char: 'o'}], description: 'type the path of a file to check', status: 'o open file', screens: home},
	{action: 'export', keys: [{char: 'e'}], description: 'export users from the Admin API', screens: home},
	{action: 'forget', keys: [{char: 'x'}], description: 'forget the chosen recent file (the file stays)', screens: home},
	{action: 'complete', keys: [{special: 'tab'}], description: 'complete the file name', status: 'Tab complete', screens: ['path']},
	{action: 'submitPath', keys: [{special: 'return'}], description: 'check this file', status: 'Enter check', screens: ['path']},
	{action: 'closePath', keys: [{special: 'escape'}], description: 'back to the menu (what you typed is kept)', status: 'Esc menu', screens: ['path']},
	{action: 'search', keys: [{char: '/'}], description: 'search user ids, emails and messages', status: '/ search', screens: list},
	{action: 'nextHit', keys: [{char: 'n'}], description: 'next search hit', screens: list},
	{action: 'previousHit', keys: [{char: 'N'}], description: 'previous search hit', screens: list},
	{action: 'filter', keys: [{char: 'f'}], description: 'filter by rule, chosen from the counts by rule', status: 'f filter', screens: list},
	{action: 'clearFilter', keys: [{special: 'escape'}], description: 'show all problems again (clears the filter only)', screens: list},
	{action: 'open', keys: [{special: 'return'}], description: 'open the record of the problem', status: 'enter open', screens: list},
	{action: 'fix', keys: [{char: 'a'}], description: 'choose a fix for this record, or for every problem of its rule', status: 'a fix', screens: ['detail']},
	{action: 'chooseFix', keys: [{special: 'return'}], description: 'preview the chosen fix', status: 'enter preview', screens: ['fixMenu']},
	{action: 'confirm', keys: [{char: 'y'}], description: 'add the fix to the pending fixes', status: 'y add', screens: ['preview']},
	{action: 'pending', keys: [{char: 'p'}], description: 'pending fixes: what w will write, each can be taken back', status: 'p pending', screens: ['validation']},
	{action: 'undo', keys: [{char: 'u'}], description: 'take the chosen pending fix back', status: 'u undo', screens: ['pending']},
	{action: 'write', keys: [{char: 'w'}], description: 'write the fixed file, rejects, id map and log (asks first)', status: 'w write', screens: ['validation', 'pending']},
	{action: 'nextField', keys: [{special: 'tab'}], description: 'next field', status: 'Tab next field', screens: ['exportForm', 'convertForm']},
	{action: 'startExport', keys: [{special: 'return'}], description: 'start the export (or resume it from its checkpoint)', status: 'Enter start', screens: ['exportForm']},
	// Typed into the form like any text; bound here so that the help and the docs name it
	{action: 'toggleDeep', keys: [{char: ' '}], description: 'on the Deep checkbox: tick or untick `--deep`', screens: ['exportForm']},
	{action: 'back', keys: [{special: 'escape'}], description: 'back to the home screen (what you typed is kept)', status: 'Esc back', screens: ['exportForm', 'convertForm', 'convertFailed']},
	{action: 'pauseExport', keys: [{char: 'p'}], description: 'pause or go on', status: 'p pause', screens: ['exportRun']},
	{action: 'cancelExport', keys: [{char: 'c'}], description: 'cancel (asks first); the checkpoint stays, so the export resumes later', status: 'c cancel', screens: ['exportRun']},
	{action: 'restartExport', keys: [{char: 'r'}], description: 'after a failure that the interrupted export\'s checkpoint causes: discard it and start over (--restart)', status: 'r start over', screens: ['exportDone']},
	{action: 'openExported', keys: [{special: 'return'}], description: 'check the exported file in the validation screen (after a failure: back to the form)', status: 'Enter check the file', screens: ['exportDone']},
	{action: 'startConvert', keys: [{special: 'return'}], description: 'convert; nothing is written before you have seen the loss report', status: 'Enter convert', screens: ['convertForm']},
	{action: 'checkAsIs', keys: [{ctrl: 'o'}], description: 'check the file as it is, as an import file, without converting it', status: 'Ctrl+o check as is', screens: ['convertForm']},
	{action: 'cancelConvert', keys: [{char: 'c'}, {char: 'q'}], description: 'cancel: nothing is written', status: 'c cancel', screens: ['convertRun']},
	{action: 'writeConverted', keys: [{special: 'return'}], description: 'write the import file, the rejects and the id map, then check the file', status: 'Enter write', screens: ['convertReport']},
	{action: 'drop', keys: [{char: 'd'}, {char: 'q'}], description: 'drop the conversion (nothing is written) and go back to the form', status: 'd drop', screens: ['convertReport']},
	{action: 'startConvert', keys: [{special: 'return'}], description: 'back to the form, to try again', status: 'Enter back to the form', screens: ['convertFailed']},
	{action: 'help', keys: [{char: '?'}], description: 'this help', status: '? help', screens: [...anywhere, 'exportRun', 'exportDone', 'convertRun', 'convertReport', 'convertFailed']},
	{action: 'back', keys: [{char: 'q'}], description: 'back, or quit (asks first while work runs)', status: 'q back/quit', screens: [...anywhere, 'exportRun', 'exportDone', 'convertFailed']},
	{action: 'quit', keys: [{ctrl: 'c'}], description: 'quit now', screens: [...anywhere, 'path', 'exportForm', 'exportRun', 'exportDone', 'convertForm', 'convertRun', 'convertReport', 'convertFailed']},
];

function matches(spec: KeySpec, input: string, key: KeyPress): boolean {
	if ('special' in spec) return key[spec.special] === true;
	if ('ctrl' in spec) return key.ctrl === true && input === spec.ctrl;
	return key.ctrl !== true && input === spec.char;
}

/** The action bound to this key press on this screen, if any. */
export function actionFor(screen: Screen, input: string, key: KeyPress): string | undefined {
	return bindings.find(binding => binding.screens.includes(screen) && binding.keys.some(spec => matches(spec, input, key)))?.action;
}

/**
 * Keys that arrived in one read (`"jjj"` over SSH) are separate presses: one action per character.
 * Special keys come alone.
 */
export function actionsFor(screen: Screen, input: string, key: KeyPress): string[] {
	if (input.length <= 1 || key.ctrl) {
		const action = actionFor(screen, input, key);
		return action ? [action] : [];
	}

	// A return in a burst of keys arrives as a carriage return character
	return [...input].map(char => actionFor(screen, char, char === '\r' ? {return: true} : {})).filter((action): action is string => action !== undefined);
}

export function keyLabel(spec: KeySpec): string {
	if ('char' in spec) return spec.char === ' ' ? 'Space' : spec.char;
	if ('ctrl' in spec) return `Ctrl+${spec.ctrl}`;
	const names: Record<Special, string> = {upArrow: '↑', downArrow: '↓', pageUp: 'PgUp', pageDown: 'PgDn', home: 'Home', end: 'End', return: 'Enter', escape: 'Esc', tab: 'Tab'};
	return names[spec.special];
}

/** Rows of the help screen for one screen: keys and what they do. */
export function helpRows(screen: Screen): Array<{keys: string; description: string}> {
	return bindings.filter(binding => binding.screens.includes(screen)).map(binding => ({
		keys: binding.keys.map(spec => keyLabel(spec)).join(', '),
		description: binding.description,
	}));
}

/** The status bar's text for one screen. */
export function statusLine(screen: Screen): string {
	return bindings.filter(binding => binding.screens.includes(screen) && binding.status).map(binding => binding.status).join('  ');
}
