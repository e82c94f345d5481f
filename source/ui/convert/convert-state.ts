import path from 'node:path';
import {type ConvertFiles, type ConvertProgress, type LossReport, defaultConvertFiles} from '../../core/convert/convert-run.js';
import type {SourceLayout} from '../../core/convert/source-kinds.js';
import {commonActions} from '../kit/common-keys.js';
import type {Action} from '../kit/keymap.js';
import {erasedFrom, typedInto} from '../kit/text-input.js';
import {convertActions} from './convert-keys.js';

// The convert screen's state and what each key does to it, without React: the offer (output file, the
// file beside the export that its passwords need, whether to keep disabled users), the run, the loss
// report before anything is written, and a failure.

export type ConvertField = 'out' | 'aside' | 'disabled';

export type ConvertState = {
	stage: 'form' | 'running' | 'report' | 'failed';
	file: string;
	layout: SourceLayout;
	field: ConvertField;
	out: string;
	/** Auth0's password export or Firebase's hash config, by the source; '' for none. */
	aside: string;
	includeDisabled: boolean;
	/** Where `--rejects` and `--map` put those files; beside the output when not given. */
	rejects: string | undefined;
	map: string | undefined;
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
	values: {out: string; aside?: string; includeDisabled?: boolean; rejects?: string; map?: string},
): ConvertState {
	return {
		stage: 'form',
		file,
		layout,
		field: 'out',
		out: values.out,
		aside: values.aside ?? '',
		includeDisabled: values.includeDisabled ?? false,
		rejects: values.rejects,
		map: values.map,
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
			if (state.stage !== 'form') return state;
			// The flag is a checkbox: space (or x) flips it
			if (state.field === 'disabled')
				return /[ xX]/.test(action.text) ? {...state, includeDisabled: !state.includeDisabled, message: ''} : state;
			return {...state, [state.field]: typedInto(state[state.field], action.text), message: ''};
		}

		case 'erase': {
			if (state.stage !== 'form' || state.field === 'disabled') return state;
			return {...state, [state.field]: erasedFrom(state[state.field]), message: ''};
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
		const fields = fieldsOf(state);
		if (key === 'nextField') return {...state, field: fields[(fields.indexOf(state.field) + 1) % fields.length]!};
		if (key === 'startConvert')
			return state.out.trim() ? {...state, starting: true, message: ''} : {...state, message: 'the output file is missing'};
		return state;
	}

	if (state.stage === 'report' && key === 'writeConverted') return {...state, committing: true};
	if (state.stage === 'failed' && key === 'startConvert') return {...state, stage: 'form', message: '', partlyWritten: false};
	return state;
}
