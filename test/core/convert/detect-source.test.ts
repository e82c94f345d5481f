import {Buffer} from 'node:buffer';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {NotSourceError, WrongSourceError, detectJsonUser, detectSource, peekHead} from '../../../source/core/convert/detect-source.js';
import {clerkFormats} from '../../../source/core/convert/providers/clerk.js';
import {firebaseFormats} from '../../../source/core/convert/providers/firebase.js';
import {
	writeAuth0Export,
	writeClerkExport,
	writeCognitoExport,
	writeFirebaseExport,
	writeSupabaseExport,
} from '../../helpers/provider-exports.js';
import {useTempDir} from '../../helpers/temp-dir.js';

// What the head says of the layout; whether the provider was read from it (`sure`) is tested apart
const head = (text: string) => {
	const {sure: _, ...said} = peekHead(new TextEncoder().encode(text));
	return said;
};

describe('detectSource', () => {
	const temp = useTempDir();

	it("tells each provider's export from its content", async () => {
		const dir = temp();
		expect(await detectSource(writeAuth0Export(dir).file)).toEqual({kind: 'auth0', container: 'json'});
		expect(await detectSource(writeFirebaseExport(dir, 'json', {hashConfig: false}).file)).toEqual({
			kind: 'firebase',
			container: 'users-object',
		});
		expect(await detectSource(writeFirebaseExport(dir, 'csv', {hashConfig: false}).file)).toEqual({
			kind: 'firebase',
			container: 'headerless-csv',
		});
		expect(await detectSource(writeSupabaseExport(dir, 'csv').file)).toEqual({kind: 'supabase', container: 'csv'});
		expect(await detectSource(writeSupabaseExport(dir, 'json').file)).toEqual({kind: 'supabase', container: 'json'});
		expect(await detectSource(writeClerkExport(dir).file)).toEqual({kind: 'clerk', container: 'csv'});
		expect(await detectSource(writeCognitoExport(dir).file)).toEqual({kind: 'cognito', container: 'csv'});
	});

	it('looks inside gzipped exports, whatever the file is called', async () => {
		const dir = temp();
		// Auth0's export is gzipped as it comes
		const auth0 = writeAuth0Export(dir).file;
		expect(readFileSync(auth0).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
		const gzipped = async (file: string) => {
			const target = path.join(dir, `${path.basename(file)}.gz`);
			writeFileSync(target, gzipSync(readFileSync(file)));
			return detectSource(target);
		};

		expect(await gzipped(writeFirebaseExport(dir, 'json', {hashConfig: false}).file)).toEqual({
			kind: 'firebase',
			container: 'users-object',
		});
		expect(await gzipped(writeFirebaseExport(dir, 'csv', {hashConfig: false}).file)).toEqual({
			kind: 'firebase',
			container: 'headerless-csv',
		});
		expect(await gzipped(writeSupabaseExport(dir, 'csv').file)).toEqual({kind: 'supabase', container: 'csv'});
		expect(await gzipped(writeClerkExport(dir).file)).toEqual({kind: 'clerk', container: 'csv'});
		expect(await gzipped(writeCognitoExport(dir).file)).toEqual({kind: 'cognito', container: 'csv'});
	});

	it("does not take a file in Hanko's own import format for any provider's", async () => {
		for (const fixture of ['fixtures/valid.json', 'fixtures/broken.json', 'fixtures/sample.ndjson', 'fixtures/sample.json.gz']) {
			expect(await detectSource(path.resolve(fixture)), fixture).toBeUndefined();
		}

		// An import file whose ids are still Auth0's is an import file to fix, not an export to convert
		expect(
			detectJsonUser({
				user_id: 'auth0|5f7c8ec7c33c6c004bbafe82',
				emails: [{address: 'a@example.com', is_primary: true, is_verified: true}],
			}),
		).toBeUndefined();
		expect(detectJsonUser({user_id: 'auth0|5f7c8ec7c33c6c004bbafe82', email: 'a@example.com'})).toBe('auth0');
	});

	it("with --from, refuses content that is not that provider's export, naming the formats it expects", async () => {
		const dir = temp();
		const other = path.join(dir, 'people.csv');
		writeFileSync(other, 'uid,mail\n1,a@example.com\n');
		await expect(detectSource(other, 'firebase')).rejects.toThrow(
			`${other}: --from firebase, but the file is not Firebase's export as this tool reads it: expected ${firebaseFormats}`,
		);
		await expect(detectSource(other, 'clerk')).rejects.toThrow(NotSourceError);
		await expect(detectSource(other, 'cognito')).rejects.toThrow(/--from cognito, but the file is not Cognito's export/);
		expect(await detectSource(other)).toBeUndefined();
		const json = path.join(dir, 'people.json');
		writeFileSync(json, '[{"uid": 1, "mail": "a@example.com"}]\n');
		await expect(detectSource(json, 'firebase')).rejects.toThrow(NotSourceError);
		await expect(detectSource(json, 'supabase')).rejects.toThrow(/--from supabase, but the file is not Supabase's export/);
		// Clerk's JSON users without any email field are no Clerk users this tool reads
		const clerk = path.join(dir, 'clerk.json');
		writeFileSync(clerk, '[{"id": "user_2a", "first_name": "Ann", "username": "ann"}]\n');
		await expect(detectSource(clerk, 'clerk')).rejects.toThrow(`expected ${clerkFormats}`);
		// A detected layout of the same provider is kept
		expect(await detectSource(writeFirebaseExport(dir, 'json', {hashConfig: false}).file, 'firebase')).toEqual({
			kind: 'firebase',
			container: 'users-object',
		});
		// A file whose content names another provider is refused, not read as the one given
		await expect(detectSource(writeSupabaseExport(dir, 'csv').file, 'firebase')).rejects.toThrow(
			/--from firebase, but the file reads as Supabase's export/,
		);
		await expect(detectSource(writeClerkExport(dir).file, 'cognito')).rejects.toThrow(WrongSourceError);
	});

	it('with --from, leaves a file with no whole first user to the reader, which says what is wrong', async () => {
		const dir = temp();
		const empty = path.join(dir, 'empty.csv');
		writeFileSync(empty, '\n');
		expect(await detectSource(empty, 'clerk')).toEqual({kind: 'clerk', container: 'csv'});
		const cut = path.join(dir, 'cut.json');
		writeFileSync(cut, '[{"user_id": "auth0|1", "email": "a@exa');
		expect(await detectSource(cut, 'auth0')).toEqual({kind: 'auth0', container: 'json'});
		const none = path.join(dir, 'none.json');
		writeFileSync(none, '{"users": []}');
		expect(await detectSource(none, 'firebase')).toEqual({kind: 'firebase', container: 'users-object'});
	});

	it("with --from firebase, takes a CSV whose first row is out of place when a later one of the first rows is Firebase's", async () => {
		const dir = temp();
		const cells = (first: string) => [
			first,
			'a@example.com',
			'true',
			'',
			'',
			'Ann',
			...Array<string>(17).fill(''),
			'1600000000000',
			'',
			'',
			'false',
		];
		const file = path.join(dir, 'firebase.csv');
		// The first row's name is split by a comma Firebase did not quote: its cells are shifted
		writeFileSync(
			file,
			`${['u0', 'a@example.com', 'Ann, Jr', 'true', ...Array<string>(22).fill('x')].join(',')}\n${cells('u1').join(',')}\n`,
		);
		expect(await detectSource(file)).toBeUndefined();
		expect(await detectSource(file, 'firebase')).toEqual({kind: 'firebase', container: 'headerless-csv'});
	});

	it('says whether the provider was read from the content', () => {
		expect(peekHead(new TextEncoder().encode('[{"localId": "x"}]')).sure).toBe(true);
		expect(peekHead(new TextEncoder().encode('{"users": [{"id": 1}]}')).sure).toBe(false);
		expect(peekHead(new TextEncoder().encode('id,name\n1,Ann\n')).sure).toBe(false);
	});

	it("fails with the file system's error for a file that is not there", async () => {
		await expect(detectSource(path.join(temp(), 'missing.json'))).rejects.toMatchObject({code: 'ENOENT'});
	});
});

describe('peekHead', () => {
	it('reads the field names of the first user, whole, even when the head ends inside a later one', () => {
		expect(head('[{"user_id": "auth0|1", "email": "a@b.co"}, {"user_id": "auth0|2", "ema')).toEqual({
			layout: {kind: 'auth0', container: 'json'},
			container: 'json',
		});
		expect(head('{"user_id": "google-oauth2|1", "identities": [{"provider": "google-oauth2"}]}\n{"user_')).toEqual({
			layout: {kind: 'auth0', container: 'json'},
			container: 'json',
		});
		// Braces and brackets inside strings do not end the first user early
		expect(head('[{"name": "a } ] {", "localId": "x"}]')).toEqual({layout: {kind: 'firebase', container: 'json'}, container: 'json'});
		expect(head('\uFEFF{"users" : [')).toEqual({layout: {kind: 'firebase', container: 'users-object'}, container: 'users-object'});
		// The Identity Toolkit's response, saved whole: other members come first
		expect(head('{"kind":"identitytoolkit#DownloadAccountResponse","users":[{"localId":"a"}]}')).toEqual({
			layout: {kind: 'firebase', container: 'users-object'},
			container: 'users-object',
		});
		expect(head('{\n  "kind": "x",\n  "users": [\n    {\n')).toEqual({
			layout: {kind: 'firebase', container: 'users-object'},
			container: 'users-object',
		});
	});

	it("tells the Firebase Admin SDK's listUsers() users, bare or with the page token, and Clerk's JSON users", () => {
		const sdk = '{"uid":"a1","email":"a@example.com","metadata":{"creationTime":"Tue, 05 Jan 2021 10:00:00 GMT"},"providerData":[]}';
		expect(head(`[${sdk}]`)).toEqual({layout: {kind: 'firebase', container: 'json'}, container: 'json'});
		expect(head(`{"users":[${sdk}],"pageToken":"abc"}`)).toEqual({
			layout: {kind: 'firebase', container: 'users-object'},
			container: 'users-object',
		});
		expect(peekHead(new TextEncoder().encode(`{"users":[${sdk}]}`)).sure).toBe(true);
		const api = '{"id":"user_1","primary_email_address_id":"idn_1","email_addresses":[{"id":"idn_1","email_address":"a@example.com"}]}';
		expect(head(`[${api}]`)).toEqual({layout: {kind: 'clerk', container: 'json'}, container: 'json'});
		const support = '{"id":"user_1","email_addresses":"a@example.com|b@example.com","password_digest":null,"password_hasher":null}';
		expect(head(`[${support}]`)).toEqual({layout: {kind: 'clerk', container: 'json'}, container: 'json'});
	});

	it('leaves the provider open for JSON or CSV it does not know, an empty file, or a first user cut off', () => {
		expect(head('[{"user_id": "a9ae6bc8-d829-43de-b672-f50230833877", "emails": []}]')).toEqual({layout: undefined, container: 'json'});
		expect(head('[{"localId": "x", "email": "a@b')).toEqual({layout: undefined, container: 'json'});
		expect(head('id,name\n1,Ann\n')).toEqual({layout: undefined, container: 'csv'});
		expect(head('')).toEqual({layout: undefined, container: 'csv'});
	});

	it('reads a CSV header whatever its case and spacing, with a byte order mark', () => {
		expect(head('\uFEFFID, Primary_Email_Address ,first_name\n')).toEqual({
			layout: {kind: 'clerk', container: 'csv'},
			container: 'csv',
		});
		expect(head('Cognito:Username,email\n')).toEqual({layout: {kind: 'cognito', container: 'csv'}, container: 'csv'});
		expect(head('id,email,email_confirmed_at\n')).toEqual({layout: {kind: 'supabase', container: 'csv'}, container: 'csv'});
	});
});

describe('Auth0 CSV and Cognito list-users JSON', () => {
	const temp = useTempDir();
	const write = (name: string, content: string | Uint8Array) => {
		const file = path.join(temp(), name);
		writeFileSync(file, content);
		return file;
	};

	const auth0Csv = `user_id,email,email_verified,created_at\n"'auth0|5f7c8ec7","'ann@example.com",true,2023-01-02T03:04:05.678Z\n`;
	// The extension's default column titles, as the export job's export_as
	const extensionCsv = `Id,Given Name,Email,Email Verified\n"'google-oauth2|1","'Ann","'ann@example.com",true\n`;
	const cognitoUser = {Username: 'bob', Attributes: [{Name: 'email', Value: 'bob@example.com'}], Enabled: true, UserStatus: 'CONFIRMED'};

	it('tells each from its content', async () => {
		expect(await detectSource(write('a.csv', auth0Csv))).toEqual({kind: 'auth0', container: 'csv'});
		expect(await detectSource(write('e.csv', extensionCsv))).toEqual({kind: 'auth0', container: 'csv'});
		expect(await detectSource(write('e.json', JSON.stringify([{Id: 'auth0|1', Email: 'a@example.com'}], null, 2)))).toEqual({
			kind: 'auth0',
			container: 'json',
		});
		expect(await detectSource(write('u.json', JSON.stringify({Users: [cognitoUser], PaginationToken: 'x'}, null, 4)))).toEqual({
			kind: 'cognito',
			container: 'users-object',
		});
		expect(await detectSource(write('b.json', JSON.stringify([cognitoUser])))).toEqual({kind: 'cognito', container: 'json'});
		// Auth0's export files come gzipped
		expect(await detectSource(write('export.csv.gz', gzipSync(auth0Csv)))).toEqual({kind: 'auth0', container: 'csv'});
	});

	it('reads the row after the header only when the head holds it whole', () => {
		expect(head(`user_id,email\n"'auth0|5f7c8ec7","'ann@exa`)).toEqual({layout: undefined, container: 'csv'});
		expect(head(`user_id,email\n"'auth0|5f7c8ec7","'ann@example.com"\n`)).toEqual({
			layout: {kind: 'auth0', container: 'csv'},
			container: 'csv',
		});
	});

	it('is confirmed by --from of its own provider and refused, naming provider and format, by another', async () => {
		const csv = write('a.csv', auth0Csv);
		expect(await detectSource(csv, 'auth0')).toEqual({kind: 'auth0', container: 'csv'});
		await expect(detectSource(csv, 'cognito')).rejects.toThrow(`${csv}: --from cognito, but the file reads as Auth0's export (CSV):`);
		const users = write('u.json', JSON.stringify({Users: [cognitoUser]}));
		expect(await detectSource(users, 'cognito')).toEqual({kind: 'cognito', container: 'users-object'});
		await expect(detectSource(users, 'firebase')).rejects.toThrow(
			`--from firebase, but the file reads as Cognito's export (JSON under "Users"):`,
		);
		await expect(detectSource(write('b.json', JSON.stringify([cognitoUser])), 'supabase')).rejects.toThrow(
			"--from supabase, but the file reads as Cognito's export (JSON):",
		);
	});

	it('frames a "Users" object that holds no array as list-users JSON under --from cognito, for the reader to name the fault', async () => {
		expect(await detectSource(write('cut.json', '{"PaginationToken": "x", "Users": 5}'), 'cognito')).toEqual({
			kind: 'cognito',
			container: 'users-object',
		});
	});

	it('leaves a "Users" object whose first user is no Cognito user to --from', () => {
		expect(peekHead(new TextEncoder().encode('{"Users": [{"id": 1}]}'))).toEqual({
			layout: {kind: 'cognito', container: 'users-object'},
			container: 'users-object',
			sure: false,
		});
	});
});
