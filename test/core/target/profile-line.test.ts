import {describe, expect, it} from 'vitest';
import {profileRequests} from '../../../source/core/target/profile-line.js';

const id = '7D0C1E2F-3A4B-4C5D-8E6F-000000000001';

describe('profileRequests', () => {
	it('splits a line into the bodies of its two requests, the id lower-cased, other keys ignored', () => {
		expect(
			profileRequests(
				JSON.stringify({user_id: id, name: 'Ana', picture: 'https://x.example/a.png', public_metadata: {a: 1}, failed: {line: 3}}),
			),
		).toEqual({
			userId: id.toLowerCase(),
			user: {name: 'Ana', picture: 'https://x.example/a.png'},
			metadata: {public_metadata: {a: 1}},
		});
		expect(profileRequests(JSON.stringify({user_id: id, unsafe_metadata: {b: 2}}))).toEqual({
			userId: id.toLowerCase(),
			metadata: {unsafe_metadata: {b: 2}},
		});
	});

	it('says why a line is not a profile line', () => {
		expect(profileRequests('{')).toEqual({error: 'not a profile line: not JSON'});
		expect(profileRequests('[]')).toEqual({error: 'not a profile line: not a JSON object'});
		expect(profileRequests('{"user_id":"auth0|1","name":"A"}')).toEqual({error: 'not a profile line: no user_id that is a UUID'});
		expect(profileRequests(JSON.stringify({user_id: id, name: 3}))).toEqual({
			error: 'not a profile line: name is not a non-empty string',
		});
		expect(profileRequests(JSON.stringify({user_id: id, private_metadata: []}))).toEqual({
			error: 'not a profile line: private_metadata is not an object',
		});
		expect(profileRequests(JSON.stringify({user_id: id}))).toEqual({error: 'not a profile line: nothing to set'});
	});
});
