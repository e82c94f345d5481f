import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {type SourceRecord, readSourceRecords} from '../../../source/core/convert/source-records.js';
import type {SourceContainer, SourceKind} from '../../../source/core/convert/source-kinds.js';
import {writeFirebaseExport} from '../../helpers/provider-exports.js';
import {useTempDir} from '../../helpers/temp-dir.js';

describe('readSourceRecords', () => {
	const temp = useTempDir();

	async function read(content: string | Uint8Array, container: SourceContainer, name = 'export', kind?: SourceKind) {
		const file = path.join(temp(), name);
		writeFileSync(file, content);
		const records: SourceRecord[] = [];
		const fatal = await readSourceRecords(
			file,
			container,
			{
				batch(batch) {
					records.push(...batch);
				},
			},
			kind,
		);
		return {records, fatal};
	}

	const places = (records: SourceRecord[]) =>
		records.map(({index, line, value, error}) => ({index, line, value, ...(error === undefined ? {} : {error})}));

	describe('CSV', () => {
		it('keys each row by the header and gives the line it starts on', async () => {
			const {records, fatal} = await read('id,email\nuser_1,a@example.com\nuser_2,b@example.com\n', 'csv');
			expect(fatal).toBeUndefined();
			expect(places(records)).toEqual([
				{index: 0, line: 2, value: {id: 'user_1', email: 'a@example.com'}},
				{index: 1, line: 3, value: {id: 'user_2', email: 'b@example.com'}},
			]);
		});

		it('reads quoted cells with commas, doubled quotes and line breaks, counting the lines they take', async () => {
			const {records, fatal} = await read('id,name,note\n1,"Lee, Ann","said ""hi"""\n2,Bo,"two\nlines, and\nthree"\n3,Cid,\n', 'csv');
			expect(fatal).toBeUndefined();
			expect(places(records)).toEqual([
				{index: 0, line: 2, value: {id: '1', name: 'Lee, Ann', note: 'said "hi"'}},
				{index: 1, line: 3, value: {id: '2', name: 'Bo', note: 'two\nlines, and\nthree'}},
				{index: 2, line: 6, value: {id: '3', name: 'Cid', note: ''}},
			]);
		});

		it('counts the blank lines it skips', async () => {
			const {records} = await read('id,email\n1,a@example.com\n\n\n2,b@example.com\n"3","x\n\ny"\n\n4,d@example.com\n', 'csv');
			expect(records.map(({line, value}) => ({line, id: (value as {id: string}).id}))).toEqual([
				{line: 2, id: '1'},
				{line: 5, id: '2'},
				{line: 6, id: '3'},
				{line: 10, id: '4'},
			]);
		});

		it('reads Windows line ends', async () => {
			const {records} = await read('id,email\r\n1,a@example.com\r\n\r\n2,b@example.com\r\n', 'csv');
			expect(places(records)).toEqual([
				{index: 0, line: 2, value: {id: '1', email: 'a@example.com'}},
				{index: 1, line: 4, value: {id: '2', email: 'b@example.com'}},
			]);
		});

		it('fills cells a short row leaves out with empty strings, and strips a byte order mark from the header', async () => {
			const {records} = await read('\uFEFFid,email,phone\n1,a@example.com\n', 'csv');
			expect(records[0]!.value).toEqual({id: '1', email: 'a@example.com', phone: ''});
		});

		it('stops at an unclosed quote with a fatal at the line its record starts, not at the end of the file', async () => {
			const {fatal} = await read('id,email\n1,a@example.com\n\n2,"b@example.com\n3,c@example.com\n4,d@example.com\n', 'csv');
			expect(fatal).toMatchObject({line: 4, column: 1});
			expect(fatal!.message).toContain('line 4');
			expect(fatal!.message).toMatch(/never closed/);
			expect(fatal!.message).not.toContain('\n');
		});

		it('reads a gzipped CSV the same', async () => {
			const {records} = await read(gzipSync('id,email\n1,a@example.com\n'), 'csv', 'export.csv.gz');
			expect(places(records)).toEqual([{index: 0, line: 2, value: {id: '1', email: 'a@example.com'}}]);
		});

		it("reads Firebase's header-less CSV as the JSON export's users", async () => {
			const exported = writeFirebaseExport(temp(), 'csv', {hashConfig: false});
			const records: SourceRecord[] = [];
			expect(await readSourceRecords(exported.file, 'headerless-csv', {batch: batch => void records.push(...batch)})).toBeUndefined();
			expect(records.map(({value}) => (value as {localId: string}).localId)).toEqual(exported.ids);
			expect(records.map(({line}) => line)).toEqual(exported.users.map(user => user.line));
			expect(records[0]!.value).toMatchObject({
				localId: exported.ids[0],
				displayName: 'Lee, Ann',
				createdAt: '1689082910290',
				lastSignedInAt: '1704186000000',
				disabled: 'false',
			});
			expect(records[1]!.value).toMatchObject({
				customAttributes: '{"role":"admin","tier":"gold"}',
				providerUserInfo: [{providerId: 'google.com', rawId: '104683425829181136054'}],
			});
		});

		it('gives a row wider than the header, or a header-less row of another width, as a record with an error, and reads on', async () => {
			const {records, fatal} = await read('id,email\nuser_1,a@example.com,extra\nuser_2,b@example.com\n', 'csv');
			expect(fatal).toBeUndefined();
			expect(places(records)).toEqual([
				{index: 0, line: 2, value: undefined, error: 'a CSV row of 3 cells where the header has 2: a quote inside a quoted cell?'},
				{index: 1, line: 3, value: {id: 'user_2', email: 'b@example.com'}},
			]);
			expect(records[0]!.raw).toEqual(['user_1', 'a@example.com', 'extra']); // For the rejects file
			// Firebase quotes "Robert "Bob" Smith, Jr." without doubling the inner quotes: the name splits
			const row = (name: string) =>
				[
					'uid1',
					'a@example.com',
					'true',
					'',
					'',
					name,
					...Array.from({length: 16}, () => ''),
					'',
					'1689082910290',
					'',
					'',
					'false',
					'',
					'',
				].join(',');
			const headerless = await read(`${row('Ann')}\n${row('"Robert "Bob" Smith, Jr."')}\n`, 'headerless-csv');
			expect(headerless.records[0]!.error).toBeUndefined();
			expect(headerless.records[1]!.error).toBe('a CSV row of 30 cells where Firebase writes 29: a quote inside a quoted cell?');
			// Also when the split row comes first: the rows after it are read, by Firebase's own layout
			const splitFirst = await read(`${row('"O"Brien, Pat"')}\n${row('Ann')}\n`, 'headerless-csv');
			expect(splitFirst.records.map(record => record.error)).toEqual([
				'a CSV row of 30 cells where Firebase writes 29: a quote inside a quoted cell?',
				undefined,
			]);
			// An older firebase-tools' 27 cells, the first row split into 28: the rows after it set the width
			const older = (name: string) =>
				[
					'uid1',
					'a@example.com',
					'true',
					'',
					'',
					name,
					...Array.from({length: 16}, () => ''),
					'',
					'1689082910290',
					'',
					'',
					'false',
				].join(',');
			const olderFirst = await read([older('"Bob "x", Jr"'), older('Ann'), older('Cid'), older('Dee')].join('\n'), 'headerless-csv');
			expect(olderFirst.records.map(record => record.error)).toEqual([
				'a CSV row of 28 cells where Firebase writes 27: a quote inside a quoted cell?',
				undefined,
				undefined,
				undefined,
			]);
		});

		it('says a file with no row at all is empty, and stops at a record longer than 16 MB', async () => {
			expect((await read('\n\n', 'csv')).fatal).toEqual({offset: 0, line: 1, column: 1, message: 'the file is empty'});
			expect((await read('', 'headerless-csv')).fatal?.message).toBe('the file is empty');
			expect(await read('id,email\n', 'csv')).toEqual({records: [], fatal: undefined}); // A header and no user is an export of no users
			const runaway = await read(`id,email\nuser_1,"${'x'.repeat(17 << 20)}\n`, 'csv');
			expect(runaway.fatal).toMatchObject({
				line: 2,
				message: 'the record that starts on line 2 is longer than 16 MB: a quote is probably not closed',
			});
		});

		it('lets a failure of the batch handler through as it is, not as a fault of the file', async () => {
			const file = path.join(temp(), 'rows.csv');
			writeFileSync(file, `id,email\n${Array.from({length: 1500}, (_, i) => `user_${i},u${i}@example.com`).join('\n')}\n`);
			await expect(
				readSourceRecords(file, 'csv', {
					batch() {
						throw new Error('ENOSPC: no space left on device');
					},
				}),
			).rejects.toThrow('ENOSPC: no space left on device');
		});

		it('reports a file that cannot be read', async () => {
			const fatal = await readSourceRecords(path.join(temp(), 'missing.csv'), 'csv', {batch() {}});
			expect(fatal).toEqual({offset: 0, line: 1, column: 1, message: 'cannot read the file: no such file'});
		});
	});

	describe('Firebase\'s {"users": [...]}', () => {
		it('gives the users of the array, with the lines they start on', async () => {
			const exported = writeFirebaseExport(temp(), 'json', {hashConfig: false});
			const records: SourceRecord[] = [];
			expect(await readSourceRecords(exported.file, 'users-object', {batch: batch => void records.push(...batch)})).toBeUndefined();
			expect(records.map(({value}) => (value as {localId: string}).localId)).toEqual(exported.ids);
			expect(records.map(({line}) => line)).toEqual(exported.users.map(user => user.line));
			expect(records.map(({index}) => index)).toEqual(exported.ids.map((_, index) => index));
		});

		it('reads an export of no users', async () => {
			expect(await read('{"users": [\n]}', 'users-object')).toEqual({records: [], fatal: undefined});
		});

		it('finds "users" after other members of the object, and skips those after it, on one line or many', async () => {
			const oneLine = await read(
				'{"kind":"x","meta":{"users":{"n":[1,"]"]}},"users":[{"localId":"a"},{"localId":"b"}],"nextPageToken":"}","more":[{}]}',
				'users-object',
			);
			expect(oneLine).toEqual({
				records: [
					{index: 0, line: 1, value: {localId: 'a'}},
					{index: 1, line: 1, value: {localId: 'b'}},
				],
				fatal: undefined,
			});
			const pretty = await read(
				'{\n  "kind": "identitytoolkit#DownloadAccountResponse",\n  "users": [\n    {\n      "localId": "a"\n    }\n  ],\n  "nextPageToken": "t"\n}\n',
				'users-object',
			);
			expect(places(pretty.records)).toEqual([{index: 0, line: 4, value: {localId: 'a'}}]);
			expect(pretty.fatal).toBeUndefined();
		});

		it('still refuses an object without a "users" array, and one cut short in a member after the array', async () => {
			expect((await read('{"kind":"x","people":[{"localId":"a"}]}', 'users-object')).fatal).toEqual({
				offset: 0,
				line: 1,
				column: 1,
				message: 'expected an object with a "users" array, {"users": [ ... ]}: the object has no "users" member',
			});
			expect((await read('{"kind":"x","users":{"localId":"a"}}', 'users-object')).fatal!.message).toMatch(
				/its "users" member is not an array$/,
			);
			const cut = await read('{"users":[{"localId":"a"}],"kind":"x', 'users-object');
			expect(places(cut.records)).toEqual([{index: 0, line: 1, value: {localId: 'a'}}]);
			expect(cut.fatal!.message).toMatch(/not closed with '}'/);
		});

		it('stops with a fatal when the closing brace is missing (a truncated file), after the users it holds', async () => {
			const {records, fatal} = await read('{"users": [\n{\n  "localId": "a"\n},\n{\n  "localId": "b"\n}]', 'users-object');
			expect(places(records)).toEqual([
				{index: 0, line: 2, value: {localId: 'a'}},
				{index: 1, line: 5, value: {localId: 'b'}},
			]);
			expect(fatal).toMatchObject({line: 7});
			expect(fatal!.message).toMatch(/not closed with '}'/);
		});

		it('stops with a fatal when the file ends inside a user, naming where that user starts', async () => {
			const {records, fatal} = await read('{"users": [\n{\n  "localId": "a"\n},\n{\n  "localId": "b",\n', 'users-object');
			expect(places(records)).toEqual([{index: 0, line: 2, value: {localId: 'a'}}]);
			expect(fatal!.message).toMatch(/starts at 5:1/);
		});

		it('refuses a file that does not hold an object', async () => {
			const {fatal} = await read('[{"localId": "a"}]', 'users-object');
			expect(fatal).toEqual({
				offset: 0,
				line: 1,
				column: 1,
				message: 'expected an object with a "users" array, {"users": [ ... ]}: the file does not start with an object',
			});
		});
	});

	describe('JSON', () => {
		it('parses each user of an array or NDJSON, gzipped or not; a line that is no JSON is a record with an error', async () => {
			const array = await read('[\n{"id": 1},\n{"id": 2}\n]\n', 'json');
			expect(places(array.records)).toEqual([
				{index: 0, line: 2, value: {id: 1}},
				{index: 1, line: 3, value: {id: 2}},
			]);
			const ndjson = await read(gzipSync('{"user_id": "auth0|1"}\n{"user_id": "auth0|2"}\n'), 'json', 'users.json.gz');
			expect(places(ndjson.records)).toEqual([
				{index: 0, line: 1, value: {user_id: 'auth0|1'}},
				{index: 1, line: 2, value: {user_id: 'auth0|2'}},
			]);
		});
	});

	describe("Auth0's CSV", () => {
		it("strips the ' before every string and undoes the quoting: commas and doubled quotes inside, a value's own '", async () => {
			const csv = [
				'user_id,email,name,email_verified,created_at',
				`"'auth0|1","'ann@example.com","'Lee, Ann ""Annie""",true,2023-01-02T03:04:05.678Z`,
				`"'auth0|2","''tis@example.com","'",false,2023-01-02T03:04:05Z`,
				'',
			].join('\n');
			const {records, fatal} = await read(csv, 'csv', 'auth0.csv', 'auth0');
			expect(fatal).toBeUndefined();
			expect(places(records)).toEqual([
				{
					index: 0,
					line: 2,
					value: {
						user_id: 'auth0|1',
						email: 'ann@example.com',
						name: 'Lee, Ann "Annie"',
						email_verified: 'true',
						created_at: '2023-01-02T03:04:05.678Z',
					},
				},
				{
					index: 1,
					line: 3,
					value: {
						user_id: 'auth0|2',
						email: "'tis@example.com",
						name: '',
						email_verified: 'false',
						created_at: '2023-01-02T03:04:05Z',
					},
				},
			]);
		});
	});

	describe("Cognito's list-users JSON", () => {
		it('reads the users under "Users", whatever comes before it', async () => {
			const {records, fatal} = await read(
				'{\n  "PaginationToken": "a{b",\n  "Users": [\n    {"Username": "a", "Attributes": []},\n    {"Username": "b", "Attributes": []}\n  ]\n}\n',
				'users-object',
				'users.json',
				'cognito',
			);
			expect(fatal).toBeUndefined();
			expect(places(records)).toEqual([
				{index: 0, line: 4, value: {Username: 'a', Attributes: []}},
				{index: 1, line: 5, value: {Username: 'b', Attributes: []}},
			]);
		});
	});
});
