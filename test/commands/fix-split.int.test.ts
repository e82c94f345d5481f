import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

const user = (i: number, email = `user${i}@example.com`) =>
	JSON.stringify({
		user_id: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`,
		emails: [{address: email, is_primary: true, is_verified: true}],
	});

type Manifest = {users: number; parts: Array<{file: string; users: number; bytes: number; sha256: string}>};

describe('hanko-tui fix --split', () => {
	const temp = useTempDir();

	it('splits a valid file into parts that each validate, changing nothing else', () => {
		const source = path.join(temp(), 'users.json');
		writeFileSync(source, `[${Array.from({length: 300}, (_, i) => user(i)).join(',')}]`);
		const whole = run('fix', source, '--out', path.join(temp(), 'whole.json'), '--quiet');
		expect(whole.code).toBe(0);
		const split = run('fix', source, '--out', path.join(temp(), 'users.fixed.json'), '--split', '5kB', '--json', '--quiet');
		expect(split.stderr).toBe('');
		expect(split.code).toBe(0);
		const manifest = JSON.parse(readFileSync(path.join(temp(), 'users.fixed.manifest.json'), 'utf8')) as Manifest;
		expect(manifest.users).toBe(300);
		expect(manifest.parts.length).toBeGreaterThan(5);
		const records: unknown[] = [];
		for (const part of manifest.parts) {
			const file = path.join(temp(), part.file);
			const bytes = readFileSync(file);
			expect(bytes.length).toBe(part.bytes);
			expect(bytes.length).toBeLessThanOrEqual(5000);
			expect(createHash('sha256').update(bytes).digest('hex')).toBe(part.sha256);
			expect(statSync(file).mode & 0o777).toBe(0o600);
			const check = run('validate', file, '--json', '--quiet');
			expect(check.code).toBe(0);
			expect(JSON.parse(check.stdout)).toMatchObject({records: part.users, invalid: 0, fileErrors: 0});
			records.push(...(JSON.parse(bytes.toString('utf8')) as unknown[]));
		}

		expect(records).toEqual(JSON.parse(readFileSync(path.join(temp(), 'whole.json'), 'utf8')));
		const report = JSON.parse(split.stdout);
		expect(report.counts.manifest).toEqual(manifest);
		expect(report.output).toMatchObject({file: path.join(temp(), 'users.fixed.manifest.json'), records: 300, invalid: 0});
	});

	it('checks duplicates across the whole input, so the parts can go in any order', () => {
		const source = path.join(temp(), 'users.json');
		// The same address in the first and the last user: they end up parts apart
		const users = Array.from({length: 200}, (_, i) => user(i));
		users.push(user(200, 'user0@example.com'));
		writeFileSync(source, `[${users.join(',')}]`);
		const split = run('fix', source, '--split', '4kB', '--json', '--quiet');
		expect(split.code).toBe(0);
		const report = JSON.parse(split.stdout);
		expect(report.counts).toMatchObject({written: 200, rejected: 1, rejectedBy: {'duplicate.email': 1}});
		expect(report.counts.manifest.parts.length).toBeGreaterThan(3);
		expect(readdirSync(temp()).filter(name => /^users\.fixed-\d{3}\.json$/.test(name))).toHaveLength(
			report.counts.manifest.parts.length,
		);
	});

	it('refuses a size that is not one, and a record larger than a part, with one line and exit 2', () => {
		const source = path.join(temp(), 'users.json');
		writeFileSync(
			source,
			`[${user(1)}, ${JSON.stringify({user_id: 'bbbbbbbb-0000-4000-8000-000000000001', emails: Array.from({length: 20}, (_, i) => ({address: `${'a'.repeat(40)}${i}@example.com`, is_primary: i === 0, is_verified: true}))})}]`,
		);
		const bad = run('fix', source, '--split', '50 megs');
		expect(bad.code).toBe(2);
		expect(bad.stderr.trim().split('\n')).toHaveLength(1);
		expect(bad.stderr).toContain('--split "50 megs" is not a size');
		const small = run('fix', source, '--split', '1000', '--quiet');
		expect(small.stderr).not.toMatch(/\n.+/);
		expect(small.stderr).toMatch(/entry 2 is [\d,]+ bytes: it does not fit in a part of 1,000 bytes/);
		expect(small.code).toBe(2);
		expect(readdirSync(temp())).toEqual(['users.json']);
	});
});
