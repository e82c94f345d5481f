import type {RuleCode} from '../rules/catalogue.js';
import {type FixId, fixList} from './fix-catalogue.js';
import type {FixOptions} from './record-fixes.js';

/**
 * Which fix applies to which problem: one choice per rule (for all its problems), and choices for
 * single records that override it. `null` means "no fix": the record goes to the rejects file if the
 * problem is an error. The screen builds a plan key by key; `hanko-tui fix` builds one from its flags.
 */
export type FixPlan = {
	options: FixOptions;
	byRule: ReadonlyMap<RuleCode, FixId | null>;
	byRecord: ReadonlyMap<number, ReadonlyMap<RuleCode, FixId | null>>;
	/** Addresses picked as primary in the detail view: record → address. */
	primaryPicks: ReadonlyMap<number, string>;
};

export const defaultFixOptions: FixOptions = {uuid: 'random', primary: 'first-verified'};

export function choiceFor(plan: FixPlan, record: number, code: RuleCode): FixId | null | undefined {
	const own = plan.byRecord.get(record);
	if (own?.has(code)) return own.get(code);
	return plan.byRule.get(code);
}

export type PlanFlags = {
	options?: Partial<FixOptions>;
	/** Rule codes to fix; all with a safe fix when absent. */
	only?: readonly RuleCode[];
	duplicates?: 'reject' | 'drop-email';
};

/** The plan of `hanko-tui fix`: every safe fix, or the default fix of each rule named. */
export function planFromFlags(flags: PlanFlags = {}): FixPlan {
	const byRule = new Map<RuleCode, FixId | null>();
	for (const fix of fixList) {
		for (const code of fix.resolves) {
			if (byRule.has(code)) continue; // The first fix listed for a rule is its default
			if (flags.only ? !flags.only.includes(code) : !fix.safe) continue;
			byRule.set(code, fix.id);
		}
	}

	if (flags.duplicates === 'drop-email' && (!flags.only || flags.only.includes('duplicate.email')))
		byRule.set('duplicate.email', 'duplicate.drop-email');
	return {options: {...defaultFixOptions, ...flags.options}, byRule, byRecord: new Map(), primaryPicks: new Map()};
}
