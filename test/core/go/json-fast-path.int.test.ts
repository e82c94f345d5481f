import {describe, expect, it} from 'vitest';
import {decodeGoJson, givenFields} from '../../../source/core/go/json-decode.js';
import {decodeGoJsonFast} from '../../../source/core/go/json-fast-path.js';
import type {GoType} from '../../../source/core/go/go-types.js';
import {entryType} from '../../../source/core/rules/import-format.js';
import {createRandom, type Random} from '../framing/fuzz-support.js';

const entry = entryType as GoType & {kind: 'struct'};

/** A decoded value as plain data, the marks of given fields included (they are not enumerable). */
function plain(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(item => plain(item));
	if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? `${value}n` : value;
	const out: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) out[key] = plain(item);
	const given = (value as Record<symbol, unknown>)[givenFields];
	if (given !== undefined) out['(given)'] = given;
	return out;
}

// Values of every kind a field may meet, with the shapes JSON.parse and Go's decoder read differently
const strings = [
	'ann@example.com',
	'Ann@X.io',
	'',
	' ',
	'a:b',
	'2023-07-11T13:41:50Z',
	'2023-07-11T9:41:50,5Z',
	'2023-07-11',
	'ea9b8d66-4d01-4d3e-8b1e-5a2c3f2d9a11',
	'{EA9B8D66-4D01-4D3E-8B1E-5A2C3F2D9A11}',
	'nope',
	'jürgen',
	'"quoted"',
];
const numbers = ['0', '-0', '12', '12.0', '1e3', '-5', '2147483648', '9007199254740993', '9223372036854775808', '0.5'];

function scalar(random: Random): string {
	switch (random.between(0, 5)) {
		case 0: {
			return JSON.stringify(random.pick(strings));
		}

		case 1: {
			return random.pick(numbers);
		}

		case 2: {
			return random.pick(['true', 'false']);
		}

		case 3: {
			return 'null';
		}

		case 4: {
			return String.raw`"2023-07-11T13:41:50\u002B02:00"`;
		}

		default: {
			return `[${random.pick(['', '1', '"usb"', 'null', '"usb", "usb"'])}]`;
		}
	}
}

const keys: Record<string, string[]> = {
	entry: [
		'user_id',
		'emails',
		'username',
		'webauthn_credentials',
		'password',
		'otp_secret',
		'created_at',
		'updated_at',
		'nickname',
		'Emails',
		'USERNAME',
		'paſſword',
		'0',
		'a:b',
	],
	email: ['address', 'is_primary', 'is_verified', 'Address', 'note'],
	credential: [
		'id',
		'name',
		'public_key',
		'attestation_type',
		'aaguid',
		'sign_count',
		'last_used_at',
		'created_at',
		'updated_at',
		'transports',
		'backup_eligible',
		'backup_state',
		'mfa_only',
		'user_handle',
		'SIGN_COUNT',
		'extra',
	],
	password: ['password', 'created_at', 'updated_at'],
	otp: ['secret', 'created_at', 'updated_at'],
};

function object(random: Random, kind: keyof typeof keys, depth: number): string {
	const members: string[] = [];
	for (let n = random.between(0, 5); n > 0; n--) {
		const key = random.pick(keys[kind]!);
		members.push(`${JSON.stringify(key)}${random.pick([': ', ':', ' : ', '\n:'])}${value(random, kind, key, depth)}`);
	}

	return `{${members.join(random.pick([', ', ',\n  ', ',']))}}`;
}

function value(random: Random, kind: keyof typeof keys, key: string, depth: number): string {
	if (depth > 3 || random.chance(0.3)) return scalar(random);
	const lower = key.toLowerCase();
	if (kind === 'entry' && lower === 'emails')
		return `[${Array.from({length: random.between(0, 3)}, () => (random.chance(0.8) ? object(random, 'email', depth + 1) : scalar(random))).join(', ')}]`;
	if (kind === 'entry' && lower === 'webauthn_credentials')
		return `[${Array.from({length: random.between(0, 2)}, () => object(random, 'credential', depth + 1)).join(', ')}]`;
	if (kind === 'entry' && (lower === 'password' || key === 'paſſword')) return object(random, 'password', depth + 1);
	if (kind === 'entry' && lower === 'otp_secret') return object(random, 'otp', depth + 1);
	return random.chance(0.5) ? scalar(random) : `{"x": ${scalar(random)}, "y": [${scalar(random)}]}`;
}

describe('decodeGoJsonFast: the same result as the exact decoder, or none', () => {
	it('agrees with decodeGoJson on generated records, and decides most of the plain ones', () => {
		const random = createRandom(20_261_206);
		let decided = 0;
		const total = 20_000;
		for (let n = 0; n < total; n++) {
			const text = random.chance(0.02) ? scalar(random) : object(random, 'entry', 0);
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
