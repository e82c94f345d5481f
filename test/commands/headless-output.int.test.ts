import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';

// What the headless commands write for people: progress on stderr, the messages of a wrong path,
// numbers with thousands separators

const cli = path.resolve('dist/cli.js');

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** `command` with stderr on a pseudo-terminal (script(1)), stdout to a file: what the terminal received. */
function onTerminal(command: string[], stdoutFile: string) {
	const line = [process.execPath, cli, ...command].map(word => `'${word}'`).join(' ');
	const result = spawnSync('script', ['-qfec', `${line} > '${stdoutFile}'`, '/dev/null'], {
		encoding: 'utf8',
		env: {...process.env, COLUMNS: '200'},
	});
	return {code: result.status, terminal: result.stdout};
}

/** `count` users whose addresses have upper-case letters: a warning each, and a fix each. */
function users(file: string, count: number): void {
	const lines = Array.from(
		{length: count},
		(_, i) =>
			`{"user_id":"aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}","emails":[{"address":"User${i}@Example.com","is_primary":true,"is_verified":true}]}`,
	);
	writeFileSync(file, lines.join('\n'));
}

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('headless output', () => {
	const temp = useTempDir();

	it('a missing file is one line and exit 2, with no report, for validate, fix and convert', () => {
		const missing = path.join(temp(), 'nosuch.json');
		for (const args of [
			['validate', missing],
			['validate', missing, '--json'],
			['fix', missing],
			['convert', missing, '--out', path.join(temp(), 'out.json')],
		]) {
			const result = run(...args);
			expect(result).toEqual({code: 2, stdout: '', stderr: `hanko-tui: ${missing}: no such file\n`});
		}

		expect(run('validate', temp())).toEqual({code: 2, stdout: '', stderr: `hanko-tui: ${temp()}: is a directory, not a file\n`});
	});

	it('an output folder that does not exist is one line with a hint, exit 2, before any work', () => {
		const source = path.join(temp(), 'users.json');
		users(source, 3);
		const folder = path.join(temp(), 'x', 'y');
		const out = path.join(folder, 'out.json');
		const said = `hanko-tui: cannot write ${out}: the folder ${folder} does not exist (create it, or choose another --out)\n`;
		expect(run('fix', source, '--out', out)).toEqual({code: 2, stdout: '', stderr: said});
		expect(run('export', '--api-url', 'http://127.0.0.1:9', '--out', out)).toEqual({code: 2, stdout: '', stderr: said});
		const rejects = path.join(folder, 'rejects.ndjson');
		expect(run('fix', source, '--rejects', rejects).stderr).toBe(
			`hanko-tui: cannot write ${rejects}: the folder ${folder} does not exist (create it, or choose another --rejects)\n`,
		);
	});

	it('fix --json: the output check has no issuesTruncated (it lists no issues); reject reasons name the rule', () => {
		const source = path.join(temp(), 'users.json');
		writeFileSync(
			source,
			JSON.stringify([
				{
					user_id: 'aaaaaaaa-0000-4000-8000-000000000001',
					emails: [{address: 'a@example.com', is_primary: true, is_verified: true}],
				},
				// No email, no username: nothing identifies the user, and no fix can make one up
				{user_id: 'aaaaaaaa-0000-4000-8000-000000000002', emails: []},
			]),
		);
		const result = run('fix', source, '--json');
		const report = JSON.parse(result.stdout) as {output: Record<string, unknown>; counts: {rejectedBy: Record<string, number>}};
		expect(report.output).not.toHaveProperty('issuesTruncated');
		expect(report.output).not.toHaveProperty('issues');
		expect(report.counts.rejectedBy).toEqual({'no fix for user.no-identifier': 1});
		expect(result.stderr).toBe('');
	});

	it('text reports write counts with thousands separators', () => {
		const source = path.join(temp(), 'users.json');
		users(source, 1500);
		const validated = run('validate', source);
		expect(validated.stdout).toContain('1,500 records: 1,500 valid, 0 invalid, 1,500 warnings');
		expect(validated.stdout).toMatch(/^ {2}1,500 {2}warning {2}email\.uppercase$/m);
		const fixed = run('fix', source);
		expect(fixed.stdout).toContain(`${source}: 1,500 records`);
		expect(fixed.stdout).toMatch(/^ +1,500 {2}email\.normalise$/m);
		expect(fixed.stdout).toContain('(1,500 records, 0 warnings)');
	});

	it('a short run off a terminal adds nothing to stderr; nor does --quiet, nor --json', () => {
		const source = path.join(temp(), 'users.json');
		users(source, 100);
		for (const args of [
			['validate', source],
			['validate', source, '--quiet'],
			['validate', source, '--json'],
			['fix', source, '--json'],
		]) {
			expect(run(...args).stderr).toBe('');
		}
	});

	it.skipIf(!hasScript)('on a terminal: one line redrawn in place, erased before the report; none with --quiet or --json', () => {
		const source = path.join(temp(), 'users.ndjson');
		// Enough to take several progress intervals on a slow machine and a fast one
		users(source, 150_000);
		const stdout = path.join(temp(), 'stdout.txt');
		const shown = onTerminal(['validate', source, '--checkers', '1'], stdout);
		expect(shown.code).toBe(1); // NDJSON: Hanko refuses the file as a whole
		expect(shown.terminal).toMatch(/^\r\u001B\[Kchecking users\.ndjson: /);
		expect(shown.terminal).toMatch(/\d{1,3},\d{3} records, [\d.]+ [kM]B of [\d.]+ MB \(\d+%\), [\d,]+\/s/);
		expect(shown.terminal).not.toContain('\n'); // Never a new line: one line, redrawn
		expect(shown.terminal.endsWith('\r\u001B[K')).toBe(true);

		expect(onTerminal(['validate', source, '--quiet'], stdout).terminal).toBe('');
		expect(onTerminal(['validate', source, '--json'], stdout).terminal).toBe('');
		expect(onTerminal(['validate', source, '--json', '--progress'], stdout).terminal).toContain('checking users.ndjson');
	});
});
