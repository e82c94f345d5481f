import {describe, expect, it} from 'vitest';
import type {StoredUser} from '../../source/mock-api/generate-admin-users.js';
import {patchMetadata, patchUser} from '../../source/mock-api/mock-patch.js';

const stored = (): StoredUser => ({
	id: '0b8f6d1e-2c3a-4b5d-8e9f-000000000001',
	created_at: '2024-01-01T00:00:00Z',
	updated_at: '2024-01-01T00:00:00Z',
});
const answer = (user: StoredUser) => user;
const noUsername = () => undefined;

describe("the mock's PATCH /users/{id}", () => {
	it('sets names and picture trimmed, clears with null, and answers the user', () => {
		const user = stored();
		const set = patchUser(
			user,
			JSON.stringify({name: ' Ana Lima ', given_name: 'Ana', picture: 'https://example.com/a.png'}),
			answer,
			noUsername,
			'now',
		);
		expect(set.status).toBe(200);
		expect(user).toMatchObject({name: 'Ana Lima', given_name: 'Ana', picture: 'https://example.com/a.png', updated_at: 'now'});
		expect(patchUser(user, '{"given_name":null}', answer, noUsername).status).toBe(200);
		expect(user.given_name).toBeUndefined();
	});

	it("answers as Hanko does: 400 for an empty name or a picture that is no http(s) URL, 404 for no user, 500 past the column's 255 characters", () => {
		const user = stored();
		expect(patchUser(user, '{"name":"  "}', answer, noUsername)).toEqual({
			status: 400,
			body: {code: 400, message: 'name must be a non-empty string or null'},
		});
		expect(patchUser(user, '{"picture":"ftp://x/y"}', answer, noUsername).status).toBe(400);
		expect(patchUser(user, '{"name":7}', answer, noUsername).status).toBe(400);
		// The picture is checked before the user is looked up, as in the handler
		expect(patchUser(undefined, '{"picture":"ftp://x/y"}', answer, noUsername).status).toBe(400);
		expect(patchUser(undefined, '{"name":"Ana"}', answer, noUsername)).toEqual({
			status: 404,
			body: {code: 404, message: 'user not found'},
		});
		expect(patchUser(user, JSON.stringify({family_name: 'x'.repeat(256)}), answer, noUsername).status).toBe(500);
		expect(user.family_name).toBeUndefined();
	});
});

describe("the mock's PATCH /users/{id}/metadata", () => {
	it('merges as a JSON merge patch, answers the metadata, and 204 when none is left', () => {
		const user = stored();
		expect(patchMetadata(user, '{"public_metadata":{"plan":"pro","x":null},"private_metadata":{"crm":"c-1"}}')).toEqual({
			status: 200,
			body: {public_metadata: {plan: 'pro'}, private_metadata: {crm: 'c-1'}},
		});
		expect(patchMetadata(user, '{"public_metadata":{"seats":3},"private_metadata":null,"unsafe_metadata":{}}').body).toEqual({
			public_metadata: {plan: 'pro', seats: 3},
		});
		expect(patchMetadata(user, 'null')).toEqual({status: 204});
		expect(user.metadata).toEqual({});
	});

	it('refuses what Hanko refuses', () => {
		const user = stored();
		expect(patchMetadata(user, '[]').status).toBe(400);
		expect(patchMetadata(user, '{"public_metadata":"x"}')).toEqual({
			status: 400,
			body: {code: 400, message: 'public_metadata must be an object or null'},
		});
		const large = patchMetadata(user, JSON.stringify({unsafe_metadata: {a: 'x'.repeat(3000)}}));
		expect(large.status).toBe(400);
		expect(JSON.stringify(large.body)).toContain('metadata limit exceeded');
		expect(user.metadata).toBeUndefined();
		expect(patchMetadata(undefined, '{"public_metadata":{"a":1}}').status).toBe(404);
	});
});
