import {describe, expect, it} from 'vitest';
import {recordLabel} from '../../../source/ui/validation/record-label.js';

describe('recordLabel', () => {
	it.each([
		['{"user_id": "u-1", "emails": [{"address": "a@x.io", "is_primary": true}]}', 'a@x.io'],
		['{"user_id": "u-1", "username": "ann"}', 'u-1'],
		['{"emails": [{"address": "b@x.io"}, {"address": "a@x.io", "is_primary": true}]}', 'a@x.io'],
		['{"emails": [{"address": "b@x.io"}]}', 'b@x.io'],
		['{"username": "ann"}', 'ann'],
		['{"user_id": ""}', '—'],
		['42', '—'],
		['{"a": 1,}', '(not JSON)'],
	])('%s is %s', (text, label) => {
		expect(recordLabel(text)).toBe(label);
	});

	it('is empty while the record is not read yet', () => {
		expect(recordLabel(undefined)).toBe('');
	});
});
