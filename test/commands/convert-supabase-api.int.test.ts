import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');
const run = (...args: string[]) => {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
};

// Users as GoTrue's Admin API gives them (`GET /admin/users`; internal/models/user.go's JSON tags):
// RFC 3339 times, user_metadata and app_metadata, identities, factors; never the password hash
const apiUser = (n: number, more: Record<string, unknown> = {}) => ({
	id: `9a1b2c3d-0000-4000-8000-00000000000${n}`,
	aud: 'authenticated',
	role: 'authenticated',
	email: `user${n}@example.com`,
	email_confirmed_at: '2024-01-02T03:04:05.123456Z',
	phone: '',
	confirmed_at: '2024-01-02T03:04:05.123456Z',
	last_sign_in_at: '2024-05-01T00:00:00Z',
	app_metadata: {provider: 'email', providers: ['email']},
	user_metadata: {},
	identities: [{identity_id: `i${n}`, id: `9a1b2c3d-0000-4000-8000-00000000000${n}`, provider: 'email', identity_data: {sub: `s${n}`}}],
	created_at: '2024-01-02T03:04:05.123456Z',
	updated_at: '2024-05-01T00:00:00Z',
	is_anonymous: false,
	...more,
});

describe("Supabase users from GoTrue's Admin API", () => {
	const temp = useTempDir();

	it.each([
		['the response body', (users: unknown[]) => ({users, aud: 'authenticated'})],
		['a bare users object', (users: unknown[]) => ({users})],
		['an array', (users: unknown[]) => users],
	])('%s converts with ids, verified flags, times, the banned user refused and what is lost said', (_, wrap) => {
		const users = [
			apiUser(1, {factors: [{id: 'f1', factor_type: 'totp', status: 'verified'}], user_metadata: {full_name: 'Ann'}}),
			apiUser(2, {banned_until: '2999-01-01T00:00:00Z'}),
			apiUser(3, {
				email_confirmed_at: undefined,
				app_metadata: {provider: 'google', providers: ['google']},
				identities: [{identity_id: 'g3', provider: 'google', identity_data: {}}],
			}),
		];
		const file = path.join(temp(), 'supabase-users.json');
		writeFileSync(file, JSON.stringify(wrap(users)));
		const out = path.join(temp(), 'hanko.json');
		const result = run('convert', file, '--out', out, '--json');
		expect(result.stderr).toBe('');
		const {report} = JSON.parse(result.stdout) as {
			report: {
				source: string;
				written: number;
				idsReplaced: number;
				rejected: Record<string, number>;
				losses: Record<string, number>;
				passwords: {none: number; reset: Record<string, number>};
			};
		};
		expect(report).toMatchObject({source: 'supabase', written: 2, idsReplaced: 0});
		expect(report.rejected).toEqual({'banned in Supabase (--include-disabled keeps such users)': 1});
		expect(report.losses).toEqual({metadata: 1, 'TOTP factors (the export holds no secret)': 1, 'social identities': 1});
		expect(report.passwords).toMatchObject({
			none: 1,
			reset: {"GoTrue's Admin API gives no password hashes (export auth.users for them)": 1},
		});
		const written = JSON.parse(readFileSync(out, 'utf8')) as Array<{
			user_id: string;
			emails: Array<{is_verified: boolean}>;
			created_at: string;
		}>;
		expect(written.map(user => [user.user_id, user.emails[0]!.is_verified, user.created_at])).toEqual([
			[users[0]!.id, true, '2024-01-02T03:04:05.123Z'],
			[users[2]!.id, false, '2024-01-02T03:04:05.123Z'],
		]);
		expect(result.code).toBe(0);
	});
});

describe('a --from the content contradicts', () => {
	const temp = useTempDir();

	it('is refused with one line naming both providers, exit 2, nothing written', () => {
		const file = path.join(temp(), 'supabase.json');
		writeFileSync(file, JSON.stringify([apiUser(1)]));
		const result = run('convert', file, '--from', 'clerk', '--out', path.join(temp(), 'hanko.json'));
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			`hanko-tui: ${file}: --from clerk, but the file reads as Supabase's export (JSON): its users would be read wrongly (leave out --from, or give the right file)\n`,
		);
		expect(result.stdout).toBe('');
	});
});
