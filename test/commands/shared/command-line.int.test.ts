import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {commands} from '../../../source/commands/command-list.js';

const cli = path.resolve('dist/cli.js');

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [cli, ...args], {
		encoding: 'utf8',
		env: {...process.env, NO_COLOR: '1'},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

describe("each command's own help", () => {
	it('has all nine commands', () => {
		expect(commands.map(command => command.name)).toEqual([
			'validate',
			'fix',
			'convert',
			'preflight',
			'verify',
			'apply-profile',
			'export',
			'mock-api',
			'demo',
		]);
	});

	describe.each(commands.map(command => [command.name, command] as const))('%s', (name, command) => {
		it.each([['--help'], ['-h']])(`prints its usage for ${name} %s and exits 0`, flag => {
			const result = run(name, flag);
			expect(result).toMatchObject({code: 0, stdout: command.help, stderr: ''});
		});

		it('prints the same for hanko-tui help <command>, and before any check of the other flags', () => {
			expect(run('help', name)).toMatchObject({code: 0, stdout: command.help});
			expect(run(name, 'a', 'b', '--frobnicate', '--help')).toMatchObject({code: 0, stdout: command.help});
		});

		it('shows its usage, every one of its flags, exit codes and examples of itself', () => {
			const {help} = command;
			expect(help).toMatch(new RegExp(`^ +\\$ hanko-tui ${name}\\b`, 'm'));
			for (const [flag, spec] of Object.entries(command.flags)) {
				expect(help, flag).toMatch(new RegExp(`^ +--${spec.default === true ? 'no-' : ''}${kebab(flag)}\\b`, 'm'));
			}

			const exitCodes = help.slice(help.indexOf('  Exit codes\n'), help.indexOf('  Examples\n'));
			expect(exitCodes).toMatch(/^ {4}2 {2}.*usage error/m);
			const examples = help
				.slice(help.indexOf('  Examples\n'))
				.split('\n')
				.filter(line => line.startsWith('    $ '));
			expect(examples.length).toBeGreaterThanOrEqual(2);
			for (const example of examples) expect(example).toMatch(new RegExp(`hanko-tui ${name}\\b`));
		});

		it('refuses an unknown flag in one line, exit code 2', () => {
			expect(run(name, '--frobnicate')).toMatchObject({
				code: 2,
				stdout: '',
				stderr: `hanko-tui: unknown option --frobnicate for ${name} (see hanko-tui ${name} --help)\n`,
			});
		});
	});
});

describe('a flag of another command', () => {
	it.each([
		[['validate', 'users.json', '--users', '5'], 'validate has no --users (it belongs to mock-api: hanko-tui mock-api --help)'],
		[['validate', 'users.json', '--no-auth'], 'validate has no --no-auth (it belongs to mock-api: hanko-tui mock-api --help)'],
		[
			['fix', 'users.json', '--api-url', 'http://localhost:8001'],
			'fix has no --api-url (it belongs to preflight, verify, apply-profile and export: hanko-tui preflight --help)',
		],
		[
			['export', '--api-url', 'http://localhost:8001', '--out', 'x.json', '--uuid', 'stable'],
			'export has no --uuid (it belongs to fix: hanko-tui fix --help)',
		],
		[
			['export', '--api-url', 'http://localhost:8001', '--out', 'x.json', '--hanko-version', '2.7'],
			'export has no --hanko-version (it belongs to validate, fix, convert, preflight, verify and demo: hanko-tui validate --help)',
		],
		[
			['convert', 'users.csv', '--out', 'x.json', '--max-issues', '3'],
			'convert has no --max-issues (it belongs to validate and demo: hanko-tui validate --help)',
		],
		[
			['mock-api', '--json'],
			'mock-api has no --json (it belongs to validate, fix, convert, preflight, verify, apply-profile, export and demo: hanko-tui validate --help)',
		],
		[['demo', '--out', 'x.json'], 'demo has no --out (it belongs to fix, convert and export: hanko-tui fix --help)'],
		[['--demo', '--from', 'auth0'], 'demo has no --from (it belongs to convert: hanko-tui convert --help)'],
	])('%j is a usage error naming the command that has it', (args, message) => {
		expect(run(...args)).toMatchObject({code: 2, stdout: '', stderr: `hanko-tui: ${message}\n`});
	});

	it('never echoes control characters of an unknown flag', () => {
		const result = run('validate', 'users.json', '--\u001B]0;evil\u0007x');
		expect(result.code).toBe(2);
		expect(result.stderr).not.toContain('\u001B');
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
	});
});
