import {describe, expect, it} from 'vitest';
import {labelOfWho, whoOfText} from '../../../source/core/engine/record-who.js';
import {hankoRules, isHankoRules} from '../../../source/core/rules/hanko-versions.js';

const rules = hankoRules(undefined);
if (!isHankoRules(rules)) throw new Error(rules.error);
const context = {now: Date.parse('2026-01-01T00:00:00Z'), rules};
const who = (text: string) => whoOfText(text, context);

describe('who a record is', () => {
	it.each([
		['{"user_id": "u-1", "emails": [{"address": "a@x.io", "is_primary": true}]}', 'a@x.io'],
		['{"user_id": "u-1", "username": "ann"}', 'u-1'],
		['{"emails": [{"address": "b@x.io"}, {"address": "a@x.io", "is_primary": true}]}', 'a@x.io'],
		['{"emails": [{"address": "b@x.io"}]}', 'b@x.io'],
		['{"username": "ann"}', 'ann'],
		['{"user_id": ""}', '—'],
		['42', '—'],
		['{"a": 1,}', '(not JSON)'],
		// As Hanko's decoder reads it: Go matches field names case-insensitively
		['{"USER_ID": "u-2", "Emails": [{"Address": "c@x.io", "IS_PRIMARY": true}]}', 'c@x.io'],
	])('%s is %s', (text, label) => {
		expect(labelOfWho(who(text))).toBe(label);
	});

	it('is empty while the record is not known', () => {
		expect(labelOfWho(undefined)).toBe('');
	});

	it('keeps every value a search may look for, each once, apart from each other', () => {
		const values = who(
			'{"user_id": "u-1", "username": "ann", "emails": [{"address": "b@x.io"}, {"address": "a@x.io", "is_primary": true}]}',
		);
		expect(values.split('\0')).toEqual(['a@x.io', 'u-1', 'ann', 'b@x.io']);
	});

	it('keeps the start of a broken record and no separator from the data', () => {
		const text = `{"user_id": "a\\u0000b", ${'"x": 1, '.repeat(400)}`;
		const value = who(text);
		expect(labelOfWho(value)).toBe('(not JSON)');
		expect(value.length).toBeLessThanOrEqual(1001);
		expect(value.slice(1)).toBe(text.slice(0, 1000));
		expect(who('{"user_id": "a\\u0000b"}').split('\0')).toEqual(['a\uFFFDb']);
	});
});
