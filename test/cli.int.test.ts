import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {
	closeSync,
	constants,
	createWriteStream,
	mkdirSync,
	openSync,
	readFileSync,
	readdirSync,
	readlinkSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {commands} from '../source/commands/command-list.js';
import {useTempDir} from './helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');
const fixture = (name: string) => path.join('fixtures', name);

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('hanko-tui (headless)', () => {
	const temp = useTempDir();

	it.each([['--version'], ['-v'], ['validate', 'users.json', '-v']])('prints its version for %j', (...args) => {
		const {version} = JSON.parse(readFileSync('package.json', 'utf8')) as {version: string};
		expect(run(...args)).toMatchObject({code: 0, stdout: `${version}\n`, stderr: ''});
	});

	it.each([['--help'], ['-h'], ['help'], []])('lists every command, one line each, for %j', (...args) => {
		const help = run(...args);
		expect(help).toMatchObject({code: 0, stderr: ''});
		for (const command of commands)
			expect(help.stdout).toMatch(
				new RegExp(
					`^ +\\$ hanko-tui ${command.synopsis.replaceAll(/[<>]/g, '.')} +${command.summary.replaceAll(/[()]/g, '.')}$`,
					'm',
				),
			);
		expect(help.stdout).toContain('hanko-tui <command> --help');
		// The options are each command's own help
		expect(help.stdout).not.toContain('--max-issues');
		expect(help.stdout.split('\n').length).toBeLessThan(commands.length + 12);
	});

	it('exits 0 with a summary for people on a valid file', () => {
		const result = run('validate', fixture('valid.json'));
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('4 records: 4 valid, 0 invalid, 0 warnings');
		expect(result.stdout).toContain('Hanko will accept this file.');
		expect(result.stderr).toBe('');
	});

	it('exits 1 and lists problems as file:line:column on a broken file', () => {
		const result = run('validate', fixture('broken.json'));
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/^Most frequent:$/m);
		expect(result.stdout).toContain(
			'fixtures/broken.json (json-array, 7.1 kB), checked against Hanko 3.0\n45 records: 15 valid, 30 invalid, 18 warnings\n',
		);
		expect(result.stdout).toContain('\nfixtures/broken.json:1:1: error file.bom: ');
		expect(result.stdout).toContain('\nfixtures/broken.json:5:3: error user-id.invalid record 3 /user_id: ');
		expect(result.stdout).toContain(
			'Hanko will refuse this file: the file as a whole (file.bom), and 30 records that would fail the import.',
		);
	});

	it('prints exactly one JSON document with --json', () => {
		const result = run('validate', fixture('broken.json'), '--json');
		expect(result.code).toBe(1);
		const report = JSON.parse(result.stdout) as Record<string, unknown>;
		expect(Object.keys(report)).toEqual([
			'file',
			'hankoVersion',
			'format',
			'compressed',
			'bytes',
			'records',
			'valid',
			'invalid',
			'fileErrors',
			'warnings',
			'byCode',
			'facts',
			'issues',
			'issuesTruncated',
			'fatal',
		]);
		expect(report).toMatchObject({
			file: 'fixtures/broken.json',
			hankoVersion: '3.0',
			format: 'json-array',
			compressed: false,
			records: 45,
			valid: 15,
			invalid: 30,
			fileErrors: 1,
			warnings: 18,
			fatal: null,
			issuesTruncated: false,
		});
		const issues = report.issues as Array<Record<string, unknown>>;
		expect(Object.keys(issues[1]!)).toEqual(['record', 'line', 'column', 'pointer', 'code', 'severity', 'message']);
		expect(issues[1]).toMatchObject({
			record: 1,
			line: 3,
			column: 3,
			pointer: '/emails/0/address',
			code: 'email.uppercase',
			severity: 'warning',
		});
		const byCode = report.byCode as Record<string, {count: number}>;
		const counts = Object.values(byCode).map(entry => entry.count);
		expect(counts).toEqual([...counts].sort((a, b) => b - a));
	});

	it('caps the listed problems with --max-issues (0 = all)', () => {
		const capped = JSON.parse(run('validate', fixture('broken.json'), '--json', '--max-issues', '3').stdout) as {
			issues: unknown[];
			issuesTruncated: boolean;
		};
		expect(capped.issues).toHaveLength(3);
		expect(capped.issuesTruncated).toBe(true);
		const all = JSON.parse(run('validate', fixture('broken.json'), '--json', '--max-issues', '0').stdout) as {
			issues: unknown[];
			issuesTruncated: boolean;
		};
		expect(all.issues.length).toBe(57);
		expect(all.issuesTruncated).toBe(false);
	});

	it('ends a fatal problem with one path:line:column line and exit code 2, no stack trace', () => {
		const file = path.join(temp(), 'cut.json');
		writeFileSync(file, '[\n  {"user_id": "a9ae6bc8-d829-43de-b672-f50230833877", "username": "ann"},\n  {"username": "b');
		const result = run('validate', file, '--json');
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			`${file}:3:18: unexpected end of file inside record 1 (starts at 3:3): the file is truncated or a bracket is missing\n`,
		);
		const report = JSON.parse(result.stdout) as {records: number; fatal: {line: number; column: number}};
		expect(report.records).toBe(1);
		expect(report.fatal).toMatchObject({line: 3, column: 18});
		const text = run('validate', file);
		expect(text.code).toBe(2);
		expect(text.stdout).toContain('Reading stopped at 3:18');
		expect(text.stderr.split('\n')).toHaveLength(2);
	});

	it('reports an unreadable file in one line', () => {
		const result = run('validate', path.join(temp(), 'nope.json'));
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^hanko-tui: \S+nope\.json: no such file\n$/);
		expect(result.stdout).toBe(''); // Not a report of 0 records
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	/** Whether process `pid` has a file open under `folder` (Linux: its descriptors in /proc). */
	function holdsFileIn(pid: number, folder: string): boolean {
		try {
			return readdirSync(`/proc/${pid}/fd`).some(fd => {
				try {
					return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(`${folder}/`);
				} catch {
					return false; // Closed meanwhile
				}
			});
		} catch {
			return false; // The process has gone
		}
	}

	it.skipIf(process.platform !== 'linux')(
		'cleans up and exits 130 when interrupted, leaving no temporary files',
		async () => {
			const dir = temp();
			// A FIFO that stays open after the users: the run cannot end before it is interrupted, however
			// fast or slow the machine (a file once ended before its spill was seen, or before the signal)
			const fifo = path.join(dir, 'many.ndjson');
			execFileSync('mkfifo', [fifo]);
			const lines = Array.from({length: 300_000}, (_, i) =>
				JSON.stringify({
					user_id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
					emails: [
						{address: `user${i}@example.com`, is_primary: true, is_verified: true},
						{address: `alt${i}@example.com`, is_primary: false, is_verified: true},
					],
					username: `user${i}`,
				}),
			);
			const tmp = path.join(dir, 'tmp');
			mkdirSync(tmp);
			const child = spawn(process.execPath, [cli, 'validate', fifo, '--json'], {env: {...process.env, TMPDIR: tmp}});
			let stderr = '';
			child.stderr.on('data', (chunk: Buffer) => {
				stderr += chunk.toString();
			});
			let exited = false;
			child.on('exit', () => {
				exited = true;
			});
			const wait = async () =>
				new Promise(resolve => {
					setTimeout(resolve, 20);
				});
			// Opened for writing once the run has it open for reading (before that, a non-blocking open fails)
			let probe: number | undefined;
			while (probe === undefined && !exited) {
				try {
					probe = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
				} catch (error) {
					if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error;
					await wait();
				}
			}

			expect(exited, stderr).toBe(false);
			const writer = createWriteStream('', {fd: openSync(fifo, 'w')});
			closeSync(probe!);
			writer.on('error', () => {}); // EPIPE once the interrupted run has closed its end
			writer.write(`${lines.join('\n')}\n`);
			try {
				// 1,200,000 values, past the duplicate checks' memory budget: they spill to files in the temporary
				// folder, unlinked as soon as they are opened, so only the run's open descriptors show them
				while (!holdsFileIn(child.pid!, tmp) && !exited) await wait();
				expect(exited, `the run ended before it was interrupted: ${stderr}`).toBe(false);
				child.kill('SIGINT');
				const code = await new Promise(resolve => {
					child.on('exit', resolve);
				});
				expect(code).toBe(130);
				expect(stderr).toMatch(/^hanko-tui: interrupted \(SIGINT\) after [\d,]+ records; no report\n$/);
				expect(readdirSync(tmp)).toEqual([]);
			} finally {
				writer.destroy();
			}
		},
		180_000,
	);

	it.each([
		[['validate'], 'validate needs exactly one file'],
		[['validate', 'a.json', 'b.json'], 'validate needs exactly one file'],
		[['frobnicate'], "unknown command 'frobnicate' (see hanko-tui --help)"],
		[['frobnicate', '--help'], "unknown command 'frobnicate'"],
		[['help', 'frobnicate'], "unknown command 'frobnicate'"],
		[['validate', 'a.json', '--max-issues', '-1'], '--max-issues must be a whole number'],
		[['validate', 'a.json', '--max-issues', 'many'], '--max-issues must be a number (see hanko-tui validate --help)'],
		[['validate', 'a.json', '--colour'], 'unknown option --colour for validate (see hanko-tui validate --help)'],
		[
			['--json'],
			'hanko-tui without a command has no --json (it belongs to validate, fix, convert, preflight, verify, apply-profile, export and demo: hanko-tui validate --help)',
		],
		[['validate', 'a.json', '--checkers', '0'], '--checkers must be a whole number, 1 or more'],
	])('refuses bad usage %j with exit code 2', (args, message) => {
		const result = run(...args);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(message);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
	});
});
