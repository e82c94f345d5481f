import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {refusals} from '../../source/core/convert/providers/password-export.js';
import {useTempDir} from '../helpers/temp-dir.js';

// Joining Auth0's password export by address must never give one user another user's hash.

const cli = path.resolve('dist/cli.js');
const run = (...args: string[]) => {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
};

const hash = (digit: string) => `$2a$10$${digit.repeat(52)}.`;
const user = (id: string, email: string, extra = {}) =>
	JSON.stringify({user_id: `auth0|${id}`, email, identities: [{provider: 'auth0', user_id: id}], ...extra});
const line = (id: string, email: string, digit: string) => JSON.stringify({_id: {$oid: id}, email, passwordHash: hash(digit)});

type Written = Array<{emails: Array<{address: string}>; password?: {password: string}}>;

describe('convert --passwords: a line found by its address', () => {
	const temp = useTempDir();

	function convert(users: string[], lines: string[], ...args: string[]) {
		const dir = temp();
		const [file, passwords, out] = ['users.ndjson', 'passwords.ndjson', 'out.json'].map(name => path.join(dir, name));
		writeFileSync(file!, `${users.join('\n')}\n`);
		writeFileSync(passwords!, `${lines.join('\n')}\n`);
		const result = run('convert', file!, '--passwords', passwords!, '--out', out!, '--json', '--quiet', ...args);
		const report = (JSON.parse(result.stdout) as {report: {passwords: {reset: Record<string, number>}}}).report;
		return {result, report, written: JSON.parse(readFileSync(out!, 'utf8')) as Written};
	}

	it("is not given to a user whose id is not the line's when another user of the export has that id", () => {
		const a = '60425dc43519d90068f82973';
		const b = '60425dc43519d90068f82999';
		// Two connections, one address: the line is a's (by its id), whether or not a is imported
		for (const blocked of [true, false]) {
			const {report, written} = convert(
				[user(a, 'ann@example.com', {blocked}), user(b, 'ann@example.com')],
				[line(a, 'ann@example.com', 'a')],
				'--include-disabled',
			);
			expect(written.map(one => one.password?.password)).toEqual([hash('a'), undefined]);
			expect(report.passwords.reset).toEqual({[refusals.anotherUsers]: 1});
		}
	});

	it('is given to a user whose id the export does not have at all (an id the password export knows otherwise)', () => {
		const {written} = convert([user('imported-7', 'bo@example.com')], [line('60425dc43519d90068f80001', 'Bo@Example.com', 'b')]);
		expect(written[0]!.password?.password).toBe(hash('b'));
	});

	it('is not given when several lines have the address', () => {
		const {report, written} = convert(
			[user('imported-8', 'cid@example.com')],
			[line('60425dc43519d90068f80002', 'cid@example.com', 'c'), line('60425dc43519d90068f80003', 'cid@example.com', 'd')],
		);
		expect(written[0]!.password).toBeUndefined();
		expect(report.passwords.reset).toEqual({[refusals.severalLines]: 1});
	});

	it('joins an ObjectId written in capitals, and refuses --passwords for another provider', () => {
		const id = '60425dc43519d90068f8aaaa';
		const {written} = convert([user(id, 'dee@example.com')], [line(id.toUpperCase(), 'other@example.com', 'e')]);
		expect(written[0]!.password?.password).toBe(hash('e'));
		const dir = temp();
		const file = path.join(dir, 'clerk.csv');
		writeFileSync(file, 'id,primary_email_address\nuser_1,a@example.com\n');
		writeFileSync(path.join(dir, 'p.ndjson'), `${line(id, 'a@example.com', 'f')}\n`);
		const result = run('convert', file, '--passwords', path.join(dir, 'p.ndjson'), '--out', path.join(dir, 'o.json'));
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(`hanko-tui: --passwords is Auth0's password export, but ${file} reads as Clerk's export\n`);
	});
});
