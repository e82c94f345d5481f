import path from 'node:path';
import {type FixId, fixFor} from '../../core/fixes/fix-catalogue.js';
import {type FixPlan, defaultFixOptions} from '../../core/fixes/fix-plan.js';
import type {RuleCode} from '../../core/rules/catalogue.js';
import type {Action} from '../kit/keymap.js';
import type {FixChoice} from './fix-choices.js';
import {entry} from '../kit/format.js';

// The fixing screens' state: the choices of the fix menu, and the fixes a person has chosen and not yet
// written, each for one record or for every problem of a rule. Any of them can be taken back until `w`
// writes. No React: reducers, the plan they make for the writer, and the lines the screens show.
// Which fixing screen is shown, the menu's cursor and the question before writing are the validation
// reducer's: it routes between the list, the detail and these screens, and `w` is asked on the list too.

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
			: `${entry(fix.record)} (${fix.code})`;
	const pick = fix.primaryPick === undefined ? '' : ` → ${fix.primaryPick}`;
	return `${fix.fix}${pick}: ${scope} · ${fixFor(fix.fix).description}`;
}

/** The fix menu's choices (for the record shown, or for a rule) and the pending fixes. */
export type FixesState = {
	menu: readonly FixChoice[];
	pending: PendingState;
};

export type FixesStateAction = PendingAction | {type: 'menu'; choices: readonly FixChoice[]};

export const noFixes: FixesState = {menu: [], pending: noPending};

export function fixesReducer(state: FixesState, action: FixesStateAction): FixesState {
	if (action.type === 'menu') return {...state, menu: action.choices};
	const pending = pendingReducer(state.pending, action);
	return pending === state.pending ? state : {...state, pending};
}

// Keys of the pending list: how far each moves its cursor (the reducer clamps), or undo
const pendingMoves = {down: 1, up: -1, first: -Infinity, last: Infinity, undo: 0} as const;

/** What a key does to the pending list, if it moves its cursor or takes a fix back. */
export function pendingKey(action: Action): PendingAction | undefined {
	if (!(action in pendingMoves)) return undefined;
	return action === 'undo' ? {type: 'undo'} : {type: 'move', by: pendingMoves[action as keyof typeof pendingMoves]};
}

/** The fix menu's title: the record it is for, or the rule. */
export function menuTitle(from: 'detail' | 'validation', record: number | null | undefined, menu: readonly FixChoice[]): string {
	return from === 'detail'
		? `Fixes for ${record === undefined || record === null ? 'the record' : entry(record)}`
		: `Fixes for the rule ${menu[0]?.code ?? ''}`;
}

/** The status line while writing, or while `w` asks first; empty otherwise. */
export function writeStatus(write: {writing: boolean; confirmingWrite: boolean}, pending: PendingState, output: string): string {
	if (write.writing) return `writing ${output} …`;
	if (!write.confirmingWrite) return '';
	const resets = pending.fixes.some(fix => fix.fix === 'password.clear') ? ', password resets' : '';
	return `w again to write ${path.basename(output)} (and its rejects, id map, log${resets}) with ${pending.fixes.length} pending fixes; any other key to stay`;
}

/** Why `w` does nothing yet, if it does not. */
export function cannotWrite(done: boolean, fatal: unknown): string | undefined {
	if (fatal) return 'this file cannot be fixed: it could not be read to its end';
	return done ? undefined : 'w writes once the file has been read to its end';
}
