import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';

// `convert --profile` through the built CLI: the profile file beside the import file (0600, NDJSON by
// the ids the import file gives), the report's words and its --json counts, and the paths it refuses.

const cli = path.resolve('dist/cli.js');
const run = (...args: string[]) => {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
};

const cognitoCsv = [
	'cognito:username,name,given_name,family_name,middle_name,nickname,preferred_username,email,email_verified,phone_number,picture,custom:tier,sub',
	'ana,Ana Lima,Ana,Lima,,,,ana@example.com,true,,https://example.com/ana.png,gold,5f1c3a9e-7b2d-4e8f-a1c3-000000000001',
	'bo,Bo,,,,,,bo@example.com,true,+4930123456,ftp://example.com/bo.png,,5f1c3a9e-7b2d-4e8f-a1c3-000000000002',
	'cy,,,,,,,cy@example.com,false,,,,5f1c3a9e-7b2d-4e8f-a1c3-000000000003',
].join('\n');

describe('hanko-tui convert --profile', () => {
	const temp = useTempDir();

	it('writes the profile beside the import file by its user ids, and says what was kept for after the import', () => {
		const source = path.join(temp(), 'cognito.csv');
		writeFileSync(source, cognitoCsv);
		const out = path.join(temp(), 'users.json');
		const profile = path.join(temp(), 'users.profile.ndjson');
		const result = run('convert', source, '--out', out, '--profile', profile, '--quiet');
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(
			`Kept for after the import (${profile}): names (2), pictures (1), metadata (1); hanko-tui apply-profile ${profile} --api-url <url> sets them once the import is done.`,
		);
		expect(result.stdout).toContain(
			'Hanko cannot hold, so the files leave out: phone numbers (1), pictures that are not http(s) URLs (1).',
		);
		expect(statSync(profile).mode & 0o777).toBe(0o600);
		const ids = (JSON.parse(readFileSync(out, 'utf8')) as Array<{user_id: string}>).map(user => user.user_id);
		const lines = readFileSync(profile, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map(line => JSON.parse(line) as Record<string, unknown>);
		expect(lines).toEqual([
			{
				user_id: ids[0],
				name: 'Ana Lima',
				given_name: 'Ana',
				family_name: 'Lima',
				picture: 'https://example.com/ana.png',
				private_metadata: {'custom:tier': 'gold'},
			},
			{user_id: ids[1], name: 'Bo'},
		]);
	});

	it('adds the profile counts and file to the --json report; without --profile neither, and no file', () => {
		const source = path.join(temp(), 'cognito.csv');
		writeFileSync(source, cognitoCsv);
		const profile = path.join(temp(), 'p.ndjson');
		const withProfile = run('convert', source, '--out', path.join(temp(), 'a.json'), '--profile', profile, '--json');
		const report = JSON.parse(withProfile.stdout) as {
			report: {profile?: unknown; losses: Record<string, number>};
			files: {profile?: string};
		};
		expect(report.report.profile).toEqual({users: 2, kept: {names: 2, pictures: 1, metadata: 1}});
		expect(report.files.profile).toBe(profile);
		expect(report.report.losses).toEqual({'phone numbers': 1, 'pictures that are not http(s) URLs': 1});

		const without = JSON.parse(run('convert', source, '--out', path.join(temp(), 'b.json'), '--json').stdout) as typeof report;
		expect(without.report.profile).toBeUndefined();
		expect(without.files.profile).toBeUndefined();
		expect(without.report.losses).toMatchObject({names: 2, pictures: 2, metadata: 1, 'phone numbers': 1});
	});

	it('refuses a --profile that names the export or another output, writing nothing', () => {
		const source = path.join(temp(), 'cognito.csv');
		writeFileSync(source, cognitoCsv);
		const out = path.join(temp(), 'users.json');
		const clash = run('convert', source, '--out', out, '--profile', out);
		expect(clash.code).toBe(2);
		expect(clash.stderr).toContain('--out and --profile name the same file');
		const overwrite = run('convert', source, '--out', out, '--profile', source);
		expect(overwrite.code).toBe(2);
		expect(overwrite.stderr).toContain('--profile names a file the conversion reads');
		expect(existsSync(out)).toBe(false);
	});
});
