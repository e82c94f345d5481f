import {describe, expect, it} from 'vitest';
import {problemPosition, recordField, shortened} from '../../../source/ui/validation/copy-fields.js';

describe('what y copies', () => {
	it('takes the user_id and the primary email as written, case and all', () => {
		const text = JSON.stringify({
			user_id: 'auth0|ABC',
			emails: [
				{address: 'Other@Example.com', is_primary: false},
				{address: 'Ann@Example.com', is_primary: true},
			],
		});
		expect(recordField(text, 'user_id')).toEqual({value: 'auth0|ABC'});
		expect(recordField(text, 'email')).toEqual({value: 'Ann@Example.com'});
	});

	it('takes a single unmarked address as the primary one, but not one of several', () => {
		expect(recordField('{"emails":[{"address":"a@b.c"}]}', 'email')).toEqual({value: 'a@b.c'});
		expect(recordField('{"emails":[{"address":"a@b.c"},{"address":"d@e.f"}]}', 'email')).toEqual({
			missing: 'this record has no primary email',
		});
	});

	it('says what is missing instead of copying nothing', () => {
		expect(recordField('{"emails":[]}', 'user_id')).toEqual({missing: 'this record has no user_id'});
		expect(recordField('{"user_id":"x"}', 'email')).toEqual({missing: 'this record has no email'});
		expect(recordField('{"user_id":', 'user_id')).toEqual({missing: 'the record is not JSON: no field to copy'});
		expect(recordField('[1]', 'email')).toEqual({missing: 'the record is not an object'});
	});

	it('writes positions as file:line:col and shortens long values for the status line', () => {
		const problem = {
			record: 3,
			line: 5,
			column: 3,
			pointer: '/user_id',
			code: 'user-id.invalid',
			severity: 'error',
			message: '',
		} as const;
		expect(problemPosition('fixtures/broken.json', problem)).toBe('fixtures/broken.json:5:3');
		expect(shortened('9f1c7a2e-0000-4000-8000-000000000000')).toBe('9f1c7a2e-000…');
		expect(shortened('short')).toBe('short');
	});
});
