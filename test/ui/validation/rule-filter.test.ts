import {describe, expect, it} from 'vitest';
import {ProblemStore} from '../../../source/core/engine/problem-store.js';
import {type FilterAction, RuleRows, filterReducer, noFilter} from '../../../source/ui/validation/rule-filter.js';

const run = (...actions: FilterAction[]) => actions.reduce(filterReducer, noFilter);

describe('rule filter', () => {
	it('chooses a rule from the counts and applies it; Esc clears', () => {
		const codes = ['json.syntax', 'email.invalid', 'user-id.missing'];
		expect(run({type: 'open'}, {type: 'move', by: 1, rules: 3}, {type: 'apply', codes})).toEqual({
			choosing: false,
			choice: 1,
			code: 'email.invalid',
		});
		expect(run({type: 'open'}, {type: 'move', by: 5, rules: 3}).choice).toBe(2);
		expect(run({type: 'open'}, {type: 'move', by: -1, rules: 3}).choice).toBe(0);
		// g and G: the first and the last rule
		expect(run({type: 'open'}, {type: 'move', by: Number.POSITIVE_INFINITY, rules: 3}).choice).toBe(2);
		expect(run({type: 'open'}, {type: 'move', by: 1, rules: 3}, {type: 'move', by: Number.NEGATIVE_INFINITY, rules: 3}).choice).toBe(0);
		expect(run({type: 'open'}, {type: 'close'})).toEqual(noFilter);
		expect(run({type: 'open'}, {type: 'apply', codes}, {type: 'clear'}).code).toBeUndefined();
		expect(run({type: 'open'}, {type: 'apply', codes: []}).code).toBeUndefined();
	});

	it('indexes the problems of one rule as they arrive, and knows when the store was redone', () => {
		const store = new ProblemStore();
		const add = (code: 'email.invalid' | 'json.syntax', record: number) => store.add(record, 1, 1, '', code, 'm');
		add('email.invalid', 0);
		add('json.syntax', 1);
		const rows = new RuleRows('email.invalid', store.version).update(store);
		expect(rows.indexes).toEqual([0]);
		add('email.invalid', 2);
		expect(rows.update(store).indexes).toEqual([0, 2]);
		store.remove(0);
		expect(rows.fits(store)).toBe(false);
		expect(new RuleRows('email.invalid', store.version).update(store).indexes).toEqual([2]);
	});
});
