import {spawnSync} from 'node:child_process';
import {readFileSync, statSync, writeFileSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');
const run = (...args: string[]) => {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
};

// Auth0's documented export: one user per line, gzipped; password hashes in a separate NDJSON file
function auth0Export(dir: string): {users: string; passwords: string; ids: string[]} {
	const users = [
		{user_id: 'auth0|001', email: 'ann@example.com', email_verified: true, username: 'ann', name: 'Ann', created_at: '2023-01-01T00:00:00.000Z', updated_at: '2023-01-02T00:00:00.000Z', identities: [{provider: 'auth0'}]},
		{user_id: 'google-oauth2|002', email: 'bob@example.com', email_verified: true, picture: 'https://x/b.png', created_at: '2023-01-03T00:00:00.000Z', identities: [{provider: 'google-oauth2'}]},
		{user_id: 'auth0|003', email: 'cid@example.com', email_verified: false, phone_number: '+4930', identities: [{provider: 'auth0'}]},
		{user_id: 'sms|004', phone_number: '+4931', identities: [{provider: 'sms'}]},
		{user_id: 'auth0|005', email: 'dee@example.com', blocked: true, identities: [{provider: 'auth0'}]},
	];
	const file = path.join(dir, 'auth0-users.json.gz');
	writeFileSync(file, gzipSync(users.map(user => JSON.stringify(user)).join('\n')));
	const passwords = path.join(dir, 'auth0-passwords.ndjson');
	writeFileSync(passwords, [
		{_id: {$oid: '001'}, email: 'ann@example.com', passwordHash: '$2b$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY'},
		{_id: {$oid: '003'}, email: 'CID@example.com', passwordHash: '$2a$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY'},
	].map(entry => JSON.stringify(entry)).join('\n'));
	return {users: file, passwords, ids: users.map(user => user.user_id)};
}

describe('hanko-tui convert (headless)', () => {
	const temp = useTempDir();

	it('converts an Auth0 export round trip: a file that validates, the loss report, and a map back to the source ids', () => {
		const source = auth0Export(temp());
		const out = path.join(temp(), 'hanko.json');
		const result = run('convert', source.users, '--passwords', source.passwords, '--out', out);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Converted 5 Auth0 users: 3 written to');
		expect(result.stdout).toMatch(/2 rejected \(.*hanko\.rejects\.ndjson\): only a phone number: Hanko needs an email or a username \(1\), blocked in Auth0 \(--include-disabled keeps such users\) \(1\)/);
		expect(result.stdout).toContain('Hanko cannot hold, so the file leaves out: names (1), pictures (1), social identities (1), phone numbers (1).');
		expect(result.stdout).toContain('Passwords: 1 kept, 1 converted ($2b$/$2y$ to $2a$), 0 need a reset, 1 without one.');
		expect(result.stdout).toContain('Checked: Hanko will accept');
		expect(run('validate', out).code).toBe(0);
		const written = JSON.parse(readFileSync(out, 'utf8')) as Array<{user_id: string; emails: Array<{address: string}>}>;
		const map = readFileSync(path.join(temp(), 'hanko.id-map.csv'), 'utf8').trim().split('\n').slice(1).map(line => line.split(','));
		// Every written user is in the map, from its Auth0 id to the UUID it was given
		expect(map.map(([, sourceId]) => sourceId)).toEqual(['auth0|001', 'google-oauth2|002', 'auth0|003']);
		expect(map.map(([, , id]) => id)).toEqual(written.map(user => user.user_id));
		expect(statSync(out).mode & 0o777).toBe(0o600);
		// Stable: the same ids on a second run
		const again = path.join(temp(), 'again.json');
		run('convert', source.users, '--passwords', source.passwords, '--out', again);
		expect((JSON.parse(readFileSync(again, 'utf8')) as Array<{user_id: string}>).map(user => user.user_id)).toEqual(written.map(user => user.user_id));
	});

	it('converts Supabase rows, keeping their UUIDs', () => {
		const rows = [
			{id: '3b7e2f5c-1d2a-4c4e-9f1a-2b3c4d5e6f70', email: 'bob@example.com', encrypted_password: '$2a$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY', email_confirmed_at: '2023-07-11 13:41:50.290862+00', created_at: '2023-07-11 13:40:00+00', updated_at: '2023-07-11 13:40:00+00', phone: ''},
			{id: '4b7e2f5c-1d2a-4c4e-9f1a-2b3c4d5e6f71', email: null, phone: '4930123', created_at: '2023-07-11 13:40:00+00'},
		];
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, JSON.stringify(rows, null, 2));
		const out = path.join(temp(), 'hanko.json');
		const result = run('convert', file, '--out', out, '--json');
		expect(result.code).toBe(0);
		const {report} = JSON.parse(result.stdout) as {report: {source: string; written: number; idsReplaced: number; losses: Record<string, number>; rejected: Record<string, number>}};
		expect(report).toMatchObject({source: 'supabase', written: 1, idsReplaced: 0, losses: {}, rejected: {'only a phone number: Hanko needs an email or a username': 1}});
		expect((JSON.parse(readFileSync(out, 'utf8')) as Array<{user_id: string}>)[0]!.user_id).toBe(rows[0]!.id);
	});

	it('refuses a file of no known provider, naming --from', () => {
		const file = path.join(temp(), 'other.ndjson');
		writeFileSync(file, '{"uid": 1, "mail": "a@b.co"}\n');
		const result = run('convert', file, '--out', path.join(temp(), 'o.json'));
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(`hanko-tui: ${file}: not an export of a provider this tool knows (Auth0, Firebase, Supabase, Clerk, Cognito): name the source with --from (auth0, firebase, supabase, clerk, cognito)\n`);
		expect(run('convert', file, '--out', 'x.json', '--from', 'okta')).toMatchObject({code: 2, stderr: expect.stringContaining('--from must be auth0, firebase, supabase, clerk or cognito') as string});
	});
});
