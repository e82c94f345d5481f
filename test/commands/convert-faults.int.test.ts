import {spawnSync} from 'node:child_process';
import {linkSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');
const run = (args: string[], shell?: string) => {
	const result = shell
		? spawnSync('sh', ['-c', `${shell}; exec "$0" "$@"`, process.execPath, cli, ...args], {encoding: 'utf8'})
		: spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
};

const auth0Line = (i: number) =>
	JSON.stringify({
		user_id: `auth0|${i.toString(16).padStart(24, '0')}`,
		email: `user${i}@example.com`,
		email_verified: true,
		name: `User ${i}`,
		created_at: '2023-01-01T00:00:00.000Z',
		identities: [{provider: 'auth0'}],
	});

describe('hanko-tui convert: faults', () => {
	const temp = useTempDir();

	it('a full disk while writing: one line naming the cause, exit 2, no temporary file left', () => {
		const dir = temp();
		const source = path.join(dir, 'users.ndjson');
		writeFileSync(source, Array.from({length: 20_000}, (_, i) => auth0Line(i)).join('\n'));
		const out = path.join(dir, 'out', 'users.hanko.json');
		mkdirSync(path.dirname(out));
		// A file size limit of 1 MB: writing past it fails with EFBIG, as a full disk fails with ENOSPC
		const result = run(['convert', source, '--out', out], 'trap "" XFSZ; ulimit -f 2048');
		expect(result.code).toBe(2);
		// The file that did not fit is named
		expect(result.stderr).toMatch(/^hanko-tui: cannot write [^\n]*users\.hanko\.json: [^\n]*(EFBIG|too large)[^\n]*\n$/);
		expect(result.stderr).not.toContain('    at ');
		expect(readdirSync(path.dirname(out))).toEqual([]);
	});

	it('never writes over the export or a file given beside it, nor one output over another', () => {
		const dir = temp();
		const source = path.join(dir, 'users.ndjson');
		const content = Array.from({length: 3}, (_, i) => auth0Line(i)).join('\n');
		writeFileSync(source, content);
		const passwords = path.join(dir, 'pw.ndjson');
		writeFileSync(
			passwords,
			`${JSON.stringify({_id: {$oid: '0'.repeat(24)}, email: 'user0@example.com', passwordHash: '$2b$10$x'})}\n`,
		);
		expect(run(['convert', source, '--out', source])).toMatchObject({
			code: 2,
			stderr: `hanko-tui: ${source}: --out names a file the conversion reads: the export and the files beside it are never overwritten\n`,
		});
		expect(run(['convert', source, '--out', path.join(dir, 'o.json'), '--rejects', source]).code).toBe(2);
		expect(run(['convert', source, '--out', path.join(dir, 'o.json'), '--passwords', passwords, '--map', passwords]).code).toBe(2);
		expect(run(['convert', source, '--out', path.join(dir, 'o.json'), '--map', path.join(dir, 'o.json')])).toMatchObject({
			code: 2,
			stderr: `hanko-tui: ${path.join(dir, 'o.json')}: --out and --map name the same file\n`,
		});
		// A hard link to the export is the export under another name
		const hard = path.join(dir, 'hard.ndjson');
		linkSync(source, hard);
		expect(run(['convert', source, '--out', hard]).code).toBe(2);
		rmSync(hard);
		expect(readFileSync(source, 'utf8')).toBe(content);
		expect(readdirSync(dir).sort()).toEqual(['pw.ndjson', 'users.ndjson']);
	});

	it('refuses a folder as the output before converting, leaving nothing behind', () => {
		const dir = temp();
		const source = path.join(dir, 'users.ndjson');
		writeFileSync(source, auth0Line(1));
		mkdirSync(path.join(dir, 'outdir'));
		const result = run(['convert', source, '--out', path.join(dir, 'outdir')]);
		expect(result).toMatchObject({
			code: 2,
			stderr: `hanko-tui: ${path.join(dir, 'outdir')}: is a directory, not a file: name the output file\n`,
		});
		expect(readdirSync(dir).sort()).toEqual(['outdir', 'users.ndjson']);
	});

	it('reads a gzipped password export, and refuses a file with no password in it', () => {
		const dir = temp();
		const source = path.join(dir, 'users.ndjson');
		writeFileSync(source, [auth0Line(0), auth0Line(1)].join('\n'));
		const gz = path.join(dir, 'pw.ndjson.gz');
		writeFileSync(
			gz,
			gzipSync(
				`${JSON.stringify({_id: {$oid: '0'.repeat(24)}, email: 'user0@example.com', passwordHash: '$2b$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY.'})}\n`,
			),
		);
		const converted = run(['convert', source, '--out', path.join(dir, 'a.json'), '--passwords', gz, '--json']);
		expect(converted.code).toBe(0);
		expect((JSON.parse(converted.stdout) as {report: {passwords: unknown}}).report.passwords).toEqual({
			kept: 0,
			converted: 1,
			none: 0,
			reset: {'not in the password export': 1},
		});
		// The user export given as the password export by mistake
		expect(run(['convert', source, '--out', path.join(dir, 'b.json'), '--passwords', source])).toMatchObject({
			code: 2,
			stderr: `hanko-tui: ${source}: no line holds a passwordHash: expected Auth0's password export, NDJSON with _id, email and passwordHash\n`,
		});
	});

	it('an export cut short: Firebase named with --from but no array, or an empty file, is a fault and not an empty conversion', () => {
		const dir = temp();
		const cut = path.join(dir, 'firebase.json');
		writeFileSync(cut, '{"users": ');
		expect(run(['convert', cut, '--from', 'firebase', '--out', path.join(dir, 'o.json')])).toMatchObject({
			code: 2,
			stderr: `hanko-tui: ${cut}:1:1: expected an object with a "users" array, {"users": [ ... ]}: the file ends first\n`,
		});
		const empty = path.join(dir, 'empty.csv');
		writeFileSync(empty, '');
		expect(run(['convert', empty, '--from', 'firebase', '--out', path.join(dir, 'o.json')])).toMatchObject({
			code: 2,
			stderr: `hanko-tui: ${empty}:1:1: the file is empty\n`,
		});
		expect(readdirSync(dir).sort()).toEqual(['empty.csv', 'firebase.json']);
	});
	it('a user nested 100,000 levels deep is rejected with its line and the reason; the others are converted', () => {
		const dir = temp();
		const file = path.join(dir, 'auth0.ndjson');
		const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
		writeFileSync(
			file,
			[
				'{"user_id":"auth0|1","email":"a@example.com","identities":[{"provider":"auth0"}]}',
				`{"user_id":"auth0|2","email":"b@example.com","blocked":true,"x":${deep}}`,
				'{"user_id":"auth0|3","email":"c@example.com","identities":[{"provider":"auth0"}]}',
			].join('\n'),
		);
		const out = path.join(dir, 'out.json');
		const result = run(['convert', file, '--out', out]);
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout).toMatch(
			/^Converted 3 Auth0 users: 2 written to .*, 1 rejected \(.*\): nested more than 10,000 levels deep \(1\)\.\n/,
		);
		expect(
			(JSON.parse(readFileSync(out, 'utf8')) as Array<{emails: Array<{address: string}>}>).map(user => user.emails[0]!.address),
		).toEqual(['a@example.com', 'c@example.com']);
		const rejects = readFileSync(path.join(dir, 'out.rejects.ndjson'), 'utf8')
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {record: number; line: number; reason: string});
		expect(rejects.map(({record, line, reason}) => ({record, line, reason}))).toEqual([
			{record: 1, line: 2, reason: 'nested more than 10,000 levels deep'},
		]);
	});
});
