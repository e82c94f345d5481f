import type {KeyPress} from '../kit/key-binding.js';
import {applyTextAction, edit} from '../kit/text-input.js';

// The search of the problem list (`/`, then n/N): typing a query, then the hits, as a reducer.

export type SearchState = {
	/** The query line is open and takes the keys. */
	editing: boolean;
	query: string;
	/** Where the query line's cursor is, in code points. */
	cursor: number;
	/** Problem indexes that match, in list order; empty until a search has finished. */
	hits: readonly number[];
	/** A search is running for `query`. */
	pending: boolean;
	/** The query the hits belong to. */
	searched: string;
};

export type SearchAction =
	| {type: 'start'}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	/** A key press in the query line, by the one text input (a return in a burst of keys searches). */
	| {type: 'edit'; input: string; key: KeyPress}
	| {type: 'cancel'}
	| {type: 'submit'}
	| {type: 'hits'; query: string; hits: readonly number[]}
	| {type: 'reset'};

export const idleSearch: SearchState = {editing: false, query: '', cursor: 0, hits: [], pending: false, searched: ''};

export function searchReducer(state: SearchState, action: SearchAction): SearchState {
	switch (action.type) {
		case 'start': {
			return {...state, editing: true, query: '', cursor: 0};
		}

		case 'type': {
			return searchReducer(state, {type: 'edit', input: action.text, key: {}});
		}

		case 'erase': {
			if (!state.editing) return state;
			const field = applyTextAction({value: state.query, cursor: state.cursor}, 'deleteBack');
			return {...state, query: field.value, cursor: field.cursor};
		}

		case 'edit': {
			if (!state.editing) return state;
			const result = edit({value: state.query, cursor: state.cursor}, action.input, action.key);
			if (!result) return state;
			const edited = {...state, query: result.field.value, cursor: result.field.cursor};
			return result.stop === 'return' ? searchReducer(edited, {type: 'submit'}) : edited;
		}

		case 'cancel': {
			return {...state, editing: false};
		}

		case 'submit': {
			const query = state.query.trim();
			return query ? {...state, editing: false, pending: true, query, cursor: [...query].length} : {...state, editing: false};
		}

		case 'reset': {
			return idleSearch;
		}

		case 'hits': {
			// A late answer for an older query is dropped
			return action.query === state.query ? {...state, pending: false, hits: action.hits, searched: action.query} : state;
		}
	}
}

/** The hit after (direction 1) or before (-1) `cursor`, wrapping around; undefined without hits. */
export function nextHit(hits: readonly number[], cursor: number, direction: 1 | -1): number | undefined {
	if (hits.length === 0) return undefined;
	if (direction === 1) return hits.find(hit => hit > cursor) ?? hits[0];
	return hits.findLast(hit => hit < cursor) ?? hits.at(-1);
}

/** "hit 2/4" when the cursor is on a hit, else how many there are: the status bar says which. */
export function hitPosition(hits: readonly number[], cursor: number): string {
	const at = hits.indexOf(cursor);
	const total = hits.length.toLocaleString('en-US');
	if (at >= 0) return `hit ${(at + 1).toLocaleString('en-US')}/${total}`;
	return `${total} hit${hits.length === 1 ? '' : 's'}`;
}
