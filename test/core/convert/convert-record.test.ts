import {describe, expect, it} from 'vitest';
import {convertRecords} from '../../../source/core/convert/convert-record.js';
import {PasswordExport} from '../../../source/core/convert/providers/password-export.js';

const auth0 = (id: string, extra: Record<string, unknown> = {}) => ({
	user_id: `auth0|${id}`,
	email: `${id}@example.com`,
	email_verified: true,
	identities: [{provider: 'auth0'}],
	...extra,
});

describe('convertRecords', () => {
	it('joins the users written into one text, each database user with the hash of the password export that is theirs', () => {
		const hashes = new PasswordExport();
		hashes.add(['id:a'], '$2b$10$hashOfAhashOfAhashOfAhashOfAhashOfAhashOfAhashOfAhas.');
		hashes.add(['email:c@example.com'], '$2a$10$hashOfChashOfChashOfChashOfChashOfChashOfChashOfChas.');
		hashes.finish();
		const batch = convertRecords(
			[
				{index: 7, line: 8, value: auth0('a')},
				{index: 8, line: 9, value: {user_id: 'sms|1', phone_number: '+4930'}},
				{index: 9, line: 10, value: auth0('b', {identities: [{provider: 'github'}]})},
				{index: 10, line: 11, value: undefined, error: 'not JSON: Unexpected token'},
				{index: 11, line: 12, value: auth0('c')},
			],
			'auth0',
			{includeDisabled: false, passwords: hashes.share()},
		);
		expect(batch).toMatchObject({
			users: 5,
			written: 3,
			idsReplaced: 3,
			rejected: {'only a phone number: Hanko needs an email or a username': 1, 'not JSON: Unexpected token': 1},
			passwords: {none: 1, kept: 1, converted: 1, reset: {}},
		});
		const users = JSON.parse(`[${batch.text}]`) as Array<{user_id: string; emails: Array<{address: string}>}>;
		expect(users.map(user => user.emails[0]!.address)).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
		// a by its id ($2b$ becomes $2a$), c by its address; b signs in with GitHub and has no password
		const withHashes = JSON.parse(`[${batch.text}]`) as Array<{password?: {password: string}}>;
		expect(withHashes.map(user => user.password?.password)).toEqual([
			'$2a$10$hashOfAhashOfAhashOfAhashOfAhashOfAhashOfAhashOfAhas.',
			undefined,
			'$2a$10$hashOfChashOfChashOfChashOfChashOfChashOfChashOfChas.',
		]);
		expect(Object.keys(withHashes[0]!).at(-1)).toBe('password');
		expect(
			batch.map
				.split('\n')
				.filter(Boolean)
				.map(line => line.split(',').slice(0, 2).join(',')),
		).toEqual(['7,auth0|a', '9,auth0|b', '11,auth0|c']);
		expect(
			batch.rejects
				.split('\n')
				.filter(Boolean)
				.map(line => (JSON.parse(line) as {record: number; line: number}).line),
		).toEqual([9, 11]);
	});

	it('gives users without a source id ids of their own (from their place), and rejects a user no converter can read without stopping', () => {
		const batch = convertRecords(
			[
				{index: 0, line: 1, value: {email: 'a@example.com', email_confirmed_at: '2023-01-01 00:00:00+00', encrypted_password: ''}},
				{index: 1, line: 2, value: {email: 'b@example.com', email_confirmed_at: '2023-01-01 00:00:00+00', encrypted_password: ''}},
			],
			'supabase',
			{includeDisabled: false},
		);
		const ids = (JSON.parse(`[${batch.text}]`) as Array<{user_id: string}>).map(user => user.user_id);
		expect(new Set(ids).size).toBe(2);
		expect(
			batch.map
				.split('\n')
				.filter(Boolean)
				.map(line => line.split(',').slice(0, 2).join(',')),
		).toEqual(['0,', '1,']);

		// Odd shapes are guarded or cost one user: a null identity, an id that is an object whose text throws
		const odd = convertRecords(
			[
				{index: 0, line: 1, value: auth0('a', {identities: [null, {provider: 'auth0'}]})},
				{index: 1, line: 2, value: {user_id: {toString: null}, email: 'x@example.com', identities: []}},
				{index: 2, line: 3, value: auth0('c')},
			],
			'auth0',
			{includeDisabled: false},
		);
		expect(odd).toMatchObject({users: 3, written: 2});
		expect(Object.keys(odd.rejected)).toEqual([expect.stringMatching(/^could not be converted: /) as string]);
		expect((JSON.parse(odd.rejects) as {record: number; original: unknown}).record).toBe(1);
	});

	it('keeps what could not be read in the rejects file: the text of a record that is no JSON, the cells of a row', () => {
		const batch = convertRecords(
			[
				{index: 4, line: 5, value: undefined, error: 'not JSON', raw: '{"user_id": "auth0|x",'},
				{
					index: 5,
					line: 6,
					value: undefined,
					error: 'a CSV row of 3 cells where the header has 2: a quote inside a quoted cell?',
					raw: ['a', 'b', 'c'],
				},
			],
			'auth0',
			{includeDisabled: false},
		);
		expect(
			batch.rejects
				.trim()
				.split('\n')
				.map(line => JSON.parse(line) as unknown),
		).toEqual([
			{record: 4, line: 5, reason: 'not JSON', original: '{"user_id": "auth0|x",'},
			{
				record: 5,
				line: 6,
				reason: 'a CSV row of 3 cells where the header has 2: a quote inside a quoted cell?',
				original: ['a', 'b', 'c'],
			},
		]);
	});
});
