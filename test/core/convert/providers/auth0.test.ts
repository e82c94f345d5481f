import {describe, expect, it} from 'vitest';
import {convertAuth0} from '../../../../source/core/convert/providers/auth0.js';
import {resolvePassword} from '../../../../source/core/convert/converted-user.js';

const base = {
	user_id: 'auth0|5f7c8ec7c33c6c004bbafe82',
	email: 'Ann@Example.com',
	email_verified: true,
	created_at: '2023-07-11T13:41:50.290Z',
	updated_at: '2023-08-01T10:00:00.000Z',
	identities: [{provider: 'auth0', user_id: '5f7c8ec7c33c6c004bbafe82'}],
};

describe('Auth0 users', () => {
	it('maps the email (primary, verified flag), username and times; the password is looked up by id, then by email', () => {
		const user = convertAuth0({...base, username: 'ann'}, {includeDisabled: false});
		expect(user).toMatchObject({
			sourceId: base.user_id,
			reject: undefined,
			password: {kind: 'lookup', keys: ['id:5f7c8ec7c33c6c004bbafe82', 'email:ann@example.com']},
		});
		expect(user.record).toEqual({
			emails: [{address: 'Ann@Example.com', is_primary: true, is_verified: true}],
			username: 'ann',
			created_at: '2023-07-11T13:41:50.290Z',
			updated_at: '2023-08-01T10:00:00Z',
		});
	});

	it('joins the password export by the database id first, then by email; keeps a $2a$ hash, rewrites $2b$', () => {
		const lookup = convertAuth0(base, {includeDisabled: false}).password;
		const passwords = new Map([
			['id:5f7c8ec7c33c6c004bbafe82', '$2a$10$byidbyidbyidbyidbyidbyidbyidbyidbyidbyidbyidbyidbyid.'],
			['email:ann@example.com', '$2b$10$byemailbyemailbyemailbyemailbyemailbyemailbyemailbye.'],
		]);
		expect(resolvePassword(lookup, passwords)).toEqual({
			hash: '$2a$10$byidbyidbyidbyidbyidbyidbyidbyidbyidbyidbyidbyidbyid.',
			outcome: {kind: 'kept'},
		});
		expect(resolvePassword(convertAuth0({...base, user_id: 'auth0|other'}, {includeDisabled: false}).password, passwords)).toEqual({
			hash: '$2a$10$byemailbyemailbyemailbyemailbyemailbyemailbyemailbye.',
			outcome: {kind: 'converted'},
		});
	});

	it('says why a password needs a reset: no hash export, not in it, or a hash Hanko cannot verify', () => {
		const lookup = convertAuth0(base, {includeDisabled: false}).password;
		expect(resolvePassword(lookup, undefined).outcome).toEqual({kind: 'reset', reason: 'no password export given (--passwords)'});
		expect(resolvePassword(lookup, new Map()).outcome).toEqual({kind: 'reset', reason: 'not in the password export'});
		expect(resolvePassword(lookup, new Map([['email:ann@example.com', 'sha256:abc']]))).toEqual({
			outcome: {kind: 'reset', reason: 'a hash Hanko cannot verify'},
		});
		// A social login never had a password
		expect(convertAuth0({...base, identities: [{provider: 'google-oauth2'}]}, {includeDisabled: false}).password).toEqual({
			kind: 'none',
		});
	});

	it('counts every kind of data Hanko cannot hold', () => {
		const user = convertAuth0(
			{
				...base,
				phone_number: '+4930123',
				name: 'Ann',
				picture: 'https://x/a.png',
				user_metadata: {plan: 'pro'},
				identities: [{provider: 'auth0'}, {provider: 'github'}],
				multifactor: ['guardian'],
			},
			{includeDisabled: false},
		);
		expect(user.losses).toEqual(['phone numbers', 'names', 'pictures', 'metadata', 'social identities', 'MFA factors other than TOTP']);
		expect(convertAuth0(base, {includeDisabled: false}).losses).toEqual([]);
	});

	it('rejects users with only a phone number, none at all, or blocked (unless --include-disabled)', () => {
		expect(convertAuth0({user_id: 'sms|1', phone_number: '+4930123'}, {includeDisabled: false}).reject).toBe(
			'only a phone number: Hanko needs an email or a username',
		);
		expect(convertAuth0({user_id: 'x|1'}, {includeDisabled: false}).reject).toBe('neither an email nor a username');
		expect(convertAuth0({...base, blocked: true}, {includeDisabled: false})).toMatchObject({
			record: undefined,
			reject: 'blocked in Auth0 (--include-disabled keeps such users)',
		});
		expect(convertAuth0({...base, blocked: true}, {includeDisabled: true}).record).toBeDefined();
	});

	it("tells the provider from user_id's prefix when the export has no identities; passwordless email and SMS are no social identity", () => {
		const bare = {email: 'hal@example.com', email_verified: true};
		expect(convertAuth0({...bare, user_id: 'github|583231'}, {includeDisabled: false})).toMatchObject({
			losses: ['social identities'],
			password: {kind: 'none'},
		});
		expect(convertAuth0({...bare, user_id: 'auth0|64b0a1c2'}, {includeDisabled: false})).toMatchObject({
			losses: [],
			password: {kind: 'lookup', keys: ['id:64b0a1c2', 'email:hal@example.com']},
		});
		expect(
			convertAuth0({...bare, user_id: 'email|64b0a1c2', identities: [{provider: 'email'}]}, {includeDisabled: false}),
		).toMatchObject({losses: [], password: {kind: 'none'}});
		expect(convertAuth0({...bare, user_id: 'email|64b0a1c2'}, {includeDisabled: false})).toMatchObject({
			losses: [],
			password: {kind: 'none'},
		});
		// Identities, when exported, decide
		expect(
			convertAuth0(
				{...bare, user_id: 'auth0|64b0a1c2', identities: [{provider: 'auth0'}, {provider: 'google-oauth2'}]},
				{includeDisabled: false},
			),
		).toMatchObject({losses: ['social identities'], password: {kind: 'lookup'}});
	});
});
