import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {fbscryptMatches, firebaseScrypt} from '../helpers/firebase-scrypt.js';
import {firebaseHashConfig, writeFirebaseHashConfig} from '../helpers/provider-exports.js';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');
const run = (...args: string[]) => {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
};

type Written = Array<{emails: Array<{address: string}>; password?: {password: string}}>;
const passwordOf = (users: Written, address: string) => users.find(user => user.emails[0]!.address === address)?.password?.password;

describe('passwords that a conversion writes verify against their plaintext', () => {
	const temp = useTempDir();

	it("our Firebase scrypt gives the hash of Firebase's own example", () => {
		// firebase/scrypt README: password "user1password", salt "42xEC+ixf3L2lw==", the sample hash config
		expect(firebaseScrypt('user1password', '42xEC+ixf3L2lw==', firebaseHashConfig)).toBe(
			'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==',
		);
	});

	it('Firebase: a real scrypt hash becomes a $fbscrypt$ that verifies', () => {
		const salt = 'c2FsdC1vZi1hbm4=';
		const users = [
			{
				localId: 'ann',
				email: 'ann@example.com',
				emailVerified: true,
				passwordHash: firebaseScrypt('correct horse', salt, firebaseHashConfig),
				salt,
			},
		];
		const file = path.join(temp(), 'firebase.json');
		writeFileSync(file, JSON.stringify({users}));
		const out = path.join(temp(), 'hanko.json');
		const result = run('convert', file, '--out', out, '--hash-config', writeFirebaseHashConfig(temp()), '--json');
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const written = passwordOf(JSON.parse(readFileSync(out, 'utf8')) as Written, 'ann@example.com')!;
		expect(written.startsWith('$fbscrypt$')).toBe(true);
		expect(fbscryptMatches(written, 'correct horse')).toBe(true);
		expect(fbscryptMatches(written, 'wrong horse')).toBe(false);
	});

	it('Supabase: a $fbscrypt$ hash (a user Supabase imported from Firebase) is kept, not dropped, and still verifies', () => {
		const fbscrypt = `$fbscrypt$v=1,n=14,r=8,p=1,ss=Bw==,sk=${firebaseHashConfig.signerKey}$c2FsdA==$${firebaseScrypt('s3cret', 'c2FsdA==', firebaseHashConfig)}`;
		const rows = [
			{
				id: '3b7e2f5c-1d2a-4c4e-9f1a-000000000001',
				email: 'fb@example.com',
				encrypted_password: fbscrypt,
				email_confirmed_at: '2023-07-11 13:41:50+00',
			},
			// One no password can match: its hash and signer key differ in length
			{
				id: '3b7e2f5c-1d2a-4c4e-9f1a-000000000002',
				email: 'bad@example.com',
				encrypted_password: '$fbscrypt$v=1,n=14,r=8,p=1,ss=Bw==,sk=AAAA$c2FsdA==$AAAAAAAA',
				email_confirmed_at: '2023-07-11 13:41:50+00',
			},
		];
		const file = path.join(temp(), 'supabase.json');
		writeFileSync(file, JSON.stringify(rows));
		const out = path.join(temp(), 'hanko.json');
		const result = run('convert', file, '--out', out, '--json');
		expect(result.code).toBe(0);
		const written = JSON.parse(readFileSync(out, 'utf8')) as Written;
		expect(passwordOf(written, 'fb@example.com')).toBe(fbscrypt);
		expect(fbscryptMatches(passwordOf(written, 'fb@example.com')!, 's3cret')).toBe(true);
		expect(passwordOf(written, 'bad@example.com')).toBeUndefined();
		const {report} = JSON.parse(result.stdout) as {report: {passwords: {kept: number; reset: Record<string, number>}}};
		expect(report.passwords.kept).toBe(1);
		expect(report.passwords.reset).toEqual({'a malformed $fbscrypt$ hash': 1});
	});
});

describe("Cognito's user CSV", () => {
	const temp = useTempDir();

	it('reads a value with \\, as one cell, and refuses a user whose login is only a phone number', () => {
		const file = path.join(temp(), 'cognito.csv');
		writeFileSync(
			file,
			[
				'cognito:username,name,given_name,family_name,email,email_verified,phone_number,phone_number_verified,cognito:mfa_enabled,sub',
				'ann,Smith\\, Ann,Ann,Smith,ann@example.com,true,,false,false,4f1e2a6c-0000-4000-8000-000000000001',
				'+4930123456,,,,,,+4930123456,true,false,4f1e2a6c-0000-4000-8000-000000000002',
				'bob,Bob,Bob,,bob@example.com,false,,false,false,4f1e2a6c-0000-4000-8000-000000000003',
			].join('\n'),
		);
		const out = path.join(temp(), 'hanko.json');
		const result = run('convert', file, '--out', out, '--json');
		expect(result.stderr).toBe('');
		const {report} = JSON.parse(result.stdout) as {
			report: {source: string; written: number; rejected: Record<string, number>; losses: Record<string, number>};
		};
		expect(report).toMatchObject({
			source: 'cognito',
			written: 2,
			rejected: {'only a phone number: Hanko needs an email or a username': 1},
		});
		expect(report.losses).toMatchObject({names: 2});
		const users = JSON.parse(readFileSync(out, 'utf8')) as Array<{emails: Array<{address: string}>; username?: string}>;
		expect(users.map(user => [user.emails[0]!.address, user.username])).toEqual([
			['ann@example.com', 'ann'],
			['bob@example.com', 'bob'],
		]);
		expect(result.code).toBe(0);
	});
});

describe("Clerk's scrypt_firebase digests", () => {
	const temp = useTempDir();

	it('become a $fbscrypt$ that verifies against the password', () => {
		const {signerKey, saltSeparator, rounds, memCost} = firebaseHashConfig;
		const salt = 'Y2xlcmstc2FsdA==';
		const digest = [firebaseScrypt('open sesame', salt, firebaseHashConfig), salt, signerKey, saltSeparator, rounds, memCost].join('$');
		const header = 'id,first_name,last_name,username,primary_email_address,verified_email_addresses,password_digest,password_hasher';
		const file = path.join(temp(), 'clerk.csv');
		writeFileSync(
			file,
			[
				header,
				`user_2aaa,Ann,Lee,annlee,ann@example.com,ann@example.com,${digest},scrypt_firebase`,
				'user_2bbb,Bo,Chu,bochu,bo@example.com,bo@example.com,not$six$parts,scrypt_firebase',
			].join('\n'),
		);
		const out = path.join(temp(), 'hanko.json');
		const result = run('convert', file, '--out', out, '--json');
		expect(result.stderr).toBe('');
		const written = JSON.parse(readFileSync(out, 'utf8')) as Written;
		const hash = passwordOf(written, 'ann@example.com')!;
		expect(hash).toMatch(/^\$fbscrypt\$v=1,n=14,r=8,p=1,/);
		expect(fbscryptMatches(hash, 'open sesame')).toBe(true);
		expect(fbscryptMatches(hash, 'open sesame!')).toBe(false);
		expect(passwordOf(written, 'bo@example.com')).toBeUndefined();
		const {report} = JSON.parse(result.stdout) as {report: {passwords: {converted: number; reset: Record<string, number>}}};
		expect(report.passwords.converted).toBe(1);
		expect(Object.keys(report.passwords.reset)).toEqual([
			'a scrypt_firebase digest not in six parts (hash$salt$signer key$salt separator$rounds$memory cost)',
		]);
	});
});
