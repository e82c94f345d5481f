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

/** "13/36": where the cursor is, counted from 1 as people count rows ("0/0" for an empty list). */
export function positionOf(state: ListWindow): string {
	return `${state.total === 0 ? 0 : (state.cursor + 1).toLocaleString('en-US')}/${state.total.toLocaleString('en-US')}`;
}

/**
 * One character per visible row for the list's right edge: a thumb (█) where the window sits in the
 * whole list, a track (│) elsewhere; blanks when everything fits, as there is nothing to scroll. The
 * thumb keeps at least one row, so a window on a million rows still shows where it is.
 */
export function scrollBar(state: ListWindow): string[] {
	const {total, height, top} = state;
	if (total <= height) return Array.from({length: height}, () => ' ');
	const size = Math.max(1, Math.round((height * height) / total));
	const start = Math.round((top / (total - height)) * (height - size));
	return Array.from({length: height}, (_, row) => (row >= start && row < start + size ? '█' : '│'));
}
