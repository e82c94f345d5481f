import {type ListWindow, initialWindow, listReducer} from '../kit/list-window.js';
import {type MoveAction, commonActions, moveActions} from '../kit/common-keys.js';
import type {Action, Screen} from '../kit/keymap.js';
import {fixesActions} from '../fixes/fixes-keys.js';
import {validationActions} from './validation-keys.js';
import {count} from '../../core/text/count.js';

// The app's state and what each keymap action does to it: no React, tested as plain functions.

export type ValidationState = {
	screen: Screen;
	list: ListWindow;
	/** The problem whose record the detail view shows, and how far it is scrolled. */
	detail: DetailState | undefined;
	/**
	 * Set after a first `q` while the engine still runs, or a first `q` or Ctrl+C with pending fixes not
	 * written: a second one leaves.
	 */
	confirmingQuit: boolean;
	/** `back` leaves the screen for the one that opened it (the home screen), `all` ends the session. */
	quitting: false | 'back' | 'all';
	/** The fix menu: where it was opened (q returns there), its cursor and length. */
	fixMenu: {from: 'detail' | 'validation'; cursor: number; size: number};
	/** The screen help was opened from, and returns to. */
	helpFrom: Screen;
	/** Set after `y`: a second key says what to copy. */
	copying: boolean;
	/** Set after a first `w`: a second one writes. */
	confirmingWrite: boolean;
	/** The fixed files are being written (then checked again). */
	writing: boolean;
	/** The write (asked with s) splits the output into parts of at most 50 MB, with a manifest. */
	split: boolean;
};

export type DetailState = {
	problem: number;
	/** The first row shown, and the rows of the body and of the view. */
	scroll: number;
	lines: number;
	height: number;
	/** Long lines wrapped, or cut and scrolled sideways from column `left`. */
	wrap: boolean;
	left: number;
	/** The widest line and the view's width: how far `left` can go. */
	widest: number;
	width: number;
	/** The fault has been brought into view (once a view is opened or its wrapping changes). */
	placed: boolean;
};

export type DetailLayout = {
	lines: number;
	height: number;
	widest: number;
	width: number;
	/** Where the fault is brought into view, when the record has one and its text has been read. */
	fault?: {scroll: number; left: number};
};

export type ValidationStateAction =
	/** `running`: the file is still being read; `unsaved`: pending fixes not written (leaving drops them). */
	| {type: 'key'; action: ValidationKeyAction; running: boolean; unsaved?: number}
	/** A key the keymap does not bind here: it only answers a question with "no". */
	| {type: 'stay'}
	| {type: 'rows'; total: number}
	| {type: 'resize'; height: number}
	/** The record has been read (its length), or the terminal or its problem list changed (the room for it). */
	| ({type: 'detailLayout'} & DetailLayout)
	| {type: 'goTo'; index: number}
	/** The fix menu opened with this many choices (from the counts by rule when there is no record). */
	| {type: 'openFixMenu'; from: 'detail' | 'validation'; size: number}
	| {type: 'written'}
	/** The copy question is answered (or any other key came): it closes. */
	| {type: 'copyClosed'};

export function initialValidation(listHeight: number): ValidationState {
	return {
		screen: 'validation',
		list: initialWindow(0, listHeight),
		detail: undefined,
		confirmingQuit: false,
		quitting: false,
		fixMenu: {from: 'validation', cursor: 0, size: 0},
		helpFrom: 'validation',
		confirmingWrite: false,
		copying: false,
		writing: false,
		split: false,
	};
}

const keyActions = new Set<Action>([...commonActions, ...validationActions, ...fixesActions]);
export type ValidationKeyAction = (typeof commonActions)[number] | (typeof validationActions)[number] | (typeof fixesActions)[number];

/** Whether the validation screens have a use for this action (the keymap binds no other here). */
export function isValidationKey(action: Action | undefined): action is ValidationKeyAction {
	return action !== undefined && keyActions.has(action);
}

const listActions = new Set<ValidationKeyAction>(moveActions);
const isMove = (key: ValidationKeyAction): key is MoveAction => listActions.has(key);

export function validationReducer(state: ValidationState, action: ValidationStateAction): ValidationState {
	switch (action.type) {
		case 'rows': {
			return {...state, list: listReducer(state.list, {type: 'setTotal', total: action.total})};
		}

		case 'resize': {
			return {...state, list: listReducer(state.list, {type: 'resize', height: action.height})};
		}

		case 'key': {
			return onKey(state, action.action, action.running, action.unsaved ?? 0);
		}

		case 'goTo': {
			return {...state, list: listReducer(state.list, {type: 'goTo', index: action.index})};
		}

		case 'openFixMenu': {
			return {...state, screen: 'fixMenu', fixMenu: {from: action.from, cursor: 0, size: action.size}, confirmingQuit: false};
		}

		case 'stay': {
			return state.confirmingWrite ? {...state, confirmingWrite: false} : state;
		}

		case 'written': {
			return {...state, writing: false, split: false};
		}

		case 'copyClosed': {
			return {...state, copying: false};
		}

		case 'detailLayout': {
			// Scrolling stops at the record's last page
			if (!state.detail) return state;
			const {lines, height, widest, width, fault} = action;
			const place = fault && !state.detail.placed;
			const scroll = place ? fault.scroll : state.detail.scroll;
			const left = place ? fault.left : state.detail.left;
			return {
				...state,
				detail: {
					...state.detail,
					lines,
					height,
					widest,
					width,
					placed: state.detail.placed || Boolean(fault),
					scroll: Math.min(scroll, Math.max(0, lines - height)),
					left: Math.min(left, maxLeft(widest, width)),
				},
			};
		}
	}
}

function onKey(state: ValidationState, key: ValidationKeyAction, running: boolean, unsaved: number): ValidationState {
	// Ctrl+C quits at once, unless that would drop fixes a person chose: then it asks, as q does
	if (key === 'quit') {
		return unsaved > 0 && !state.confirmingQuit
			? {...state, confirmingQuit: true, confirmingWrite: false}
			: {...state, quitting: 'all'};
	}

	if (state.writing) return state; // Keys wait while the files are written, except Ctrl+C
	if (key === 'write' && (state.screen === 'validation' || state.screen === 'pending')) {
		return state.confirmingWrite
			? {...state, confirmingWrite: false, writing: true, split: false}
			: {...state, confirmingWrite: true, confirmingQuit: false};
	}

	// The screen passes s on only when the question offers the split (an output past 50 MB)
	if (key === 'writeSplit' && state.confirmingWrite) return {...state, confirmingWrite: false, writing: true, split: true};

	if (state.confirmingWrite) return {...state, confirmingWrite: false}; // Any other key: not now
	if (key === 'back') {
		if (state.screen === 'help') return {...state, screen: state.helpFrom};
		if (state.screen === 'preview') return {...state, screen: 'fixMenu'};
		if (state.screen === 'fixMenu') return {...state, screen: state.fixMenu.from};
		if (state.screen !== 'validation') return {...state, screen: 'validation', detail: undefined};
		if ((running || unsaved > 0) && !state.confirmingQuit) return {...state, confirmingQuit: true};
		return {...state, quitting: 'back'};
	}

	// Any other key answers the quit question with "no"
	const calm = state.confirmingQuit ? {...state, confirmingQuit: false} : state;
	if (key === 'help') {
		if (calm.screen === 'help') return {...calm, screen: calm.helpFrom};
		return {...calm, screen: 'help', helpFrom: calm.screen};
	}

	if (calm.screen === 'fixMenu') {
		const {cursor, size} = calm.fixMenu;
		const moved = key === 'down' ? cursor + 1 : key === 'up' ? cursor - 1 : key === 'first' ? 0 : key === 'last' ? size - 1 : undefined;
		if (moved !== undefined) return {...calm, fixMenu: {...calm.fixMenu, cursor: Math.max(0, Math.min(size - 1, moved))}};
		return key === 'chooseFix' && size > 0 ? {...calm, screen: 'preview'} : calm;
	}

	// The preview's `y` is handled by the screen (it adds the fix), then returns where the menu came from
	if (key === 'confirm' && calm.screen === 'preview') return {...calm, screen: calm.fixMenu.from};
	// What to copy is asked next: the screen reads the record and writes to the terminal
	if (key === 'copy' && (calm.screen === 'validation' || calm.screen === 'detail') && (calm.screen === 'detail' || calm.list.total > 0))
		return {...calm, copying: true};
	if (key === 'pending' && calm.screen === 'validation') return {...calm, screen: 'pending'};
	// Every safe fix is shown first (the screen has proposed them); once added, the pending list shows them
	if (key === 'safeFixes' && (calm.screen === 'validation' || calm.screen === 'pending')) return {...calm, screen: 'safeFixes'};
	if (key === 'addSafeFixes' && calm.screen === 'safeFixes') return {...calm, screen: 'pending'};
	if (key === 'open' && calm.screen === 'validation' && calm.list.total > 0) {
		const detail = {
			problem: calm.list.cursor,
			scroll: 0,
			lines: 0,
			height: calm.list.height,
			wrap: false,
			left: 0,
			widest: 0,
			width: 0,
		};
		return {...calm, screen: 'detail', detail: {...detail, placed: false}};
	}

	if (calm.screen === 'detail' && calm.detail) {
		const {detail} = calm;
		// Wrapping changes which row the fault is on: it is brought into view again
		if (key === 'toggleWrap') return {...calm, detail: {...detail, wrap: !detail.wrap, left: 0, scroll: 0, placed: false}};
		if ((key === 'scrollLeft' || key === 'scrollRight') && !detail.wrap) {
			const step = Math.max(1, Math.floor(detail.width / 4)) * (key === 'scrollLeft' ? -1 : 1);
			return {...calm, detail: {...detail, left: Math.max(0, Math.min(maxLeft(detail.widest, detail.width), detail.left + step))}};
		}
	}

	if (isMove(key) && calm.screen === 'detail' && calm.detail) {
		const {lines, height, scroll} = calm.detail;
		return {...calm, detail: {...calm.detail, scroll: Math.min(Math.max(0, lines - height), scrolled(scroll, key, height))}};
	}

	if (isMove(key) && calm.screen === 'validation') {
		return {...calm, list: listReducer(calm.list, {type: key})};
	}

	return calm;
}

/** The furthest the view scrolls sideways: the widest line's end just in view. */
function maxLeft(widest: number, width: number): number {
	return Math.max(0, widest - width + 1);
}

/** The detail view's first line after a scroll key; the view clamps it to the record's length. */
function scrolled(scroll: number, key: MoveAction, height: number): number {
	const steps: Record<MoveAction, number> = {
		down: 1,
		up: -1,
		pageDown: height,
		pageUp: -height,
		halfPageDown: Math.ceil(height / 2),
		halfPageUp: -Math.ceil(height / 2),
		first: Number.NEGATIVE_INFINITY,
		last: Number.POSITIVE_INFINITY, // Clamped to the last page by the caller
	};
	return Math.max(0, scroll + steps[key]);
}

/** The question a first `q` (or Ctrl+C with fixes not written) asks before leaving. */
export function quitQuestion(running: boolean, unsaved: number): string {
	if (unsaved > 0) {
		const fixes = `${count(unsaved)} pending fix${unsaved === 1 ? '' : 'es'}`;
		return `${fixes} not written: q or Ctrl+c again leaves without them, w writes them, any other key stays`;
	}

	return running ? 'Still checking: press q again to quit, any other key to stay' : '';
}
