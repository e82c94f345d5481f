import {describe, expect, it} from 'vitest';
import {withAuth0Names} from '../../../../source/core/convert/providers/auth0-extension.js';
import {convertAuth0, looksLikeAuth0} from '../../../../source/core/convert/providers/auth0.js';

const off = {includeDisabled: false};

// A user as the User Import / Export extension titles its default columns
const titled = {
	Id: 'auth0|5f7c8ec7c33c6c004bbafe82',
	'Given Name': 'Ann',
	'Family Name': 'Lee',
	Nickname: 'ann',
	Name: 'Ann Lee',
	Email: 'ann@example.com',
	'Email Verified': true,
	Picture: 'https://s.gravatar.com/avatar/x.png',
	Connection: 'Username-Password-Authentication',
	'Created At': '2023-01-02T03:04:05.678Z',
	'Updated At': '2024-01-02T03:04:05.678Z',
	Plan: 'gold',
};

describe("the User Import / Export extension's columns", () => {
	it("are read as the fields they were made from; a column a person added keeps its title, and Auth0's own names stay", () => {
		expect(withAuth0Names(titled)).toEqual({
			user_id: 'auth0|5f7c8ec7c33c6c004bbafe82',
			given_name: 'Ann',
			family_name: 'Lee',
			nickname: 'ann',
			name: 'Ann Lee',
			email: 'ann@example.com',
			email_verified: true,
			picture: 'https://s.gravatar.com/avatar/x.png',
			connection: 'Username-Password-Authentication',
			created_at: '2023-01-02T03:04:05.678Z',
			updated_at: '2024-01-02T03:04:05.678Z',
			Plan: 'gold',
		});
		const own = {user_id: 'auth0|1', Id: 'kept', email: 'a@example.com'};
		expect(withAuth0Names(own)).toBe(own);
	});

	it('make an Auth0 user that converts as one', () => {
		expect(looksLikeAuth0(titled)).toBe(true);
		const user = convertAuth0(titled, off);
		expect(user.sourceId).toBe('auth0|5f7c8ec7c33c6c004bbafe82');
		expect(user.record).toEqual({
			emails: [{address: 'ann@example.com', is_primary: true, is_verified: true}],
			created_at: '2023-01-02T03:04:05.678Z',
			updated_at: '2024-01-02T03:04:05.678Z',
		});
		expect(user.losses).toEqual(['names', 'pictures']);
		expect(user.password).toEqual({kind: 'lookup', keys: ['id:5f7c8ec7c33c6c004bbafe82', 'email:ann@example.com']});
	});
});
