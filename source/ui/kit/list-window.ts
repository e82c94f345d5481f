// The problem list's cursor and visible window, as a reducer: only the rows in view are ever
// rendered, so a million problems scroll like ten. Plain TypeScript, tested without a terminal.

export type ListWindow = {
	/** Rows in the list (after any filter). */
	total: number;
	/** Rows that fit on screen. */
	height: number;
	cursor: number;
	/** Index of the first visible row. */
	top: number;
};

export type ListAction =
	| {type: 'down' | 'up' | 'pageDown' | 'pageUp' | 'halfPageDown' | 'halfPageUp' | 'first' | 'last'}
	| {type: 'goTo'; index: number}
	| {type: 'resize'; height: number}
	| {type: 'setTotal'; total: number};

export function initialWindow(total: number, height: number): ListWindow {
	return {total, height: Math.max(1, height), cursor: 0, top: 0};
}

function clampCursor(state: ListWindow, cursor: number): ListWindow {
	const last = Math.max(0, state.total - 1);
	const next = Math.min(Math.max(0, cursor), last);
	// Keep the cursor in view, moving the window as little as possible
	let {top} = state;
	if (next < top) top = next;
	else if (next >= top + state.height) top = next - state.height + 1;
	top = Math.max(0, Math.min(top, Math.max(0, state.total - state.height)));
	return {...state, cursor: next, top};
}

export function listReducer(state: ListWindow, action: ListAction): ListWindow {
	switch (action.type) {
		case 'down': {
			return clampCursor(state, state.cursor + 1);
		}

		case 'up': {
			return clampCursor(state, state.cursor - 1);
		}

		case 'pageDown': {
			return clampCursor({...state, top: state.top + state.height}, state.cursor + state.height);
		}

		case 'pageUp': {
			return clampCursor({...state, top: state.top - state.height}, state.cursor - state.height);
		}

		case 'halfPageDown': {
			return clampCursor(state, state.cursor + Math.max(1, Math.floor(state.height / 2)));
		}

		case 'halfPageUp': {
			return clampCursor(state, state.cursor - Math.max(1, Math.floor(state.height / 2)));
		}

		case 'first': {
			return clampCursor(state, 0);
		}

		case 'last': {
			return clampCursor(state, state.total - 1);
		}

		case 'goTo': {
			return clampCursor(state, action.index);
		}

		case 'resize': {
			return clampCursor({...state, height: Math.max(1, action.height)}, state.cursor);
		}

		case 'setTotal': {
			// Rows keep arriving while the engine runs: the cursor stays where the person put it
			return clampCursor({...state, total: action.total}, state.cursor);
		}
	}
}

/** The indexes of the rows to render. */
export function visibleRange(state: ListWindow): {from: number; to: number} {
	return {from: state.top, to: Math.min(state.total, state.top + state.height)};
}
