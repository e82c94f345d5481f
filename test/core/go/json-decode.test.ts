import {describe, expect, it} from 'vitest';
import {type DecodeFault, decodeGoJson, wasGiven} from '../../../source/core/go/json-decode.js';
import {emailType, entryType} from '../../../source/core/rules/import-format.js';

function decode(text: string): {value: Record<string, unknown>; faults: DecodeFault[]} {
	const result = decodeGoJson(text, entryType);
	if (!result.ok) throw new Error(`syntax error at ${result.index}`);
	return {value: result.value as Record<string, unknown>, faults: result.faults};
}

const kinds = (faults: readonly DecodeFault[]) => faults.map(fault => `${fault.kind} ${fault.pointer}`);

describe('decodeGoJson into the import entry, as encoding/json does', () => {
	it("decodes a user into the struct's fields, absent ones at their zero value", () => {
		const {value, faults} = decode('{"user_id": "u", "emails": [{"address": "a@x.io", "is_primary": true}], "username": "ann"}');
		expect(faults).toEqual([]);
		expect(value).toMatchObject({
			user_id: 'u',
			emails: [{address: 'a@x.io', is_primary: true, is_verified: false}],
			username: 'ann',
			webauthn_credentials: null,
			password: null,
			created_at: null,
		});
		expect(wasGiven((value.emails as object[])[0]!, emailType, 'is_verified')).toBe(false);
		expect(wasGiven((value.emails as object[])[0]!, emailType, 'is_primary')).toBe(true);
	});

	it('merges a repeated key into the earlier value: structs field by field, slices element by element', () => {
		const {value, faults} = decode(
			'{"password": {"password": "x", "created_at": "2023-01-01T00:00:00Z"}, "password": {"password": "y"}, "emails": [{"address": "a@x.io", "is_primary": true, "is_verified": true}, {"address": "b@x.io"}], "Emails": [{"address": "c@x.io"}]}',
		);
		expect(kinds(faults)).toEqual(['duplicate-key /password', 'folded-key /Emails', 'duplicate-key /Emails']);
		expect(value.password).toMatchObject({password: 'y', created_at: {year: 2023}});
		expect(value.emails).toEqual([{address: 'c@x.io', is_primary: true, is_verified: true}]);
	});

	it('lets null empty a pointer or slice and leave anything else as it was', () => {
		expect(decode('{"username": "a", "username": null}').value.username).toBeNull();
		expect(decode('{"user_id": "a", "user_id": null}').value.user_id).toBe('a');
		expect(decode('{"emails": [null], "webauthn_credentials": [{"transports": [null, "usb"]}]}').value).toMatchObject({
			emails: [{address: '', is_primary: false, is_verified: false}],
			webauthn_credentials: [{transports: ['', 'usb']}],
		});
		expect(decode('{"emails": []}').value.emails).toEqual([]);
	});

	it('reports a value of the wrong type and leaves the field as it was', () => {
		const {value, faults} = decode('{"username": 5, "emails": {}, "webauthn_credentials": [{"sign_count": "1", "mfa_only": 1}]}');
		expect(kinds(faults)).toEqual([
			'type /username',
			'type /emails',
			'type /webauthn_credentials/0/sign_count',
			'type /webauthn_credentials/0/mfa_only',
		]);
		expect(value).toMatchObject({username: null, emails: null});
	});

	it('takes only integer literals within int64 for an int', () => {
		const signCount = (literal: string) => {
			const {value, faults} = decode(`{"webauthn_credentials": [{"sign_count": ${literal}}]}`);
			return faults.length > 0 ? faults[0]!.kind : (value.webauthn_credentials as Array<{sign_count: unknown}>)[0]!.sign_count;
		};

		expect(signCount('12')).toBe(12);
		expect(signCount('-0')).toBe(0);
		expect(signCount('9223372036854775807')).toBe(9_223_372_036_854_775_807n);
		expect(signCount('-9223372036854775808')).toBe(-9_223_372_036_854_775_808n);
		for (const literal of ['12.0', '1e3', '1E2', '9223372036854775808']) expect(signCount(literal), literal).toBe('int');
	});

	it('parses times from the raw text and UUIDs from the unescaped one', () => {
		const {faults, value} = decode(
			String.raw`{"created_at": "2023-07-11T13:41:50\u002B02:00", "webauthn_credentials": [{"aaguid": "\u007BEA9B8D66-4D01-4D3E-8B1E-5A2C3F2D9A11}"}]}`,
		);
		expect(kinds(faults)).toEqual(['time /created_at']);
		expect((value.webauthn_credentials as Array<{aaguid: string}>)[0]!.aaguid).toBe('ea9b8d66-4d01-4d3e-8b1e-5a2c3f2d9a11');
	});

	it('decodes escapes as Go does: a lone surrogate becomes U+FFFD, a pair one character', () => {
		expect(decode(String.raw`{"username": "a\ud800b\ud83d\ude00\udc00"}`).value.username).toBe('a\uFFFDb😀\uFFFD');
		expect(decode(String.raw`{"username": "\u0000\/\b\f\n\r\t\"\\"}`).value.username).toBe('\u0000/\b\f\n\r\t"\\');
	});

	it('refuses what is not JSON, wherever it is', () => {
		for (const text of [
			'{"a": [1,]}',
			'{"username": "a",}',
			'{"a": 01}',
			'{"a": "\\x"}',
			'{"a": "\u0001"}',
			'{"a": tru}',
			'{} x',
			'{"a" 1}',
			'[1',
			'',
		]) {
			expect(decodeGoJson(text, entryType).ok, text).toBe(false);
		}
	});
});
