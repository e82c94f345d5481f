import type {ExportProgress, ExportSummary} from '../../core/export/export-run.js';
import type {Action} from '../kit/keymap.js';
import {commonActions} from '../kit/common-keys.js';
import {erasedFrom, typedInto} from '../kit/text-input.js';
import {exportActions} from './export-keys.js';

// The export screen's state and what each key does to it, without React: the form (API URL, key, output
// file), the run (progress, pause, cancel after asking, recent events) and its end.

export type ExportField = 'url' | 'key' | 'out' | 'deep';

type TextField = Exclude<ExportField, 'deep'>;

export type ExportState = {
	stage: 'form' | 'running' | 'done' | 'failed';
	field: ExportField;
	url: string;
	/** Held in memory only: never written anywhere, shown as dots. */
	key: string;
	/** The key came from HANKO_API_KEY: the field says so instead of asking. */
	keyFromEnv: boolean;
	out: string;
	/** Read every user once more to count passwords and OTP secrets (`--deep`). */
	deep: boolean;
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
	return {
		stage: 'form',
		field: values.url ? (values.key ? 'out' : 'key') : 'url',
		url: values.url ?? '',
		key: values.key ?? '',
		keyFromEnv: Boolean(values.key),
		out: values.out ?? 'hanko-users.json',
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
			if (state.stage !== 'form' || (state.field === 'key' && state.keyFromEnv)) return state;
			// The checkbox: a space (or x) toggles it
			if (state.field === 'deep') return /[ x]/i.test(action.text) ? {...state, deep: !state.deep, message: ''} : state;
			return edited(state, state.field, typedInto(state[state.field], action.text));
		}

		case 'erase': {
			if (state.stage !== 'form' || state.field === 'deep' || (state.field === 'key' && state.keyFromEnv)) return state;
			return edited(state, state.field, erasedFrom(state[state.field]));
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
		if (key === 'nextField') return {...state, field: fields[(fields.indexOf(state.field) + 1) % fields.length]!};
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

function edited(state: ExportState, field: TextField, value: string): ExportState {
	return {...state, [field]: value, rememberUrl: state.rememberUrl || field === 'url', message: ''};
}

/** The screen cancels the run when this holds: a second cancel key while the question stands. */
export function cancelConfirmed(before: ExportState, key: ExportKeyAction): boolean {
	return before.stage === 'running' && before.confirmingCancel && (key === 'cancelExport' || key === 'back');
}
