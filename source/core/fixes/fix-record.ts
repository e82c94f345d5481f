import {ruleFor} from '../rules/catalogue.js';
import type {RuleCode} from '../rules/catalogue.js';
import {type RecordProblem, type RuleContext, type UniqueKeys, checkRecordValue} from '../rules/validate-record.js';
import {type FixId, effectiveCode, fixList, fixRank} from './fix-catalogue.js';
import {type FixPlan, choiceFor} from './fix-plan.js';
import {isPlainObject, nestsDeeperThan} from '../rules/json-values.js';
import {maxNestingDepth} from '../go/json-decode.js';
import {type Change, type Fields, keyOf, markPrimary, transforms} from './record-fixes.js';
import {recordAsHankoReadsIt} from './go-view.js';

/** What becomes of one record: copied as it is, written fixed, or sent to the rejects file. */
export type RecordOutcome =
	| {kind: 'keep'}
	/**
	 * `keys`: the values of the fixed record that must be unique across users, as Hanko will compare them;
	 * `problems`: what its check after the fixes found (warnings only: an error rejects it).
	 */
	| {
			kind: 'fixed';
			value: Fields;
			changes: Change[];
			idChange: {before: string | null; after: string} | undefined;
			passwordCleared: boolean;
			keys: UniqueKeys;
			problems: RecordProblem[];
	  }
	| {kind: 'reject'; reason: string; problems: RecordProblem[]; value: unknown};

const isError = (problem: {code: RuleCode}) => ruleFor(problem.code).severity === 'error';
const unfixable = new Set<RuleCode>(['json.syntax', 'record.not-object']);

/**
 * Why a record with an error no fix was applied to is rejected, naming the rule: whether a fix for
 * it exists (then the plan left it out: `--only`, or "no fix" on the screen) or none does (the record
 * must be edited by hand). The reason is also a key of the counts by reason.
 */
function noFixReason(code: RuleCode): string {
	return fixList.some(fix => fix.resolves.includes(code)) ? `no fix chosen for ${code}` : `no fix for ${code}`;
}

/**
 * Applies the plan's fixes to one record, given the problems the validation found in it (its own and
 * the duplicates across the file), then checks the result again: a record that still has an error
 * is rejected rather than written.
 */
export function fixRecord(index: number, text: string, found: readonly RecordProblem[], plan: FixPlan, rules: RuleContext): RecordOutcome {
	if (found.length === 0) return {kind: 'keep'};
	// JSON.parse takes any depth, but the checks of the fixed value would overflow the stack: Go refuses such a record anyway
	const syntax = found.find(problem => problem.code === 'json.syntax');
	if (syntax && nestsDeeperThan(text, maxNestingDepth))
		return {kind: 'reject', reason: 'json.syntax', problems: [...found], value: undefined};
	const separators = separatorFix(index, text, found, plan, rules);
	const problems = separators?.problems ?? found;
	const blocking = problems.find(problem => unfixable.has(problem.code));
	if (blocking) return {kind: 'reject', reason: blocking.code, problems: [...problems], value: undefined};

	const chosen = new Set<FixId>();
	for (const problem of problems) {
		const fix = choiceFor(plan, index, effectiveCode(problem));
		if (fix) chosen.add(fix);
	}

	// Nothing chosen for this record: it is written as it is unless Hanko would refuse it
	if (chosen.size === 0) {
		const error = problems.find(problem => isError(problem));
		if (error) return {kind: 'reject', reason: noFixReason(effectiveCode(error)), problems: [...problems], value: parse(text)};
		return separators
			? {
					kind: 'fixed',
					value: separators.value,
					changes: [separators.change],
					idChange: undefined,
					passwordCleared: false,
					keys: separators.keys,
					problems: separators.checked,
				}
			: {kind: 'keep'};
	}

	const duplicates = problems.filter(problem => problem.code.startsWith('duplicate.'));
	const rejectedAsDuplicate = duplicates.find(problem => choiceFor(plan, index, problem.code) === 'duplicate.reject-later');
	if (rejectedAsDuplicate) return {kind: 'reject', reason: rejectedAsDuplicate.code, problems: [...problems], value: parse(text)};

	const changes: Change[] = separators ? [separators.change] : [];
	const merging = changes.length;
	const user = startingValue(index, text, problems, plan, changes);
	if (!isPlainObject(user)) return {kind: 'reject', reason: 'record.not-object', problems: [...problems], value: user};
	// The id as JSON.parse reads the record: the value the fixes start from, before they change it,
	// unless repeated keys were merged (as Hanko reads them) to make it
	const parsed = changes.length === merging ? user : parse(text);
	const originalId = isPlainObject(parsed) ? idOf(parsed) : undefined;
	const context = {options: plan.options, text, pickedPrimary: plan.primaryPicks.get(index), problems};
	// Addresses used by an earlier user go first, while the problems' pointers still point at them
	if (chosen.has('duplicate.drop-email')) dropTakenEmails(user, duplicates, changes);
	for (const fix of [...chosen].sort((a, b) => fixRank(a) - fixRank(b))) transforms[fix]?.(user, context, changes);
	// A dropped primary address leaves the user without one: mark another (the plan's strategy)
	if (chosen.has('duplicate.drop-email')) markPrimary(user, context, changes);

	const checked = checkRecordValue(user, rules);
	const left = checked.problems.filter(problem => isError(problem));
	// Duplicates are only resolved by dropping the taken address; any other is still there
	const duplicatesLeft = duplicates.filter(problem => choiceFor(plan, index, problem.code) !== 'duplicate.drop-email');
	if (left.length > 0 || duplicatesLeft.length > 0) {
		const first = effectiveCode(left[0] ?? duplicatesLeft[0]!);
		return {kind: 'reject', reason: `${first} left after the chosen fixes`, problems: [...left, ...duplicatesLeft], value: parse(text)};
	}

	if (changes.length === 0) return {kind: 'keep'};
	const newId = idOf(user);
	const idChange = newId !== originalId && typeof newId === 'string' ? {before: originalId ?? null, after: newId} : undefined;
	return {
		kind: 'fixed',
		value: user,
		changes,
		idChange,
		passwordCleared: changes.some(change => change.fix === 'password.clear'),
		keys: checked.keys,
		problems: checked.problems,
	};
}

/**
 * The value the fixes start from: as JSON.parse reads the record, or, when it repeats keys (which
 * JSON.parse resolves otherwise than Go: Go merges them), as Hanko reads it.
 */
function startingValue(index: number, text: string, problems: readonly RecordProblem[], plan: FixPlan, changes: Change[]): unknown {
	const repeated = problems.filter(problem => problem.code === 'field.duplicate-key');
	if (repeated.length > 0 && choiceFor(plan, index, 'field.duplicate-key') === 'field.merge-duplicates') {
		const merged = recordAsHankoReadsIt(text);
		if (merged) {
			for (const problem of repeated)
				changes.push({
					fix: 'field.merge-duplicates',
					pointer: problem.pointer,
					before: '(given more than once)',
					after: '(merged as Hanko reads it)',
				});
			return merged;
		}
	}

	return parse(text);
}

/**
 * A syntax error between records (a missing or doubled comma) leaves the record itself valid JSON:
 * the output writes its own commas, so the record only needs the checks it did not get.
 */
function separatorFix(
	index: number,
	text: string,
	problems: readonly RecordProblem[],
	plan: FixPlan,
	context: RuleContext,
): {problems: RecordProblem[]; value: Fields; change: Change; keys: UniqueKeys; checked: RecordProblem[]} | undefined {
	const syntax = problems.find(problem => problem.code === 'json.syntax');
	if (!syntax || choiceFor(plan, index, 'json.syntax') !== 'json.rewrite-separators') return undefined;
	const value = parse(text);
	if (!isPlainObject(value)) return undefined;
	// Every syntax problem of a record that parses is about what lies between records (`,,` or a missing comma)
	const rest = problems.filter(problem => problem.code !== 'json.syntax');
	const checked = checkRecordValue(value, context);
	return {
		problems: [...rest, ...checked.problems],
		value,
		change: {fix: 'json.rewrite-separators', pointer: '', before: syntax.message, after: null},
		keys: checked.keys,
		checked: checked.problems,
	};
}

function parse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function idOf(user: Fields): string | undefined {
	const key = keyOf(user, 'user_id');
	const id = key === undefined ? undefined : user[key];
	// A numeric id is what the application's own tables hold: the map keeps it as text
	return typeof id === 'string' ? id : typeof id === 'number' ? String(id) : undefined;
}

function dropTakenEmails(user: Fields, duplicates: readonly RecordProblem[], changes: Change[]): void {
	const key = keyOf(user, 'emails');
	const list = key === undefined ? undefined : user[key];
	if (!Array.isArray(list)) return;
	const taken = new Set(
		duplicates
			.filter(problem => problem.code === 'duplicate.email')
			.map(problem => Number(/^\/emails\/(\d+)/.exec(problem.pointer)?.[1])),
	);
	for (const index of [...taken].filter(Number.isInteger).sort((a, b) => b - a)) {
		if (index >= list.length) continue;
		changes.push({fix: 'duplicate.drop-email', pointer: `/emails/${index}`, before: list[index], after: undefined});
		list.splice(index, 1);
	}
}

/** What one fix would do to one record, for a preview: its changes, or that it rejects the record. */
export type FixPreview = {changes: Change[]; rejects: boolean; value: unknown};

export function previewFix(index: number, text: string, problems: readonly RecordProblem[], fix: FixId, plan: FixPlan): FixPreview {
	const value = parse(text);
	if (fix === 'duplicate.reject-later') return {changes: [], rejects: true, value};
	if (fix === 'json.rewrite-separators') {
		const syntax = problems.find(problem => problem.code === 'json.syntax');
		return isPlainObject(value) && syntax
			? {changes: [{fix, pointer: '', before: syntax.message, after: 'commas between records written anew'}], rejects: false, value}
			: {changes: [], rejects: true, value};
	}

	if (!isPlainObject(value)) return {changes: [], rejects: true, value};
	const context = {options: plan.options, text, pickedPrimary: plan.primaryPicks.get(index), problems};
	const changes: Change[] = [];
	if (fix === 'field.merge-duplicates') {
		const merged = recordAsHankoReadsIt(text);
		return merged
			? {
					changes: problems
						.filter(problem => problem.code === 'field.duplicate-key')
						.map(problem => ({
							fix,
							pointer: problem.pointer,
							before: '(given more than once)',
							after: '(merged as Hanko reads it)',
						})),
					rejects: false,
					value: merged,
				}
			: {changes: [], rejects: true, value};
	}

	if (fix === 'duplicate.drop-email') {
		dropTakenEmails(
			value,
			problems.filter(problem => problem.code.startsWith('duplicate.')),
			changes,
		);
		markPrimary(value, context, changes);
	} else {
		transforms[fix]?.(value, context, changes);
	}

	return {changes, rejects: false, value};
}
