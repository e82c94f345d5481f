import path from 'node:path';
import {type FixId, fixFor} from '../../core/fixes/fix-catalogue.js';
import {type FixPlan, defaultFixOptions, planFromFlags} from '../../core/fixes/fix-plan.js';
import type {RuleCode} from '../../core/rules/catalogue.js';
import type {Action} from '../kit/keymap.js';
import type {FixChoice} from './fix-choices.js';
import {entry} from '../kit/format.js';
import {count} from '../../core/text/count.js';
import {consoleLimitBytes} from '../../core/engine/validation-run.js';
import {splitNames} from '../../core/split/part-names.js';

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
	/** The fixes before each change (the latest last), for z; and what z undid, for Z. */
	past: ReadonlyArray<readonly PendingFix[]>;
	future: ReadonlyArray<readonly PendingFix[]>;
};

export type PendingAction =
	| {type: 'add'; fix: Omit<PendingFix, 'id'>}
	/** Several at once (every safe fix): one change, which one z takes back. */
	| {type: 'addAll'; fixes: ReadonlyArray<Omit<PendingFix, 'id'>>}
	| {type: 'undo'}
	| {type: 'move'; by: number}
	| {type: 'undoChange'}
	| {type: 'redoChange'};

export const noPending: PendingState = {fixes: [], cursor: 0, nextId: 1, past: [], future: []};

// Changes kept for z: enough for a session of choosing, bounded all the same
const historyLimit = 100;

/** `fixes` as the new pending fixes: the old ones go to the undo history, the redo history is dropped. */
function changed(state: PendingState, fixes: readonly PendingFix[], cursor: number, nextId = state.nextId): PendingState {
	return {fixes, cursor, nextId, past: [...state.past, state.fixes].slice(-historyLimit), future: []};
}

const clampCursor = (cursor: number, fixes: readonly PendingFix[]) => Math.max(0, Math.min(cursor, fixes.length - 1));

const sameScope = (a: Omit<PendingFix, 'id'>, b: Omit<PendingFix, 'id'>) => a.code === b.code && a.record === b.record;

export function pendingReducer(state: PendingState, action: PendingAction): PendingState {
	switch (action.type) {
		case 'add': {
			// A second choice for the same problems replaces the first
			const fixes = [...state.fixes.filter(fix => !sameScope(fix, action.fix)), {...action.fix, id: state.nextId}];
			return changed(state, fixes, fixes.length - 1, state.nextId + 1);
		}

		case 'addAll': {
			if (action.fixes.length === 0) return state;
			const kept = state.fixes.filter(fix => !action.fixes.some(added => sameScope(fix, added)));
			const fixes = [...kept, ...action.fixes.map((fix, index) => ({...fix, id: state.nextId + index}))];
			return changed(state, fixes, kept.length, state.nextId + action.fixes.length);
		}

		case 'undo': {
			if (state.fixes.length === 0) return state;
			const fixes = state.fixes.filter((_, index) => index !== state.cursor);
			return changed(state, fixes, clampCursor(state.cursor, fixes));
		}

		case 'undoChange': {
			const before = state.past.at(-1);
			if (!before) return state;
			return {
				...state,
				fixes: before,
				cursor: clampCursor(state.cursor, before),
				past: state.past.slice(0, -1),
				future: [...state.future, state.fixes],
			};
		}

		case 'redoChange': {
			const after = state.future.at(-1);
			if (!after) return state;
			return {
				...state,
				fixes: after,
				cursor: clampCursor(state.cursor, after),
				past: [...state.past, state.fixes],
				future: state.future.slice(0, -1),
			};
		}

		case 'move': {
			return {...state, cursor: Math.max(0, Math.min(state.fixes.length - 1, state.cursor + action.by))};
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

export function describePending(fix: Omit<PendingFix, 'id'>): string {
	const scope = fix.record === undefined ? `all ${count(fix.problems)} problems of ${fix.code}` : `${entry(fix.record)} (${fix.code})`;
	const pick = fix.primaryPick === undefined ? '' : ` → ${fix.primaryPick}`;
	return `${fix.fix}${pick}: ${scope} · ${fixFor(fix.fix).description}`;
}

/** Every safe fix, shown before it is added (after A), and the row chosen in that list. */
export type Proposal = {fixes: ReadonlyArray<Omit<PendingFix, 'id'>>; cursor: number};

/** The fix menu's choices (for the record shown, or for a rule), the safe fixes proposed, and the pending fixes. */
export type FixesState = {
	menu: readonly FixChoice[];
	proposal: Proposal;
	pending: PendingState;
};

export type FixesStateAction =
	| PendingAction
	| {type: 'menu'; choices: readonly FixChoice[]}
	| {type: 'propose'; fixes: Proposal['fixes']}
	| {type: 'proposalMove'; by: number};

export const noFixes: FixesState = {menu: [], proposal: {fixes: [], cursor: 0}, pending: noPending};

export function fixesReducer(state: FixesState, action: FixesStateAction): FixesState {
	switch (action.type) {
		case 'menu': {
			return {...state, menu: action.choices};
		}

		case 'propose': {
			return {...state, proposal: {fixes: action.fixes, cursor: 0}};
		}

		case 'proposalMove': {
			const {fixes, cursor} = state.proposal;
			return {...state, proposal: {fixes, cursor: Math.max(0, Math.min(fixes.length - 1, cursor + action.by))}};
		}

		default: {
			const pending = pendingReducer(state.pending, action);
			return pending === state.pending ? state : {...state, pending};
		}
	}
}

// Keys of the pending list: how far each moves its cursor (the reducer clamps), or undo
const pendingMoves = {down: 1, up: -1, first: -Infinity, last: Infinity, undo: 0} as const;

/** What a key does to the pending list, if it moves its cursor or takes a fix back. */
export function pendingKey(action: Action): PendingAction | undefined {
	if (!(action in pendingMoves)) return undefined;
	return action === 'undo' ? {type: 'undo'} : {type: 'move', by: pendingMoves[action as keyof typeof pendingMoves]};
}

/** What a key does to the list of safe fixes proposed, if it moves its cursor. */
export function proposalKey(action: Action): FixesStateAction | undefined {
	if (action === 'undo' || !(action in pendingMoves)) return undefined;
	return {type: 'proposalMove', by: pendingMoves[action as keyof typeof pendingMoves]};
}

/**
 * What the keys of every safe fix (A, then y) and of the pending fixes' history (z, Z) do to the fixes
 * state, or the notice they give instead; undefined for other keys. The validation list and the
 * fixing screens both take them.
 */
export function fixesKeyEffect(
	action: Action,
	fixes: FixesState,
	problemsByCode: Readonly<Record<string, {count: number}>>,
	done: boolean,
): {fixes: FixesStateAction} | {notice: string} | undefined {
	switch (action) {
		case 'undoChange':
		case 'redoChange': {
			return {fixes: {type: action}};
		}

		case 'safeFixes': {
			if (!done) return {notice: 'A proposes the safe fixes once the file has been read to its end'};
			const proposal = safeFixProposal(problemsByCode);
			return proposal.length === 0
				? {notice: 'no safe fix applies to the problems of this file'}
				: {fixes: {type: 'propose', fixes: proposal}};
		}

		case 'addSafeFixes': {
			return {fixes: {type: 'addAll', fixes: fixes.proposal.fixes}};
		}

		default: {
			return undefined;
		}
	}
}

/** The fix menu's title: the record it is for, or the rule. */
export function menuTitle(from: 'detail' | 'validation', record: number | null | undefined, menu: readonly FixChoice[]): string {
	return from === 'detail'
		? `Fixes for ${record === undefined || record === null ? 'the record' : entry(record)}`
		: `Fixes for the rule ${menu[0]?.code ?? ''}`;
}

/**
 * The status line while writing, or while `w` asks first (with what it will leave out, `forecast`);
 * empty otherwise.
 */
export function writeStatus(
	write: {writing: boolean; confirmingWrite: boolean; split?: boolean},
	pending: PendingState,
	output: string,
	forecast?: string,
	splitOffered = false,
): string {
	if (write.writing) return write.split ? `writing ${splitNames(output).manifest} and its 50 MB parts …` : `writing ${output} …`;
	if (!write.confirmingWrite) return '';
	const resets = pending.fixes.some(fix => fix.fix === 'password.clear') ? ' (and password resets)' : '';
	const count = pending.fixes.length;
	const left = forecast ? `; ${forecast}` : '';
	// Early in the line, which a narrow terminal cuts at its end
	const split = splitOffered ? ", s writes it in 50 MB parts (the Console's limit)," : '';
	return `w again writes ${path.basename(output)}${resets}${split} with ${count} pending fix${count === 1 ? '' : 'es'}${left}; any other key stays`;
}

/** The most bytes a part of a split write has: what Hanko Cloud's Console takes (decimal megabytes). */
export const consoleSplitBytes = consoleLimitBytes;

/**
 * Whether the write offers the split: the file's users pass the Console's 50 MB (the check says so with
 * file.console-size), and the fixed output, which copies most records as they are, would too.
 */
export function offersSplit(problemsByCode: Readonly<Record<string, unknown>>): boolean {
	return 'file.console-size' in problemsByCode;
}

/** Why `w` does nothing yet, if it does not. */
export function cannotWrite(done: boolean, fatal: unknown): string | undefined {
	if (fatal) return 'this file cannot be fixed: it could not be read to its end';
	return done ? undefined : 'w writes once the file has been read to its end';
}

/**
 * Every safe fix for the rules this file breaks, rule-wide: the fixes `hanko-tui fix` applies (its plan
 * without flags), with the number of problems each is for.
 */
export function safeFixProposal(problemsByCode: Readonly<Record<string, {count: number}>>): Array<Omit<PendingFix, 'id'>> {
	const plan = planFromFlags();
	return Object.entries(problemsByCode).flatMap(([code, {count}]) => {
		const fix = plan.byRule.get(code as RuleCode);
		return fix && count > 0 ? [{fix, code: code as RuleCode, record: undefined, problems: count}] : [];
	});
}
