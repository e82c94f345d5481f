// What a key binding is, apart from the table of them: each screen's -keys.ts builds its part of the
// keymap from these types, and kit/keymap.ts combines the parts (so the parts never import the whole).

/** The fields of Ink's `Key` that bindings use. */
export type KeyPress = {
	upArrow?: boolean;
	downArrow?: boolean;
	leftArrow?: boolean;
	rightArrow?: boolean;
	pageUp?: boolean;
	pageDown?: boolean;
	home?: boolean;
	end?: boolean;
	return?: boolean;
	escape?: boolean;
	ctrl?: boolean;
	meta?: boolean;
	tab?: boolean;
	backspace?: boolean;
	delete?: boolean;
	/** A turn of the mouse wheel (kit/use-keys.ts): not a key of Ink's. */
	wheelUp?: boolean;
	wheelDown?: boolean;
};

export type Special =
	| 'upArrow'
	| 'downArrow'
	| 'leftArrow'
	| 'rightArrow'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'return'
	| 'escape'
	| 'tab'
	| 'backspace'
	| 'delete'
	| 'wheelUp'
	| 'wheelDown';

/**
 * A key: a printable character, Ctrl plus a character, a special key, or Alt+Backspace (which terminals
 * send as ESC and then DEL or BS: Ink reports `meta` with `delete` or `backspace`).
 */
export type KeySpec = {char: string} | {ctrl: string} | {special: Special} | {alt: 'backspace'};

/**
 * Where a key press is looked up. Besides the screens, the parts of a screen that take keys of their
 * own: the path input, the filter chooser, the search input, and the questions a second key answers
 * (`quitPrompt`, `writePrompt`, `cancelPrompt`, `copyPrompt`: looked up first, any key they do not bind goes on to
 * the screen below and answers "no").
 */
export type Screen =
	| 'home'
	| 'path'
	| 'validation'
	| 'filterChooser'
	| 'searchInput'
	| 'quitPrompt'
	| 'copyPrompt'
	| 'detail'
	| 'fixMenu'
	| 'preview'
	| 'pending'
	| 'safeFixes'
	| 'writePrompt'
	| 'exportForm'
	| 'exportRun'
	| 'cancelPrompt'
	| 'exportDone'
	| 'exportFailed'
	| 'convertForm'
	| 'convertRun'
	| 'convertReport'
	| 'convertFailed'
	| 'targetForm'
	| 'targetRun'
	| 'targetResult'
	| 'targetDetail'
	| 'targetFailed'
	| 'help';

export type Binding<A extends string> = {
	action: A;
	keys: readonly KeySpec[];
	/** Shown in the help screen and docs/keys.md. */
	description: string;
	/** Shown in the status bar when set: the few keys that matter most on that screen. */
	status?: string;
	/**
	 * How long the status hint stays when the bar is too narrow for all: higher stays longer (default
	 * 0; ties go from the last in the table). `? help` and `q` always stay.
	 */
	statusRank?: number;
	screens: readonly Screen[];
};
