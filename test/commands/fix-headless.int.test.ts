import {spawn, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

const sleep = async (ms: number) =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});

/** Users whose addresses all need lowercasing: every record is rewritten, which keeps the writer busy. */
function manyUsers(file: string, count: number): void {
	const lines = Array.from(
		{length: count},
		(_, i) =>
			`{"user_id":"aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}","emails":[{"address":"User${i}@Example.com","is_primary":true,"is_verified":true}]}`,
	);
	writeFileSync(file, lines.join('\n'));
}

function credential(id: string, more = ''): string {
	return `{"id":"${id}","public_key":"pQECAyYgASFYIFs","attestation_type":"packed","transports":["usb"],"backup_eligible":false,"backup_state":false,"mfa_only":false${more}}`;
}

describe('hanko-tui fix (headless)', () => {
	const temp = useTempDir();

	it('a full disk while writing its outputs: one line naming the cause, exit 2, nothing left beside them', () => {
		const source = path.join(temp(), 'users.json');
		manyUsers(source, 20_000);
		const outDir = path.join(temp(), 'out');
		mkdirSync(outDir);
		// A file size limit of 1 MB: writing past it fails with EFBIG, as a full disk fails with ENOSPC
		const limited = spawnSync(
			'bash',
			[
				'-c',
				`trap "" XFSZ; ulimit -f 2048; exec "$0" "$@"`,
				process.execPath,
				cli,
				'fix',
				source,
				'--out',
				path.join(outDir, 'users.fixed.json'),
			],
			{encoding: 'utf8'},
		);
		expect(limited.status).toBe(2);
		expect(limited.stderr).toMatch(/^hanko-tui: [^\n]*(EFBIG|too large)[^\n]*\n$/);
		expect(readdirSync(outDir)).toEqual([]);
	});

	it('writes the files of the pass it keeps when only the pass it throws away would not fit', () => {
		// The fix of a@example.com. collides with the next user, so the first pass (which writes that
		// user fixed) is thrown away, and the second (which rejects it) is kept. Under a file size limit
		// that the first pass's output passes and the second's does not, the fix succeeds
		const users = Array.from({length: 6}, (_, i) => ({
			user_id: `0000000${i + 1}-0000-4000-8000-00000000000${i + 1}`,
			emails: [{address: `filler${i + 1}@example.com`, is_primary: true, is_verified: true}],
		}));
		users.push(
			{user_id: '00000009-0000-4000-8000-000000000009', emails: [{address: 'a@example.com.', is_primary: true, is_verified: true}]},
			{user_id: '00000010-0000-4000-8000-000000000010', emails: [{address: 'a@example.com', is_primary: true, is_verified: true}]},
		);
		const source = path.join(temp(), 'users.ndjson');
		writeFileSync(source, users.map(user => JSON.stringify(user)).join('\n'));
		const out = path.join(temp(), 'out', 'users.fixed.json');
		mkdirSync(path.dirname(out));
		const limited = spawnSync(
			'bash',
			[
				'-c',
				`trap "" XFSZ; ulimit -f 1; exec "$0" "$@" >/dev/null`,
				process.execPath,
				cli,
				'fix',
				source,
				'--out',
				out,
				'--uuid',
				'stable',
			],
			{encoding: 'utf8'},
		);
		expect(limited.stderr).toBe('');
		expect(limited.status).toBe(0);
		const written = JSON.parse(readFileSync(out, 'utf8')) as unknown[];
		expect(written).toHaveLength(7);
		expect(readFileSync(out).length).toBeLessThanOrEqual(1024);
		expect(readFileSync(path.join(path.dirname(out), 'users.rejects.ndjson'), 'utf8')).toContain('a@example.com.');
	});

	it('writes a corrected file that validates with no errors, and says what it did', () => {
		const out = path.join(temp(), 'users.json');
		const source = path.join('fixtures', 'broken.json');
		const before = createHash('sha256').update(readFileSync(source)).digest('hex');
		const result = run('fix', source, '--out', out, '--uuid', 'stable');
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`wrote ${out}: 31 records (21 fixed)`);
		expect(result.stdout).toContain(`Checked as written: Hanko will accept ${out}`);
		expect(run('validate', out).code).toBe(0);
		expect(readdirSync(temp()).sort()).toEqual([
			'users.fix-log.ndjson',
			'users.id-map.csv',
			'users.json',
			'users.password-resets.csv',
			'users.rejects.ndjson',
		]);
		expect(readFileSync(path.join(temp(), 'users.password-resets.csv'), 'utf8')).toBe(
			'record,user_id,email,username,note\n12,aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa,,judy,no email: a reset code cannot reach this user\n43,36363636-3636-4636-8636-363636363636,,max,no email: a reset code cannot reach this user\n',
		);
		expect(createHash('sha256').update(readFileSync(source)).digest('hex')).toBe(before);
	});

	it('rejects a user whose trimmed address another user has, instead of writing a duplicate (and exits 0)', () => {
		const source = path.join(temp(), 'collide.ndjson');
		writeFileSync(
			source,
			[
				'{"user_id":"aaaaaaaa-0000-4000-8000-000000000001","emails":[{"address":"a@example.com","is_primary":true,"is_verified":true}]}',
				'{"user_id":"aaaaaaaa-0000-4000-8000-000000000002","emails":[{"address":" a@example.com ","is_primary":true,"is_verified":true}]}',
			].join('\n'),
		);
		const result = run('fix', source);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('rejected 1 records');
		expect(result.stdout).toMatch(/Rejected, by reason\n +1 {2}duplicate\.email once fixed\n/);
		expect(result.stdout).toContain('Checked as written: Hanko will accept');
		const reject = JSON.parse(readFileSync(path.join(temp(), 'collide.rejects.ndjson'), 'utf8')) as {record: number; reason: string};
		expect(reject).toMatchObject({record: 1, reason: 'duplicate.email once fixed'});
	});

	// The cases of the review, as files given to the command: each fix makes a value another user has
	const collisions: Array<[string, string, string]> = [
		[
			'field.drop-nul (username)',
			'{"user_id":"aaaaaaaa-0000-4000-8000-000000000001","username":"bob\\u0000"}',
			'{"user_id":"aaaaaaaa-0000-4000-8000-000000000002","username":"bob"}',
		],
		[
			'field.drop-nul (credential id)',
			`{"user_id":"aaaaaaaa-0000-4000-8000-000000000001","username":"u1","webauthn_credentials":[${credential('cred\\u0000')}]}`,
			`{"user_id":"aaaaaaaa-0000-4000-8000-000000000002","username":"u2","webauthn_credentials":[${credential('cred')}]}`,
		],
		[
			'field.drop-nul (user handle)',
			`{"user_id":"aaaaaaaa-0000-4000-8000-000000000001","username":"u1","webauthn_credentials":[${credential('c1', ',"user_handle":"h\\u0000"')}]}`,
			`{"user_id":"aaaaaaaa-0000-4000-8000-000000000002","username":"u2","webauthn_credentials":[${credential('c2', ',"user_handle":"h"')}]}`,
		],
		[
			'email.normalise (trailing dot), after the other',
			'{"user_id":"aaaaaaaa-0000-4000-8000-000000000002","emails":[{"address":"ann@x.com","is_primary":true,"is_verified":true}]}',
			'{"user_id":"aaaaaaaa-0000-4000-8000-000000000001","emails":[{"address":"ann@x.com.","is_primary":true,"is_verified":true}]}',
		],
	];
	it.each(collisions)(
		'%s: exits 0, the output validates, the fixed user is in the rejects file with the collision',
		(_name, first, second) => {
			const source = path.join(temp(), 'pair.json');
			writeFileSync(source, `[${first},\n${second}]\n`);
			const out = path.join(temp(), 'out.json');
			const result = run('fix', source, '--out', out);
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(result.stdout).toContain(`Checked as written: Hanko will accept ${out} (1 records`);
			expect(run('validate', out).code).toBe(0);
			const rejects = readFileSync(path.join(temp(), 'out.rejects.ndjson'), 'utf8')
				.trim()
				.split('\n')
				.map(
					line =>
						JSON.parse(line) as {reason: string; problems: Array<{code: string; message: string}>; original: {user_id: string}},
				);
			expect(rejects).toHaveLength(1);
			expect(rejects[0]!.original.user_id).toBe('aaaaaaaa-0000-4000-8000-000000000001');
			expect(rejects[0]!.reason).toMatch(/^duplicate\.[a-z-]+ once fixed$/);
			expect(rejects[0]!.problems[0]!.message).toMatch(/ \(once fixed by [a-z.-]+\) is also the value of record \d: /);
		},
	);

	it('does not make a fix of warnings that would collide: the user is written as it was, and the summary says so', () => {
		const source = path.join(temp(), 'pair.json');
		const ann =
			'{"user_id":"aaaaaaaa-0000-4000-8000-000000000001","username":" Ann ","emails":[{"address":"ann1@x.com","is_primary":true,"is_verified":true}]}';
		writeFileSync(source, `[${ann},\n{"user_id":"aaaaaaaa-0000-4000-8000-000000000002","username":"ann"}]\n`);
		const out = path.join(temp(), 'out.json');
		const result = run('fix', source, '--out', out);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain("written unfixed, as their fixes (of warnings) would have given them another user's value: 1");
		expect(result.stdout).toContain(`Checked as written: Hanko will accept ${out} (2 records`);
		expect((JSON.parse(readFileSync(out, 'utf8')) as unknown[])[0]).toEqual(JSON.parse(ann));
	});

	it('finds the duplicate that bytes that are not UTF-8 hide, and checks its output again as validate does', () => {
		// "ann" + E2 82 and "ann" + FF FF: Go stores both as "ann\uFFFD\uFFFD"
		const source = path.join(temp(), 'latin.json');
		writeFileSync(
			source,
			Buffer.concat([
				Buffer.from('[{"user_id":"aaaaaaaa-0000-4000-8000-000000000001","username":"ann'),
				Buffer.from([0xe2, 0x82]),
				Buffer.from('"},\n'),
				Buffer.from('{"user_id":"aaaaaaaa-0000-4000-8000-000000000002","username":"ann'),
				Buffer.from([0xff, 0xff]),
				Buffer.from('"}]\n'),
			]),
		);
		const validated = run('validate', source);
		expect(validated.code).toBe(1);
		expect(validated.stdout).toMatch(/ 1 +error +duplicate\.username\n/);
		const out = path.join(temp(), 'out.json');
		const result = run('fix', source, '--out', out);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/Rejected, by reason\n +1 {2}duplicate\.username\n/);
		expect(result.stdout).toContain(`Checked as written: Hanko will accept ${out} (1 records, 2 warnings).`);
		expect(run('validate', out).code).toBe(0);
	});

	it('prints one JSON document with --json, and exits 1 when --only leaves errors in the output', () => {
		const out = path.join(temp(), 'only.json');
		const result = run('fix', path.join('fixtures', 'sample.ndjson'), '--out', out, '--only', 'email.uppercase', '--json');
		const report = JSON.parse(result.stdout) as {
			counts: {records: number; written: number; byFix: Record<string, number>};
			output: {invalid: number};
		};
		expect(report.counts.records).toBeGreaterThan(0);
		expect(Object.keys(report.counts.byFix).every(fix => fix === 'email.normalise')).toBe(true);
		expect(result.code).toBe(report.output.invalid === 0 ? 0 : 1);
	});

	it('refuses bad options and a file it cannot read to its end, writing nothing', () => {
		expect(run('fix', 'fixtures/broken.json', '--uuid', 'sequential')).toMatchObject({
			code: 2,
			stderr: 'hanko-tui: --uuid must be random or stable (see hanko-tui fix --help)\n',
		});
		expect(run('fix', 'fixtures/broken.json', '--only', 'email.upper')).toMatchObject({
			code: 2,
			stderr: expect.stringContaining('unknown rule code email.upper') as string,
		});
		const truncated = path.join(temp(), 'cut.json');
		writeFileSync(truncated, '[{"user_id": "aaaaaaaa-0000-4000-8000-000000000001", "username": "ann"},\n{"user_id": ');
		const result = run('fix', truncated);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^.*cut\.json:2:\d+: .*\nhanko-tui: nothing written/);
		expect(readdirSync(temp())).toEqual(['cut.json']);
	});

	it('refuses a Firebase export, in its own layout or on one line, instead of writing an empty file', () => {
		const users = [
			{localId: 'a1', email: 'ann@example.com'},
			{localId: 'b2', email: 'bob@example.com'},
		];
		for (const [name, text] of [
			['firebase.json', `{"users": [\n${users.map(user => `  ${JSON.stringify(user)}`).join(',\n')}\n]}\n`],
			['one-line.json', JSON.stringify({users})],
		] as const) {
			const file = path.join(temp(), name);
			writeFileSync(file, text);
			const result = run('fix', file);
			expect(result.code, name).toBe(2);
			expect(result.stderr, name).toContain(`${name}:1:1: the top-level value is an object: Hanko expects an array of users`);
			expect(result.stderr, name).toContain('hanko-tui convert');
		}

		expect(readdirSync(temp()).sort()).toEqual(['firebase.json', 'one-line.json']);
	});

	it('leaves a previous output intact when killed while writing, and cleans up on Ctrl+C', async () => {
		const source = path.join(temp(), 'many.ndjson');
		manyUsers(source, 300_000);
		const out = path.join(temp(), 'out.json');
		writeFileSync(out, 'previous output');
		for (const signal of ['SIGKILL', 'SIGINT'] as const) {
			const child = spawn(process.execPath, [cli, 'fix', source, '--out', out], {stdio: 'ignore'});
			const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
			// Wait until the fixed file is being written, then stop the process
			while (!readdirSync(temp()).some(name => name.endsWith('.partial'))) {
				await sleep(5);
			}

			child.kill(signal);

			const code = await exited;
			expect(readFileSync(out, 'utf8')).toBe('previous output');
			// A killed process cannot clean up: its temporary files stay, under names no output takes
			if (signal === 'SIGKILL')
				for (const name of readdirSync(temp()).filter(name => name.endsWith('.partial'))) rmSync(path.join(temp(), name));
			if (signal === 'SIGINT') {
				expect(code).toBe(130);
				expect(readdirSync(temp()).filter(name => name.endsWith('.partial'))).toEqual([]);
			}
		}

		expect(existsSync(source)).toBe(true);
	}, 60_000);
	it('a record nested 100,000 levels deep is rejected with its reason; the others are fixed and written', () => {
		const dir = temp();
		const source = path.join(dir, 'deep.json');
		const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
		const user = (n: number, more: string) => `{"user_id":"aaaaaaaa-0000-4000-8000-00000000000${n}",${more}}`;
		writeFileSync(
			source,
			`[\n${[
				user(0, '"emails":[{"address":"A@Example.com","is_primary":true,"is_verified":true}]'),
				user(1, `"username":"a","x":${deep}`),
				user(2, `"username":"b","emails":${deep}`),
				user(3, '"username":"C"'),
			].join(',\n')}\n]\n`,
		);
		const validated = run('validate', source);
		expect(validated.code).toBe(1);
		expect(validated.stderr).toBe('');
		expect(validated.stdout).toContain(
			`${source}:3:10069: error json.syntax record 1: nested more than 10,000 levels deep, which Go's decoder refuses`,
		);
		expect(validated.stdout).toContain(`${source}:4:10074: error json.syntax record 2: nested more than 10,000 levels deep`);

		const out = path.join(dir, 'fixed.json');
		const result = run('fix', source, '--out', out);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`wrote ${out}: 2 records (2 fixed)`);
		expect(result.stdout).toMatch(/Rejected, by reason\n +2 {2}json\.syntax\n/);
		const written = JSON.parse(readFileSync(out, 'utf8')) as Array<{
			user_id: string;
			username?: string;
			emails?: Array<{address: string}>;
		}>;
		expect(written.map(record => [record.user_id.slice(-1), record.username ?? record.emails?.[0]?.address])).toEqual([
			['0', 'a@example.com'],
			['3', 'c'],
		]);
		const rejects = readFileSync(path.join(dir, 'fixed.rejects.ndjson'), 'utf8')
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {record: number; line: number; reason: string});
		expect(rejects.map(({record, line, reason}) => ({record, line, reason}))).toEqual([
			{record: 1, line: 3, reason: 'json.syntax'},
			{record: 2, line: 4, reason: 'json.syntax'},
		]);
	});
});
