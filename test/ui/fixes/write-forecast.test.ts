import {describe, expect, it} from 'vitest';
import {ProblemStore} from '../../../source/core/engine/problem-store.js';
import {type PendingFix, noPending, pendingReducer} from '../../../source/ui/fixes/fixes-state.js';
import {describeForecast, forecastWrite} from '../../../source/ui/fixes/write-forecast.js';

const add = (...fixes: Array<Omit<PendingFix, 'id'>>) => fixes.reduce((state, fix) => pendingReducer(state, {type: 'add', fix}), noPending);

describe('what w will leave out', () => {
	// Records 0 and 1 have an invalid user id, record 1 also an upper-case email (a warning), record 2
	// a missing primary email; a problem of the whole file counts for no record
	const store = new ProblemStore(100);
	store.add(0, 2, 3, '/user_id', 'user-id.invalid', 'not a UUID');
	store.add(1, 3, 3, '/user_id', 'user-id.invalid', 'not a UUID');
	store.add(1, 3, 3, '/emails/0/address', 'email.uppercase', 'upper case');
	store.add(2, 4, 3, '/emails', 'email.no-primary', 'no primary');
	store.add(null, 1, 1, '', 'file.bom', 'a byte order mark');

	it('counts every record with an error when no fix is pending', () => {
		expect(forecastWrite(store, noPending)).toEqual({rejected: 3, atLeast: false});
	});

	it('leaves out records whose errors a rule-wide or a record fix is for', () => {
		const ruleWide = add({fix: 'user-id.generate', code: 'user-id.invalid', record: undefined, problems: 2});
		expect(forecastWrite(store, ruleWide).rejected).toBe(1);
		const oneRecord = add({fix: 'user-id.generate', code: 'user-id.invalid', record: 1, problems: 1});
		expect(forecastWrite(store, oneRecord).rejected).toBe(2);
	});

	it('says "or more" when the store dropped problems, "up to" otherwise, and names the rejects file', () => {
		const small = new ProblemStore(1);
		small.add(0, 2, 3, '/user_id', 'user-id.invalid', 'not a UUID');
		small.add(1, 3, 3, '/user_id', 'user-id.invalid', 'not a UUID');
		expect(describeForecast(forecastWrite(small, noPending), 'users.rejects.ndjson')).toBe(
			'1 or more records with errors go to users.rejects.ndjson',
		);
		expect(describeForecast({rejected: 0, atLeast: false}, 'x')).toBe('every record with an error has a pending fix');
		expect(describeForecast({rejected: 1, atLeast: false}, 'x')).toBe('up to 1 record with errors go to x');
	});
});
