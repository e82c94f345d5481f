import type {ExportProgress, ExportSummary} from '../core/export/export-run.js';
import {erasedFrom, typedInto} from './text-input.js';

// The export pane's state and what each key does to it, without React: the form (API URL, key, output
// file), the run (progress, pause, cancel after asking, recent events) and its end.

export type ExportField = 'url' | 'key' | 'out';

export type ExportPaneState = {
	stage: 'form' | 'running' | 'done' | 'failed';
	field: ExportField;
	url: string;
	/** Held in memory only: never written anywhere, shown as dots. */
	key: string;
	/** The key came from HANKO_API_KEY: the field says so instead of asking. */
	keyFromEnv: boolean;
	out: string;
	message: string;
	paused: boolean;
	confirmingCancel: boolean;
	/** Set by the screen when a run should start (Enter on a complete form). */
	starting: boolean;
	progress: ExportProgress | undefined;
	events: readonly string[];
	summary: ExportSummary | undefined;
};

export type ExportPaneAction =
	| {type: 'key'; action: string}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'started'}
	| {type: 'progress'; progress: ExportProgress}
	| {type: 'event'; text: string}
	| {type: 'finished'; summary: ExportSummary}
	| {type: 'failed'; message: string};

const fields: readonly ExportField[] = ['url', 'key', 'out'];
const keptEvents = 5;

export function initialExportPane(values: {url?: string; key?: string; out?: string}): ExportPaneState {
	return {
		stage: 'form', field: values.url ? (values.key ? 'out' : 'key') : 'url', url: values.url ?? '', key: values.key ?? '', keyFromEnv: Boolean(values.key),
		out: values.out ?? 'hanko-users.json', message: '', paused: false, confirmingCancel: false, starting: false, progress: undefined, events: [], summary: undefined,
	};
}

/** Why the form cannot start yet, or '' when it can. */
export function formProblem(state: ExportPaneState): string {
	if (!state.url.trim()) return 'the API URL is missing (like https://<tenant>.hanko.io/admin)';
	if (!state.key) return 'the API key is missing (or set HANKO_API_KEY)';
	if (!state.out.trim()) return 'the output file is missing';
	return '';
}

export function exportPaneReducer(state: ExportPaneState, action: ExportPaneAction): ExportPaneState {
	switch (action.type) {
		case 'type': {
			if (state.stage !== 'form' || (state.field === 'key' && state.keyFromEnv)) return state;
			return {...state, [state.field]: typedInto(state[state.field], action.text), message: ''};
		}

		case 'erase': {
			if (state.stage !== 'form' || (state.field === 'key' && state.keyFromEnv)) return state;
			return {...state, [state.field]: erasedFrom(state[state.field]), message: ''};
		}

		case 'started': {
			return {...state, stage: 'running', starting: false, paused: false, confirmingCancel: false, events: [], summary: undefined, message: ''};
		}

		case 'progress': {
			return {...state, progress: action.progress};
		}

		case 'event': {
			return {...state, events: [...state.events, action.text].slice(-keptEvents)};
		}

		case 'finished': {
			return {...state, stage: action.summary.cancelled ? 'form' : 'done', summary: action.summary, confirmingCancel: false, paused: false,
				message: action.summary.cancelled ? 'Cancelled: the checkpoint is kept; Enter resumes where it stopped.' : ''};
		}

		case 'failed': {
			return {...state, stage: 'failed', starting: false, message: action.message, confirmingCancel: false};
		}

		case 'key': {
			return onKey(state, action.action);
		}
	}
}

function onKey(state: ExportPaneState, key: string): ExportPaneState {
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

	// Done or failed: back to the form to try again (a failed run resumes from its checkpoint)
	if (key === 'startExport' && state.stage === 'failed') return {...state, stage: 'form', message: ''};
	return state;
}

/** The screen cancels the run when this holds: a second cancel key while the question stands. */
export function cancelConfirmed(before: ExportPaneState, key: string): boolean {
	return before.stage === 'running' && before.confirmingCancel && (key === 'cancelExport' || key === 'back');
}
