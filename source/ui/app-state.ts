import {type ListWindow, initialWindow, listReducer} from './list-window.js';
import type {Screen} from './keymap.js';

// The app's state and what each keymap action does to it: no React, tested as plain functions.

export type AppState = {
	screen: Screen;
	list: ListWindow;
	/** The problem whose record the detail view shows, and how far it is scrolled. */
	detail: {problem: number; scroll: number; lines: number; height: number} | undefined;
	/** Set after a first `q` while the engine still runs: a second `q` quits. */
	confirmingQuit: boolean;
	/** `back` leaves the screen for the one that opened it (the home screen), `all` ends the session. */
	quitting: false | 'back' | 'all';
};

export type AppAction =
	| {type: 'key'; action: string; running: boolean}
	| {type: 'rows'; total: number}
	| {type: 'resize'; height: number}
	/** The record has been read (its length), or the terminal or its problem list changed (the room for it). */
	| {type: 'detailLayout'; lines: number; height: number}
	| {type: 'goTo'; index: number};

export function initialApp(listHeight: number): AppState {
	return {screen: 'validation', list: initialWindow(0, listHeight), detail: undefined, confirmingQuit: false, quitting: false};
}

const listActions = new Set(['down', 'up', 'pageDown', 'pageUp', 'halfPageDown', 'halfPageUp', 'first', 'last']);

export function appReducer(state: AppState, action: AppAction): AppState {
	switch (action.type) {
		case 'rows': {
			return {...state, list: listReducer(state.list, {type: 'setTotal', total: action.total})};
		}

		case 'resize': {
			return {...state, list: listReducer(state.list, {type: 'resize', height: action.height})};
		}

		case 'key': {
			return onKey(state, action.action, action.running);
		}

		case 'goTo': {
			return {...state, list: listReducer(state.list, {type: 'goTo', index: action.index})};
		}

		case 'detailLayout': {
			// Scrolling stops at the record's last page
			if (!state.detail) return state;
			const {lines, height} = action;
			return {...state, detail: {...state.detail, lines, height, scroll: Math.min(state.detail.scroll, Math.max(0, lines - height))}};
		}
	}
}

function onKey(state: AppState, key: string, running: boolean): AppState {
	if (key === 'quit') return {...state, quitting: 'all'};
	if (key === 'back') {
		if (state.screen === 'help' && state.detail) return {...state, screen: 'detail'};
		if (state.screen !== 'validation') return {...state, screen: 'validation', detail: undefined};
		if (running && !state.confirmingQuit) return {...state, confirmingQuit: true};
		return {...state, quitting: 'back'};
	}

	// Any other key answers the quit question with "no"
	const calm = state.confirmingQuit ? {...state, confirmingQuit: false} : state;
	if (key === 'help') {
		if (calm.screen === 'help') return {...calm, screen: calm.detail ? 'detail' : 'validation'};
		return {...calm, screen: 'help'};
	}

	if (key === 'open' && calm.screen === 'validation' && calm.list.total > 0) {
		return {...calm, screen: 'detail', detail: {problem: calm.list.cursor, scroll: 0, lines: 0, height: calm.list.height}};
	}

	if (listActions.has(key) && calm.screen === 'detail' && calm.detail) {
		const {lines, height, scroll} = calm.detail;
		return {...calm, detail: {...calm.detail, scroll: Math.min(Math.max(0, lines - height), scrolled(scroll, key, height))}};
	}

	if (listActions.has(key) && calm.screen === 'validation') {
		return {...calm, list: listReducer(calm.list, {type: key as 'down'})};
	}

	return calm;
}

/** The detail view's first line after a scroll key; the view clamps it to the record's length. */
function scrolled(scroll: number, key: string, height: number): number {
	const steps: Record<string, number> = {
		down: 1, up: -1, pageDown: height, pageUp: -height, halfPageDown: Math.ceil(height / 2), halfPageUp: -Math.ceil(height / 2),
	};
	if (key === 'first') return 0;
	if (key === 'last') return Number.POSITIVE_INFINITY; // Clamped to the last page by the caller
	return Math.max(0, scroll + (steps[key] ?? 0));
}
