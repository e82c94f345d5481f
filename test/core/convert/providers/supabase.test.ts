import {describe, expect, it} from 'vitest';
import {convertSupabase, postgresTime} from '../../../../source/core/convert/providers/supabase.js';

const row = {
	id: '3b7e2f5c-1d2a-4c4e-9f1a-2b3c4d5e6f70',
	email: 'bob@example.com',
	encrypted_password: '$2a$10$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuuabcdefgh.',
	email_confirmed_at: '2023-07-11 13:41:50.290862+00',
	created_at: '2023-07-11 13:40:00+00',
	updated_at: '2023-07-12 08:00:00.5+02',
};

describe('Supabase users', () => {
	it('reads Postgres times as RFC 3339 UTC', () => {
		expect(postgresTime('2023-07-11 13:41:50.290862+00')).toBe('2023-07-11T13:41:50.290Z');
		expect(postgresTime('2023-07-12 08:00:00.5+02')).toBe('2023-07-12T06:00:00.500Z');
		expect(postgresTime('2023-07-12 08:00:00+05:30')).toBe('2023-07-12T02:30:00Z');
		expect(postgresTime(null)).toBeUndefined();
	});

	it('keeps the id, the bcrypt hash and the verified flag from email_confirmed_at', () => {
		const user = convertSupabase(row, {includeDisabled: false});
		expect(user).toMatchObject({sourceId: row.id, password: {kind: 'kept'}, losses: []});
		expect(user.record).toEqual({
			emails: [{address: 'bob@example.com', is_primary: true, is_verified: true}],
			password: {password: row.encrypted_password},
			created_at: '2023-07-11T13:40:00Z',
			updated_at: '2023-07-12T06:00:00.500Z',
		});
		expect(convertSupabase({...row, email_confirmed_at: null, encrypted_password: ''}, {includeDisabled: false})).toMatchObject({
			password: {kind: 'none'},
			record: {emails: [{is_verified: false}]},
		});
	});

	it('counts phones and metadata, and rejects phone-only, banned and deleted users unless asked', () => {
		expect(convertSupabase({...row, phone: '4930123', raw_user_meta_data: {name: 'Bob'}}, {includeDisabled: false}).losses).toEqual([
			'phone numbers',
			'metadata',
		]);
		expect(convertSupabase({id: row.id, phone: '4930123'}, {includeDisabled: false}).reject).toBe(
			'only a phone number: Hanko needs an email or a username',
		);
		expect(convertSupabase({...row, banned_until: '2999-01-01 00:00:00+00'}, {includeDisabled: false}).reject).toMatch(/^banned/);
		expect(convertSupabase({...row, banned_until: '2000-01-01 00:00:00+00'}, {includeDisabled: false}).reject).toBeUndefined();
		expect(convertSupabase({...row, deleted_at: '2024-01-01 00:00:00+00'}, {includeDisabled: true}).reject).toBeUndefined();
	});

	it('does not count what Supabase Auth writes into every user as metadata; counts other sign-in providers as social identities', () => {
		// Every email user has these: the provider list in the app metadata, the identity's fields in the user metadata
		const own = {
			raw_app_meta_data: {provider: 'email', providers: ['email']},
			raw_user_meta_data: {sub: row.id, email: row.email, email_verified: true, phone_verified: false},
		};
		expect(convertSupabase({...row, ...own}, {includeDisabled: false}).losses).toEqual([]);
		// The same as CSV cells hold them (Postgres' JSON text)
		expect(
			convertSupabase(
				{...row, raw_app_meta_data: '{"provider": "phone", "providers": ["phone", "email"]}', raw_user_meta_data: '{}'},
				{includeDisabled: false},
			).losses,
		).toEqual([]);
		// Anything the app kept beside them is metadata
		expect(
			convertSupabase(
				{...row, ...own, raw_app_meta_data: {provider: 'email', providers: ['email'], role: 'admin'}},
				{includeDisabled: false},
			).losses,
		).toEqual(['metadata']);
		expect(
			convertSupabase({...row, ...own, raw_user_meta_data: '{"sub": "x", "newsletter": false}'}, {includeDisabled: false}).losses,
		).toEqual(['metadata']);
		// A Google login: its profile is metadata, the identity is lost
		const google = {
			raw_app_meta_data: '{"provider": "google", "providers": ["email", "google"]}',
			raw_user_meta_data: '{"sub": "1046", "full_name": "Bob", "avatar_url": "https://x/b.png"}',
		};
		expect(convertSupabase({...row, ...google}, {includeDisabled: false}).losses).toEqual(['metadata', 'social identities']);
	});
});
