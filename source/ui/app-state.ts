import {type ListWindow, initialWindow, listReducer} from './list-window.js';
import type {Screen} from './keymap.js';

// The app's state and what each keymap action does to it: no React, tested as plain functions.

export type AppState = {
	screen: Screen;
	list: ListWindow;
	/** Set after a first `q` while the engine still runs: a second `q` quits. */
	confirmingQuit: boolean;
	quitting: boolean;
};

export type AppAction =
	| {type: 'key'; action: string; running: boolean}
	| {type: 'rows'; total: number}
	| {type: 'resize'; height: number};

export function initialApp(listHeight: number): AppState {
	return {screen: 'validation', list: initialWindow(0, listHeight), confirmingQuit: false, quitting: false};
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
	}
}

function onKey(state: AppState, key: string, running: boolean): AppState {
	if (key === 'quit') return {...state, quitting: true};
	if (key === 'back') {
		if (state.screen !== 'validation') return {...state, screen: 'validation'};
		if (running && !state.confirmingQuit) return {...state, confirmingQuit: true};
		return {...state, quitting: true};
	}

	// Any other key answers the quit question with "no"
	const calm = state.confirmingQuit ? {...state, confirmingQuit: false} : state;
	if (key === 'help') return {...calm, screen: calm.screen === 'help' ? 'validation' : 'help'};
	if (listActions.has(key) && calm.screen === 'validation') {
		return {...calm, list: listReducer(calm.list, {type: key as 'down'})};
	}

	return calm;
}
