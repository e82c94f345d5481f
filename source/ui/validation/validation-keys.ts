import type {Binding} from '../kit/key-binding.js';

// The validation screen's part of the keymap: the problem list, the detail view, the filter chooser,
// the search input and the question before quitting while the check runs.

export const validationActions = [
	'search',
	'nextHit',
	'previousHit',
	'filter',
	'clearFilter',
	'open',
	'applyFilter',
	'fixRule',
	'closeFilter',
	'submitSearch',
	'closeSearch',
	'toggleWrap',
	'scrollLeft',
	'scrollRight',
	'copy',
	'copyUserId',
	'copyEmail',
	'copyPosition',
	'cancelCopy',
	'checkTarget',
	'verifyImport',
] as const;
export type ValidationAction = (typeof validationActions)[number];

export const validationKeys: ReadonlyArray<Binding<ValidationAction | 'down' | 'up' | 'first' | 'last'>> = [
	{
		action: 'search',
		keys: [{char: '/'}],
		description: 'search user ids, emails and messages',
		status: '/ search',
		screens: ['validation'],
	},
	{action: 'nextHit', keys: [{char: 'n'}], description: 'next search hit', screens: ['validation']},
	{action: 'previousHit', keys: [{char: 'N'}], description: 'previous search hit', screens: ['validation']},
	{
		action: 'filter',
		keys: [{char: 'f'}],
		description: 'filter by rule, chosen from the counts by rule',
		status: 'f filter',
		screens: ['validation'],
	},
	// Offered once a file is written (a fixed output, a conversion): the next steps of a migration
	{
		action: 'checkTarget',
		keys: [{char: 'c'}],
		description: 'after a write or a conversion: check the written file against the project before the import (pre-flight)',
		status: 'c check project',
		statusRank: -1, // The banner above the list offers them too: the first to go from a narrow bar
		screens: ['validation'],
	},
	{
		action: 'verifyImport',
		keys: [{char: 'v'}],
		description: 'after a write or a conversion: verify the import of the written file (every user arrived?)',
		status: 'v verify import',
		statusRank: -1,
		screens: ['validation'],
	},
	{
		action: 'clearFilter',
		keys: [{special: 'escape'}],
		description: 'show all problems again (clears the filter only)',
		screens: ['validation'],
	},
	{
		action: 'open',
		keys: [{special: 'return'}],
		description: 'open the record of the problem',
		status: 'enter open',
		statusRank: 1,
		screens: ['validation'],
	},
	{
		action: 'down',
		keys: [{char: 'j'}, {special: 'downArrow'}, {special: 'wheelDown'}],
		description: 'next rule',
		status: 'j/k choose',
		screens: ['filterChooser'],
	},
	{
		action: 'up',
		keys: [{char: 'k'}, {special: 'upArrow'}, {special: 'wheelUp'}],
		description: 'previous rule',
		screens: ['filterChooser'],
	},
	{action: 'first', keys: [{char: 'g'}, {special: 'home'}], description: 'first rule', screens: ['filterChooser']},
	{action: 'last', keys: [{char: 'G'}, {special: 'end'}], description: 'last rule', screens: ['filterChooser']},
	{
		action: 'applyFilter',
		keys: [{special: 'return'}],
		description: 'show only the problems of the chosen rule',
		status: 'Enter filter',
		screens: ['filterChooser'],
	},
	{
		action: 'fixRule',
		keys: [{char: 'a'}],
		description: 'choose a fix for every problem of the chosen rule',
		status: 'a fix',
		screens: ['filterChooser'],
	},
	{
		action: 'closeFilter',
		keys: [{special: 'escape'}, {char: 'q'}, {char: 'f'}],
		description: 'close the chooser (the filter stays as it was)',
		status: 'Esc close',
		screens: ['filterChooser'],
	},
	{
		action: 'toggleWrap',
		keys: [{char: 't'}],
		description: 'wrap long lines, or cut them and scroll sideways',
		status: 't wrap',
		screens: ['detail'],
	},
	{
		action: 'scrollLeft',
		keys: [{char: 'h'}, {special: 'leftArrow'}],
		description: 'scroll long lines to the left',
		status: 'h/l sideways',
		screens: ['detail'],
	},
	{
		action: 'scrollRight',
		keys: [{char: 'l'}, {special: 'rightArrow'}],
		description: 'scroll long lines to the right',
		screens: ['detail'],
	},
	{
		action: 'copy',
		keys: [{char: 'y'}],
		description: "copy the problem's user_id, email or file:line:col to the clipboard (OSC 52), chosen by a second key",
		status: 'y copy',
		screens: ['validation', 'detail'],
	},
	{action: 'copyUserId', keys: [{char: 'u'}], description: "copy the record's user_id", status: 'u user_id', screens: ['copyPrompt']},
	{
		action: 'copyEmail',
		keys: [{char: 'e'}],
		description: "copy the record's primary email",
		status: 'e email',
		screens: ['copyPrompt'],
	},
	{
		action: 'copyPosition',
		keys: [{char: 'p'}],
		description: 'copy where the problem is, as file:line:col',
		status: 'p file:line:col',
		screens: ['copyPrompt'],
	},
	{
		action: 'cancelCopy',
		keys: [{special: 'escape'}],
		description: 'copy nothing (any other key does too, and goes on to the screen)',
		status: 'Esc cancel',
		screens: ['copyPrompt'],
	},
	{
		action: 'submitSearch',
		keys: [{special: 'return'}],
		description: 'search for what was typed',
		status: 'Enter search',
		screens: ['searchInput'],
	},
	{
		action: 'closeSearch',
		keys: [{special: 'escape'}],
		description: 'close the query line (what you typed is kept)',
		status: 'Esc close',
		screens: ['searchInput'],
	},
];

/** Asked after a first q while the file is still being checked. */
export const quitPromptKeys: ReadonlyArray<Binding<'back'>> = [
	{
		action: 'back',
		keys: [{char: 'q'}],
		description: 'asked after a first q while the check runs, or with pending fixes not written: leave now; any other key stays',
		screens: ['quitPrompt'],
	},
];
