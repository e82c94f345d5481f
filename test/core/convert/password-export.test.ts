import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readPasswordExport} from '../../../source/core/convert/convert-run.js';
import {useTempDir} from '../../helpers/temp-dir.js';

describe('readPasswordExport (Auth0\'s password-hash export)', () => {
	const temp = useTempDir();

	it('keys hashes by the database id, and by the lowercased email only where there is no id', async () => {
		const file = path.join(temp(), 'passwords.ndjson');
		writeFileSync(file, [
			'{"_id":{"$oid":"5f7c8ec7c33c6c004bbafe82"},"email":"ann@example.com","passwordHash":"$2b$10$ann"}',
			'{"_id": {"$oid": "64b0a1c2"}, "email": "bob@example.com", "passwordHash": "$2a$10$bob"}\r', // Spaces, a Windows line end
			'{"email":" Cid@Example.COM ","passwordHash":"$2b$10$cid"}',
			'{"_id":{"$oid":"0001"},"email":"d\\u00e9e@example.com","passwordHash":"$2b$10$d\\u0065e"}', // Escapes: read by JSON.parse
			'{"_id":"0002","passwordHash":"$2b$10$plain-id"}',
			'{"_id":{"$oid":"0003"},"email":"eve@exa', // Damaged: only this user's password is lost
			'',
			'{"_id":{"$oid":"0004"},"email":"fay@example.com"}', // No hash
			'{"_id":{"$oid":"0005"},"email":"gus@example.com","passwordHash":"$2a$10$last-line-without-newline"}',
		].join('\n'));
		const hashes = await readPasswordExport(file);
		expect(Object.fromEntries(hashes)).toEqual({
			'id:5f7c8ec7c33c6c004bbafe82': '$2b$10$ann',
			'id:64b0a1c2': '$2a$10$bob',
			'email:cid@example.com': '$2b$10$cid',
			'id:0001': '$2b$10$dee',
			'id:0002': '$2b$10$plain-id',
			'id:0005': '$2a$10$last-line-without-newline',
		});
	});
});
