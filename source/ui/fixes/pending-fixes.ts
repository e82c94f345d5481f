import {type FixId, fixFor} from '../../core/fixes/fix-catalogue.js';
import {type FixPlan, defaultFixOptions} from '../../core/fixes/fix-plan.js';
import type {RuleCode} from '../../core/rules/catalogue.js';

// The fixes a person has chosen on the screen and not yet written: each for one record or for every
// problem of a rule. Any of them can be taken back until `w` writes. No React: a reducer and the plan
// it makes for the writer.

export type PendingFix = {
	id: number;
	fix: FixId;
	code: RuleCode;
	/** The record it is for, or undefined for every problem of the rule. */
	record: number | undefined;
	/** The address picked as primary, for email.mark-primary on one record. */
	primaryPick?: string;
	/** Problems it is meant to resolve, for the list. */
	problems: number;
};

export type PendingState = {
	fixes: readonly PendingFix[];
	cursor: number;
	nextId: number;
};

export type PendingAction = {type: 'add'; fix: Omit<PendingFix, 'id'>} | {type: 'undo'} | {type: 'move'; by: number} | {type: 'clear'};

export const noPending: PendingState = {fixes: [], cursor: 0, nextId: 1};

const sameScope = (a: Omit<PendingFix, 'id'>, b: Omit<PendingFix, 'id'>) => a.code === b.code && a.record === b.record;

export function pendingReducer(state: PendingState, action: PendingAction): PendingState {
	switch (action.type) {
		case 'add': {
			// A second choice for the same problems replaces the first
			const fixes = [...state.fixes.filter(fix => !sameScope(fix, action.fix)), {...action.fix, id: state.nextId}];
			return {fixes, cursor: fixes.length - 1, nextId: state.nextId + 1};
		}

		case 'undo': {
			const fixes = state.fixes.filter((_, index) => index !== state.cursor);
			return {...state, fixes, cursor: Math.max(0, Math.min(state.cursor, fixes.length - 1))};
		}

		case 'move': {
			return {...state, cursor: Math.max(0, Math.min(state.fixes.length - 1, state.cursor + action.by))};
		}

		case 'clear': {
			return noPending;
		}
	}
}

/** The writer's plan: only what was chosen; records with errors left unfixed go to the rejects file. */
export function planOf(state: PendingState): FixPlan {
	const byRule = new Map<RuleCode, FixId | null>();
	const byRecord = new Map<number, Map<RuleCode, FixId | null>>();
	const primaryPicks = new Map<number, string>();
	for (const fix of state.fixes) {
		if (fix.record === undefined) {
			byRule.set(fix.code, fix.fix);
			continue;
		}

		const own = byRecord.get(fix.record) ?? new Map<RuleCode, FixId | null>();
		own.set(fix.code, fix.fix);
		byRecord.set(fix.record, own);
		if (fix.primaryPick !== undefined) primaryPicks.set(fix.record, fix.primaryPick);
	}

	return {options: defaultFixOptions, byRule, byRecord, primaryPicks};
}

export function describePending(fix: PendingFix): string {
	const scope =
		fix.record === undefined
			? `all ${fix.problems.toLocaleString('en-US')} problems of ${fix.code}`
			: `record #${fix.record} (${fix.code})`;
	const pick = fix.primaryPick === undefined ? '' : ` → ${fix.primaryPick}`;
	return `${fix.fix}${pick}: ${scope} · ${fixFor(fix.fix).description}`;
}
