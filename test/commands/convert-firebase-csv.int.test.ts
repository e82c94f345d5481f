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

type User = {
	localId: string;
	email?: string;
	emailVerified?: boolean;
	displayName?: string;
	createdAt: string;
	lastLoginAt?: string;
	phoneNumber?: string;
	disabled?: boolean;
	providers?: Array<{providerId: string; rawId: string; email?: string; displayName?: string}>;
};

// A CSV line as firebase-tools writes it (src/accountExporter.ts, transUserToArray) in three eras:
// 'old' up to 4.1.1 (disabled at 23, then the times, the phone number at 26 from 3.12: 28 cells),
// 'mid' from 7.12 to 15.18 (times at 23, 24, phone 25, disabled 26, claims 27: 29 cells), and 'new'
// from 15.19 (ten providers, 52 cells before the trailing comma: 53; names quoted, quotes doubled)
function line(user: User, era: 'old' | 'mid' | 'new'): string {
	const providers: Record<string, number> = {'google.com': 7, 'facebook.com': 11, 'twitter.com': 15, 'github.com': 19};
	if (era === 'new')
		Object.assign(providers, {
			'apple.com': 28,
			'microsoft.com': 32,
			'gc.apple.com': 36,
			'playgames.google.com': 40,
			'linkedin.com': 44,
			'yahoo.com': 48,
		});
	const quote = (text: string) => (era === 'new' && /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
	const cells: string[] = Array.from({length: era === 'old' ? 27 : era === 'mid' ? 28 : 52}, () => '');
	cells[0] = user.localId;
	cells[1] = user.email ?? '';
	cells[2] = String(user.emailVerified ?? false);
	// Before 15.19 names were written unquoted: a name with a comma split its row (the converter refuses
	// such a row), so only the new layout gets one
	cells[5] = quote(era === 'new' ? (user.displayName ?? '') : (user.displayName ?? '').replaceAll(/[",]/g, ''));
	for (const provider of user.providers ?? []) {
		const at = providers[provider.providerId];
		if (at === undefined) continue;
		cells[at] = provider.rawId;
		cells[at + 1] = provider.email ?? '';
		cells[at + 2] = quote(provider.displayName ?? '');
	}

	if (era === 'old') {
		cells[23] = user.disabled === undefined ? '' : String(user.disabled);
		cells[24] = user.createdAt;
		cells[25] = user.lastLoginAt ?? '';
		cells[26] = user.phoneNumber ?? '';
	} else {
		cells[23] = user.createdAt;
		cells[24] = user.lastLoginAt ?? '';
		cells[25] = user.phoneNumber ?? '';
		cells[26] = user.disabled === undefined ? '' : String(user.disabled);
	}

	return `${cells.join(',')},`;
}

const users: User[] = [
	{
		localId: 'ann',
		email: 'ann@example.com',
		emailVerified: true,
		displayName: 'Ann "the Admin", Smith',
		createdAt: '1600000000000',
		lastLoginAt: '1700000000000',
	},
	{localId: 'bob', email: 'bob@example.com', createdAt: '1600000001000', disabled: true},
	{
		localId: 'cyd',
		email: 'cyd@example.com',
		createdAt: '1600000002000',
		providers: [{providerId: 'apple.com', rawId: 'apple-1', email: 'cyd@icloud.example'}],
	},
	{localId: 'dee', createdAt: '1600000003000', phoneNumber: '+4930123456'},
];

describe('Firebase CSV of every firebase-tools era', () => {
	const temp = useTempDir();

	it.each(['old', 'mid', 'new'] as const)('%s: times, disabled users, phone numbers and names read from their own columns', era => {
		const file = path.join(temp(), `firebase-${era}.csv`);
		writeFileSync(file, `${users.map(user => line(user, era)).join('\n')}\n`);
		const out = path.join(temp(), 'hanko.json');
		const result = run('convert', file, '--out', out, '--json');
		expect(result.stderr).toBe('');
		const {report} = JSON.parse(result.stdout) as {
			report: {source: string; users: number; written: number; rejected: Record<string, number>; losses: Record<string, number>};
		};
		expect(report).toMatchObject({source: 'firebase', users: 4, written: 2});
		expect(report.rejected).toEqual({
			'disabled in Firebase (--include-disabled keeps such users)': 1,
			'only a phone number: Hanko needs an email or a username': 1,
		});
		// The apple.com sign-in exists only in the new layout's columns (losses count written users only)
		expect(report.losses).toEqual({names: 1, ...(era === 'new' && {'social identities': 1})});
		const written = JSON.parse(readFileSync(out, 'utf8')) as Array<{
			emails: Array<{address: string; is_verified: boolean}>;
			created_at: string;
			updated_at?: string;
		}>;
		expect(written.map(user => [user.emails[0]!.address, user.emails[0]!.is_verified, user.created_at])).toEqual([
			['ann@example.com', true, '2020-09-13T12:26:40Z'],
			['cyd@example.com', false, '2020-09-13T12:26:42Z'],
		]);
		expect(result.code).toBe(0);
	});
});
