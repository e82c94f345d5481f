import {describe, expect, it} from 'vitest';
import {convertCognito, looksLikeCognitoHeader} from '../../../../source/core/convert/providers/cognito.js';

const off = {includeDisabled: false};
const sub = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const reset = {kind: 'reset', reason: 'Cognito does not export password hashes'};

// A row of the user pool's CSV (GetCSVHeader's columns and the sub)
const row = {
	'cognito:username': sub,
	name: '',
	given_name: '',
	family_name: '',
	middle_name: '',
	nickname: '',
	preferred_username: '',
	profile: '',
	picture: '',
	website: '',
	email: 'bob@example.com',
	email_verified: 'true',
	gender: '',
	birthdate: '',
	zoneinfo: '',
	locale: '',
	phone_number: '',
	phone_number_verified: 'false',
	address: '',
	updated_at: '1690876800',
	'cognito:mfa_enabled': 'false',
	sub,
};

describe('Cognito users', () => {
	it('are told by the header', () => {
		expect(looksLikeCognitoHeader(Object.keys(row))).toBe(true);
		expect(looksLikeCognitoHeader(['username', 'email'])).toBe(false);
	});

	it('map the email and its verified flag, updated_at in epoch seconds, and the sub as the source id; every password needs a reset', () => {
		const user = convertCognito(row, off);
		expect(user).toEqual({
			sourceId: sub,
			reject: undefined,
			losses: [],
			password: reset,
			record: {emails: [{address: 'bob@example.com', is_primary: true, is_verified: true}], updated_at: '2023-08-01T08:00:00Z'},
		});
		expect(convertCognito({...row, email_verified: 'false'}, off).record).toMatchObject({emails: [{is_verified: false}]});
		// Created: created_at, else ListUsers' UserCreateDate
		expect(convertCognito({...row, created_at: '1689082910'}, off).record).toMatchObject({created_at: '2023-07-11T13:41:50Z'});
		expect(convertCognito({...row, UserCreateDate: '2023-07-11T13:41:50.290Z'}, off).record).toMatchObject({
			created_at: '2023-07-11T13:41:50.290Z',
		});
		// Without a sub, the user name is the source id
		expect(convertCognito({...row, sub: '', 'cognito:username': 'eve'}, off).sourceId).toBe('eve');
	});

	it('keep a chosen user name as the username, not a UUID or the email; preferred_username first', () => {
		expect(convertCognito({...row, 'cognito:username': 'bob.builder'}, off).record).toMatchObject({username: 'bob.builder'});
		expect(convertCognito(row, off).record).not.toHaveProperty('username');
		expect(convertCognito({...row, 'cognito:username': sub.toUpperCase()}, off).record).not.toHaveProperty('username');
		expect(convertCognito({...row, 'cognito:username': 'Bob@Example.com'}, off).record).not.toHaveProperty('username');
		expect(convertCognito({...row, 'cognito:username': 'bob-login', preferred_username: 'bob'}, off).record).toMatchObject({
			username: 'bob',
		});
		expect(convertCognito({...row, preferred_username: 'bob'}, off).record).toMatchObject({username: 'bob'});
		// A username without an email is enough
		expect(convertCognito({...row, 'cognito:username': 'eve', email: ''}, off)).toMatchObject({
			reject: undefined,
			record: {username: 'eve'},
		});
		expect(convertCognito({...row, 'cognito:username': 'eve', email: ''}, off).record).not.toHaveProperty('emails');
	});

	it('count every kind of data Hanko cannot hold', () => {
		expect(
			convertCognito(
				{
					...row,
					phone_number: '+14155550123',
					middle_name: 'Q',
					picture: 'https://x/b.png',
					birthdate: '1990-01-01',
					'cognito:mfa_enabled': 'true',
				},
				off,
			).losses,
		).toEqual(['phone numbers', 'names', 'pictures', 'metadata', 'MFA factors (Cognito exports none)']);
		for (const name of ['name', 'given_name', 'family_name', 'middle_name', 'nickname'])
			expect(convertCognito({...row, [name]: 'B'}, off).losses).toEqual(['names']);
		for (const attribute of ['address', 'birthdate', 'gender', 'locale', 'zoneinfo', 'website', 'profile', 'custom:tenant'])
			expect(convertCognito({...row, [attribute]: 'x'}, off).losses).toEqual(['metadata']);
		expect(convertCognito({...row, 'custom:tenant': ''}, off).losses).toEqual([]);
	});

	it('reject users with only a phone or nothing, and disabled users unless --include-disabled', () => {
		expect(convertCognito({...row, email: '', phone_number: '+14155550199'}, off)).toMatchObject({
			record: undefined,
			reject: 'only a phone number: Hanko needs an email or a username',
		});
		expect(convertCognito({...row, email: ''}, off)).toMatchObject({record: undefined, reject: 'neither an email nor a username'});
		expect(convertCognito({...row, enabled: 'false'}, off)).toMatchObject({
			record: undefined,
			reject: 'disabled in Cognito (--include-disabled keeps such users)',
		});
		expect(convertCognito({...row, enabled: 'true'}, off).reject).toBeUndefined();
		// list-users writes Enabled, capitalised
		expect(convertCognito({...row, Enabled: 'false'}, off).reject).toBe('disabled in Cognito (--include-disabled keeps such users)');
		expect(convertCognito({...row, Enabled: ''}, off).reject).toBeUndefined();
		expect(convertCognito({...row, enabled: 'false'}, {includeDisabled: true}).record).toBeDefined();
	});
});
