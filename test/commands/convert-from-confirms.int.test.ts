import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');
const fixture = (name: string) => path.resolve('fixtures/providers', name);
const run = (...args: string[]) => {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
};

const refusal = (file: string, from: string, found: string) =>
	`hanko-tui: ${file}: --from ${from}, but the file reads as ${found}: its users would be read wrongly (leave out --from, or give the right file)\n`;

describe("--from on Auth0's CSV and Cognito's list-users JSON", () => {
	const temp = useTempDir();

	it.each([
		['auth0/users.csv', 'auth0'],
		['auth0/extension-export.csv', 'auth0'],
		['cognito/list-users.json', 'cognito'],
		['cognito/backup-restore.json', 'cognito'],
	])('%s: --from %s confirms what the content says', (file, from) => {
		const out = path.join(temp(), 'hanko.json');
		const detected = run('convert', fixture(file), '--out', out, '--json');
		const confirmed = run('convert', fixture(file), '--out', out, '--json', '--from', from);
		expect(confirmed.code).toBe(0);
		const report = (result: {stdout: string}) => (JSON.parse(result.stdout) as {report: unknown}).report;
		expect(report(confirmed)).toEqual(report(detected));
		expect(report(confirmed)).toMatchObject({source: from});
	});

	it.each([
		['auth0/users.csv', 'cognito', "Auth0's export (CSV)"],
		['auth0/extension-export.json', 'supabase', "Auth0's export (JSON)"],
		['cognito/list-users.json', 'auth0', `Cognito's export (JSON under "Users")`],
		['cognito/backup-restore.json', 'firebase', "Cognito's export (JSON)"],
	])('%s: --from %s is refused with exit 2, naming the provider and format found, nothing written', (file, from, found) => {
		const out = path.join(temp(), 'hanko.json');
		const result = run('convert', fixture(file), '--out', out, '--from', from);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(refusal(fixture(file), from, found));
		expect(result.stdout).toBe('');
		expect(existsSync(out)).toBe(false);
	});

	it("--from auth0 reads a CSV the content does not name as Auth0's, its ' prefixes stripped where they are", () => {
		const file = path.join(temp(), 'people.csv');
		writeFileSync(file, `user_id,email,email_verified\nauth0|1,ann@example.com,true\n"auth0|2","'bo@example.com",false\n`);
		expect(run('convert', file, '--out', path.join(temp(), 'x.json')).code).toBe(2);
		const out = path.join(temp(), 'hanko.json');
		const result = run('convert', file, '--out', out, '--from', 'auth0', '--quiet');
		expect(result.code).toBe(0);
		const written = JSON.parse(readFileSync(out, 'utf8')) as Array<{emails: Array<{address: string; is_verified: boolean}>}>;
		expect(written.map(user => user.emails[0])).toEqual([
			{address: 'ann@example.com', is_primary: true, is_verified: true},
			{address: 'bo@example.com', is_primary: true, is_verified: false},
		]);
	});

	it('a list-users file whose "Users" is no array is a fault at its place under --from cognito, not one user rejected', () => {
		const file = path.join(temp(), 'cut.json');
		writeFileSync(file, '{"Users": 5}');
		const result = run('convert', file, '--from', 'cognito', '--out', path.join(temp(), 'hanko.json'));
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			`hanko-tui: ${file}:1:1: expected an object with a "Users" array, {"Users": [ ... ]}: its "Users" member is not an array\n`,
		);
	});
});
