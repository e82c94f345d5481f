import type {ProblemStore} from '../../core/engine/problem-store.js';
import {ruleIds} from '../../core/rules/catalogue.js';

// The filter by rule: chosen from the counts by rule (`f`, then j/k and Enter), cleared with Esc.
// A reducer for the choosing, and an index of the matching problems that grows as problems arrive.

export type FilterState = {
	/** The counts by rule take the keys: j/k choose, Enter applies, Esc closes. */
	choosing: boolean;
	/** Position in the counts by rule while choosing. */
	choice: number;
	/** The rule shown, or undefined for all problems. */
	code: string | undefined;
};

export type FilterAction =
	| {type: 'open'}
	/** `by` may be ±Infinity: g and G go to the first and last rule. */
	| {type: 'move'; by: number; rules: number}
	| {type: 'apply'; codes: readonly string[]}
	| {type: 'close'}
	| {type: 'clear'};

export const noFilter: FilterState = {choosing: false, choice: 0, code: undefined};

export function filterReducer(state: FilterState, action: FilterAction): FilterState {
	switch (action.type) {
		case 'open': {
			return {...state, choosing: true};
		}

		case 'move': {
			return {...state, choice: Math.max(0, Math.min(action.rules - 1, state.choice + action.by))};
		}

		case 'apply': {
			const code = action.codes[state.choice];
			return code === undefined ? {...state, choosing: false} : {...state, choosing: false, code};
		}

		case 'close': {
			return {...state, choosing: false};
		}

		case 'clear': {
			return {...state, choosing: false, code: undefined};
		}
	}
}

/** Indexes of the stored problems of one rule, extended as the store grows (rebuilt if it is redone). */
export class RuleRows {
	readonly indexes: number[] = [];
	private scanned = 0;
	private readonly id: number;

	constructor(
		readonly code: string,
		private readonly version: number,
	) {
		this.id = ruleIds.get(code) ?? -1;
	}

	/** Whether these rows still describe `store` (a merge at the end of a run rebuilds it). */
	fits(store: ProblemStore): boolean {
		return store.version === this.version;
	}

	update(store: ProblemStore): this {
		for (; this.scanned < store.size; this.scanned++) {
			if (store.codeIdAt(this.scanned) === this.id && !store.isRemoved(this.scanned)) this.indexes.push(this.scanned);
		}

		return this;
	}
}
