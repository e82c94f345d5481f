import {describe, expect, it} from 'vitest';
import {choiceFor, planFromFlags} from '../../../source/core/fixes/fix-plan.js';
import type {RuleCode} from '../../../source/core/rules/catalogue.js';
import {
	type PendingState,
	cannotWrite,
	fixesKeyEffect,
	fixesReducer,
	menuTitle,
	noFixes,
	noPending,
	pendingKey,
	pendingReducer,
	planOf,
	proposalKey,
	safeFixProposal,
	writeStatus,
	offersSplit,
} from '../../../source/ui/fixes/fixes-state.js';
import {addressesOf, fixChoices} from '../../../source/ui/fixes/fix-choices.js';

const add = (state: PendingState, fix: Parameters<typeof pendingReducer>[1] & {type: 'add'}) => pendingReducer(state, fix);

describe('pending fixes', () => {
	const ruleFix = {type: 'add', fix: {fix: 'email.normalise', code: 'email.uppercase', record: undefined, problems: 2}} as const;
	const recordFix = {type: 'add', fix: {fix: 'user-id.lowercase', code: 'user-id.uppercase', record: 2, problems: 1}} as const;

	it('makes a plan of only what was chosen: a rule for all its problems, a record for itself', () => {
		const state = add(add(noPending, ruleFix), recordFix);
		const plan = planOf(state);
		expect(choiceFor(plan, 8, 'email.uppercase')).toBe('email.normalise');
		expect(choiceFor(plan, 2, 'user-id.uppercase')).toBe('user-id.lowercase');
		expect(choiceFor(plan, 3, 'user-id.uppercase')).toBeUndefined();
		expect(choiceFor(plan, 3, 'email.no-primary')).toBeUndefined();
	});

	it('replaces a choice for the same problems, and takes the one under the cursor back', () => {
		const twice = add(add(noPending, recordFix), {type: 'add', fix: {...recordFix.fix, fix: 'user-id.generate'}});
		expect(twice.fixes.map(fix => fix.fix)).toEqual(['user-id.generate']);
		const both = add(add(noPending, ruleFix), recordFix);
		expect(both.cursor).toBe(1);
		const undone = pendingReducer(pendingReducer(both, {type: 'move', by: -1}), {type: 'undo'});
		expect(undone.fixes.map(fix => fix.fix)).toEqual(['user-id.lowercase']);
		expect(pendingReducer(pendingReducer(undone, {type: 'undo'}), {type: 'undo'})).toMatchObject({fixes: [], cursor: 0});
	});

	it('keeps the primary address picked for a record in the plan', () => {
		const picked = add(noPending, {
			type: 'add',
			fix: {fix: 'email.mark-primary', code: 'email.no-primary', record: 6, problems: 1, primaryPick: 'b@example.com'},
		});
		expect(planOf(picked).primaryPicks.get(6)).toBe('b@example.com');
	});
});

describe('fix choices', () => {
	it('offers each fix of each rule of the record, for the record and for every problem of the rule, and each address as primary', () => {
		const choices = fixChoices({
			record: 6,
			codes: ['email.no-primary', 'email.no-primary'],
			counts: {'email.no-primary': {count: 40}},
			addresses: ['a@example.com', 'b@example.com'],
		});
		expect(choices.map(choice => choice.label)).toEqual([
			'email.mark-primary on entry 7, for email.no-primary: mark one address primary (first verified, or first)',
			'email.mark-primary on entry 7, for email.no-primary: make a@example.com primary',
			'email.mark-primary on entry 7, for email.no-primary: make b@example.com primary',
			'email.mark-primary on all 40 problems of email.no-primary: mark one address primary (first verified, or first)',
		]);
		expect(choices[2]).toMatchObject({record: 6, primaryPick: 'b@example.com'});
		expect(fixChoices({record: 3, codes: ['otp.secret-missing'], counts: {}})).toEqual([]);
		expect(
			fixChoices({record: undefined, codes: ['duplicate.email'], counts: {'duplicate.email': {count: 3}}}).map(choice => choice.fix),
		).toEqual(['duplicate.reject-later', 'duplicate.drop-email']);
	});

	it('reads the addresses of a record, whatever shape it has', () => {
		expect(addressesOf({emails: [{address: 'a@x.io'}, {}, 'nope']})).toEqual(['a@x.io', '(no address)', '(no address)']);
		expect(addressesOf('text')).toEqual([]);
	});
});

describe('fixes state', () => {
	const choices = fixChoices({record: 4, codes: ['email.uppercase'], counts: {'email.uppercase': {count: 7}}});
	const [first] = choices;

	it('keeps the menu of the record or rule last opened, and the pending fixes through it', () => {
		const opened = fixesReducer(noFixes, {type: 'menu', choices});
		expect(opened).toEqual({...noFixes, menu: choices});
		const added = fixesReducer(opened, {type: 'add', fix: first!});
		expect(added.pending.fixes).toEqual([{...first, id: 1}]);
		expect(added.menu).toBe(choices);
		const reopened = fixesReducer(added, {type: 'menu', choices: []});
		expect(reopened).toMatchObject({menu: [], pending: {fixes: [{id: 1}]}});
	});

	it('keeps the menu when the pending list changes', () => {
		const state = fixesReducer(noFixes, {type: 'menu', choices});
		expect(fixesReducer(state, {type: 'undo'})).toEqual(state);
		expect(fixesReducer(state, {type: 'move', by: 1}).menu).toBe(choices);
	});

	it('maps the pending list keys to moves and undo, and no other key', () => {
		expect(pendingKey('down')).toEqual({type: 'move', by: 1});
		expect(pendingKey('up')).toEqual({type: 'move', by: -1});
		expect(pendingKey('first')).toEqual({type: 'move', by: -Infinity});
		expect(pendingKey('last')).toEqual({type: 'move', by: Infinity});
		expect(pendingKey('undo')).toEqual({type: 'undo'});
		expect(pendingKey('write')).toBeUndefined();
		expect(pendingKey('back')).toBeUndefined();
		const two = [first!, {...first!, record: 9}].reduce((state, fix) => pendingReducer(state, {type: 'add', fix}), noPending);
		expect(pendingReducer(two, pendingKey('first')!).cursor).toBe(0);
		expect(pendingReducer(pendingReducer(two, pendingKey('first')!), pendingKey('last')!).cursor).toBe(1);
	});

	it('titles the menu by its record or its rule', () => {
		expect(menuTitle('detail', 4, choices)).toBe('Fixes for entry 5');
		expect(menuTitle('validation', undefined, choices)).toBe('Fixes for the rule email.uppercase');
		expect(menuTitle('validation', undefined, [])).toBe('Fixes for the rule ');
	});

	it('says what w will write, and why it cannot yet', () => {
		const pending = pendingReducer(noPending, {type: 'add', fix: first!});
		expect(writeStatus({writing: false, confirmingWrite: false}, pending, '/tmp/users.fixed.json')).toBe('');
		expect(writeStatus({writing: true, confirmingWrite: false}, pending, '/tmp/users.fixed.json')).toBe(
			'writing /tmp/users.fixed.json …',
		);
		expect(writeStatus({writing: false, confirmingWrite: true}, pending, '/tmp/users.fixed.json')).toBe(
			'w again writes users.fixed.json with 1 pending fix; any other key stays',
		);
		const reset = pendingReducer(pending, {
			type: 'add',
			fix: {fix: 'password.clear', code: 'password.malformed-hash', record: 2, problems: 1},
		});
		expect(writeStatus({writing: false, confirmingWrite: true}, reset, 'out.json')).toContain(
			'out.json (and password resets) with 2 pending fixes',
		);
		// Past the Console's 50 MB the question offers the split, early in the line (a narrow bar cuts its end)
		expect(writeStatus({writing: false, confirmingWrite: true}, pending, '/tmp/users.fixed.json', undefined, true)).toBe(
			"w again writes users.fixed.json, s writes it in 50 MB parts (the Console's limit), with 1 pending fix; any other key stays",
		);
		expect(writeStatus({writing: true, confirmingWrite: false, split: true}, pending, '/tmp/users.fixed.json')).toBe(
			'writing /tmp/users.fixed.manifest.json and its 50 MB parts …',
		);
		expect(offersSplit({'file.console-size': {count: 1}})).toBe(true);
		expect(offersSplit({'field.unknown': {count: 1}})).toBe(false);
		expect(cannotWrite(true, undefined)).toBeUndefined();
		expect(cannotWrite(false, undefined)).toBe('w writes once the file has been read to its end');
		expect(cannotWrite(true, {message: 'bad'})).toBe('this file cannot be fixed: it could not be read to its end');
	});
});

describe('undo and redo of the pending fixes, and every safe fix', () => {
	const one = {fix: 'email.normalise', code: 'email.uppercase', record: undefined, problems: 2} as const;
	const two = {fix: 'user-id.generate', code: 'user-id.invalid', record: 3, problems: 1} as const;
	const ids = (state: PendingState) => state.fixes.map(fix => fix.fix);

	it('takes back the last change with z and redoes it with Z; a new change drops what could be redone', () => {
		const both = pendingReducer(pendingReducer(noPending, {type: 'add', fix: one}), {type: 'add', fix: two});
		const undone = pendingReducer(both, {type: 'undoChange'});
		expect(ids(undone)).toEqual(['email.normalise']);
		expect(ids(pendingReducer(undone, {type: 'redoChange'}))).toEqual(['email.normalise', 'user-id.generate']);
		const twice = pendingReducer(undone, {type: 'undoChange'});
		expect(ids(twice)).toEqual([]);
		expect(pendingReducer(twice, {type: 'undoChange'})).toBe(twice);
		const other = pendingReducer(undone, {type: 'undo'});
		expect(other.future).toEqual([]);
		expect(pendingReducer(other, {type: 'redoChange'})).toBe(other);
	});

	it('adds every safe fix as one change, replacing pending fixes of the same rules', () => {
		const before = pendingReducer(noPending, {type: 'add', fix: {...one, fix: 'email.normalise', problems: 1}});
		const all = pendingReducer(before, {type: 'addAll', fixes: [one, {...two, record: undefined}]});
		expect(all.fixes.map(fix => [fix.code, fix.problems])).toEqual([
			['email.uppercase', 2],
			['user-id.invalid', 1],
		]);
		expect(ids(pendingReducer(all, {type: 'undoChange'}))).toEqual(['email.normalise']);
	});

	it('proposes, for the rules of the file, the fixes hanko-tui fix applies, with their counts', () => {
		const counts = {
			'email.uppercase': {count: 2},
			'user-id.invalid': {count: 3},
			'json.syntax': {count: 1},
			'email.no-primary': {count: 0},
		};
		const plan = planFromFlags();
		const proposal = safeFixProposal(counts);
		const expected = Object.entries(counts)
			.filter(([code, {count}]) => count > 0 && plan.byRule.get(code as RuleCode))
			.map(([code, {count}]) => ({fix: plan.byRule.get(code as RuleCode), code, record: undefined, problems: count}));
		expect(proposal).toEqual(expected);
		expect(proposal.length).toBeGreaterThan(0);
	});

	it('gives A a notice while the file is read, or when no safe fix applies; y adds what was proposed', () => {
		expect(fixesKeyEffect('safeFixes', noFixes, {'email.uppercase': {count: 1}}, false)).toEqual({
			notice: 'A proposes the safe fixes once the file has been read to its end',
		});
		expect(fixesKeyEffect('safeFixes', noFixes, {}, true)).toEqual({notice: 'no safe fix applies to the problems of this file'});
		const proposed = fixesReducer(noFixes, {type: 'propose', fixes: [one]});
		expect(fixesKeyEffect('addSafeFixes', proposed, {}, true)).toEqual({fixes: {type: 'addAll', fixes: [one]}});
		expect(fixesKeyEffect('down', proposed, {}, true)).toBeUndefined();
		expect(fixesReducer(proposed, proposalKey('last')!).proposal.cursor).toBe(0);
	});
});
