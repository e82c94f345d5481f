import {describe, expect, it} from 'vitest';
import {cognitoRowFromListUser, looksLikeCognitoUser} from '../../../../source/core/convert/providers/cognito-list-users.js';
import {convertCognito, cognitoPasswordReason, cognitoStatusReasons} from '../../../../source/core/convert/providers/cognito.js';

const off = {includeDisabled: false};
const sub = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

// A user as list-users gives it (ListUsers' UserType): attributes as Name/Value pairs, AWS CLI v2's ISO dates
const listed = (more: Record<string, unknown> = {}, attributes: Array<{Name: string; Value: string}> = []) => ({
	Username: sub,
	Attributes: [
		{Name: 'sub', Value: sub},
		{Name: 'email_verified', Value: 'true'},
		{Name: 'email', Value: 'bob@example.com'},
		...attributes,
	],
	UserCreateDate: '2023-05-01T10:20:30.123000+00:00',
	UserLastModifiedDate: '2023-06-01T12:20:30.123000+02:00',
	Enabled: true,
	UserStatus: 'CONFIRMED',
	...more,
});

describe("Cognito's list-users users", () => {
	it('are told by Username and Attributes', () => {
		expect(looksLikeCognitoUser(listed())).toBe(true);
		expect(looksLikeCognitoUser({Username: 'bob', UserAttributes: []})).toBe(false);
		expect(looksLikeCognitoUser({username: 'bob', Attributes: []})).toBe(false);
	});

	it("read as the user CSV's row: attributes by name, the user name, MFA options as the CSV's flag", () => {
		expect(
			cognitoRowFromListUser(
				listed({MFAOptions: [{DeliveryMedium: 'SMS', AttributeName: 'phone_number'}]}, [{Name: 'custom:plan', Value: 'gold'}]),
			),
		).toEqual({
			sub,
			email_verified: 'true',
			email: 'bob@example.com',
			'custom:plan': 'gold',
			'cognito:username': sub,
			'cognito:mfa_enabled': 'true',
			Enabled: true,
			UserStatus: 'CONFIRMED',
			UserCreateDate: '2023-05-01T10:20:30.123000+00:00',
			UserLastModifiedDate: '2023-06-01T12:20:30.123000+02:00',
		});
		expect(cognitoRowFromListUser(listed({MFAOptions: []}))).not.toHaveProperty('cognito:mfa_enabled');
	});

	it('convert with the sub as id, the verified email, both dates in UTC, and what is lost', () => {
		const user = convertCognito(listed({MFAOptions: [{DeliveryMedium: 'SMS'}]}, [{Name: 'custom:plan', Value: 'gold'}]), off);
		expect(user.sourceId).toBe(sub);
		expect(user.record).toEqual({
			emails: [{address: 'bob@example.com', is_primary: true, is_verified: true}],
			created_at: '2023-05-01T10:20:30.123Z',
			updated_at: '2023-06-01T10:20:30.123Z',
		});
		expect(user.losses).toEqual(['metadata', 'MFA factors (Cognito exports none)']);
		expect(user.password).toEqual({kind: 'reset', reason: cognitoPasswordReason});
	});

	it('take the dates AWS CLI v1 prints, epoch seconds with a fraction', () => {
		const user = convertCognito(listed({UserCreateDate: 1548097183.386, UserLastModifiedDate: 1548097200}), off);
		expect(user.record).toMatchObject({created_at: '2019-01-21T18:59:43.386Z', updated_at: '2019-01-21T19:00:00Z'});
	});

	it('refuse a disabled user unless asked to keep it', () => {
		expect(convertCognito(listed({Enabled: false}), off).reject).toBe('disabled in Cognito (--include-disabled keeps such users)');
		expect(convertCognito(listed({Enabled: false}), {includeDisabled: true}).record).toBeDefined();
	});

	it('say why a password needs a reset when the status tells more, and give none to a federated user', () => {
		for (const [status, reason] of Object.entries(cognitoStatusReasons))
			expect(convertCognito(listed({UserStatus: status}), off).password).toEqual({kind: 'reset', reason});
		const google = convertCognito(
			listed({Username: 'Google_103456789012345678901', UserStatus: 'EXTERNAL_PROVIDER'}, [
				{Name: 'identities', Value: '[{"providerName":"Google","userId":"103456789012345678901"}]'},
			]),
			off,
		);
		expect(google.password).toEqual({kind: 'none'});
		expect(google.losses).toContain('social identities');
		// Google_… is Cognito's name for the link, not a user name anyone chose
		expect(google.record).not.toHaveProperty('username');
	});
});
