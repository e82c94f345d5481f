import {mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {type TmuxSession, hasTmux, startTmux} from '../helpers/tmux.js';

const cli = path.resolve('dist/cli.js');

// A Clerk dashboard export: a header row, lists of addresses inside one quoted cell
const clerkCsv = [
	'id,first_name,last_name,username,primary_email_address,primary_phone_number,verified_email_addresses,unverified_email_addresses,verified_phone_numbers,unverified_phone_numbers,totp_secret,password_digest,password_hasher',
	'user_2a,Ann,Lee,ann,ann@example.com,,"ann@example.com,ann@work.example",,,,JBSWY3DPEHPK3PXP,$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy,bcrypt',
	'user_2b,,,,bob@example.com,+4930,bob@example.com,,+4930,,,pbkdf2hash,pbkdf2_sha256',
	'user_2c,,,,,+4931,,,+4931,,,,',
].join('\n');

describe.skipIf(!hasTmux)('convert screen in tmux', () => {
	let session: TmuxSession | undefined;
	let dir: string | undefined;
	afterEach(() => {
		session?.kill();
		if (dir) rmSync(dir, {recursive: true, force: true});
	});

	it('hanko-tui convert on a terminal: the offer, the loss report before writing, then the check of the output', async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'hanko-tui-e2e-convert-'));
		const source = path.join(dir, 'clerk-users.csv');
		writeFileSync(source, clerkCsv);
		const s = startTmux(
			`hanko-tui-e2e-convert-${process.pid}`,
			`cd ${dir} && ${process.execPath} ${cli} convert clerk-users.csv; echo "exited with $?"; sleep 30`,
			100,
			30,
		);
		session = s;
		const offer = await s.waitFor('not a Hanko import file');
		expect(offer).toContain('clerk-users.csv is an export of Clerk (CSV), not a Hanko import file.');
		expect(offer).toContain('> Output file      clerk-users.hanko.json');
		expect(offer).not.toContain('Password export'); // Clerk's hashes are in the export itself
		s.keys('Enter');
		const report = (await s.waitFor('Nothing is written yet')).replaceAll(/\s+/g, ' ');
		expect(report).toContain('Converted 3 Clerk users: 2 to write to');
		expect(report).toContain('1 rejected');
		expect(report).toContain('only a phone number: Hanko needs an email or a username (1)');
		expect(report).toContain(
			'The import file leaves out: names (1), phone numbers (1) (names, pictures and metadata can be set through the Admin API after the import; the rest Hanko cannot hold).',
		);
		expect(report).toContain(
			'Passwords: 1 kept, 0 converted ($2b$/$2y$ to $2a$, scrypt_firebase to $fbscrypt$), 1 need a reset (hashed with pbkdf2_sha256, which Hanko cannot verify (1)), 0 without one.',
		);
		expect(() => statSync(path.join(dir!, 'clerk-users.hanko.json'))).toThrow();
		s.keys('Enter');
		await s.waitFor('No problems: Hanko will accept this file.');
		const out = path.join(dir, 'clerk-users.hanko.json');
		const users = JSON.parse(readFileSync(out, 'utf8')) as Array<Record<string, unknown>>;
		expect(users[0]).toMatchObject({
			username: 'ann',
			otp_secret: {secret: 'JBSWY3DPEHPK3PXP'},
			emails: [
				{address: 'ann@example.com', is_primary: true, is_verified: true},
				{address: 'ann@work.example', is_primary: false, is_verified: true},
			],
		});
		expect(statSync(out).mode & 0o777).toBe(0o600);
		s.keys('q');
		await s.waitFor('Recent files');
		s.keys('q');
		await s.waitFor('exited with 0');
	}, 40_000);

	it('a conversion that writes no user from an export that has some says so before writing, and the session exits 1', async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'hanko-tui-e2e-convert-'));
		// Every user signs in with a phone number only: each is rejected
		writeFileSync(path.join(dir, 'clerk-users.csv'), [clerkCsv.split('\n')[0], clerkCsv.split('\n')[3]].join('\n'));
		const s = startTmux(
			`hanko-tui-e2e-convert4-${process.pid}`,
			`cd ${dir} && ${process.execPath} ${cli} convert clerk-users.csv; echo "exited with $?"; sleep 30`,
			100,
			30,
		);
		session = s;
		await s.waitFor('not a Hanko import file');
		s.keys('Enter');
		const report = (await s.waitFor('Nothing is written yet')).replaceAll(/\s+/g, ' ');
		expect(report).toContain('Warning: no user would be written: all 1 Clerk users were rejected');
		s.keys('Enter');
		const checked = (await s.waitFor('Hanko will accept')).replaceAll(/\s+/g, ' ');
		expect(checked).toContain('Warning: no user was written');
		s.keys('q');
		await s.waitFor('Recent files');
		s.keys('q');
		await s.waitFor('exited with 1');
	}, 40_000);

	it('takes --rejects and --map on a terminal too; Ctrl+C before writing leaves no file and exits 130', async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'hanko-tui-e2e-convert-'));
		writeFileSync(path.join(dir, 'clerk-users.csv'), clerkCsv);
		const s = startTmux(
			`hanko-tui-e2e-convert2-${process.pid}`,
			`cd ${dir} && ${process.execPath} ${cli} convert clerk-users.csv --rejects refused.ndjson --map ids.csv; echo "exited with $?"; sleep 30`,
			100,
			30,
		);
		session = s;
		await s.waitFor('not a Hanko import file');
		s.keys('Enter');
		const report = (await s.waitFor('Nothing is written yet')).replaceAll(/\s+/g, ' ');
		expect(report).toContain(`1 rejected (${path.join(dir, 'refused.ndjson')})`);
		expect(report).toContain(`(${path.join(dir, 'ids.csv')})`);
		s.keys('C-c');
		await s.waitFor('exited with 130');
		expect(readdirSync(dir)).toEqual(['clerk-users.csv']);
	}, 40_000);

	it('a signal while the loss report waits (the terminal closed, say) removes the temporary files', async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'hanko-tui-e2e-convert-'));
		writeFileSync(path.join(dir, 'clerk-users.csv'), clerkCsv);
		const pidFile = path.join(tmpdir(), `hanko-tui-e2e-pid-${process.pid}`);
		const s = startTmux(
			`hanko-tui-e2e-convert3-${process.pid}`,
			`cd ${dir} && sh -c 'echo $$ > ${pidFile}; exec ${process.execPath} ${cli} convert clerk-users.csv'; echo "exited with $?"; sleep 30`,
			100,
			30,
		);
		session = s;
		await s.waitFor('not a Hanko import file');
		s.keys('Enter');
		await s.waitFor('Nothing is written yet');

		expect(readdirSync(dir).filter(name => name.endsWith('.partial'))).toHaveLength(3);
		process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
		await s.waitFor('exited with 143');
		rmSync(pidFile, {force: true});
		expect(readdirSync(dir)).toEqual(['clerk-users.csv']);
	}, 40_000);
});
