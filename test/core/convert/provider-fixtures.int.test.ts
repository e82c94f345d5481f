import {spawnSync} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import {describe, expect, it} from 'vitest';
import {fbscryptMatches} from '../../helpers/firebase-scrypt.js';
import {useTempDir} from '../../helpers/temp-dir.js';

// Every file of fixtures/providers converted by the built CLI: the users written and rejected, what is
// lost, what became of the passwords, and every written hash checked against its plaintext (listed in
// each folder's README.md). The expectations follow from how each fixture was made (its README).

const cli = path.resolve('dist/cli.js');
const fixtures = path.resolve('fixtures/providers');
const hashConfig = path.join(fixtures, 'firebase/hash-config.txt');

type Expected = {
	users: number;
	written: number;
	rejected: Record<string, number>;
	losses: Record<string, number>;
	passwords: {kept: number; converted: number; none: number; reset: Record<string, number>};
	/** Plaintexts by the primary address of the user whose hash they match. */
	plaintexts: Record<string, string>;
};

const rejected = {
	disabled: 'disabled in Firebase (--include-disabled keeps such users)',
	phoneOnly: 'only a phone number: Hanko needs an email or a username',
	banned: 'banned in Supabase (--include-disabled keeps such users)',
	deleted: 'deleted in Supabase (--include-disabled keeps such users)',
	clerkBanned: 'banned or locked in Clerk (--include-disabled keeps such users)',
};
const totp = 'TOTP factors (the export holds no secret)';
const mfa = 'MFA factors other than TOTP';
const social = 'social identities';

const firebasePlaintexts = {
	'ann@example.com': 'ann-firebase-1',
	'cid@example.com': 'cid-firebase-2',
	'fay@example.com': 'fay-firebase-4',
	'gus@example.com': 'gus-firebase-5',
	'hal@example.com': 'hal-firebase-6',
};
// Eight users: Ann (a name with a comma, a picture), Bo (Google, custom claims, no password), Cid (a
// UUID uid, a phone number), Dee (disabled), Eve (a phone number only), Fay (a TOTP factor), Gus (an
// SMS factor), Hal (GitHub); five passwords written as $fbscrypt$
const firebase = (losses: Record<string, number>): Expected => ({
	users: 8,
	written: 6,
	rejected: {[rejected.disabled]: 1, [rejected.phoneOnly]: 1},
	losses: {names: 2, pictures: 1, 'phone numbers': 1, [social]: 2, ...losses},
	passwords: {kept: 0, converted: 5, none: 1, reset: {}},
	plaintexts: firebasePlaintexts,
});

// Ann (bcrypt, a full name in her metadata), Bo (Google), Cid ($fbscrypt$, imported from Firebase),
// Dee (banned until 2999), Eve (a phone number only), Fay (unconfirmed), Gus (deleted): the same rows as
// CSV and as JSON (the metadata as objects there)
const supabaseRows: Expected = {
	users: 7,
	written: 4,
	rejected: {[rejected.banned]: 1, [rejected.phoneOnly]: 1, [rejected.deleted]: 1},
	losses: {metadata: 2, [social]: 1},
	passwords: {kept: 3, converted: 0, none: 1, reset: {}},
	plaintexts: {'ann@example.com': 'ann-supabase-1', 'cid@example.com': 'cid-supabase-2', 'fay@example.com': 'fay-supabase-4'},
};

// Ann (a password, a name), Bo (Google, an uploaded picture), Cid (TOTP), Dee (banned), Eve (a phone
// number only), Fay (a username only, a name, private metadata): as the Backend API gives them, and as
// the Backend SDK's getUserList() gives them through JSON.stringify
const clerkApiUsers: Expected = {
	users: 6,
	written: 4,
	rejected: {[rejected.clerkBanned]: 1, [rejected.phoneOnly]: 1},
	losses: {names: 2, pictures: 1, [social]: 1, [totp]: 1, metadata: 1},
	passwords: {
		kept: 0,
		converted: 0,
		none: 1,
		reset: {"Clerk's Backend API gives no password digests (the dashboard's CSV export has them)": 3},
	},
	plaintexts: {},
};

const expected: Record<string, Expected> = {
	// The JSON keeps the factors; the CSV has no column for them
	'firebase/auth-export.json': firebase({metadata: 1, [totp]: 1, [mfa]: 1}),
	'firebase/auth-export-29.csv': firebase({metadata: 1}),
	// 15.19.0 on: Ann also signed in with Apple, in a column only this width has
	'firebase/auth-export-53.csv': firebase({metadata: 1, [social]: 3}),
	// 3.12 to 4.1.1: no column for custom claims
	'firebase/auth-export-28-old.csv': firebase({}),
	// The same eight users, and Iva, whose hash listUsers() left out
	'firebase/list-users.json': {
		...firebase({metadata: 1, [totp]: 1, [mfa]: 1}),
		users: 9,
		written: 7,
		passwords: {
			kept: 0,
			converted: 5,
			none: 1,
			reset: {
				'listUsers() gave no hash (firebase-admin leaves it out without the permission to read hashes; auth:export has them)': 1,
			},
		},
	},
	'supabase/auth-users.csv': supabaseRows,
	'supabase/auth-users.json': supabaseRows,
	// GoTrue's GET /admin/users: the same users but Gus, no hashes, Fay's TOTP factor
	'supabase/admin-users.json': {
		users: 6,
		written: 4,
		rejected: {[rejected.banned]: 1, [rejected.phoneOnly]: 1},
		losses: {metadata: 2, [social]: 1, [totp]: 1},
		passwords: {kept: 0, converted: 0, none: 1, reset: {"GoTrue's Admin API gives no password hashes (export auth.users for them)": 3}},
		plaintexts: {},
	},
	// Ann (bcrypt $2a$, a TOTP secret, a name), Bo ($2b$), Cid (scrypt_firebase), Dee (pbkdf2_sha256),
	// Eve (a phone number only), Fay (a username only, a name), Gus (an unverified address only)
	'clerk/dashboard-export.csv': {
		users: 7,
		written: 6,
		rejected: {[rejected.phoneOnly]: 1},
		losses: {names: 2},
		passwords: {kept: 1, converted: 2, none: 2, reset: {'hashed with pbkdf2_sha256, which Hanko cannot verify': 1}},
		plaintexts: {'ann@example.com': 'ann-clerk-1', 'bo@example.com': 'bo-clerk-2', 'cid@example.com': 'cid-clerk-3'},
	},
	'clerk/backend-api-users.json': clerkApiUsers,
	'clerk/backend-sdk-users.json': clerkApiUsers,
	// Paul (no password), Jessica (two addresses, $2b$), Vlad ($2a$), Leto (a username, $2a$, private
	// metadata), and a user with a phone number only
	'clerk/support-export.json': {
		users: 5,
		written: 4,
		rejected: {[rejected.phoneOnly]: 1},
		losses: {names: 2, metadata: 1},
		passwords: {kept: 2, converted: 1, none: 1, reset: {}},
		plaintexts: {'jessica@example.com': 'jessica-clerk-5', 'vlad@example.com': 'vlad-clerk-6', 'leto@example.com': 'leto-clerk-7'},
	},
};

type Written = {user_id: string; emails?: Array<{address: string; is_primary: boolean}>; password?: {password: string}};

describe('the provider fixtures', () => {
	const temp = useTempDir();

	it('are each listed here, and each folder has a README', () => {
		// Auth0's and Cognito's are listed in test/fixtures/provider-fixtures.int.test.ts
		expect(readdirSync(fixtures).sort()).toEqual(['auth0', 'clerk', 'cognito', 'firebase', 'supabase']);
		const files = ['clerk', 'firebase', 'supabase'].flatMap(folder =>
			readdirSync(path.join(fixtures, folder))
				.filter(name => name !== 'README.md' && name !== 'hash-config.txt')
				.map(name => `${folder}/${name}`),
		);
		expect(files.sort()).toEqual(Object.keys(expected).sort());
		for (const folder of readdirSync(fixtures)) expect(readdirSync(path.join(fixtures, folder))).toContain('README.md');
	});

	it.each(Object.entries(expected))('%s converts as it was made, every written hash matching its plaintext', (name, want) => {
		const out = path.join(temp(), 'hanko.json');
		const args = ['convert', path.join(fixtures, name), '--out', out, '--json', '--quiet'];
		if (name.startsWith('firebase/')) args.push('--hash-config', hashConfig);
		const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		const {report} = JSON.parse(result.stdout) as {report: Expected & {source: string}};
		expect(report).toMatchObject({
			source: name.split('/')[0],
			users: want.users,
			written: want.written,
			rejected: want.rejected,
			losses: want.losses,
			passwords: want.passwords,
		});
		const users = JSON.parse(readFileSync(out, 'utf8')) as Written[];
		expect(users).toHaveLength(want.written);
		const rejects = readFileSync(out.replace(/\.json$/, '.rejects.ndjson'), 'utf8')
			.split('\n')
			.filter(Boolean);
		expect(rejects).toHaveLength(want.users - want.written);
		const hashed = users.filter(user => user.password);
		expect(hashed).toHaveLength(Object.keys(want.plaintexts).length);
		for (const user of hashed) {
			const primary = user.emails!.find(email => email.is_primary)!.address;
			const plaintext = want.plaintexts[primary];
			expect(plaintext, primary).toBeDefined();
			const hash = user.password!.password;
			const matches = hash.startsWith('$fbscrypt$') ? fbscryptMatches(hash, plaintext!) : bcrypt.compareSync(plaintext!, hash);
			expect(matches, `${primary}: ${hash}`).toBe(true);
			// And no other user's password opens it
			const other = Object.values(want.plaintexts).find(candidate => candidate !== plaintext);
			if (other) expect(hash.startsWith('$fbscrypt$') ? fbscryptMatches(hash, other) : bcrypt.compareSync(other, hash)).toBe(false);
		}
	});
});
