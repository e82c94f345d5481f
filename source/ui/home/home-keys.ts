import type {Binding} from '../kit/key-binding.js';

// The home screen's part of the keymap: its menu, and the path input (which takes printable keys as text).

export const homeActions = ['choose', 'openFile', 'export', 'forget', 'complete', 'submitPath', 'closePath'] as const;
export type HomeAction = (typeof homeActions)[number];

export const homeKeys: ReadonlyArray<Binding<HomeAction>> = [
	{action: 'choose', keys: [{special: 'return'}], description: 'open the chosen item', status: 'enter choose', screens: ['home']},
	{action: 'openFile', keys: [{char: 'o'}], description: 'type the path of a file to check', status: 'o open file', screens: ['home']},
	{action: 'export', keys: [{char: 'e'}], description: 'export users from the Admin API', status: 'e export', screens: ['home']},
	{action: 'forget', keys: [{char: 'x'}], description: 'forget the chosen recent file (the file stays)', screens: ['home']},
	{action: 'complete', keys: [{special: 'tab'}], description: 'complete the file name', status: 'Tab complete', screens: ['path']},
	{
		action: 'submitPath',
		keys: [{special: 'return'}],
		description: 'check this file (quotes and backslash escapes read as in a shell)',
		status: 'Enter check',
		screens: ['path'],
	},
	{
		action: 'closePath',
		keys: [{special: 'escape'}],
		description: 'back to the menu (what you typed is kept)',
		status: 'Esc menu',
		screens: ['path'],
	},
];
