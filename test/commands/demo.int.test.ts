import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const cli = path.resolve('dist/cli.js');

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [cli, ...args], {
		encoding: 'utf8',
		env: {...process.env, NO_COLOR: '1'},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('hanko-tui demo', () => {
	it('runs the demo as --demo and as demo, without a terminal as validate does', () => {
		for (const args of [
			['--demo', '--json'],
			['demo', '--json'],
		]) {
			const result = run(...args);
			expect(result.code, args.join(' ')).toBe(1);
			expect(JSON.parse(result.stdout), args.join(' ')).toMatchObject({records: 45, invalid: 30});
		}

		expect(run('--demo', 'validate')).toMatchObject({
			code: 2,
			stderr: 'hanko-tui: --demo takes no command or file (see hanko-tui --help)\n',
		});
	});

	it('takes the flags of validate, checked as validate checks them', () => {
		const report = JSON.parse(run('demo', '--json', '--max-issues', '2', '--hanko-version', '2.7').stdout) as {
			hankoVersion: string;
			issues: unknown[];
		};
		expect(report).toMatchObject({hankoVersion: '2.7'});
		expect(report.issues).toHaveLength(2);
		expect(run('demo', '--checkers', '0')).toMatchObject({
			code: 2,
			stderr: 'hanko-tui: --checkers must be a whole number, 1 or more (see hanko-tui demo --help)\n',
		});
		expect(run('demo', 'users.json')).toMatchObject({
			code: 2,
			stderr: 'hanko-tui: demo takes no file: its example ships with hanko-tui (see hanko-tui demo --help)\n',
		});
	});
});
