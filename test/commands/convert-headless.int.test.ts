import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {describe, expect, it} from 'vitest';
import {
	type ExportedUser,
	type ProviderExport,
	expectedFbscrypt,
	expectedReport,
	isMapped,
	keptUserId,
	resetLine,
	writeAuth0Export,
	writeClerkExport,
	writeCognitoExport,
	writeFirebaseExport,
	writeFirebaseHashConfig,
	writeSupabaseExport,
} from '../helpers/provider-exports.js';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');
const run = (...args: string[]) => {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
};

// Auth0's documented export: one user per line, gzipped; password hashes in a separate NDJSON file
function auth0Export(dir: string): {users: string; passwords: string; ids: string[]} {
	const users = [
		{
			user_id: 'auth0|001',
			email: 'ann@example.com',
			email_verified: true,
			username: 'ann',
			name: 'Ann',
			created_at: '2023-01-01T00:00:00.000Z',
			updated_at: '2023-01-02T00:00:00.000Z',
			identities: [{provider: 'auth0'}],
		},
		{
			user_id: 'google-oauth2|002',
			email: 'bob@example.com',
			email_verified: true,
			picture: 'https://x/b.png',
			created_at: '2023-01-03T00:00:00.000Z',
			identities: [{provider: 'google-oauth2'}],
		},
		{user_id: 'auth0|003', email: 'cid@example.com', email_verified: false, phone_number: '+4930', identities: [{provider: 'auth0'}]},
		{user_id: 'sms|004', phone_number: '+4931', identities: [{provider: 'sms'}]},
		{user_id: 'auth0|005', email: 'dee@example.com', blocked: true, identities: [{provider: 'auth0'}]},
	];
	const file = path.join(dir, 'auth0-users.json.gz');
	writeFileSync(file, gzipSync(users.map(user => JSON.stringify(user)).join('\n')));
	const passwords = path.join(dir, 'auth0-passwords.ndjson');
	writeFileSync(
		passwords,
		[
			{_id: {$oid: '001'}, email: 'ann@example.com', passwordHash: '$2b$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY.'},
			{_id: {$oid: '003'}, email: 'CID@example.com', passwordHash: '$2a$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY.'},
		]
			.map(entry => JSON.stringify(entry))
			.join('\n'),
	);
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
		expect(result.stdout).toMatch(
			/2 rejected \(.*hanko\.rejects\.ndjson\): only a phone number: Hanko needs an email or a username \(1\), blocked in Auth0 \(--include-disabled keeps such users\) \(1\)/,
		);
		expect(result.stdout).toContain(
			'The import file leaves out: names (1), pictures (1), social identities (1), phone numbers (1) (names, pictures and metadata can be set through the Admin API after the import; the rest Hanko cannot hold).',
		);
		expect(result.stdout).toContain('Passwords: 1 kept, 1 converted ($2b$/$2y$ to $2a$), 0 need a reset, 1 without one.');
		expect(result.stdout).toContain('Checked: Hanko will accept');
		expect(run('validate', out).code).toBe(0);
		const written = JSON.parse(readFileSync(out, 'utf8')) as Array<{user_id: string; emails: Array<{address: string}>}>;
		const map = readFileSync(path.join(temp(), 'hanko.id-map.csv'), 'utf8')
			.trim()
			.split('\n')
			.slice(1)
			.map(line => line.split(','));
		// Every written user is in the map, from its Auth0 id to the UUID it was given
		expect(map.map(([, sourceId]) => sourceId)).toEqual(['auth0|001', 'google-oauth2|002', 'auth0|003']);
		expect(map.map(([, , id]) => id)).toEqual(written.map(user => user.user_id));
		expect(statSync(out).mode & 0o777).toBe(0o600);
		// Stable: the same ids on a second run
		const again = path.join(temp(), 'again.json');
		run('convert', source.users, '--passwords', source.passwords, '--out', again);
		expect((JSON.parse(readFileSync(again, 'utf8')) as Array<{user_id: string}>).map(user => user.user_id)).toEqual(
			written.map(user => user.user_id),
		);
	});

	it('converts Supabase rows, keeping their UUIDs', () => {
		const rows = [
			{
				id: '3b7e2f5c-1d2a-4c4e-9f1a-2b3c4d5e6f70',
				email: 'bob@example.com',
				encrypted_password: '$2a$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY.',
				email_confirmed_at: '2023-07-11 13:41:50.290862+00',
				created_at: '2023-07-11 13:40:00+00',
				updated_at: '2023-07-11 13:40:00+00',
				phone: '',
			},
			{id: '4b7e2f5c-1d2a-4c4e-9f1a-2b3c4d5e6f71', email: null, phone: '4930123', created_at: '2023-07-11 13:40:00+00'},
		];
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, JSON.stringify(rows, null, 2));
		const out = path.join(temp(), 'hanko.json');
		const result = run('convert', file, '--out', out, '--json');
		expect(result.code).toBe(0);
		const {report} = JSON.parse(result.stdout) as {
			report: {
				source: string;
				written: number;
				idsReplaced: number;
				losses: Record<string, number>;
				rejected: Record<string, number>;
			};
		};
		expect(report).toMatchObject({
			source: 'supabase',
			written: 1,
			idsReplaced: 0,
			losses: {},
			rejected: {'only a phone number: Hanko needs an email or a username': 1},
		});
		expect((JSON.parse(readFileSync(out, 'utf8')) as Array<{user_id: string}>)[0]!.user_id).toBe(rows[0]!.id);
	});

	it('refuses a file of no known provider, naming --from', () => {
		const file = path.join(temp(), 'other.ndjson');
		writeFileSync(file, '{"uid": 1, "mail": "a@b.co"}\n');
		const result = run('convert', file, '--out', path.join(temp(), 'o.json'));
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			`hanko-tui: ${file}: not an export of a provider this tool knows (Auth0, Firebase, Supabase, Clerk, Cognito): name the source with --from (auth0, firebase, supabase, clerk, cognito)\n`,
		);
		expect(run('convert', file, '--out', 'x.json', '--from', 'okta')).toMatchObject({
			code: 2,
			stderr: expect.stringContaining('--from must be auth0, firebase, supabase, clerk or cognito') as string,
		});
	});
});

type Written = Record<string, unknown> & {user_id: string};

/** The id a provider's user has in the record the rejects file keeps whole. */
const sourceIdOf: Record<ProviderExport['kind'], (original: Record<string, unknown>) => unknown> = {
	auth0: original => original.user_id,
	firebase: original => original.localId,
	supabase: original => original.id,
	clerk: original => original.id,
	cognito: original => original.sub || original['cognito:username'],
};

const v4Form = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;

describe('hanko-tui convert: a round trip per provider', () => {
	const temp = useTempDir();

	/**
	 * Converts the export, checks the output with `validate`, and compares the loss report, the written
	 * users, the rejects and the id map with what the export's users were written to become.
	 */
	function roundTrip(exported: ProviderExport, options: {args?: string[]; users?: ExportedUser[]} = {}): Written[] {
		const users = options.users ?? exported.users;
		const out = path.join(temp(), `${exported.kind}.hanko.json`);
		const result = run('convert', exported.file, '--out', out, ...(options.args ?? []), '--json');
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const {report, files, output} = JSON.parse(result.stdout) as {
			report: unknown;
			files: {out: string; rejects: string; map: string};
			output: {records: number; invalid: number; fatal: unknown; byCode: Record<string, {severity: string}>};
		};
		expect(files).toEqual({
			out,
			rejects: path.join(temp(), `${exported.kind}.hanko.rejects.ndjson`),
			map: path.join(temp(), `${exported.kind}.hanko.id-map.csv`),
		});
		expect(report).toEqual(expectedReport({...exported, users}));
		const writtenUsers = users.filter(user => !user.reject);
		expect(output).toMatchObject({records: writtenUsers.length, invalid: 0, fatal: null});
		expect(Object.values(output.byCode).filter(code => code.severity === 'error')).toEqual([]);
		expect(run('validate', out)).toMatchObject({code: 0, stderr: ''});

		// The written users: in file order, each as the import format holds it
		const written = JSON.parse(readFileSync(out, 'utf8')) as Written[];
		expect(written.map(({user_id: _id, ...record}) => record)).toEqual(writtenUsers.map(user => user.record));
		for (const [at, user] of writtenUsers.entries()) {
			const kept = keptUserId(user.sourceId);
			if (kept) expect(written[at]!.user_id).toBe(kept);
			else expect(written[at]!.user_id).toMatch(v4Form);
		}

		expect(new Set(written.map(user => user.user_id)).size).toBe(written.length);

		// The map: exactly the written users whose id was not a lower-case UUID, with the user_id each got
		const rows = parse(readFileSync(files.map, 'utf8'), {columns: true}) as Array<{record: string; source_id: string; user_id: string}>;
		const mapped = users.map((user, record) => ({user, record})).filter(({user}) => !user.reject && isMapped(user.sourceId));
		expect(rows).toEqual(
			mapped.map(({user, record}) => ({
				record: String(record),
				source_id: user.sourceId,
				user_id: written[writtenUsers.indexOf(user)]!.user_id,
			})),
		);
		expect(readFileSync(files.map, 'utf8').split('\n')[0]).toBe('record,source_id,user_id');

		// The rejects: every rejected user, whole, with its place in the file and the reason
		const rejects = readFileSync(files.rejects, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map(line => JSON.parse(line) as {record: number; line: number; reason: string; original: Record<string, unknown>});
		const rejected = users.map((user, record) => ({user, record})).filter(({user}) => user.reject);
		expect(
			rejects.map(entry => ({
				record: entry.record,
				line: entry.line,
				reason: entry.reason,
				sourceId: sourceIdOf[exported.kind](entry.original),
			})),
		).toEqual(rejected.map(({user, record}) => ({record, line: user.line, reason: user.reject, sourceId: user.sourceId})));
		return written;
	}

	it('Auth0: the gzipped NDJSON export with its password export', () => {
		const exported = writeAuth0Export(temp());
		roundTrip(exported, {args: ['--passwords', exported.passwords]});
	});

	it('Auth0 without the password export: every database user needs a reset', () => {
		const exported = writeAuth0Export(temp());
		roundTrip(exported, {users: exported.withoutPasswords});
	});

	it("Firebase auth:export JSON with --hash-config: passwords become $fbscrypt$ with the project's parameters", () => {
		const exported = writeFirebaseExport(temp(), 'json', {hashConfig: true});
		const written = roundTrip(exported, {args: ['--hash-config', writeFirebaseHashConfig(temp())]});
		const passwords = written.map(user => (user.password as {password: string} | undefined)?.password).filter(Boolean);
		expect(passwords).toEqual(
			[...exported.hashes.entries()]
				.filter(([id]) => exported.users.some(user => user.sourceId === id && !user.reject))
				.map(([, {salt, hash}]) => expectedFbscrypt(salt, hash)),
		);
		expect(passwords[0]).toMatch(
			/^\$fbscrypt\$v=1,n=14,r=8,p=1,ss=Bw==,sk=jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==\$YW5uLXNhbHRhbm4t\$YW5uLXNjcnlwdC1oYXNo/,
		);
	});

	it('Firebase JSON with members before and after "users", pretty-printed or on one line', () => {
		const config = ['--hash-config', writeFirebaseHashConfig(temp())];
		const pretty = {
			opening: '{\n  "kind": "identitytoolkit#DownloadAccountResponse",\n  "users": [\n',
			closing: '\n  ],\n  "nextPageToken": "abc"\n}\n',
		};
		roundTrip(writeFirebaseExport(temp(), 'json', {hashConfig: true, json: pretty}), {args: config});
		const oneLine = {opening: '{"kind":"x","meta":{"users":{"n":[1]}},"users":[', closing: '],"nextPageToken":"a}b"}', oneLine: true};
		roundTrip(writeFirebaseExport(temp(), 'json', {hashConfig: true, json: oneLine}), {args: config});
	});

	it('an export whose users are all rejected writes the files but exits 1, saying why in one line', () => {
		const dir = temp();
		const file = path.join(dir, 'firebase-users.json');
		writeFileSync(
			file,
			'{"kind":"x","users":[{"localId":"a1","phoneNumber":"+15555550100"},{"localId":"a2","phoneNumber":"+15555550101"}]}',
		);
		const out = path.join(dir, 'out.json');
		const result = run('convert', file, '--out', out);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			`hanko-tui: no user was written: all 2 Firebase users were rejected (${path.join(dir, 'out.rejects.ndjson')}): only a phone number: Hanko needs an email or a username (2)\n`,
		);
		expect(result.stdout).toMatch(/^Converted 2 Firebase users: 0 written/);
		expect(readFileSync(out, 'utf8')).toBe('[]\n');
		// An export of no users has nothing to write: that is no failure
		writeFileSync(file, '{"users": []}');
		expect(run('convert', file, '--out', out)).toMatchObject({code: 0, stderr: ''});
	});

	it('refuses a --from whose provider the content does not show: exit 2, the formats expected named, nothing written', () => {
		const dir = temp();
		const notIt = "but the file is not \\w+'s export as this tool reads it: expected .+";
		const cases: Array<[string, string, string, string]> = [
			// Clerk users without any email field
			['clerk-users.json', '[{"id": "user_2a", "first_name": "Ann", "username": "ann"}]\n', 'clerk', notIt],
			// A CSV without the provider's header
			['people.csv', 'uid,mail\n1,a@example.com\n', 'cognito', notIt],
			// Auth0's CSV (every string prefixed with ') read as Firebase's header-less CSV: it reads as Auth0's
			[
				'auth0.csv',
				'user_id,email,email_verified\n"\'auth0|1","\'ann@example.com",true\n',
				'firebase',
				"but the file reads as Auth0's export \\(CSV\\): its users would be read wrongly .+",
			],
		];
		for (const [name, content, from, message] of cases) {
			const file = path.join(dir, name);
			writeFileSync(file, content);
			const out = path.join(dir, `${name}.hanko.json`);
			const result = run('convert', file, '--from', from, '--out', out);
			expect(result.code, name).toBe(2);
			expect(result.stderr, name).toMatch(
				new RegExp(`^hanko-tui: ${file.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}: --from ${from}, ${message}\\n$`),
			);
			expect(result.stdout).toBe('');
			expect(existsSync(out)).toBe(false);
		}
	});

	it('suggests next steps a shell runs as they are printed, whatever the output is called', () => {
		const dir = path.join(temp(), "Ann's exports");
		mkdirSync(dir);
		// Two Clerk users with one address: Hanko refuses the second, so the output still has an error
		const file = path.join(dir, 'clerk users.csv');
		writeFileSync(
			file,
			'id,primary_email_address,verified_email_addresses\nuser_1,ann@example.com,ann@example.com\nuser_2,ann@example.com,ann@example.com\n',
		);
		const out = path.join(dir, 'for hanko.json');
		const result = run('convert', file, '--out', out);
		expect(result.code).toBe(1);
		const hint = /\((hanko-tui validate .*) shows them, (hanko-tui fix .*) fixes what it can\)\.$/m.exec(result.stdout);
		expect(hint, result.stdout).not.toBeNull();
		// The hinted command lines, run by a shell with hanko-tui as this build: they read the output file
		const shell = (line: string) =>
			spawnSync('sh', ['-c', line.replace(/^hanko-tui /, `"${process.execPath}" "${cli}" `)], {encoding: 'utf8', cwd: temp()});
		const validated = shell(hint![1]!);
		expect(validated.status, validated.stderr).toBe(1);
		expect(validated.stdout).toContain('for hanko.json');
		expect(validated.stdout).toMatch(/duplicate|already/i);
		const fixed = shell(`${hint![2]!} --json`);
		expect(fixed.stderr).not.toMatch(/usage|unknown|needs exactly one file/i);
		expect([0, 1]).toContain(fixed.status);
	});

	it('Firebase auth:export JSON, the hash config given as JSON', () => {
		const exported = writeFirebaseExport(temp(), 'json', {hashConfig: true});
		roundTrip(exported, {args: ['--hash-config', writeFirebaseHashConfig(temp(), 'json')]});
	});

	it('Firebase without --hash-config: the passwords are counted as needing a reset, and none is written', () => {
		const exported = writeFirebaseExport(temp(), 'json', {hashConfig: false});
		const written = roundTrip(exported);
		expect(written.some(user => 'password' in user)).toBe(false);
		expect(expectedReport(exported).passwords.reset).toEqual({[resetLine.noHashConfig]: 2});
	});

	it('Firebase auth:export CSV (no header, 28 columns, a comma at the end of each line), detected from its content', () => {
		const exported = writeFirebaseExport(temp(), 'csv', {hashConfig: true});
		roundTrip(exported, {args: ['--hash-config', writeFirebaseHashConfig(temp())]});
	});

	it('Supabase auth.users as CSV (Postgres text), keeping the UUIDs: the map has its header only', () => {
		const exported = writeSupabaseExport(temp(), 'csv');
		roundTrip(exported);
		expect(readFileSync(path.join(temp(), 'supabase.hanko.id-map.csv'), 'utf8')).toBe('record,source_id,user_id\n');
	});

	it('Supabase auth.users as JSON', () => {
		roundTrip(writeSupabaseExport(temp(), 'json'));
	});

	it("Clerk's dashboard CSV", () => {
		roundTrip(writeClerkExport(temp()));
	});

	it("Cognito's user CSV", () => {
		roundTrip(writeCognitoExport(temp()));
	});

	it('a hash config file that is missing stops the conversion (exit 2) with one line naming the file, and writes nothing', () => {
		const exported = writeFirebaseExport(temp(), 'json', {hashConfig: true});
		const missing = path.join(temp(), 'no-such-hash-config.txt');
		const out = path.join(temp(), 'out.json');
		const result = run('convert', exported.file, '--out', out, '--hash-config', missing, '--json');
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(`hanko-tui: ${missing}: no such file\n`);
		expect(existsSync(out)).toBe(false);
	});

	it('a hash config without the signer key stops the conversion with one line that names what is missing', () => {
		const exported = writeFirebaseExport(temp(), 'json', {hashConfig: true});
		const config = path.join(temp(), 'partial.txt');
		writeFileSync(config, 'hash_config {\n  algorithm: SCRYPT,\n  base64_salt_separator: Bw==,\n  rounds: 8,\n  mem_cost: 14,\n}\n');
		const result = run('convert', exported.file, '--out', path.join(temp(), 'out.json'), '--hash-config', config);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(
			new RegExp(
				`^hanko-tui: ${config.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the hash config has no valid base64_signer_key \\(.*\\)\\n$`,
			),
		);
	});
});
