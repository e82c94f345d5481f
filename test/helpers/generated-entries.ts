import {givenFields} from '../../source/core/go/json-decode.js';
import type {Random} from '../core/framing/fuzz-support.js';

// Records of Hanko's import entry, generated with the shapes the JSON decoders read differently
// (repeated and folded keys, escapes, mistyped values, numbers of every form), for the differential
// tests of the quick decoders against the exact one.

/** A decoded value as plain data, the marks of given fields included (they are not enumerable). */
export function plain(value: unknown): unknown {
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

export function scalar(random: Random): string {
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

export function generatedObject(random: Random, kind: keyof typeof keys, depth: number): string {
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
		return `[${Array.from({length: random.between(0, 3)}, () => (random.chance(0.8) ? generatedObject(random, 'email', depth + 1) : scalar(random))).join(', ')}]`;
	if (kind === 'entry' && lower === 'webauthn_credentials')
		return `[${Array.from({length: random.between(0, 2)}, () => generatedObject(random, 'credential', depth + 1)).join(', ')}]`;
	if (kind === 'entry' && (lower === 'password' || key === 'paſſword')) return generatedObject(random, 'password', depth + 1);
	if (kind === 'entry' && lower === 'otp_secret') return generatedObject(random, 'otp', depth + 1);
	return random.chance(0.5) ? scalar(random) : `{"x": ${scalar(random)}, "y": [${scalar(random)}]}`;
}

const hex = (random: Random, length: number) => Array.from({length}, () => random.pick([...'0123456789abcdef'])).join('');
const uuid = (random: Random) => `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-8${hex(random, 3)}-${hex(random, 12)}`;
const time = (random: Random) =>
	random.pick(['2023-07-11T13:41:50Z', '2024-02-29T23:59:59.123456Z', '2022-11-07T17:56:29.396462+02:00', '2021-01-01T00:00:00-05:30']);

/** A user as a real export has it: every field, in one of a few key orders. */
export function realisticUser(random: Random, i: number): Record<string, unknown> {
	const user: Record<string, unknown> = {
		user_id: uuid(random),
		emails: Array.from({length: random.between(1, 3)}, (_, n) => ({
			address: random.pick([`user${i}.${n}@example.com`, `jürgen${i}@münchen.example`, `A${i}@Example.COM`]),
			is_primary: n === 0,
			is_verified: random.chance(0.7),
		})),
	};
	if (random.chance(0.5)) user.username = `user_${i}`;
	if (random.chance(0.6))
		user.password = {password: '$2a$10$Qco4yLU1Xqnd1KpGeITxIBD/CtpY0gWHoddNuZYMDf84c/7no2b6q', created_at: time(random)};
	if (random.chance(0.3))
		user.webauthn_credentials = [
			{
				id: hex(random, 20),
				name: random.chance(0.5) ? 'Windows Hello' : null,
				public_key: 'pQECAyYgASFYIoqvzUCQH5lAeT/fPTvPUPYoZUay1W5jF',
				attestation_type: 'none',
				aaguid: random.chance(0.5) ? uuid(random) : '00000000-0000-0000-0000-000000000000',
				sign_count: random.between(0, 100),
				last_used_at: time(random),
				created_at: time(random),
				transports: random.chance(0.5) ? ['usb', 'nfc'] : [],
				backup_eligible: random.chance(0.5),
				backup_state: false,
				mfa_only: random.chance(0.1),
				user_handle: random.chance(0.2) ? hex(random, 16) : null,
			},
		];
	if (random.chance(0.1)) user.otp_secret = {secret: 'JBSWY3DPEHPK3PXP', created_at: time(random), updated_at: time(random)};
	user.created_at = time(random);
	user.updated_at = time(random);
	if (random.chance(0.5)) return Object.fromEntries(Object.entries(user).reverse());
	return user;
}

/** Bytes a mutation puts in: the characters JSON's grammar and Go's decoder care about. */
const insertions = [
	'"',
	'\\',
	'{',
	'}',
	'[',
	']',
	',',
	':',
	' ',
	'\n',
	'0',
	'1',
	'e',
	'.',
	'-',
	'n',
	't',
	'é',
	'\u0000',
	'\u0001',
	'A',
	'/',
];

/**
 * One random edit: a character dropped, doubled or put in, or a key's case changed. With `keepFraming`,
 * an edit that would change where the record ends (quotes, brackets, backslashes) is not made.
 */
export function mutate(random: Random, text: string, keepFraming = false): string {
	if (keepFraming) {
		const edited = mutate(random, text);
		return framingOf(edited) === framingOf(text) ? edited : text;
	}

	const at = random.between(0, text.length - 1);
	switch (random.between(0, 4)) {
		case 0: {
			return text.slice(0, at) + text.slice(at + 1);
		}

		case 1: {
			return text.slice(0, at) + text[at]! + text.slice(at);
		}

		case 2: {
			return text.slice(0, at) + random.pick(insertions) + text.slice(at);
		}

		case 3: {
			return text.slice(0, at) + random.pick(insertions) + text.slice(at + 1);
		}

		default: {
			const key = text.indexOf('"', at);
			return key < 0 ? text : text.slice(0, key + 1) + text.charAt(key + 1).toUpperCase() + text.slice(key + 2);
		}
	}
}

/** The characters that decide where a record ends, in order. */
function framingOf(text: string): string {
	return text.replaceAll(/[^"{}[\]\\]/g, '');
}
