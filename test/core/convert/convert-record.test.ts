import {describe, expect, it} from 'vitest';
import {convertRecords, withPasswords} from '../../../source/core/convert/convert-record.js';

const auth0 = (id: string, extra: Record<string, unknown> = {}) => ({user_id: `auth0|${id}`, email: `${id}@example.com`, email_verified: true, identities: [{provider: 'auth0'}], ...extra});

describe('convertRecords', () => {
	it('joins the users written into one text, and says where each user waiting for a password ends', () => {
		const batch = convertRecords([
			{index: 7, line: 8, value: auth0('a')},
			{index: 8, line: 9, value: {user_id: 'sms|1', phone_number: '+4930'}},
			{index: 9, line: 10, value: auth0('b', {identities: [{provider: 'github'}]})},
			{index: 10, line: 11, value: undefined, error: 'not JSON: Unexpected token'},
			{index: 11, line: 12, value: auth0('c')},
		], 'auth0', {includeDisabled: false});
		expect(batch).toMatchObject({users: 5, written: 3, idsReplaced: 3, rejected: {'only a phone number: Hanko needs an email or a username': 1, 'not JSON: Unexpected token': 1}, passwords: {none: 1, kept: 0, converted: 0}});
		const users = JSON.parse(`[${batch.text}]`) as Array<{user_id: string; emails: Array<{address: string}>}>;
		expect(users.map(user => user.emails[0]!.address)).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
		// The first and the third written users are database users; each lookup ends at its user's closing brace
		expect(batch.lookups.map(lookup => lookup.keys)).toEqual([['id:a', 'email:a@example.com'], ['id:c', 'email:c@example.com']]);
		for (const {end} of batch.lookups) expect(batch.text[end - 1]).toBe('}');
		expect(batch.map.split('\n').filter(Boolean).map(line => line.split(',').slice(0, 2).join(','))).toEqual(['7,auth0|a', '9,auth0|b', '11,auth0|c']);
		expect(batch.rejects.split('\n').filter(Boolean).map(line => (JSON.parse(line) as {record: number; line: number}).line)).toEqual([9, 11]);

		const withHashes = JSON.parse(`[${withPasswords(batch.text, batch.lookups.map(({end}, i) => ({end, hash: `$2a$10$hash${i}`})))}]`) as Array<{password?: {password: string}}>;
		expect(withHashes.map(user => user.password?.password)).toEqual(['$2a$10$hash0', undefined, '$2a$10$hash1']);
	});
});
