import type {Binding} from '../kit/key-binding.js';

// The export screen's part of the keymap: the form (which takes printable keys as text), the run, the
// question before cancelling it, and its end.

export const exportActions = [
	'nextField',
	'startExport',
	'toggleDeep',
	'pauseExport',
	'cancelExport',
	'restartExport',
	'openExported',
	'backToForm',
] as const;
export type ExportAction = (typeof exportActions)[number];

export const exportKeys: ReadonlyArray<Binding<ExportAction | 'back' | 'down' | 'up'>> = [
	{
		action: 'nextField',
		keys: [{special: 'tab'}],
		description: 'next field; in the output file, complete the file name first',
		status: 'Tab complete/next',
		screens: ['exportForm'],
	},
	{action: 'down', keys: [{special: 'downArrow'}], description: 'next field', screens: ['exportForm']},
	{action: 'up', keys: [{special: 'upArrow'}], description: 'previous field', screens: ['exportForm']},
	{
		action: 'startExport',
		keys: [{special: 'return'}],
		description: 'start the export (or resume it from its checkpoint)',
		status: 'Enter start',
		screens: ['exportForm'],
	},
	// Typed into the form like any text; bound here so that the help and the docs name it
	{action: 'toggleDeep', keys: [{char: ' '}], description: 'on the Deep checkbox: tick or untick `--deep`', screens: ['exportForm']},
	{
		action: 'back',
		keys: [{special: 'escape'}],
		description: 'back to the home screen (what you typed is kept)',
		status: 'Esc back',
		screens: ['exportForm'],
	},
	{action: 'pauseExport', keys: [{char: 'p'}], description: 'pause or go on', status: 'p pause', screens: ['exportRun']},
	{
		action: 'cancelExport',
		keys: [{char: 'c'}],
		description: 'cancel (asks first); the checkpoint stays, so the export resumes later',
		status: 'c cancel',
		screens: ['exportRun'],
	},
	{
		action: 'cancelExport',
		keys: [{char: 'c'}, {char: 'q'}],
		description: 'asked after a first c or q: cancel now (the checkpoint is kept); any other key goes on',
		screens: ['cancelPrompt'],
	},
	{
		action: 'restartExport',
		keys: [{char: 'r'}],
		description: "after a failure that the interrupted export's checkpoint causes: discard it and start over (--restart)",
		status: 'r start over',
		screens: ['exportFailed'],
	},
	{
		action: 'backToForm',
		keys: [{special: 'return'}],
		description: 'back to the form, where Enter resumes from the checkpoint',
		status: 'Enter back to the form',
		screens: ['exportFailed'],
	},
	{
		action: 'openExported',
		keys: [{special: 'return'}],
		description: 'check the exported file in the validation screen',
		status: 'Enter check the file',
		screens: ['exportDone'],
	},
];
