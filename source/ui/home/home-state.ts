import {type Completion, unquotePath} from '../kit/file-paths.js';
import type {KeyPress} from '../kit/key-binding.js';
import {commonActions} from '../kit/common-keys.js';
import {type Action, actionFor, unhandled} from '../kit/keymap.js';
import {homeActions} from './home-keys.js';
import {type TextField, applyTextAction, edit} from '../kit/text-input.js';

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
	/** Where the path input's cursor is, in code points of `typed`. */
	typedCursor: number;
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
	/** A key press in the path input, by the one text input. */
	| {type: 'edit'; input: string; key: KeyPress}
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
	return {screen: 'home', cursor: 0, recent, typed: '', typedCursor: 0, candidates: [], message: '', pending: undefined};
}

export function homeReducer(state: HomeState, action: HomeStateAction): HomeState {
	switch (action.type) {
		case 'key': {
			return onKey(state, action.action);
		}

		case 'burst': {
			// The screen can change inside a burst (`o` opens the input): each key meets the state it finds
			let next = state;
			const chars = [...action.text];
			for (const [index, char] of chars.entries()) {
				// The path input takes the rest of the burst as text, up to a return or Tab
				if (next.screen === 'path') return homeReducer(next, {type: 'edit', input: chars.slice(index).join(''), key: {}});
				const key = actionFor(next.screen, char, char === '\r' ? {return: true} : char === '\t' ? {tab: true} : {});
				if (isHomeKey(key)) next = onKey(next, key);
			}

			return next;
		}

		case 'type': {
			return homeReducer(state, {type: 'edit', input: action.text, key: {}});
		}

		case 'erase': {
			return edited(state, applyTextAction(typedField(state), 'deleteBack'));
		}

		case 'edit': {
			if (state.screen !== 'path') return state;
			const result = edit(typedField(state), action.input, action.key);
			if (!result) return state;
			let next =
				result.field.value === state.typed && result.field.cursor === state.typedCursor ? state : edited(state, result.field);
			if (result.stop) next = onKey(next, result.stop === 'return' ? 'submitPath' : 'complete');
			// After a Tab the rest is typed on; after a return it is dropped: it would act on a screen not yet seen
			return result.rest && result.stop === 'tab' ? homeReducer(next, {type: 'burst', text: result.rest}) : next;
		}

		case 'completed': {
			// A completion for text the person has since changed is stale
			if (action.typed !== state.typed) return state;
			return {
				...state,
				typed: action.completion.value,
				typedCursor: [...action.completion.value].length,
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

function typedField(state: HomeState): TextField {
	return {value: state.typed, cursor: state.typedCursor};
}

// Text changed: a check or completion asked for before is no longer what the person wants
function edited(state: HomeState, field: TextField): HomeState {
	return {...state, typed: field.value, typedCursor: field.cursor, candidates: [], message: '', pending: undefined};
}

function onKey(state: HomeState, key: HomeKeyAction): HomeState {
	if (key === 'quit') return {...state, pending: {kind: 'quit'}};
	if (state.screen === 'help') return key === 'back' || key === 'help' ? {...state, screen: 'home'} : state;
	if (state.screen === 'path') {
		if (key === 'complete') return {...state, pending: {kind: 'complete', typed: state.typed}};
		// A path pasted from a shell comes quoted or with escaped spaces: it is read as the shell would
		if (key === 'submitPath') return {...state, pending: {kind: 'check', typed: unquotePath(state.typed)}};
		if (key === 'closePath') return {...state, screen: 'home', candidates: [], message: '', pending: undefined};
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
