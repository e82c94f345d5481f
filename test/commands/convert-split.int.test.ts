import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');
const run = (...args: string[]) => {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
};

type Manifest = {users: number; parts: Array<{file: string; users: number; bytes: number}>};

describe('hanko-tui convert --split', () => {
	const temp = useTempDir();

	it('writes the converted users in parts that each validate, the same users as without a split', () => {
		const rows = Array.from({length: 400}, (_, i) => ({
			id: `3b7e2f5c-1d2a-4c4e-9f1a-${String(i).padStart(12, '0')}`,
			email: `user${i}@example.com`,
			email_confirmed_at: '2023-07-11 13:41:50.290862+00',
			created_at: '2023-07-11 13:40:00+00',
			updated_at: '2023-07-11 13:40:00+00',
		}));
		const file = path.join(temp(), 'supabase.json');
		writeFileSync(file, JSON.stringify(rows));
		const whole = run('convert', file, '--out', path.join(temp(), 'whole.json'), '--json');
		expect(whole.code).toBe(0);
		const split = run('convert', file, '--out', path.join(temp(), 'hanko.json'), '--split', '8kB', '--json');
		expect(split.stderr).toBe('');
		expect(split.code).toBe(0);
		const report = JSON.parse(split.stdout) as {manifest: Manifest; output: {records: number; invalid: number; file: string}};
		const manifest = JSON.parse(readFileSync(path.join(temp(), 'hanko.manifest.json'), 'utf8')) as Manifest;
		expect(report.manifest).toEqual(manifest);
		expect(manifest.users).toBe(400);
		expect(manifest.parts.length).toBeGreaterThan(5);
		expect(report.output).toMatchObject({records: 400, invalid: 0, file: path.join(temp(), 'hanko.manifest.json')});
		const users: unknown[] = [];
		for (const part of manifest.parts) {
			const text = readFileSync(path.join(temp(), part.file), 'utf8');
			expect(Buffer.byteLength(text)).toBeLessThanOrEqual(8000);
			const check = run('validate', path.join(temp(), part.file), '--json', '--quiet');
			expect(check.code).toBe(0);
			users.push(...(JSON.parse(text) as unknown[]));
		}

		expect(users).toEqual(JSON.parse(readFileSync(path.join(temp(), 'whole.json'), 'utf8')));
		// The text report names every part
		const text = run('convert', file, '--out', path.join(temp(), 'hanko.json'), '--split', '8kB');
		expect(text.stdout).toContain(`listed in ${path.join(temp(), 'hanko.manifest.json')}`);
		expect(text.stdout).toContain(path.join(temp(), 'hanko-001.json'));
		expect(text.stdout).toContain('Checked: Hanko will accept every part');
	});
});
