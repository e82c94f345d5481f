import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('--hanko-version', () => {
	const temp = useTempDir();

	function upperCaseId(): string {
		const file = path.join(temp(), 'users.json');
		writeFileSync(
			file,
			JSON.stringify([
				{
					user_id: 'A9AE6BC8-D829-43DE-B672-F50230833877',
					emails: [{address: 'ann@example.com', is_primary: true, is_verified: true}],
				},
			]),
		);
		return file;
	}

	it('checks against the latest release by default and names it in the report', () => {
		const result = run('validate', upperCaseId(), '--json');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({hankoVersion: '3.0', invalid: 0, fileErrors: 0});
	});

	it('checks against an older importer when asked, in the text report too', () => {
		const json = run('validate', upperCaseId(), '--json', '--hanko-version', '2.7');
		expect(json.code).toBe(1);
		expect(JSON.parse(json.stdout)).toMatchObject({hankoVersion: '2.7', invalid: 1, byCode: {'user-id.uppercase': {count: 1}}});
		const text = run('validate', upperCaseId(), '--hanko-version', 'v2.1.0');
		expect(text.stdout).toContain('checked against Hanko 2.1.0');
		expect(text.stdout).toContain('user-id.uppercase');
	});

	it('refuses a version it does not model, in one line with exit code 2', () => {
		const result = run('validate', upperCaseId(), '--hanko-version', '1.5');
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toEqual([
			'hanko-tui: --hanko-version: Hanko 1.5 is older than 2.0.0, whose import rules hanko-tui does not model: use 2.0 or later (see hanko-tui validate --help)',
		]);
	});

	it('checks the fixed output against the same version', () => {
		const out = path.join(temp(), 'fixed.json');
		const result = run('fix', upperCaseId(), '--out', out, '--json', '--hanko-version', '2.7');
		expect(result.code).toBe(0);
		const report = JSON.parse(result.stdout) as {
			output: {hankoVersion: string; invalid: number};
			counts: {byFix: Record<string, number>};
		};
		expect(report.output).toMatchObject({hankoVersion: '2.7', invalid: 0});
		expect(report.counts.byFix).toEqual({'user-id.lowercase': 1});
	});
});
