import path from 'node:path';
import {type ConvertFiles, type ConvertProgress, type LossReport, defaultConvertFiles} from '../../core/convert/convert-run.js';
import type {SourceLayout} from '../../core/convert/source-kinds.js';
import {commonActions} from '../kit/common-keys.js';
import type {Action} from '../kit/keymap.js';
import type {Completion} from '../kit/file-paths.js';
import type {KeyPress} from '../kit/key-binding.js';
import {type TextField, applyTextAction, edit} from '../kit/text-input.js';
import {convertActions} from './convert-keys.js';

// The convert screen's state and what each key does to it, without React: the offer (output file, the
// file beside the export that its passwords need, whether to keep disabled users), the run, the loss
// report before anything is written, and a failure.

export type ConvertField = 'out' | 'aside' | 'disabled';
type PathField = Exclude<ConvertField, 'disabled'>;

export type ConvertState = {
	stage: 'form' | 'running' | 'report' | 'failed';
	file: string;
	layout: SourceLayout;
	field: ConvertField;
	out: string;
	/** Auth0's password export or Firebase's hash config, by the source; '' for none. */
	aside: string;
	includeDisabled: boolean;
	/** Where the cursor is in the path field being edited, in code points (at its end when the field is entered). */
	cursor: number;
	/** Tab in a path field: the screen completes this text from the file system. */
	completing: {field: PathField; typed: string} | undefined;
	/** Where `--rejects` and `--map` put those files; beside the output when not given. */
	rejects: string | undefined;
	map: string | undefined;
	/** Where `--profile` keeps names, pictures and metadata for the Admin API; none when not given. */
	profile: string | undefined;
	message: string;
	/** A failure while putting the files in place, after some of them were. */
	partlyWritten: boolean;
	/** Set by the screen when a run should start. */
	starting: boolean;
	/** Set by the screen when the files should be put in place. */
	committing: boolean;
	progress: ConvertProgress | undefined;
	report: LossReport | undefined;
	files: ConvertFiles | undefined;
};

export type ConvertStateAction =
	| {type: 'key'; action: ConvertKeyAction}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	/** A key press in the form that is not the screen's: the one text input edits the field with it. */
	| {type: 'edit'; input: string; key: KeyPress}
	/** A path field's completion, for the text it was asked for. */
	| {type: 'completed'; field: PathField; typed: string; completion: Completion}
	| {type: 'started'}
	| {type: 'progress'; progress: ConvertProgress}
	| {type: 'converted'; report: LossReport; files: ConvertFiles}
	| {type: 'cancelled'}
	| {type: 'failed'; message: string; partlyWritten?: boolean};

const keyActions = new Set<Action>([...commonActions, ...convertActions]);
export type ConvertKeyAction = (typeof commonActions)[number] | (typeof convertActions)[number];

/** Whether the convert screen has a use for this action (the keymap binds no other here). */
export function isConvertKey(action: Action | undefined): action is ConvertKeyAction {
	return action !== undefined && keyActions.has(action);
}

/** What the second field asks for, by source: only Auth0 and Firebase keep passwords apart. */
export function asideLabel(layout: SourceLayout): string | undefined {
	if (layout.kind === 'auth0') return 'Password export';
	if (layout.kind === 'firebase') return 'Hash config';
	return undefined;
}

export function fieldsOf(state: Pick<ConvertState, 'layout'>): ConvertField[] {
	return asideLabel(state.layout) ? ['out', 'aside', 'disabled'] : ['out', 'disabled'];
}

/** The output the form suggests: beside the export, shown relative to the working folder when inside it. */
export function suggestedOutput(file: string, cwd: string): string {
	const {out} = defaultConvertFiles(file);
	const relative = path.relative(cwd, out);
	return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : out;
}

export function initialConvert(
	file: string,
	layout: SourceLayout,
	values: {out: string; aside?: string; includeDisabled?: boolean; rejects?: string; map?: string; profile?: string},
): ConvertState {
	return {
		stage: 'form',
		file,
		layout,
		field: 'out',
		out: values.out,
		aside: values.aside ?? '',
		includeDisabled: values.includeDisabled ?? false,
		cursor: [...values.out].length,
		completing: undefined,
		rejects: values.rejects,
		map: values.map,
		profile: values.profile,
		message: '',
		partlyWritten: false,
		starting: false,
		committing: false,
		progress: undefined,
		report: undefined,
		files: undefined,
	};
}

export function convertReducer(state: ConvertState, action: ConvertStateAction): ConvertState {
	switch (action.type) {
		case 'type': {
			return convertReducer(state, {type: 'edit', input: action.text, key: {}});
		}

		case 'erase': {
			if (state.stage !== 'form' || state.field === 'disabled') return state;
			return edited(state, state.field, applyTextAction({value: state[state.field], cursor: state.cursor}, 'deleteBack'));
		}

		case 'edit': {
			if (state.stage !== 'form') return state;
			if (state.field === 'disabled') return onKeysTyped(state, action.input, action.key);
			const result = edit({value: state[state.field], cursor: state.cursor}, action.input, action.key);
			if (!result) return state;
			const next = edited(state, state.field, result.field);
			if (result.stop === 'return') return onKey(next, 'startConvert');
			// A Tab in a paste completes the path (or moves on); the rest goes into the next field
			if (result.stop === 'tab') return convertReducer(onKey(next, 'nextField'), {type: 'edit', input: result.rest, key: {}});
			return next;
		}

		case 'completed': {
			const done = {...state, completing: undefined};
			if (state.stage !== 'form' || state.field !== action.field || state[action.field] !== action.typed) return done;
			const {value, candidates} = action.completion;
			// Nothing to add: Tab goes on to the next field, as it does on the checkbox
			if (value === action.typed && candidates.length === 0) return moveField(done, 1);
			return {
				...done,
				[action.field]: value,
				cursor: [...value].length,
				message: candidates.length > 0 ? `${candidates.length} matches: ${candidates.join('  ')}` : '',
			};
		}

		case 'started': {
			return {...state, stage: 'running', starting: false, progress: undefined, report: undefined, message: ''};
		}

		case 'progress': {
			return {...state, progress: action.progress};
		}

		case 'converted': {
			return {...state, stage: 'report', report: action.report, files: action.files};
		}

		case 'cancelled': {
			return {
				...state,
				stage: 'form',
				starting: false,
				committing: false,
				report: undefined,
				message: 'Cancelled: nothing was written.',
			};
		}

		case 'failed': {
			return {
				...state,
				stage: 'failed',
				starting: false,
				committing: false,
				message: action.message,
				partlyWritten: action.partlyWritten ?? false,
			};
		}

		case 'key': {
			return onKey(state, action.action);
		}
	}
}

function onKey(state: ConvertState, key: ConvertKeyAction): ConvertState {
	if (state.stage === 'form') {
		// Tab in a path field completes it first (the screen reads the folder, `completed` moves on)
		if (key === 'nextField')
			return state.field === 'disabled'
				? moveField(state, 1)
				: {...state, completing: {field: state.field, typed: state[state.field]}};
		if (key === 'down') return moveField(state, 1);
		if (key === 'up') return moveField(state, -1);
		if (key === 'startConvert')
			return state.out.trim() ? {...state, starting: true, message: ''} : {...state, message: 'the output file is missing'};
		return state;
	}

	if (state.stage === 'report' && key === 'writeConverted') return {...state, committing: true};
	if (state.stage === 'failed' && key === 'startConvert') return {...state, stage: 'form', message: '', partlyWritten: false};
	return state;
}

function edited(state: ConvertState, field: PathField, value: TextField): ConvertState {
	if (value.value === state[field] && value.cursor === state.cursor) return state;
	return {...state, [field]: value.value, cursor: value.cursor, message: ''};
}

function moveField(state: ConvertState, step: 1 | -1): ConvertState {
	const fields = fieldsOf(state);
	const field = fields[(fields.indexOf(state.field) + step + fields.length) % fields.length]!;
	return {...state, field, cursor: field === 'disabled' ? 0 : [...state[field]].length};
}

/** Keys typed on the checkbox: a space or x flips it; a return or Tab in a burst acts, the rest of it goes on. */
function onKeysTyped(state: ConvertState, input: string, key: KeyPress): ConvertState {
	if (key.ctrl || key.meta || key.escape || key.return || key.tab) return state;
	let next = state;
	const chars = [...input];
	for (const [index, char] of chars.entries()) {
		if (char === '\r') return onKey(next, 'startConvert');
		if (char === '\t') {
			next = onKey(next, 'nextField');
			if (next.field !== 'disabled') return convertReducer(next, {type: 'edit', input: chars.slice(index + 1).join(''), key: {}});
		} else if (/[ x]/i.test(char)) {
			next = {...next, includeDisabled: !next.includeDisabled, message: ''};
		}
	}

	return next;
}
