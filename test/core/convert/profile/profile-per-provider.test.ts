import {describe, expect, it} from 'vitest';
import {convertRecords} from '../../../../source/core/convert/convert-record.js';
import {profileRefusal} from '../../../../source/core/convert/profile/hanko-profile-limits.js';
import type {SourceKind} from '../../../../source/core/convert/source-kinds.js';

// What `--profile` keeps of each provider's users: the lines of the profile file, and the counts that
// move from the losses to what is kept.

function convert(kind: SourceKind, users: Array<Record<string, unknown>>, profile = true) {
	const batch = convertRecords(
		users.map((value, index) => ({index, line: index + 1, value})),
		kind,
		{includeDisabled: false, profile},
	);
	const lines = batch.profileLines
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as Record<string, unknown>);
	const written = JSON.parse(`[${batch.text}]`) as Array<{user_id: string}>;
	return {batch, lines, written};
}

describe('the profile of each provider', () => {
	it('Auth0: names and picture as they are, app_metadata private, user_metadata unsafe; the nickname has no place', () => {
		const {batch, lines, written} = convert('auth0', [
			{
				user_id: 'auth0|1',
				email: 'ana@example.com',
				name: 'Ana Lima',
				given_name: 'Ana',
				family_name: 'Lima',
				nickname: 'ana',
				picture: 'https://s.gravatar.com/avatar/1.png',
				app_metadata: {roles: ['admin'], stale: null},
				user_metadata: {theme: 'dark'},
			},
			{user_id: 'auth0|2', email: 'bo@example.com', nickname: 'bo', picture: 'data:image/png;base64,AAAA'},
		]);
		expect(lines).toEqual([
			{
				user_id: written[0]!.user_id,
				name: 'Ana Lima',
				given_name: 'Ana',
				family_name: 'Lima',
				picture: 'https://s.gravatar.com/avatar/1.png',
				private_metadata: {roles: ['admin']},
				unsafe_metadata: {theme: 'dark'},
			},
		]);
		expect(batch.profile).toEqual({users: 1, kept: {names: 1, pictures: 1, metadata: 1}});
		// The second user's nickname is a name Hanko has no field for; its picture Hanko would refuse
		expect(batch.losses).toEqual({names: 1, [profileRefusal.pictureNotUrl]: 1});
	});

	it('without --profile the losses are as before and no line is made', () => {
		const {batch} = convert('auth0', [{user_id: 'auth0|1', email: 'ana@example.com', name: 'Ana', app_metadata: {a: 1}}], false);
		expect(batch.profileLines).toBe('');
		expect(batch.profile).toBeUndefined();
		expect(batch.losses).toEqual({names: 1, metadata: 1});
	});

	it('Firebase: displayName and photoUrl, custom claims (JSON text) as public metadata', () => {
		const {batch, lines, written} = convert('firebase', [
			{
				localId: 'f1',
				email: 'ana@example.com',
				displayName: 'Ana Lima',
				photoUrl: 'https://lh3.googleusercontent.com/a/photo.jpg',
				customAttributes: '{"admin":true,"tier":"gold"}',
			},
			{localId: 'f2', email: 'bo@example.com', customAttributes: '{}'},
			{localId: 'f3', email: 'cy@example.com', customAttributes: 'not json'},
		]);
		expect(lines).toEqual([
			{
				user_id: written[0]!.user_id,
				name: 'Ana Lima',
				picture: 'https://lh3.googleusercontent.com/a/photo.jpg',
				public_metadata: {admin: true, tier: 'gold'},
			},
		]);
		expect(batch.profile!.kept).toEqual({names: 1, pictures: 1, metadata: 1});
		expect(batch.losses).toEqual({[profileRefusal.metadataNotObject]: 1});
	});

	it('Clerk: first and last name, the image, and its three kinds of metadata one to one', () => {
		const {lines, written} = convert('clerk', [
			{
				id: 'user_1',
				primary_email_address: 'ana@example.com',
				first_name: 'Ana',
				last_name: 'Lima',
				image_url: 'https://img.clerk.com/1.png',
				public_metadata: '{"plan":"pro"}',
				private_metadata: '{"stripe":"cus_1"}',
				unsafe_metadata: '{"onboarded":true}',
			},
		]);
		expect(lines).toEqual([
			{
				user_id: written[0]!.user_id,
				given_name: 'Ana',
				family_name: 'Lima',
				picture: 'https://img.clerk.com/1.png',
				public_metadata: {plan: 'pro'},
				private_metadata: {stripe: 'cus_1'},
				unsafe_metadata: {onboarded: true},
			},
		]);
	});

	it('Supabase: the user metadata unsafe, the app metadata private, without the keys Supabase writes itself', () => {
		const id = '3b7e2f5c-1d2a-4c4e-9f1a-000000000001';
		const {batch, lines} = convert('supabase', [
			{
				id,
				email: 'ana@example.com',
				email_confirmed_at: '2023-07-11 13:41:50.290862+00',
				raw_user_meta_data: '{"sub":"x","email":"ana@example.com","email_verified":true,"full_name":"Ana Lima"}',
				raw_app_meta_data: '{"provider":"email","providers":["email"],"role":"editor"}',
			},
			{
				id: '3b7e2f5c-1d2a-4c4e-9f1a-000000000002',
				email: 'bo@example.com',
				raw_user_meta_data: '{"sub":"y","email_verified":false}',
				raw_app_meta_data: '{"provider":"email","providers":["email"]}',
			},
		]);
		expect(lines).toEqual([{user_id: id, unsafe_metadata: {full_name: 'Ana Lima'}, private_metadata: {role: 'editor'}}]);
		expect(batch.profile).toEqual({users: 1, kept: {metadata: 1}});
		expect(batch.losses).toEqual({});
	});

	it('Cognito: names and picture where Hanko has them, the other profile and custom: attributes private', () => {
		const sub = '5f1c3a9e-7b2d-4e8f-a1c3-000000000001';
		const {lines} = convert('cognito', [
			{
				'cognito:username': 'ana',
				sub,
				email: 'ana@example.com',
				name: 'Ana Lima',
				given_name: 'Ana',
				middle_name: 'M',
				nickname: 'an',
				picture: 'https://example.com/ana.png',
				locale: 'pt-BR',
				'custom:tier': 'gold',
				'custom:empty': '',
			},
		]);
		expect(lines).toEqual([
			{
				user_id: sub,
				name: 'Ana Lima',
				given_name: 'Ana',
				picture: 'https://example.com/ana.png',
				private_metadata: {middle_name: 'M', nickname: 'an', locale: 'pt-BR', 'custom:tier': 'gold'},
			},
		]);
	});

	it('writes no line for a rejected user', () => {
		const {lines, batch} = convert('auth0', [{user_id: 'sms|1', phone_number: '+4930123456', name: 'Phone Only'}]);
		expect(batch.written).toBe(0);
		expect(lines).toEqual([]);
	});
});
