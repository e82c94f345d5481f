import type {ConvertState} from '../convert/convert-state.js';
import type {ExportState} from '../export/export-state.js';
import type {RunStore} from '../validation/run-store.js';
import {defaultDeltaFile, defaultRetryFile} from '../../core/target/output-names.js';
import {type TargetMode, type TargetState, initialTarget} from '../target/target-state.js';

// Which screen the session shows, and what it keeps while the person looks elsewhere, as a reducer:
// no React, tested as plain functions. What needs the world (starting a run, remembering a file,
// ending the session) is the router's (root.tsx); `endsSession` tells it when a step leaves for good.

export type Route =
	| {screen: 'home'}
	/** `target`: the file just written (a fixed output, its split's manifest, a conversion), offered to check against the project. */
	| {screen: 'validation'; store: RunStore; banner: readonly string[]; target?: string}
	| {screen: 'export'}
	| {screen: 'convert'; state: ConvertState}
	/** A file against the project (pre-flight or verify), opened from `back`, where it returns. */
	| {screen: 'target'; state: TargetState; back: Route};

export type Session = {
	route: Route;
	/** The export form as it was left (the key in memory only). */
	exportForm: ExportState;
	/** The convert form as it was left, for the same file opened again (what was typed is kept). */
	convertForm: ConvertState | undefined;
	/** The screen opened at the start ends the session when it closes, unless the home screen follows. */
	direct: boolean;
};

export type RouteAction =
	/** Check a file on the validation screen; `homeAfter`: back from it is the home screen, even if the session began elsewhere. */
	| {type: 'check'; store: RunStore; banner?: readonly string[]; homeAfter?: boolean; target?: string}
	/** The validation screen closed: `all` ends the session, `back` returns to the home screen. */
	| {type: 'closeCheck'; how: 'back' | 'all'}
	| {type: 'openExport'}
	/** Back from the export screen, with its form as it was. */
	| {type: 'closeExport'; form: ExportState}
	/** Offer the conversion of another provider's export: the form left for this file, or `fresh`. */
	| {type: 'offerConversion'; fresh: ConvertState}
	/** Back from the convert screen, with its form as it was. */
	| {type: 'closeConversion'; form: ConvertState}
	/** Check a written file against the project, or verify its import: the form starts from the export's. */
	| {type: 'openTarget'; mode: TargetMode; file: string}
	/** Back from the target screen to the one that opened it; its URL and key are the export's now too. */
	| {type: 'closeTarget'; form: ExportState};

export function initialSession({
	store,
	convert,
	startExport,
	exportForm,
	homeAfter,
}: {
	store?: RunStore;
	convert?: ConvertState;
	startExport: boolean;
	exportForm: ExportState;
	homeAfter: boolean;
}): Session {
	let route: Route = {screen: 'home'};
	if (store) route = {screen: 'validation', store, banner: []};
	else if (convert) route = {screen: 'convert', state: convert};
	else if (startExport) route = {screen: 'export'};
	return {route, exportForm, convertForm: undefined, direct: route.screen !== 'home' && !homeAfter};
}

/** Whether this step ends the session rather than going anywhere: the router exits instead of dispatching it. */
export function endsSession(session: Session, action: RouteAction): boolean {
	switch (action.type) {
		case 'closeCheck': {
			return action.how === 'all' || session.direct;
		}

		case 'closeExport':
		case 'closeConversion': {
			return session.direct;
		}

		case 'check':
		case 'openExport':
		case 'offerConversion':
		case 'openTarget':
		case 'closeTarget': {
			return false;
		}
	}
}

export function routeReducer(session: Session, action: RouteAction): Session {
	switch (action.type) {
		case 'check': {
			return {
				...session,
				route: {
					screen: 'validation',
					store: action.store,
					banner: action.banner ?? [],
					...(action.target !== undefined && {target: action.target}),
				},
				direct: action.homeAfter ? false : session.direct,
			};
		}

		case 'closeCheck': {
			return {...session, route: {screen: 'home'}};
		}

		case 'openExport': {
			return {...session, route: {screen: 'export'}};
		}

		case 'closeExport': {
			// A run that was going is over by now: the form opens as a form again
			return {...session, route: {screen: 'home'}, exportForm: {...action.form, stage: 'form', starting: false}};
		}

		case 'offerConversion': {
			const kept = session.convertForm?.file === action.fresh.file ? session.convertForm : undefined;
			return {...session, route: {screen: 'convert', state: kept ?? action.fresh}};
		}

		case 'closeConversion': {
			return {...session, route: {screen: 'home'}, convertForm: action.form};
		}

		case 'openTarget': {
			const out = action.mode === 'preflight' ? defaultDeltaFile(action.file) : defaultRetryFile(action.file);
			// The list's height is the screen's to set once it knows the terminal
			const state = initialTarget(action.mode, action.file, session.exportForm, out, 10);
			return {...session, route: {screen: 'target', state, back: session.route}};
		}

		case 'closeTarget': {
			if (session.route.screen !== 'target') return session;
			const {url, key, keyFromEnv, rememberUrl} = action.form;
			return {...session, route: session.route.back, exportForm: {...session.exportForm, url, key, keyFromEnv, rememberUrl}};
		}
	}
}
