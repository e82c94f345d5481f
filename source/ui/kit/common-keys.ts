import type {Binding, Screen} from './key-binding.js';

// The keys every screen shares: moving in a list, help, back and quit, and the help screen's own keys.

export const moveActions = ['down', 'up', 'pageDown', 'pageUp', 'halfPageDown', 'halfPageUp', 'first', 'last'] as const;
export type MoveAction = (typeof moveActions)[number];

export const commonActions = [...moveActions, 'help', 'back', 'quit'] as const;
export type CommonAction = (typeof commonActions)[number];

const moving: readonly Screen[] = ['home', 'validation', 'detail', 'fixMenu', 'pending', 'safeFixes', 'targetResult', 'targetDetail'];
const scrolling: readonly Screen[] = ['validation', 'detail', 'targetResult'];
// The target screen past its form (the form takes printable keys as text)
const targetScreens: readonly Screen[] = ['targetRun', 'targetResult', 'targetDetail', 'targetFailed'];
// Text inputs take printable keys as text: only keys that type nothing are bound there
const anywhere: readonly Screen[] = ['home', 'validation', 'detail', 'fixMenu', 'preview', 'pending', 'safeFixes', 'help'];

/** Moving keys: first in the table, so the status bar starts with them. */
export const moveKeys: ReadonlyArray<Binding<MoveAction>> = [
	{
		action: 'down',
		keys: [{char: 'j'}, {special: 'downArrow'}, {special: 'wheelDown'}],
		description: 'next row',
		status: 'j/k move',
		screens: moving,
	},
	{action: 'up', keys: [{char: 'k'}, {special: 'upArrow'}, {special: 'wheelUp'}], description: 'previous row', screens: moving},
	{action: 'pageDown', keys: [{special: 'pageDown'}], description: 'page down', screens: scrolling},
	{action: 'pageUp', keys: [{special: 'pageUp'}], description: 'page up', screens: scrolling},
	{action: 'halfPageDown', keys: [{ctrl: 'd'}], description: 'half a page down', screens: scrolling},
	{action: 'halfPageUp', keys: [{ctrl: 'u'}], description: 'half a page up', screens: scrolling},
	{action: 'first', keys: [{char: 'g'}, {special: 'home'}], description: 'first row', screens: moving},
	{action: 'last', keys: [{char: 'G'}, {special: 'end'}], description: 'last row', screens: moving},
];

/** Help, back and quit: last in the table, so the status bar ends with them. */
export const leaveKeys: ReadonlyArray<Binding<CommonAction>> = [
	{
		action: 'help',
		keys: [{char: '?'}],
		description: 'this help',
		status: '? help',
		screens: [...anywhere, 'exportRun', 'exportDone', 'exportFailed', 'convertRun', 'convertReport', 'convertFailed', ...targetScreens],
	},
	{
		action: 'back',
		keys: [{char: 'q'}],
		description: 'back, or quit (asks first while work runs)',
		status: 'q back/quit',
		// While a check of the target runs, c cancels it (nothing is written): q is not bound there
		screens: [...anywhere, 'exportRun', 'exportDone', 'exportFailed', 'convertFailed', 'targetResult', 'targetDetail', 'targetFailed'],
	},
	// Esc leaves the help screen too: it changes nothing but the view
	{action: 'back', keys: [{special: 'escape'}], description: 'close the help', screens: ['help']},
	{
		action: 'quit',
		keys: [{ctrl: 'c'}],
		description: 'quit now',
		screens: [
			...anywhere,
			'path',
			'filterChooser',
			'searchInput',
			'exportForm',
			'exportRun',
			'exportDone',
			'exportFailed',
			'convertForm',
			'convertRun',
			'convertReport',
			'convertFailed',
			'targetForm',
			...targetScreens,
		],
	},
];
