import type {ExportProgress, ExportSummary} from '../../core/export/export-run.js';
import type {Action} from '../kit/keymap.js';
import {commonActions} from '../kit/common-keys.js';
import type {Completion} from '../kit/file-paths.js';
import type {KeyPress} from '../kit/key-binding.js';
import {type TextField, applyTextAction, edit} from '../kit/text-input.js';
import {exportActions} from './export-keys.js';

// The export screen's state and what each key does to it, without React: the form (API URL, key, output
// file), the run (progress, pause, cancel after asking, recent events) and its end.

export type ExportField = 'url' | 'key' | 'out' | 'deep';

type TextName = Exclude<ExportField, 'deep'>;

export type ExportState = {
	stage: 'form' | 'running' | 'done' | 'failed';
	field: ExportField;
	url: string;
	/** Held in memory only: never written anywhere, shown as dots. */
	key: string;
	/** The key came from HANKO_API_KEY: the field says so instead of asking. */
	keyFromEnv: boolean;
	out: string;
	/** Where the cursor is in the field being edited, in code points (at its end when the field is entered). */
	cursor: number;
	/** Tab in the output field: the screen completes this text from the file system. */
	completing: string | undefined;
	/** Read every user once more to count passwords and OTP secrets (`--deep`). */
	deep: boolean;
	/** The fields the form shows, in order (the target screen's pre-flight has no Deep checkbox). */
	fields?: readonly ExportField[];
	/** The URL is the user's own (typed, or a flag): only such a URL is remembered, never the demo's. */
	rememberUrl: boolean;
	/** The last failure goes away by discarding the interrupted export's checkpoint: `r` offers it. */
	restartOffered: boolean;
	/** The next start discards the checkpoint (chosen with `r`, or `--restart` for the first start). */
	restart: boolean;
	message: string;
	paused: boolean;
	confirmingCancel: boolean;
	/** Set by the screen when a run should start (Enter on a complete form). */
	starting: boolean;
	progress: ExportProgress | undefined;
	events: readonly string[];
	summary: ExportSummary | undefined;
};

export type ExportStateAction =
	| {type: 'key'; action: ExportKeyAction}
	/** A key the keymap does not bind here: it answers the cancel question with "no". */
	| {type: 'stay'}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	/** A key press in the form that is not the screen's: the one text input edits the field with it. */
	| {type: 'edit'; input: string; key: KeyPress}
	/** The output field's completion, for the text it was asked for. */
	| {type: 'completed'; typed: string; completion: Completion}
	| {type: 'started'}
	| {type: 'progress'; progress: ExportProgress}
	| {type: 'event'; text: string}
	| {type: 'finished'; summary: ExportSummary}
	| {type: 'failed'; message: string; restartHelps?: boolean};

const keyActions = new Set<Action>([...commonActions, ...exportActions]);
export type ExportKeyAction = (typeof commonActions)[number] | (typeof exportActions)[number];

/** Whether the export screen has a use for this action (the keymap binds no other here). */
export function isExportKey(action: Action | undefined): action is ExportKeyAction {
	return action !== undefined && keyActions.has(action);
}

const fields: readonly ExportField[] = ['url', 'key', 'out', 'deep'];
const keptEvents = 5;

export type ExportDefaults = {
	url?: string;
	key?: string;
	out?: string;
	deep?: boolean;
	restart?: boolean;
	rememberUrl?: boolean;
	/** Start at once when the form is complete (the command line gave the URL and the file). */
	start?: boolean;
};

export function initialExport(values: ExportDefaults): ExportState {
	const form = initialForm(values);
	return values.start && !formProblem(form) ? {...form, starting: true} : form;
}

function initialForm(values: ExportDefaults): ExportState {
	const state = {
		stage: 'form' as const,
		field: values.url ? (values.key ? ('out' as const) : ('key' as const)) : ('url' as const),
		url: values.url ?? '',
		key: values.key ?? '',
		keyFromEnv: Boolean(values.key),
		out: values.out ?? 'hanko-users.json',
		cursor: 0,
		completing: undefined,
		deep: values.deep ?? false,
		rememberUrl: values.rememberUrl ?? true,
		restartOffered: false,
		restart: values.restart ?? false,
		message: '',
		paused: false,
		confirmingCancel: false,
		starting: false,
		progress: undefined,
		events: [],
		summary: undefined,
	};
	return {...state, cursor: endOf(state, state.field)};
}

/** Why the form cannot start yet, or '' when it can. */
export function formProblem(state: ExportState): string {
	if (!state.url.trim()) return 'the API URL is missing (like https://<project>.hanko.io/admin, or http://admin-host:8001 self-hosted)';
	if (!state.out.trim()) return 'the output file is missing';
	return '';
}

export function exportReducer(state: ExportState, action: ExportStateAction): ExportState {
	switch (action.type) {
		case 'type': {
			return exportReducer(state, {type: 'edit', input: action.text, key: {}});
		}

		case 'erase': {
			const field = textField(state);
			return field ? edited(state, field, applyTextAction({value: state[field], cursor: state.cursor}, 'deleteBack')) : state;
		}

		case 'edit': {
			if (state.stage !== 'form') return state;
			const field = textField(state);
			if (!field) return onKeysTyped(state, action.input, action.key);
			const result = edit({value: state[field], cursor: state.cursor}, action.input, action.key);
			if (!result) return state;
			const next = edited(state, field, result.field);
			if (result.stop === 'return') return onKey(next, 'startExport');
			// A Tab in a paste moves on (or completes the output file); the rest goes into the next field
			if (result.stop === 'tab') return exportReducer(onKey(next, 'nextField'), {type: 'edit', input: result.rest, key: {}});
			return next;
		}

		case 'completed': {
			if (state.stage !== 'form' || state.field !== 'out' || state.out !== action.typed) return {...state, completing: undefined};
			const {value, candidates} = action.completion;
			// Nothing to add: Tab goes on to the next field, as it does in the other fields
			if (value === action.typed && candidates.length === 0) return moveField({...state, completing: undefined}, 1);
			return {
				...state,
				out: value,
				cursor: [...value].length,
				completing: undefined,
				message: candidates.length > 0 ? `${candidates.length} matches: ${candidates.join('  ')}` : '',
			};
		}

		case 'started': {
			return {
				...state,
				stage: 'running',
				starting: false,
				restart: false,
				restartOffered: false,
				paused: false,
				confirmingCancel: false,
				events: [],
				summary: undefined,
				message: '',
			};
		}

		case 'progress': {
			return {...state, progress: action.progress};
		}

		case 'event': {
			return {...state, events: [...state.events, action.text].slice(-keptEvents)};
		}

		case 'finished': {
			return {
				...state,
				stage: action.summary.cancelled ? 'form' : 'done',
				summary: action.summary,
				confirmingCancel: false,
				paused: false,
				message: action.summary.cancelled ? 'Cancelled: the checkpoint is kept; Enter resumes where it stopped.' : '',
			};
		}

		case 'failed': {
			return {
				...state,
				stage: 'failed',
				starting: false,
				message: action.message,
				restartOffered: action.restartHelps ?? false,
				confirmingCancel: false,
			};
		}

		case 'key': {
			return onKey(state, action.action);
		}

		case 'stay': {
			return state.confirmingCancel ? {...state, confirmingCancel: false} : state;
		}
	}
}

function onKey(state: ExportState, key: ExportKeyAction): ExportState {
	if (state.stage === 'form') {
		// Tab in the output file completes it first (the screen reads the folder, `completed` moves on)
		if (key === 'nextField') return state.field === 'out' ? {...state, completing: state.out} : moveField(state, 1);
		if (key === 'down') return moveField(state, 1);
		if (key === 'up') return moveField(state, -1);
		if (key === 'startExport') {
			const problem = formProblem(state);
			return problem ? {...state, message: problem} : {...state, starting: true, message: ''};
		}

		return state;
	}

	if (state.stage === 'running') {
		if (key === 'cancelExport' || key === 'back') {
			// Asked first: a second c (or q) cancels; the checkpoint stays, so the same export resumes
			return state.confirmingCancel ? state : {...state, confirmingCancel: true};
		}

		const calm = {...state, confirmingCancel: false};
		if (key === 'pauseExport') return {...calm, paused: !state.paused};
		return calm;
	}

	// Done or failed: back to the form to try again (a failed run resumes from its checkpoint), or
	// start over without the interrupted export's checkpoint when that is what stands in the way
	if (key === 'startExport' && state.stage === 'failed') return {...state, stage: 'form', message: ''};
	if (key === 'restartExport' && state.stage === 'failed' && state.restartOffered)
		return {...state, restart: true, starting: true, message: ''};
	return state;
}

function edited(state: ExportState, field: TextName, value: TextField): ExportState {
	if (value.value === state[field] && value.cursor === state.cursor) return state;
	return {...state, [field]: value.value, cursor: value.cursor, rememberUrl: state.rememberUrl || field === 'url', message: ''};
}

/** The text field being edited, or undefined on the checkbox and on a key that came from the environment. */
function textField(state: ExportState): TextName | undefined {
	if (state.field === 'deep' || (state.field === 'key' && state.keyFromEnv)) return undefined;
	return state.field;
}

function endOf(state: Pick<ExportState, TextName>, field: ExportField): number {
	return field === 'deep' ? 0 : [...state[field]].length;
}

function moveField(state: ExportState, step: 1 | -1): ExportState {
	const shown = state.fields ?? fields;
	const field = shown[(shown.indexOf(state.field) + step + shown.length) % shown.length]!;
	return {...state, field, cursor: endOf(state, field)};
}

/** Keys typed where there is no text to edit: the checkbox ticks with a space or x; a return or Tab in a burst acts. */
function onKeysTyped(state: ExportState, input: string, key: KeyPress): ExportState {
	if (key.ctrl || key.meta || key.escape || key.return || key.tab) return state;
	let next = state;
	const chars = [...input];
	for (const [index, char] of chars.entries()) {
		if (char === '\r') return onKey(next, 'startExport');
		if (char === '\t') {
			next = onKey(next, 'nextField');
			// The rest of the burst is the next field's text
			if (textField(next)) return exportReducer(next, {type: 'edit', input: chars.slice(index + 1).join(''), key: {}});
		} else if (next.field === 'deep' && /[ x]/i.test(char)) {
			next = {...next, deep: !next.deep, message: ''};
		}
	}

	return next;
}

/** The screen cancels the run when this holds: a second cancel key while the question stands. */
export function cancelConfirmed(before: ExportState, key: ExportKeyAction): boolean {
	return before.stage === 'running' && before.confirmingCancel && (key === 'cancelExport' || key === 'back');
}
