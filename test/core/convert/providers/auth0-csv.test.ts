import {describe, expect, it} from 'vitest';
import {auth0UserFromCsv, looksLikeAuth0Csv, withoutAuth0Prefix} from '../../../../source/core/convert/providers/auth0-csv.js';
import {convertAuth0} from '../../../../source/core/convert/providers/auth0.js';

const off = {includeDisabled: false};

describe("Auth0's CSV export", () => {
	it("loses the one ' Auth0 put before a string, and only that one", () => {
		expect(withoutAuth0Prefix("'ana@example.com")).toBe('ana@example.com');
		// A value of its own that starts with ' keeps it
		expect(withoutAuth0Prefix("''tis@example.com")).toBe("'tis@example.com");
		expect(withoutAuth0Prefix("'")).toBe('');
		// Dates, booleans and numbers are written bare
		expect(withoutAuth0Prefix('2023-01-02T03:04:05.678Z')).toBe('2023-01-02T03:04:05.678Z');
		expect(withoutAuth0Prefix('true')).toBe('true');
	});

	it("is told by a user_id (or the extension's Id) column whose first value is a prefixed provider id", () => {
		expect(looksLikeAuth0Csv(['user_id', 'email'], ["'auth0|5f7c8ec7c33c6c004bbafe82", "'a@example.com"])).toBe(true);
		expect(looksLikeAuth0Csv(['email', 'id', 'name'], ["'a@example.com", "'google-oauth2|1234", "'Ann"])).toBe(true);
		// Without the prefix, or without a provider, it could be anyone's CSV
		expect(looksLikeAuth0Csv(['user_id', 'email'], ['auth0|5f7c8ec7c33c6c004bbafe82', 'a@example.com'])).toBe(false);
		expect(looksLikeAuth0Csv(['user_id', 'email'], ["'5f7c8ec7", "'a@example.com"])).toBe(false);
		expect(looksLikeAuth0Csv(['user_id', 'email'], undefined)).toBe(false);
		expect(looksLikeAuth0Csv(['uid', 'email'], ["'auth0|1", "'a@example.com"])).toBe(false);
		// Should the header's names be prefixed like the strings under them
		expect(looksLikeAuth0Csv(["'user_id", "'email"], ["'auth0|1", "'a@example.com"])).toBe(true);
	});

	it('reads a row as the JSON export has the user: metadata columns back in their objects, whole objects from JSON text', () => {
		const header = ['user_id', 'email', 'email_verified', 'user_metadata.plan', 'app_metadata.roles', 'identities', 'logins_count'];
		const user = auth0UserFromCsv(header, [
			"'google-oauth2|1",
			"'ann@example.com",
			'true',
			"'gold",
			'',
			`'[{"provider":"google-oauth2","user_id":"1"}]`,
			'4',
		]);
		expect(user).toEqual({
			user_id: 'google-oauth2|1',
			email: 'ann@example.com',
			email_verified: 'true',
			user_metadata: {plan: 'gold'},
			identities: [{provider: 'google-oauth2', user_id: '1'}],
			logins_count: '4',
		});
		expect(auth0UserFromCsv(["'user_id", "'user_metadata.plan"], ["'auth0|1", "'gold"])).toEqual({
			user_id: 'auth0|1',
			user_metadata: {plan: 'gold'},
		});
		// A short row leaves the rest empty; text that only looks like JSON stays text
		expect(auth0UserFromCsv(['user_id', 'identities', 'email'], ["'auth0|2", "'[not json"])).toEqual({
			user_id: 'auth0|2',
			identities: '[not json',
			email: '',
		});
	});

	it('converts through the Auth0 converter: flags as CSV text, metadata and social identities counted', () => {
		const header = ['user_id', 'email', 'email_verified', 'blocked', 'user_metadata.plan'];
		const social = convertAuth0(auth0UserFromCsv(header, ["'google-oauth2|1", "'ann@example.com", 'true', 'false', "'gold"]), off);
		expect(social.record).toEqual({emails: [{address: 'ann@example.com', is_primary: true, is_verified: true}]});
		expect(social.losses).toEqual(['metadata', 'social identities']);
		expect(social.password).toEqual({kind: 'none'});
		const blocked = convertAuth0(auth0UserFromCsv(header, ["'auth0|2", "'bo@example.com", 'false', 'true', '']), off);
		expect(blocked.reject).toBe('blocked in Auth0 (--include-disabled keeps such users)');
		const database = convertAuth0(auth0UserFromCsv(header, ["'auth0|3", "'cy@example.com", 'false', 'false', '']), off);
		expect(database.record).toEqual({emails: [{address: 'cy@example.com', is_primary: true, is_verified: false}]});
		expect(database.password).toEqual({kind: 'lookup', keys: ['id:3', 'email:cy@example.com']});
	});
});
