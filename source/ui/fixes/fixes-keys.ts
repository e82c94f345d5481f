import type {Binding} from '../kit/key-binding.js';

// The fixing screens' part of the keymap: the detail view's fix key, the fix menu, the preview, the
// pending fixes, and writing them (asked first).

export const fixesActions = [
	'fix',
	'chooseFix',
	'confirm',
	'pending',
	'undo',
	'write',
	'writeSplit',
	'safeFixes',
	'addSafeFixes',
	'undoChange',
	'redoChange',
] as const;
export type FixesAction = (typeof fixesActions)[number];

export const fixesKeys: ReadonlyArray<Binding<FixesAction>> = [
	{
		action: 'fix',
		keys: [{char: 'a'}],
		description: 'choose a fix for this record, or for every problem of its rule',
		status: 'a fix',
		screens: ['detail'],
	},
	{
		action: 'chooseFix',
		keys: [{special: 'return'}],
		description: 'preview the chosen fix',
		status: 'enter preview',
		screens: ['fixMenu'],
	},
	{action: 'confirm', keys: [{char: 'y'}], description: 'add the fix to the pending fixes', status: 'y add', screens: ['preview']},
	{
		action: 'pending',
		keys: [{char: 'p'}],
		description: 'pending fixes: what w will write, each can be taken back',
		status: 'p pending',
		statusRank: 1,
		screens: ['validation'],
	},
	{action: 'undo', keys: [{char: 'u'}], description: 'take the chosen pending fix back', status: 'u undo', screens: ['pending']},
	{
		action: 'safeFixes',
		keys: [{char: 'A'}],
		description: 'every safe fix (what hanko-tui fix applies), with the problems each resolves, to add at once',
		screens: ['validation', 'pending'],
	},
	{
		action: 'addSafeFixes',
		keys: [{char: 'y'}],
		description: 'add them all to the pending fixes (each replaces a pending fix for the same rule)',
		status: 'y add all',
		screens: ['safeFixes'],
	},
	{
		action: 'undoChange',
		keys: [{char: 'z'}],
		description: 'undo the last change to the pending fixes',
		screens: ['validation', 'pending'],
	},
	{action: 'redoChange', keys: [{char: 'Z'}], description: 'redo what z undid', screens: ['validation', 'pending']},
	{
		action: 'write',
		keys: [{char: 'w'}],
		description: 'write the fixed file, rejects, id map and log (asks first)',
		status: 'w write',
		statusRank: 2, // Pending fixes are work that only w keeps
		screens: ['validation', 'pending'],
	},
	{action: 'write', keys: [{char: 'w'}], description: 'asked after a first w: write now; any other key stays', screens: ['writePrompt']},
	{
		action: 'writeSplit',
		keys: [{char: 's'}],
		description:
			"asked after a first w, when the output would pass 50 MB (Hanko Cloud's Console takes up to about 50 MB): write it in parts of at most 50 MB, with a manifest",
		screens: ['writePrompt'],
	},
];
