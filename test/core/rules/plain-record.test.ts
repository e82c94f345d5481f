import {Buffer} from 'node:buffer';
import {describe, expect, it} from 'vitest';
import {KeyKind, hashUtf8Pair, hashPair, keyEntries} from '../../../source/core/engine/unique-hash.js';
import {hankoRules} from '../../../source/core/rules/hanko-versions.js';
import type {HankoRules} from '../../../source/core/rules/hanko-versions.js';
import {PlainRecordReader} from '../../../source/core/rules/plain-record.js';
import {checkRecordText} from '../../../source/core/rules/validate-record.js';
import {type Random, cases, createRandom} from '../framing/fuzz-support.js';
import {mutate} from '../../helpers/generated-entries.js';

// The plain reader vouches for a record only when the full checks (the exact decoder and every layer of
// the rules, under every Hanko version) find no problem in it, and it gives the same unique values.
// Here both read realistic records and records with one field or byte changed in every way the rules
// care about; the reader must never accept what the rules would flag.

const now = Date.parse('2026-01-01T00:00:00Z');
const versions = ['2.0', '2.1.0', '2.1.1', '2.7', '3.0', 'main'].map(name => hankoRules(name) as HankoRules);
const reader = new PlainRecordReader(now);

type Verdict = {accepted: boolean; clean: boolean};

/** Reads `text` both ways; fails the test where the reader accepts what the rules flag, or differs on values. */
function compare(text: string): Verdict {
	// The record sits in a buffer with more after it, as in a batch: the reader must stop at its end
	const record = Buffer.from(text);
	const buf = Buffer.concat([Buffer.from(' ,'), record, Buffer.from(',{"user_id": 1}]')]);
	const accepted = reader.read(buf, 2, 2 + record.length);
	const plainKeys = accepted
		? Array.from({length: reader.keyCount}, (_, k) => ({
				kind: reader.keyKinds[k],
				slot: reader.keySlots[k],
				value: buf.toString('utf8', reader.keyFrom[k], reader.keyTo[k]),
			}))
		: [];
	let clean = true;
	for (const rules of versions) {
		const exact = checkRecordText(text, {now, rules, decodePath: 'exact'});
		clean &&= exact.problems.length === 0;
		if (accepted) {
			expect(exact.problems, `${rules.label}: ${text}`).toEqual([]);
			expect(plainKeys, text).toEqual(keyEntries(exact.keys));
		}
	}

	return {accepted, clean};
}

const hex = (random: Random, length: number) => Array.from({length}, () => random.pick([...'0123456789abcdef'])).join('');
const base64 = (random: Random, length: number, alphabet: string) => Array.from({length}, () => random.pick([...alphabet])).join('');
const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const bcrypt = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const uuid4 = (random: Random) =>
	`${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${random.pick([...'89ab'])}${hex(random, 3)}-${hex(random, 12)}`;
const time = (random: Random) =>
	`20${random.between(10, 25)}-0${random.between(1, 9)}-${random.between(10, 28)}T${random.between(10, 23)}:${random.between(10, 59)}:${random.between(10, 59)}${random.pick(['', '.5', '.123456', '.123456789'])}Z`;

/** A user in the plain shape, as an export writes it. */
function plainUser(random: Random, i: number): Record<string, unknown> {
	const emails = Array.from({length: random.between(1, 3)}, (_, n) => ({
		address: random.pick([
			`user${i}.${n}@example.com`,
			`a.b-c+${i}${n}@mail.example-host.org`,
			`x${i}_${n}@sub.domain.io`,
			`jürgen.${i}${n}@münchen.example`,
			`søren.zoë.ß${i}${n}@exämple.dé`,
			`ÿ${i}${n}@à.io`,
		]),
		is_primary: n === 0,
		is_verified: random.chance(0.7),
	}));
	const user: Record<string, unknown> = {user_id: uuid4(random), emails};
	if (random.chance(0.5)) user.username = random.chance(0.9) ? `user_${i}` : null;
	if (random.chance(0.6)) {
		const body = base64(random, 52, bcrypt) + random.pick([...'.CGKOSWaeimquy26']);
		user.password = {
			password: `$2a$${random.pick(['04', '10', '12', '31'])}$${body}`,
			...(random.chance(0.5) && {created_at: time(random)}),
		};
	}

	if (random.chance(0.4)) {
		user.webauthn_credentials = Array.from({length: random.between(1, 2)}, () => ({
			id: base64(random, random.between(16, 43), b64url),
			name: random.pick(['Windows Hello', null, 'YubiKey 5 NFC', '']),
			public_key: base64(random, 77, b64),
			attestation_type: random.pick(['none', 'packed', 'tpm']),
			aaguid: random.chance(0.5) ? uuid4(random) : '00000000-0000-0000-0000-000000000000',
			sign_count: random.between(0, 1000),
			last_used_at: time(random),
			created_at: time(random),
			updated_at: time(random),
			transports: random.chance(0.8) ? random.pick([['usb', 'nfc'], ['internal'], []]) : null,
			backup_eligible: random.chance(0.5),
			backup_state: false,
			mfa_only: false,
			user_handle: random.chance(0.5) ? base64(random, 22, b64url) : null,
		}));
	}

	if (random.chance(0.1)) user.otp_secret = {secret: 'JBSWY3DPEHPK3PXP', created_at: time(random), updated_at: time(random)};
	if (random.chance(0.9)) user.created_at = time(random);
	if (random.chance(0.9)) user.updated_at = time(random);
	return random.chance(0.3) ? Object.fromEntries(Object.entries(user).reverse()) : user;
}

// Values next to the edges of what the reader takes, for any field
const tricky: unknown[] = [
	null,
	true,
	false,
	0,
	-1,
	1.5,
	999_999_999,
	1_000_000_000,
	2_147_483_648,
	'',
	' ',
	'  x ',
	'x',
	'ab',
	'abc',
	'a'.repeat(32),
	'a'.repeat(33),
	'a'.repeat(255),
	'a'.repeat(256),
	'User_1',
	'user-1',
	'user 1',
	'usb',
	'a@b.co',
	'a@b.c1',
	'a@1b.co',
	'a@b-.co',
	'a@-b.co',
	'.a@b.co',
	'a.@b.co',
	'a..b@b.co',
	'a@b..co',
	'a@b.co.',
	'A@b.co',
	'a@B.co',
	'"a"@b.co',
	'a@b@c.co',
	'a@localhost',
	`${'a'.repeat(64)}@${'b'.repeat(186)}.co`,
	`${'a'.repeat(64)}@${'b'.repeat(187)}.co`,
	'jürgen@münchen.example',
	'Jürgen@münchen.example',
	'jÜrgen@münchen.example',
	'a÷b@c.co',
	'a@b.c÷',
	'a@b.cö',
	'a@ö.co',
	'ö@b.co',
	'a@b-ö.co',
	'a@b.co-ö',
	'ā@b.co',
	'a@b.ā',
	'ǅ@b.co',
	'a b@c.co',
	`${'ü'.repeat(64)}@${'b'.repeat(186)}.co`,
	`${'ü'.repeat(64)}@${'ü'.repeat(187)}.co`,
	`a@${'ü'.repeat(250)}.co`,
	`a@${'ü'.repeat(251)}.co`,
	'00000000-0000-0000-0000-000000000000',
	'ea9b8d66-4d01-4d3e-8b1e-5a2c3f2d9a11',
	'ea9b8d66-4d01-3d3e-8b1e-5a2c3f2d9a11',
	'ea9b8d66-4d01-4d3e-cb1e-5a2c3f2d9a11',
	'EA9B8D66-4D01-4D3E-8B1E-5A2C3F2D9A11',
	'{ea9b8d66-4d01-4d3e-8b1e-5a2c3f2d9a11}',
	'ea9b8d664d014d3e8b1e5a2c3f2d9a11',
	'2023-07-11T13:41:50Z',
	'2023-07-11T13:41:50.1234567891Z',
	'2023-07-11T13:41:50+00:00',
	'2023-07-11T13:41:50+02:00',
	'2023-07-11t13:41:50z',
	'2023-02-29T10:00:00Z',
	'2024-02-29T10:00:00Z',
	'2023-07-11T24:00:00Z',
	'2023-07-11T23:59:60Z',
	'1899-12-31T23:59:59Z',
	'1900-01-01T00:00:00Z',
	'2299-12-31T23:59:59Z',
	'2300-01-01T00:00:00Z',
	'0001-01-01T00:00:00Z',
	'2026-01-01T00:05:00Z',
	'2026-01-01T00:05:00.001Z',
	'2026-01-01T00:04:59.999999999Z',
	'2025-12-31T23:59:59Z',
	'$2a$10$Qco4yLU1Xqnd1KpGeITxIBD/CtpY0gWHoddNuZYMDf84c/7no2b6q',
	'$2a$10$Qco4yLU1Xqnd1KpGeITxIBD/CtpY0gWHoddNuZYMDf84c/7no2b6r',
	'$2a$03$Qco4yLU1Xqnd1KpGeITxIBD/CtpY0gWHoddNuZYMDf84c/7no2b6q',
	'$2a$32$Qco4yLU1Xqnd1KpGeITxIBD/CtpY0gWHoddNuZYMDf84c/7no2b6q',
	'$2b$10$Qco4yLU1Xqnd1KpGeITxIBD/CtpY0gWHoddNuZYMDf84c/7no2b6q',
	'$2a$10$Qco4yLU1Xqnd1KpGeITxIBD/CtpY0gWHoddNuZYMDf84c/7no2b6',
	'$fbscrypt$v=1,n=14,r=8,p=1,ss=Bw==,sk=ou9tdYTGyYm8kuR6Dt0Bp0kDuAYoXrK16mbZO4yGwAn3oLspjnN0/c41v8xZnO1n14J3MjKj1b2g6AUCAlFwMw==$zKVTMvnWVw5BBOZNUdnsalx4c4c7y/w7IS5p6Ffp86EV+7Kw==$HrdvUlZkUAxIX7MP5WGNnk4eyXpkP7KKrsI6KMyBUX+yDMf1aGP2ra4xzYWQkjyH7MGT4k2/4CPPTXxS8jWHEA==',
	['usb'],
	['usb', 'usb'],
	['usb', ''],
	['usb', ' '],
	[],
	[1],
	{},
	{password: '$2a$10$Qco4yLU1Xqnd1KpGeITxIBD/CtpY0gWHoddNuZYMDf84c/7no2b6q'},
	{secret: ''},
	{secret: 'JBSWY3DPEHPK3PXP'},
	'x\u0000y',
	'x\u001fy',
	'\\',
	'"',
	'x\u007fy',
];

/** Every place in the user (as a list of keys and indexes) that holds a value. */
function places(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
	if (Array.isArray(value)) return [path, ...value.flatMap((item, i) => places(item, [...path, i]))];
	if (value !== null && typeof value === 'object')
		return [path, ...Object.entries(value).flatMap(([key, item]) => places(item, [...path, key]))];
	return [path];
}

/** The user with one change at a random place: a tricky value, a removed member, an unknown or repeated key. */
function edited(random: Random, user: Record<string, unknown>): string {
	const copy = structuredClone(user);
	const targets = places(copy).filter(path => path.length > 0);
	const path = random.pick(targets);
	let parent: any = copy; // eslint-disable-line @typescript-eslint/no-explicit-any
	for (const step of path.slice(0, -1)) parent = parent[step];
	const last = path.at(-1)!;
	switch (random.between(0, 5)) {
		case 0: {
			if (Array.isArray(parent)) parent.splice(Number(last), 1);
			else delete parent[last];
			break;
		}

		case 1: {
			if (!Array.isArray(parent))
				parent[random.pick(['extra', 'Address', 'USER_ID', 'emails', 'is_primary'])] = structuredClone(random.pick(tricky));
			break;
		}

		case 2: {
			// A repeated key: JSON.stringify cannot write one
			const text = JSON.stringify(copy);
			const at = text.indexOf(`"${String(last)}":`);
			if (at >= 0 && typeof last === 'string')
				return `${text.slice(0, at)}"${last}":${JSON.stringify(random.pick(tricky))},${text.slice(at)}`;
			break;
		}

		default: {
			parent[last] = structuredClone(random.pick(tricky));
		}
	}

	return JSON.stringify(copy, null, random.pick([undefined, 2, '\t']));
}

describe('PlainRecordReader', () => {
	it('accepts realistic plain records, with the values the full checks find', () => {
		const random = createRandom(20_261_207);
		for (let i = 0; i < cases(3000); i++) {
			const text = JSON.stringify(plainUser(random, i), null, random.pick([undefined, 2, 4, '\t']));
			expect(compare(text), text).toEqual({accepted: true, clean: true});
		}
	});

	it('never accepts a record the rules flag, with one field changed in any way', () => {
		const random = createRandom(7_031_978);
		const total = cases(20_000);
		const counts = {accepted: 0, clean: 0, flagged: 0};
		for (let i = 0; i < total; i++) {
			const verdict = compare(edited(random, plainUser(random, i)));
			if (verdict.accepted) counts.accepted++;
			if (verdict.clean) counts.clean++;
			else counts.flagged++;
		}

		// Both kinds are compared: edits that leave the record clean (the reader takes most) and ones the rules flag
		expect(counts.flagged).toBeGreaterThan(total / 4);
		expect(counts.accepted).toBeGreaterThan(counts.clean / 2);
	});

	it('never accepts a record the rules flag, with bytes changed', () => {
		const random = createRandom(7_031_979);
		const total = cases(20_000);
		let accepted = 0;
		for (let i = 0; i < total; i++) {
			let text = JSON.stringify(plainUser(random, i), null, random.chance(0.5) ? 2 : undefined);
			for (let edits = random.between(1, 2); edits > 0; edits--) text = mutate(random, text, random.chance(0.5));
			if (compare(text).accepted) accepted++;
		}

		expect(accepted).toBeGreaterThan(total / 20);
	});

	it('stops at the end of its record, and takes only white space around it', () => {
		const user = JSON.stringify(plainUser(createRandom(1), 1));
		expect(compare(user).accepted).toBe(true);
		expect(compare(` \n\t${user}\r\n`).accepted).toBe(true);
		expect(compare(`${user} x`).accepted).toBe(false);
		expect(compare(user.slice(0, -1)).accepted).toBe(false);
		expect(compare(`[${user}]`).accepted).toBe(false);
	});
});

describe('hashUtf8Pair', () => {
	it('hashes UTF-8 bytes as hashPair hashes the text they spell', () => {
		const random = createRandom(99);
		for (let n = 0; n < 2000; n++) {
			// Characters of one and two bytes in UTF-8, as the plain reader takes them
			const text = Array.from({length: random.between(0, 70)}, () =>
				String.fromCharCode(random.between(0, random.pick([0x7f, 0x7ff]))),
			).join('');
			const kind = random.pick([KeyKind.UserId, KeyKind.Email, KeyKind.Username, KeyKind.CredentialId, KeyKind.UserHandle]);
			const fromText = new Uint32Array(2);
			const fromBytes = new Uint32Array(2);
			hashPair(text, kind, fromText, 0);
			const bytes = Buffer.from(`xx${text}yy`);
			hashUtf8Pair(bytes, 2, bytes.length - 2, kind, fromBytes, 0);
			expect([...fromBytes]).toEqual([...fromText]);
		}
	});
});
