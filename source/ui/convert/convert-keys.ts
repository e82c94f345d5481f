import type {Binding} from '../kit/key-binding.js';

// The convert screen's part of the keymap: the offer's form (which takes printable keys as text), the
// run, the loss report before anything is written, and a failure.

export const convertActions = [
	'nextField',
	'startConvert',
	'checkAsIs',
	'toggleDisabled',
	'cancelConvert',
	'writeConverted',
	'drop',
] as const;
export type ConvertAction = (typeof convertActions)[number];

export const convertKeys: ReadonlyArray<Binding<ConvertAction | 'back' | 'down' | 'up'>> = [
	{
		action: 'nextField',
		keys: [{special: 'tab'}],
		description: 'next field; in a path field, complete the file name first',
		status: 'Tab complete/next',
		screens: ['convertForm'],
	},
	{action: 'down', keys: [{special: 'downArrow'}], description: 'next field', screens: ['convertForm']},
	{action: 'up', keys: [{special: 'upArrow'}], description: 'previous field', screens: ['convertForm']},
	{
		action: 'back',
		keys: [{special: 'escape'}],
		description: 'back to the home screen (what you typed is kept)',
		status: 'Esc back',
		screens: ['convertForm', 'convertFailed'],
	},
	{
		action: 'startConvert',
		keys: [{special: 'return'}],
		description: 'convert; nothing is written before you have seen the loss report',
		status: 'Enter convert',
		screens: ['convertForm'],
	},
	{
		action: 'checkAsIs',
		keys: [{ctrl: 'o'}],
		description: 'check the file as it is, as an import file, without converting it',
		status: 'Ctrl+o check as is',
		screens: ['convertForm'],
	},
	// Typed into the form like any text; bound here so that the help and the docs name it
	{
		action: 'toggleDisabled',
		keys: [{char: ' '}],
		description: 'on the Disabled users checkbox: keep them or not (`--include-disabled`)',
		screens: ['convertForm'],
	},
	{
		action: 'cancelConvert',
		keys: [{char: 'c'}, {char: 'q'}],
		description: 'cancel: nothing is written',
		status: 'c cancel',
		screens: ['convertRun'],
	},
	{
		action: 'writeConverted',
		keys: [{special: 'return'}],
		description: 'write the import file, the rejects and the id map, then check the file',
		status: 'Enter write',
		screens: ['convertReport'],
	},
	{
		action: 'drop',
		keys: [{char: 'd'}, {char: 'q'}],
		description: 'drop the conversion (nothing is written) and go back to the form',
		status: 'd drop',
		screens: ['convertReport'],
	},
	{
		action: 'startConvert',
		keys: [{special: 'return'}],
		description: 'back to the form, to try again',
		status: 'Enter back to the form',
		screens: ['convertFailed'],
	},
];
