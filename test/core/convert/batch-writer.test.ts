import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {BatchWriter} from '../../../source/core/convert/batch-writer.js';
import {convertRecords} from '../../../source/core/convert/convert-record.js';
import {AtomicFile} from '../../../source/core/files/atomic-file.js';
import {PasswordExport} from '../../../source/core/convert/providers/password-export.js';
import {SingleArrayWriter} from '../../../source/core/split/users-array-writer.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const auth0 = (id: string) => ({
	user_id: `auth0|${id}`,
	email: `${id}@example.com`,
	email_verified: true,
	identities: [{provider: 'auth0'}],
});

describe('BatchWriter', () => {
	const temp = useTempDir();

	it('joins the batches into one array, adds up the report, and puts in the hashes of the separate password export', async () => {
		const dir = temp();
		const out = await SingleArrayWriter.create(path.join(dir, 'out.json'));
		const [rejects, map] = await Promise.all(['rejects.ndjson', 'map.csv'].map(async name => AtomicFile.create(path.join(dir, name))));
		const hashes = new PasswordExport();
		hashes.add(['id:a'], '$2a$10$hashOfAhashOfAhashOfAhashOfAhashOfAhashOfAhashOfAhas.');
		hashes.finish();
		const options = {includeDisabled: false, passwords: hashes.share()};
		const writer = new BatchWriter('auth0', {out, rejects: rejects!, map: map!});
		await writer.write(
			convertRecords(
				[
					{index: 0, line: 1, value: auth0('a')},
					{index: 1, line: 2, value: {user_id: 'sms|1', phone_number: '+4930'}},
				],
				'auth0',
				options,
			),
		);
		await writer.write(convertRecords([{index: 2, line: 3, value: auth0('b')}], 'auth0', options));
		await out.prepare();
		await out.place();
		for (const file of [rejects!, map!]) await file.commit();
		expect(writer.report).toMatchObject({
			source: 'auth0',
			users: 3,
			written: 2,
			rejected: {'only a phone number: Hanko needs an email or a username': 1},
			passwords: {kept: 1, none: 0},
		});
		// b has no hash in the password export: it must reset
		expect(Object.values(writer.report.passwords.reset)).toEqual([1]);
		const users = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8')) as Array<{
			emails: Array<{address: string}>;
			password?: {password: string};
		}>;
		expect(users.map(user => [user.emails[0]!.address, user.password?.password])).toEqual([
			['a@example.com', '$2a$10$hashOfAhashOfAhashOfAhashOfAhashOfAhashOfAhashOfAhas.'],
			['b@example.com', undefined],
		]);
		expect(readFileSync(path.join(dir, 'rejects.ndjson'), 'utf8').trim().split('\n')).toHaveLength(1);
		expect(readFileSync(path.join(dir, 'map.csv'), 'utf8').trim().split('\n')).toHaveLength(2);
	});
});
