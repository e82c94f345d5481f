import type {Completion} from './file-paths.js';
import {commonActions} from '../kit/common-keys.js';
import {type Action, actionFor, unhandled} from '../kit/keymap.js';
import {homeActions} from './home-keys.js';
import {erasedFrom} from '../kit/text-input.js';

// The home screen's state and what each keymap action does to it, without React. What needs the file
// system or the settings (checking a path, completing it, forgetting a recent file, quitting) is left
// as `pending` work that the screen carries out and answers with an action.

export type HomeItem = {kind: 'open'} | {kind: 'export'} | {kind: 'recent'; file: string} | {kind: 'quit'};

export type Pending =
	{kind: 'check'; typed: string} | {kind: 'complete'; typed: string} | {kind: 'forget'; file: string} | {kind: 'export'} | {kind: 'quit'};

export type HomeState = {
	screen: 'home' | 'path' | 'help';
	cursor: number;
	recent: readonly string[];
	/** The path input's text: kept when the input closes, so Esc loses nothing. */
	typed: string;
	/** Names Tab found when it could not choose one. */
	candidates: readonly string[];
	/** One line for the person: why a path cannot be opened, what an item does. */
	message: string;
	pending: Pending | undefined;
};

export type HomeStateAction =
	| {type: 'key'; action: HomeKeyAction}
	/** Several keys in one read (a paste, or keys coalesced over SSH): each is handled in turn. */
	| {type: 'burst'; text: string}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'completed'; typed: string; completion: Completion}
	| {type: 'refused'; message: string}
	| {type: 'recent'; files: readonly string[]};

const homeKeyActions = new Set<Action>([...commonActions, ...homeActions]);
export type HomeKeyAction = (typeof commonActions)[number] | (typeof homeActions)[number];

/** Whether the home screen has a use for this action (the keymap binds no other here). */
export function isHomeKey(action: Action | undefined): action is HomeKeyAction {
	return action !== undefined && homeKeyActions.has(action);
}

export function homeItems(recent: readonly string[]): HomeItem[] {
	return [{kind: 'open'}, {kind: 'export'}, ...recent.map(file => ({kind: 'recent' as const, file})), {kind: 'quit'}];
}

export function initialHome(recent: readonly string[]): HomeState {
	return {screen: 'home', cursor: 0, recent, typed: '', candidates: [], message: '', pending: undefined};
}

export function homeReducer(state: HomeState, action: HomeStateAction): HomeState {
	switch (action.type) {
		case 'key': {
			return onKey(state, action.action);
		}

		case 'burst': {
			// The screen can change inside a burst (`o` opens the input): each key meets the state it finds
			let next = state;
			for (const char of action.text) {
				if (next.screen === 'path' && char !== '\r' && char !== '\t') {
					next = homeReducer(next, {type: 'type', text: char});
				} else {
					const key = actionFor(next.screen, char, char === '\r' ? {return: true} : char === '\t' ? {tab: true} : {});
					if (isHomeKey(key)) next = onKey(next, key);
				}
			}

			return next;
		}

		// Text changed: a check or completion asked for before is no longer what the person wants
		case 'type': {
			// Pasted text may hold a line break: it ends the line, it is not part of a name
			return {...state, typed: state.typed + action.text.replaceAll(/[\r\n]/g, ''), candidates: [], message: '', pending: undefined};
		}

		case 'erase': {
			return {...state, typed: erasedFrom(state.typed), candidates: [], message: '', pending: undefined};
		}

		case 'completed': {
			// A completion for text the person has since changed is stale
			if (action.typed !== state.typed) return state;
			return {
				...state,
				typed: action.completion.value,
				candidates: action.completion.candidates,
				pending: undefined,
				message: action.completion.candidates.length === 0 && action.completion.value === action.typed ? 'nothing to complete' : '',
			};
		}

		case 'refused': {
			return {...state, message: action.message, pending: undefined};
		}

		case 'recent': {
			const items = homeItems(action.files).length;
			return {...state, recent: action.files, cursor: Math.min(state.cursor, items - 1), pending: undefined};
		}
	}
}

function onKey(state: HomeState, key: HomeKeyAction): HomeState {
	if (key === 'quit') return {...state, pending: {kind: 'quit'}};
	if (state.screen === 'help') return key === 'back' || key === 'help' ? {...state, screen: 'home'} : state;
	if (state.screen === 'path') {
		if (key === 'complete') return {...state, pending: {kind: 'complete', typed: state.typed}};
		if (key === 'submitPath') return {...state, pending: {kind: 'check', typed: state.typed}};
		if (key === 'closePath') return {...state, screen: 'home', candidates: [], message: '', pending: undefined};
		if (key === 'erase') return homeReducer(state, {type: 'erase'});
		return state;
	}

	const items = homeItems(state.recent);
	const calm = {...state, message: ''};
	switch (key) {
		case 'down': {
			return {...calm, cursor: Math.min(items.length - 1, state.cursor + 1)};
		}

		case 'up': {
			return {...calm, cursor: Math.max(0, state.cursor - 1)};
		}

		case 'first': {
			return {...calm, cursor: 0};
		}

		case 'last': {
			return {...calm, cursor: items.length - 1};
		}

		case 'help': {
			return {...calm, screen: 'help'};
		}

		case 'back': {
			return {...calm, pending: {kind: 'quit'}};
		}

		case 'openFile': {
			return {...calm, screen: 'path'};
		}

		case 'export': {
			return {...calm, pending: {kind: 'export'}};
		}

		case 'forget': {
			const item = items[state.cursor];
			return item?.kind === 'recent' ? {...calm, pending: {kind: 'forget', file: item.file}} : state;
		}

		case 'choose': {
			const item = items[state.cursor]!;
			if (item.kind === 'open') return {...calm, screen: 'path'};
			if (item.kind === 'export') return {...calm, pending: {kind: 'export'}};
			if (item.kind === 'recent') return {...calm, pending: {kind: 'check', typed: item.file}};
			return {...calm, pending: {kind: 'quit'}};
		}

		// Keys of the path input, and scrolling keys the menu has no use for
		case 'complete':
		case 'submitPath':
		case 'closePath':
		case 'erase':
		case 'pageDown':
		case 'pageUp':
		case 'halfPageDown':
		case 'halfPageUp': {
			return state;
		}

		default: {
			return unhandled(key);
		}
	}
}
