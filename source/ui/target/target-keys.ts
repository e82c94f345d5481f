import type {Binding} from '../kit/key-binding.js';

// The target screen's part of the keymap (pre-flight and verify of a file against a project): the form
// it shares with the export (which takes printable keys as text), the run, the list of what was found,
// an entry's detail, and a failure.

export const targetActions = ['startCheck', 'cancelCheck', 'showEntry', 'checkAgain'] as const;
export type TargetAction = (typeof targetActions)[number];

export const targetKeys: ReadonlyArray<Binding<TargetAction | 'nextField' | 'toggleDeep' | 'back' | 'down' | 'up'>> = [
	{
		action: 'nextField',
		keys: [{special: 'tab'}],
		description: 'next field; in the output file, complete the file name first',
		status: 'Tab complete/next',
		screens: ['targetForm'],
	},
	{action: 'down', keys: [{special: 'downArrow'}], description: 'next field', screens: ['targetForm']},
	{action: 'up', keys: [{special: 'upArrow'}], description: 'previous field', screens: ['targetForm']},
	{
		action: 'startCheck',
		keys: [{special: 'return'}],
		description: 'check the file against the project (pre-flight), or verify the import',
		status: 'Enter start',
		screens: ['targetForm'],
	},
	// Typed into the form like any text; bound here so that the help and the docs name it
	{
		action: 'toggleDeep',
		keys: [{char: ' '}],
		description: 'verify, on the Deep checkbox: tick or untick `--deep` (did passwords and OTP secrets arrive)',
		screens: ['targetForm'],
	},
	{
		action: 'back',
		keys: [{special: 'escape'}],
		description: 'back to the screen before (what you typed is kept)',
		status: 'Esc back',
		screens: ['targetForm'],
	},
	{
		action: 'cancelCheck',
		keys: [{char: 'c'}],
		description: 'cancel: back to the form, nothing is written',
		status: 'c cancel',
		screens: ['targetRun'],
	},
	{
		action: 'showEntry',
		keys: [{special: 'return'}],
		description: 'the entry under the cursor in detail: what the report says, and its JSON text',
		status: 'Enter detail',
		screens: ['targetResult'],
	},
	{
		action: 'back',
		keys: [{special: 'escape'}, {special: 'return'}],
		description: 'back to the list',
		status: 'Esc list',
		screens: ['targetDetail'],
	},
	{
		action: 'checkAgain',
		keys: [{char: 'r'}],
		description: 'back to the form, to run it again',
		status: 'r run again',
		screens: ['targetResult'],
	},
	{
		action: 'checkAgain',
		keys: [{special: 'return'}],
		description: 'back to the form, to try again',
		status: 'Enter back to the form',
		screens: ['targetFailed'],
	},
];
