import {describe, expect, it} from 'vitest';
import {decodeGoJson} from '../../../source/core/go/json-decode.js';
import {decodeGoJsonFast} from '../../../source/core/go/json-fast-path.js';
import type {GoType} from '../../../source/core/go/go-types.js';
import {entryType} from '../../../source/core/rules/import-format.js';
import {createRandom} from '../framing/fuzz-support.js';
import {generatedObject, plain, scalar} from '../../helpers/generated-entries.js';

const entry = entryType as GoType & {kind: 'struct'};

describe('decodeGoJsonFast: the same result as the exact decoder, or none', () => {
	it('agrees with decodeGoJson on generated records, and decides most of the plain ones', () => {
		const random = createRandom(20_261_206);
		let decided = 0;
		const total = 20_000;
		for (let n = 0; n < total; n++) {
			const text = random.chance(0.02) ? scalar(random) : generatedObject(random, 'entry', 0);
			const fast = decodeGoJsonFast(text, entry);
			if (fast === undefined) continue;
			decided++;
			const exact = decodeGoJson(text, entryType);
			expect(fast.ok, text).toBe(true);
			expect(exact.ok, text).toBe(true);
			if (fast.ok && exact.ok) {
				expect(plain(fast.value), text).toEqual(plain(exact.value));
				expect(fast.faults, text).toEqual(exact.faults);
			}
		}

		// Many generated records carry a repeated key, an escape or a folded key: still, a good share is decided
		expect(decided).toBeGreaterThan(total / 5);
	});

	it.each([
		['an escape', String.raw`{"username": "a\u0062"}`],
		['a repeated key', '{"username": "a", "username": "b"}'],
		['a repeated key past a colon in a string', '{"username": "a:b", "user_id": "x", "user_id": "y"}'],
		['a key that matches by case folding', '{"Username": "a"}'],
		['an index key JSON.parse moves first', '{"username": "a", "7": 1}'],
		['an int written with a fraction', '{"webauthn_credentials": [{"sign_count": 12.0}]}'],
		['an int beyond a double', '{"webauthn_credentials": [{"sign_count": 9007199254740993}]}'],
		['text JSON.parse refuses', '{"username": "a",}'],
		['deep nesting', `{"x": ${'['.repeat(100)}${']'.repeat(100)}}`],
	])('leaves %s to the exact decoder', (_, text) => {
		expect(decodeGoJsonFast(text, entry)).toBeUndefined();
	});

	it('decides a plain record, faults included', () => {
		const text =
			'{"user_id": "u", "emails": [{"address": "a@x.io", "is_primary": true}], "nickname": {"a": [1, "b:c"]}, "created_at": 5}';
		const fast = decodeGoJsonFast(text, entry);
		expect(fast).toBeDefined();
		expect(plain(fast!.ok && fast!.value)).toEqual(plain((decodeGoJson(text, entryType) as {value: unknown}).value));
		expect(fast!.ok && fast!.faults.map(fault => fault.kind)).toEqual(['unknown-key', 'type']);
	});
});
