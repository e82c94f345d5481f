import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Cancelled} from '../../../../source/core/errors.js';
import {PasswordExport, readPasswordExport} from '../../../../source/core/convert/providers/password-export.js';
import {useTempDir} from '../../../helpers/temp-dir.js';

describe("readPasswordExport (Auth0's password-hash export)", () => {
	const temp = useTempDir();

	it('keys hashes by the database id, by alt_id, and by the lowercased email', async () => {
		const file = path.join(temp(), 'passwords.ndjson');
		writeFileSync(
			file,
			[
				'{"_id":{"$oid":"5f7c8ec7c33c6c004bbafe82"},"email":"ann@example.com","passwordHash":"$2b$10$ann"}',
				'{"_id": {"$oid": "64b0a1c2"}, "email": "bob@example.com", "passwordHash": "$2a$10$bob"}\r', // Spaces, a Windows line end
				'{"email":" Cid@Example.COM ","passwordHash":"$2b$10$cid"}',
				'{"email":"łucja@przykład.pl","passwordHash":"$2b$10$lucja"}', // Beyond latin1: the key keeps every character
				'{"_id":{"$oid":"0001"},"email":"d\\u00e9e@example.com","passwordHash":"$2b$10$d\\u0065e"}', // Escapes: read by JSON.parse
				'{"_id":"0002","passwordHash":"$2b$10$plain-id"}',
				'{"_id":{"$oid":"0003"},"email":"eve@exa', // Damaged: only this user's password is lost
				'',
				'{"_id":{"$oid":"0004"},"email":"fay@example.com"}', // No hash
				// A custom database's user: _id is Auth0's, alt_id the user's own; an $oid written with its prefix
				'{"_id":{"$oid":"a0"},"alt_id":"legacy-7","email":"hal@example.com","passwordHash":"$2b$10$hal"}',
				'{"_id":{"$oid":"auth0|0006"},"passwordHash":"$2b$10$prefixed"}',
				'{"_id":{"$oid":"0005"},"email":"gus@example.com","passwordHash":"$2a$10$last-line-without-newline"}',
			].join('\n'),
		);
		const hashes = await readPasswordExport(file);
		const expected = {
			'id:5f7c8ec7c33c6c004bbafe82': '$2b$10$ann',
			'id:64b0a1c2': '$2a$10$bob',
			'email:cid@example.com': '$2b$10$cid',
			'email:łucja@przykład.pl': '$2b$10$lucja',
			'id:0001': '$2b$10$dee',
			'id:0002': '$2b$10$plain-id',
			'id:0005': '$2a$10$last-line-without-newline',
			'id:a0': '$2b$10$hal',
			'id:legacy-7': '$2b$10$hal',
			'id:0006': '$2b$10$prefixed',
			// By address too where there is an id: the user export's id may not be the one here
			'email:ann@example.com': '$2b$10$ann',
			'email:bob@example.com': '$2a$10$bob',
			'email:dée@example.com': '$2b$10$dee',
			'email:hal@example.com': '$2b$10$hal',
			'email:gus@example.com': '$2a$10$last-line-without-newline',
		};
		expect(hashes.size).toBe(Object.keys(expected).length);
		for (const [key, hash] of Object.entries(expected)) expect(hashes.get(key)).toBe(hash);
		expect(hashes.get('id:0003')).toBeUndefined();
	});

	it('finds every hash across its pages, before and after they are sealed, with hashes of any length', () => {
		const hashes = new PasswordExport();
		const hashOf = (i: number) => `$2a$10$${'x'.repeat(i % 7)}${i}`;
		for (let i = 0; i < 10_000; i++) hashes.add([`id:${i}`], hashOf(i));
		// The last page is still being gathered
		for (const i of [0, 4095, 4096, 8191, 8192, 9999]) expect(hashes.get(`id:${i}`)).toBe(hashOf(i));
		hashes.add(['id:0'], 'a later line for the same user');
		hashes.finish();
		expect(() => hashes.add(['id:x'], 'late')).toThrow();
		for (let i = 0; i < 10_000; i++) expect(hashes.get(`id:${i}`)).toBe(hashOf(i));
		expect(hashes.size).toBe(10_000);
		// Once every user is converted, the memory goes
		hashes.release();
		expect([hashes.get('id:0'), hashes.size]).toEqual([undefined, 0]);
	});

	it('stops reading when cancelled, and refuses an empty file', async () => {
		const file = path.join(temp(), 'passwords.ndjson');
		writeFileSync(file, `${JSON.stringify({_id: {$oid: '1'}, email: 'a@example.com', passwordHash: '$2a$10$x'})}\n`);
		const aborter = new AbortController();
		aborter.abort();
		await expect(readPasswordExport(file, aborter.signal)).rejects.toBeInstanceOf(Cancelled);
		writeFileSync(file, '');
		await expect(readPasswordExport(file)).rejects.toThrow('the password export is empty');
	});
});
