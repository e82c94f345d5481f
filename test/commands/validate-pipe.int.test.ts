import {execFileSync, spawn} from 'node:child_process';
import {readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');

type Result = {code: number | null; stdout: string; stderr: string};

/** The built CLI with `input` piped into its standard input (a pipe, not a file, whatever it reads). */
async function run(args: string[], input: Uint8Array | undefined, cwd = process.cwd()): Promise<Result> {
	const child = spawn(process.execPath, [cli, ...args], {cwd, stdio: ['pipe', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (text: string) => {
		stdout += text;
	});
	child.stderr.setEncoding('utf8').on('data', (text: string) => {
		stderr += text;
	});
	child.stdin.on('error', () => undefined); // A CLI that refuses the pipe may close it before all is written
	child.stdin.end(input);
	const code = await new Promise<number | null>(resolve => {
		child.on('close', resolve);
	});
	return {code, stdout, stderr};
}

/** The JSON report without what names the file. */
function report(stdout: string): Record<string, unknown> {
	const {file: _, ...rest} = JSON.parse(stdout) as Record<string, unknown>;
	return rest;
}

describe('hanko-tui validate from a pipe or FIFO (headless)', () => {
	const temp = useTempDir();
	const sources = ['fixtures/valid.json', 'fixtures/broken.json', 'fixtures/sample.json.gz'];

	it('gives for `-` and /dev/stdin fed by a pipe the report and exit code of the file itself', async () => {
		for (const source of sources) {
			const fromFile = await run(['validate', source, '--json'], undefined);
			expect(fromFile.code === 0 || fromFile.code === 1).toBe(true);
			for (const name of ['-', '/dev/stdin']) {
				const piped = await run(['validate', name, '--json'], readFileSync(source));
				expect(piped.stderr).toBe('');
				expect(piped.code).toBe(fromFile.code);
				expect(report(piped.stdout)).toEqual(report(fromFile.stdout));
			}
		}
	});

	it('reads gzip from a pipe, and says where a cut one stopped, exit 2', async () => {
		const users = Array.from({length: 2000}, (_, i) => `{"user_id":"aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}"}`);
		const zipped = gzipSync(users.join('\n'));
		const whole = await run(['validate', '-', '--json'], zipped);
		expect(whole.code).toBe(1); // NDJSON and gzip: Hanko reads neither
		expect(JSON.parse(whole.stdout)).toMatchObject({
			format: 'ndjson',
			compressed: true,
			records: 2000,
			bytes: zipped.length,
			fatal: null,
		});

		const cut = await run(['validate', '-'], zipped.subarray(0, zipped.length >> 1));
		expect(cut.code).toBe(2);
		expect(cut.stderr).toMatch(/^-:\d+:1: cannot read the file: the gzip data is corrupt or truncated\n$/);
	});

	it('validates a FIFO named on the command line', async () => {
		const fifo = path.join(temp(), 'users');
		execFileSync('mkfifo', [fifo]);
		const fromFile = await run(['validate', 'fixtures/broken.json', '--json'], undefined);
		// The CLI's open of the FIFO waits for this writer's, and this one for the CLI's
		const [result] = await Promise.all([
			run(['validate', fifo, '--json'], undefined),
			writeFile(fifo, readFileSync('fixtures/broken.json')),
		]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(1);
		expect(report(result.stdout)).toEqual(report(fromFile.stdout));
	});

	it('refuses to fix from a pipe in one line, exit 2, writing nothing', async () => {
		const dir = temp();
		writeFileSync(path.join(dir, 'placeholder'), '');
		const result = await run(['fix', '-'], readFileSync('fixtures/broken.json'), dir);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(
			'hanko-tui: -: fix reads its source twice and a pipe or FIFO can be read only once: save it to a file first\n',
		);
		expect(readdirSync(dir)).toEqual(['placeholder']);
	});
});
