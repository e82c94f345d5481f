import type {PreflightReport} from '../../core/target/preflight-run.js';
import type {VerifyReport} from '../../core/target/verify-run.js';
import {type ExportField, type ExportState, type ExportStateAction, exportReducer} from '../export/export-state.js';
import {commonActions} from '../kit/common-keys.js';
import type {Action} from '../kit/keymap.js';
import {type ListWindow, initialWindow, listReducer} from '../kit/list-window.js';
import {targetActions} from './target-keys.js';

// The target screen's state without React: a file checked against a project before its import
// (pre-flight: collisions) or after it (verify: users missing or different). Its form is the export's
// (URL, masked key, output file, Deep): the export's reducer edits it, so the two forms behave alike
// and the session hands the URL and key from one to the other.

export type TargetMode = 'preflight' | 'verify';

/** One row of the list: a collision (pre-flight), or a user missing or different (verify). */
export type TargetEntry = {
	record: number;
	kind: 'collision' | 'missing' | 'mismatched';
	/** The row's text after the entry number. */
	summary: string;
	/** What the report says of this record, as label and value, for the detail. */
	fields: ReadonlyArray<readonly [string, string]>;
};

export type TargetProgress = {
	/** Pre-flight: the project's users read so far, and how many it says it has. */
	projectUsers: number;
	projectTotal: number | undefined;
	/** Users of the file checked (pre-flight) or looked up (verify). */
	fileUsers: number;
};

export type TargetState = {
	mode: TargetMode;
	file: string;
	stage: 'form' | 'running' | 'done' | 'failed';
	form: ExportState;
	progress: TargetProgress;
	report: PreflightReport | VerifyReport | undefined;
	entries: readonly TargetEntry[];
	list: ListWindow;
	/** The entry under the cursor is shown in detail. */
	detail: boolean;
	/** The failure in one line (the HTTP status or the reason), or why the run stopped. */
	message: string;
};

export type TargetStateAction =
	/** A key press or an edit of the form: the export's reducer handles it. */
	| {type: 'form'; action: ExportStateAction}
	| {type: 'key'; action: TargetKeyAction}
	| {type: 'started'}
	| {type: 'progress'; progress: Partial<TargetProgress>}
	| {type: 'preflightDone'; report: PreflightReport}
	| {type: 'verifyDone'; report: VerifyReport}
	| {type: 'cancelled'}
	| {type: 'failed'; message: string}
	| {type: 'resize'; height: number};

const keyActions = new Set<Action>([...commonActions, ...targetActions]);
export type TargetKeyAction = (typeof commonActions)[number] | (typeof targetActions)[number];

/** Whether the target screen has a use for this action past its form. */
export function isTargetKey(action: Action | undefined): action is TargetKeyAction {
	return action !== undefined && keyActions.has(action);
}

const noProgress: TargetProgress = {projectUsers: 0, projectTotal: undefined, fileUsers: 0};

/**
 * The screen for `file`, its form filled from the export's as the session keeps it (URL, key, whether
 * the URL is the person's own), writing the delta or retry file `out`.
 */
export function initialTarget(mode: TargetMode, file: string, exportForm: ExportState, out: string, listHeight: number): TargetState {
	const fields: readonly ExportField[] = mode === 'preflight' ? ['url', 'key', 'out'] : ['url', 'key', 'out', 'deep'];
	const field: ExportField = exportForm.url ? (exportForm.key || exportForm.keyFromEnv ? 'out' : 'key') : 'url';
	const form: ExportState = {
		...exportForm,
		stage: 'form',
		fields,
		field,
		out,
		cursor: field === 'out' ? [...out].length : [...exportForm[field]].length,
		completing: undefined,
		deep: false,
		message: '',
		starting: false,
		confirmingCancel: false,
		progress: undefined,
		events: [],
		summary: undefined,
	};
	return {
		mode,
		file,
		stage: 'form',
		form,
		progress: noProgress,
		report: undefined,
		entries: [],
		list: initialWindow(0, listHeight),
		detail: false,
		message: '',
	};
}

/** The collisions of a pre-flight, one row each, with the record's other collisions in its detail. */
export function preflightEntries(report: PreflightReport): TargetEntry[] {
	// Grouped once: a file that collides everywhere has as many collisions as users
	const byRecord = new Map<number, Array<PreflightReport['collisions'][number]>>();
	for (const collision of report.collisions) {
		const same = byRecord.get(collision.record);
		if (same) same.push(collision);
		else byRecord.set(collision.record, [collision]);
	}

	return report.collisions.map(collision => ({
		record: collision.record,
		kind: 'collision',
		summary: `${collision.field} ${collision.value} is held by ${collision.existingUserId}`,
		fields: [
			['field', collision.field],
			['value', collision.value],
			['held by', collision.existingUserId],
			...byRecord
				.get(collision.record)!
				.filter(other => other !== collision)
				.map(other => ['also', `${other.field} ${other.value} (held by ${other.existingUserId})`] as const),
		],
	}));
}

/** The users verify found missing or different, in the file's order. */
export function verifyEntries(report: VerifyReport): TargetEntry[] {
	const missing = report.missing.map((user): TargetEntry => ({
		record: user.record,
		kind: 'missing',
		summary: `missing    ${user.userId ?? user.email ?? '(no id, no primary email)'}`,
		fields: [
			['state', 'not in the project'],
			['user_id', user.userId ?? '(none: Hanko makes one)'],
			['primary email', user.email ?? '(none)'],
		],
	}));
	const mismatched = report.mismatched.map((user): TargetEntry => ({
		record: user.record,
		kind: 'mismatched',
		summary: `different  ${user.userId}: ${user.fields.join(', ')}`,
		fields: [
			['state', 'in the project, not as the file gave it'],
			['user_id', user.userId],
			['differs in', user.fields.join(', ')],
		],
	}));
	return [...missing, ...mismatched].toSorted((a, b) => a.record - b.record);
}

function finished(state: TargetState, report: PreflightReport | VerifyReport, entries: TargetEntry[]): TargetState {
	return {
		...state,
		stage: 'done',
		report,
		entries,
		list: initialWindow(entries.length, state.list.height),
		detail: false,
		message: '',
	};
}

export function targetReducer(state: TargetState, action: TargetStateAction): TargetState {
	switch (action.type) {
		case 'form': {
			if (state.stage !== 'form') return state;
			const form = exportReducer(state.form, action.action);
			return form === state.form ? state : {...state, form};
		}

		case 'started': {
			return {
				...state,
				stage: 'running',
				form: {...state.form, starting: false, message: ''},
				progress: noProgress,
				report: undefined,
				entries: [],
				detail: false,
				message: '',
			};
		}

		case 'progress': {
			return state.stage === 'running' ? {...state, progress: {...state.progress, ...action.progress}} : state;
		}

		case 'preflightDone': {
			return finished(state, action.report, preflightEntries(action.report));
		}

		case 'verifyDone': {
			return finished(state, action.report, verifyEntries(action.report));
		}

		case 'cancelled': {
			return {...state, stage: 'form', form: {...state.form, message: 'Cancelled: nothing was written; Enter starts again.'}};
		}

		case 'failed': {
			return {...state, stage: 'failed', form: {...state.form, starting: false}, message: action.message};
		}

		case 'resize': {
			return {...state, list: listReducer(state.list, {type: 'resize', height: action.height})};
		}

		case 'key': {
			return onKey(state, action.action);
		}
	}
}

function onKey(state: TargetState, key: TargetKeyAction): TargetState {
	if (state.stage === 'done') {
		if (state.detail && key === 'back') return {...state, detail: false};
		if (key === 'showEntry') return state.entries.length > 0 ? {...state, detail: true} : state;
		if (key === 'checkAgain') return {...state, stage: 'form', detail: false};
		switch (key) {
			case 'down':
			case 'up':
			case 'pageDown':
			case 'pageUp':
			case 'halfPageDown':
			case 'halfPageUp':
			case 'first':
			case 'last': {
				// In the detail, the next entry's detail
				return {...state, list: listReducer(state.list, {type: key})};
			}

			default: {
				return state;
			}
		}
	}

	if (state.stage === 'failed' && key === 'checkAgain') return {...state, stage: 'form', message: ''};
	return state;
}

/** Whether `back` leaves the screen here (else it closes the detail). */
export function leavesScreen(state: TargetState): boolean {
	return !(state.stage === 'done' && state.detail);
}

/** The run's outcome as the few lines above the list: counts, the file written, what to do next. */
export function outcomeLines(state: TargetState): string[] {
	const {report} = state;
	if (!report) return [];
	const n = (value: number) => value.toLocaleString('en-US');
	if ('collisions' in report) {
		const colliding = new Set(report.collisions.map(collision => collision.record)).size;
		return [
			`${n(report.users)} users; the project has ${n(report.targetUsers)} (listed); already there (imported before): ${n(report.alreadyPresent.length)}; colliding: ${n(colliding)}`,
			...(report.unreadable.length > 0 ? [`not users (fix the file first): ${n(report.unreadable.length)} records`] : []),
			`Wrote the ${n(report.deltaUsers)} users that can be imported: ${report.delta ?? '(not written)'}`,
			report.collisions.length > 0
				? 'Hanko would refuse this file: import the delta file, and resolve the collisions listed.'
				: report.alreadyPresent.length > 0
					? 'Nothing collides; users imported before would make the whole file fail: import the delta file.'
					: 'Nothing collides: Hanko will take the file as it is.',
		];
	}

	const arrived = report.missing.length + report.mismatched.length === 0;
	return [
		`${n(report.users)} users; in the project as the file gave them: ${n(report.matched)}; missing: ${n(report.missing.length)}; different: ${n(report.mismatched.length)}${report.deep ? '' : ' (passwords and OTP secrets not checked: Deep)'}`,
		...(report.unreadable.length > 0 ? [`not users (fix the file first): ${n(report.unreadable.length)} records`] : []),
		report.retry ? `Wrote the missing users, as an import file: ${report.retry}` : 'Nothing written: no user is missing.',
		arrived ? 'Every user arrived.' : 'Not every user arrived as the file gave it.',
	];
}
