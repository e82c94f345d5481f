import {Buffer} from 'node:buffer';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {bump} from '../../source/core/convert/convert-record.js';
import type {LossReport} from '../../source/core/convert/convert-run.js';
import type {SourceKind} from '../../source/core/convert/source-kinds.js';

// Exports of other providers, written the way each provider writes them, for the converter's tests.
// Every user carries what the converter must make of it (written or rejected and why, the loss-report
// lines it counts in, its password, the record in Hanko's format), worked out by hand from the
// provider's format and the import format, so the tests compare the converter with that and not with
// itself. Together the users of one export hit every mapping rule, loss line and reject reason of its
// converter that the provider's real export can carry.

export type Provider = SourceKind;

export type PasswordExpectation = 'kept' | 'converted' | 'none' | {reset: string};

export type ExportedUser = {
	/** The provider's id of the user. */
	sourceId: string;
	/** Line of the file the user starts on (from 1). */
	line: number;
	/** Why the converter rejects the user; undefined when it is written. */
	reject?: string;
	/** The loss-report lines this user counts in. */
	losses: string[];
	password: PasswordExpectation;
	/** The user as the import file holds it, without its user_id. */
	record?: Record<string, unknown>;
};

export type ProviderExport = {
	kind: Provider;
	/** The export to convert. */
	file: string;
	/** The source ids of all users, in file order. */
	ids: string[];
	users: ExportedUser[];
};

/** The loss report's lines, spelt out here so that a changed wording fails the tests. */
export const lossLine = {
	phones: 'phone numbers',
	names: 'names',
	pictures: 'pictures',
	metadata: 'metadata',
	social: 'social identities',
	mfa: 'MFA factors other than TOTP',
	cognitoMfa: 'MFA factors (Cognito exports none)',
} as const;

export const rejectLine = {
	phoneOnly: 'only a phone number: Hanko needs an email or a username',
	nothing: 'neither an email nor a username',
	noEmail: 'no email',
	auth0Blocked: 'blocked in Auth0 (--include-disabled keeps such users)',
	firebaseDisabled: 'disabled in Firebase (--include-disabled keeps such users)',
	supabaseBanned: 'banned in Supabase (--include-disabled keeps such users)',
	supabaseDeleted: 'deleted in Supabase (--include-disabled keeps such users)',
} as const;

export const resetLine = {
	noPasswordExport: 'no password export given (--passwords)',
	notInPasswordExport: 'not in the password export',
	cannotVerify: 'a hash Hanko cannot verify',
	noHashConfig: 'no hash config given (--hash-config)',
	cognito: 'Cognito does not export password hashes',
} as const;

const uuid = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/** The user_id a source id keeps (a UUID, lowercased), or undefined when it gets a new one. */
export function keptUserId(sourceId: string): string | undefined {
	return uuid.test(sourceId) ? sourceId.toLowerCase() : undefined;
}

/** Whether the source id is in the id map: every id that is not already a lower-case UUID. */
export const isMapped = (sourceId: string) => keptUserId(sourceId) !== sourceId;

export type ExpectedReport = LossReport;

/** The loss report the users' annotations add up to: losses and passwords of the written users only. */
export function expectedReport(exported: ProviderExport): ExpectedReport {
	const report: ExpectedReport = {
		source: exported.kind,
		users: exported.users.length,
		written: 0,
		rejected: {},
		losses: {},
		passwords: {kept: 0, converted: 0, none: 0, reset: {}},
		idsReplaced: 0,
	};
	for (const user of exported.users) {
		if (user.reject) {
			bump(report.rejected, user.reject);
			continue;
		}

		report.written++;
		for (const lost of user.losses) bump(report.losses, lost);
		if (typeof user.password === 'object') bump(report.passwords.reset, user.password.reset);
		else report.passwords[user.password]++;
		if (isMapped(user.sourceId)) report.idsReplaced++;
	}

	return report;
}

/** A bcrypt hash of the right length (60) with the given prefix; `seed` makes it distinct. */
/** A bcrypt hash of the right shape (no password's: the tests only carry it), its last digit one a digest can end with. */
export const bcrypt = (prefix: '2a' | '2b' | '2y', seed: string) => `$${prefix}$10$${seed.repeat(53).slice(0, 52)}.`;

const argon2 = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA';

/** A CSV cell as RFC 4180 writes it (what Postgres, Clerk and Cognito tools do). */
const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csvLine = (cells: readonly string[]) => cells.map(value => cell(value)).join(',');

// Auth0 -----------------------------------------------------------------------------------------

export type Auth0Export = ProviderExport & {
	/** The separate password-hash export (NDJSON, as Auth0 support sends it). */
	passwords: string;
	/** The same users' passwords when no hash export is given. */
	withoutPasswords: ExportedUser[];
};

/**
 * Auth0's bulk user export: gzipped NDJSON, one user a line, with the fields the export job asked for;
 * and the password hashes, which Auth0 support sends as a separate NDJSON file (`_id` as `{"$oid"}`, `email`, `passwordHash`).
 */
export function writeAuth0Export(dir: string): Auth0Export {
	const database = (id: string) => [{connection: 'Username-Password-Authentication', provider: 'auth0', user_id: id, isSocial: false}];
	const a1 = bcrypt('2b', 'Ann1');
	const a3 = bcrypt('2a', 'Cid3');
	const entries: Array<{
		user: Record<string, unknown>;
		expect: Omit<ExportedUser, 'sourceId' | 'line'>;
		withoutPasswords?: PasswordExpectation;
	}> = [
		{
			// A database user with everything: the hash comes in $2b$ and the email in mixed case
			user: {
				user_id: 'auth0|60425dc43519d90068f82973',
				email: 'Ann.Lee@Example.com',
				email_verified: true,
				username: 'annlee',
				name: 'Ann Lee',
				given_name: 'Ann',
				family_name: 'Lee',
				nickname: 'ann.lee',
				picture: 'https://s.gravatar.com/avatar/a1.png',
				created_at: '2023-07-11T13:41:50.290Z',
				updated_at: '2024-01-02T09:00:00.000Z',
				last_login: '2024-01-02T09:00:00.000Z',
				logins_count: 12,
				identities: database('60425dc43519d90068f82973'),
				app_metadata: {roles: ['admin']},
				user_metadata: {},
				multifactor: ['guardian'],
			},
			expect: {
				losses: [lossLine.names, lossLine.pictures, lossLine.metadata, lossLine.mfa],
				password: 'converted',
				record: {
					emails: [{address: 'Ann.Lee@Example.com', is_primary: true, is_verified: true}],
					username: 'annlee',
					password: {password: `$2a$${a1.slice(4)}`},
					created_at: '2023-07-11T13:41:50.290Z',
					updated_at: '2024-01-02T09:00:00Z',
				},
			},
		},
		{
			// A Google login: no password ever, the identity is lost
			user: {
				user_id: 'google-oauth2|104683425829181136054',
				email: 'bo.chen@gmail.com',
				email_verified: true,
				name: 'Bo Chen',
				given_name: 'Bo',
				family_name: 'Chen',
				nickname: 'bo.chen',
				picture: 'https://lh3.googleusercontent.com/a/bo',
				created_at: '2023-08-01T08:00:00.000Z',
				updated_at: '2023-08-01T08:00:00.000Z',
				identities: [{provider: 'google-oauth2', user_id: '104683425829181136054', connection: 'google-oauth2', isSocial: true}],
			},
			expect: {
				losses: [lossLine.names, lossLine.pictures, lossLine.social],
				password: 'none',
				record: {
					emails: [{address: 'bo.chen@gmail.com', is_primary: true, is_verified: true}],
					created_at: '2023-08-01T08:00:00Z',
					updated_at: '2023-08-01T08:00:00Z',
				},
			},
			withoutPasswords: 'none',
		},
		{
			// Unverified, with user metadata; its hash is a $2a$ one, listed under the address in upper case
			user: {
				user_id: 'auth0|64b0a1c2d3e4f5a6b7c8d9e0',
				email: 'cid@example.com',
				email_verified: false,
				created_at: '2023-09-15T10:20:30.400Z',
				updated_at: '2023-10-05T16:00:00.000Z',
				identities: database('64b0a1c2d3e4f5a6b7c8d9e0'),
				user_metadata: {plan: 'pro'},
			},
			expect: {
				losses: [lossLine.metadata],
				password: 'kept',
				record: {
					emails: [{address: 'cid@example.com', is_primary: true, is_verified: false}],
					password: {password: a3},
					created_at: '2023-09-15T10:20:30.400Z',
					updated_at: '2023-10-05T16:00:00Z',
				},
			},
		},
		{
			// A phone number beside the email; no hash in the password export
			user: {
				user_id: 'auth0|64b0a1c2d3e4f5a6b7c8d9e1',
				email: 'dee@example.com',
				email_verified: true,
				phone_number: '+14155550123',
				created_at: '2023-10-05T16:00:00.000Z',
				identities: database('64b0a1c2d3e4f5a6b7c8d9e1'),
			},
			expect: {
				losses: [lossLine.phones],
				password: {reset: resetLine.notInPasswordExport},
				record: {emails: [{address: 'dee@example.com', is_primary: true, is_verified: true}], created_at: '2023-10-05T16:00:00Z'},
			},
		},
		{
			// A username without an email (flexible identifiers), missing from the password export
			user: {
				user_id: 'auth0|64b0a1c2d3e4f5a6b7c8d9e2',
				username: 'eve_only',
				created_at: '2022-03-04T05:06:07.008Z',
				updated_at: '2023-11-20T12:00:00.000Z',
				identities: database('64b0a1c2d3e4f5a6b7c8d9e2'),
			},
			expect: {
				losses: [],
				password: {reset: resetLine.notInPasswordExport},
				record: {username: 'eve_only', created_at: '2022-03-04T05:06:07.008Z', updated_at: '2023-11-20T12:00:00Z'},
			},
		},
		{
			// Its exported hash is not bcrypt
			user: {
				user_id: 'auth0|64b0a1c2d3e4f5a6b7c8d9e3',
				email: 'fay@example.com',
				email_verified: true,
				identities: database('64b0a1c2d3e4f5a6b7c8d9e3'),
			},
			expect: {
				losses: [],
				password: {reset: resetLine.cannotVerify},
				record: {emails: [{address: 'fay@example.com', is_primary: true, is_verified: true}]},
			},
		},
		{
			// Exported without identities (an export job writes only the fields asked for): user_id's prefix tells a GitHub login
			user: {user_id: 'github|583231', email: 'hal@example.com', email_verified: true, created_at: '2023-08-01T08:00:00.000Z'},
			expect: {
				losses: [lossLine.social],
				password: 'none',
				record: {emails: [{address: 'hal@example.com', is_primary: true, is_verified: true}], created_at: '2023-08-01T08:00:00Z'},
			},
			withoutPasswords: 'none',
		},
		{
			// Passwordless email: Auth0's own login, no password and no social identity
			user: {
				user_id: 'email|64b0a1c2d3e4f5a6b7c8d9e6',
				email: 'ida@example.com',
				email_verified: true,
				identities: [{provider: 'email', user_id: '64b0a1c2d3e4f5a6b7c8d9e6', connection: 'email', isSocial: false}],
			},
			expect: {losses: [], password: 'none', record: {emails: [{address: 'ida@example.com', is_primary: true, is_verified: true}]}},
			withoutPasswords: 'none',
		},
		{
			// Passwordless SMS: only a phone number
			user: {
				user_id: 'sms|64b0a1c2d3e4f5a6b7c8d9e4',
				phone_number: '+14155550199',
				phone_verified: true,
				identities: [{provider: 'sms', user_id: '64b0a1c2d3e4f5a6b7c8d9e4', connection: 'sms', isSocial: false}],
			},
			expect: {reject: rejectLine.phoneOnly, losses: [], password: 'none'},
		},
		{
			user: {
				user_id: 'auth0|64b0a1c2d3e4f5a6b7c8d9e5',
				email: 'gus@example.com',
				email_verified: true,
				blocked: true,
				identities: database('64b0a1c2d3e4f5a6b7c8d9e5'),
			},
			expect: {reject: rejectLine.auth0Blocked, losses: [], password: 'none'},
		},
		{
			// A custom OAuth2 connection that gave neither an email nor a username
			user: {
				user_id: 'oauth2|strava|1234567',
				nickname: 'gil',
				identities: [{provider: 'oauth2', user_id: 'strava|1234567', connection: 'strava', isSocial: true}],
			},
			expect: {reject: rejectLine.nothing, losses: [], password: 'none'},
		},
	];
	const file = path.join(dir, 'dev-tenant.json.gz');
	writeFileSync(file, gzipSync(`${entries.map(({user}) => JSON.stringify(user)).join('\n')}\n`));
	const passwords = path.join(dir, 'dev-tenant-passwords.ndjson');
	const hashLine = (oid: string | undefined, email: string, passwordHash: string) =>
		JSON.stringify({
			...(oid === undefined ? {} : {_id: {$oid: oid}}),
			email_verified: true,
			email,
			passwordHash,
			password_set_date: {$date: '2023-07-11T13:41:50.290Z'},
			tenant: 'dev-tenant',
			connection: 'Username-Password-Authentication',
			_tmp_is_unique: true,
		});
	writeFileSync(
		passwords,
		`${[
			// Joined by the _id (the user_id after "auth0|"): the address changed after the hashes were exported
			hashLine('60425dc43519d90068f82973', 'ann.lee@old-example.com', a1),
			// Without an _id: joined by the email, whatever its case
			hashLine(undefined, 'CID@example.com', a3),
			hashLine('64b0a1c2d3e4f5a6b7c8d9e3', 'fay@example.com', argon2),
			hashLine('64b0a1c2d3e4f5a6b7c8d9e5', 'gus@example.com', bcrypt('2b', 'Gus8')),
			hashLine('64b0a1c2d3e4f5a6b7c8d9ff', 'someone.else@example.com', bcrypt('2b', 'Else')),
		].join('\n')}\n`,
	);
	const users = entries.map(({user, expect}, index) => ({sourceId: user.user_id as string, line: index + 1, ...expect}));
	// Without the hash export every database user needs a reset; social and rejected users are unchanged
	const withoutPasswords = entries.map(({expect, withoutPasswords}, index) => ({
		...users[index]!,
		password: expect.reject ? expect.password : (withoutPasswords ?? {reset: resetLine.noPasswordExport}),
		record: expect.record && Object.fromEntries(Object.entries(expect.record).filter(([key]) => key !== 'password')),
	}));
	return {kind: 'auth0', file, ids: users.map(user => user.sourceId), users, passwords, withoutPasswords};
}

// Firebase --------------------------------------------------------------------------------------

/** Firebase's password hash parameters, as the console shows them (Authentication, Users, ⋮, Password hash parameters). */
export const firebaseHashConfig = {
	signerKey: 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==',
	saltSeparator: 'Bw==',
	rounds: 8,
	memCost: 14,
} as const;

/** The hash config file, in the console's text block or as JSON with the same names. */
export function writeFirebaseHashConfig(dir: string, form: 'console' | 'json' = 'console'): string {
	const {signerKey, saltSeparator, rounds, memCost} = firebaseHashConfig;
	const file = path.join(dir, `hash-config.${form === 'json' ? 'json' : 'txt'}`);
	writeFileSync(
		file,
		form === 'json'
			? `${JSON.stringify({algorithm: 'SCRYPT', base64_signer_key: signerKey, base64_salt_separator: saltSeparator, rounds, mem_cost: memCost}, null, 2)}\n`
			: `hash_config {\n  algorithm: SCRYPT,\n  base64_signer_key: ${signerKey},\n  base64_salt_separator: ${saltSeparator},\n  rounds: ${rounds},\n  mem_cost: ${memCost},\n}\n`,
	);
	return file;
}

/**
 * A Firebase scrypt hash in the form Hanko's import takes (reference:
 * `$fbscrypt$v=1,n=<mem_cost>,r=<rounds>,p=1,ss=...,sk=...$<salt>$<hash>`).
 */
export const expectedFbscrypt = (salt: string, hash: string) =>
	`$fbscrypt$v=1,n=14,r=8,p=1,ss=Bw==,sk=${firebaseHashConfig.signerKey}$${salt}$${hash}`;

const base64 = (text: string, bytes: number) => Buffer.from(text.repeat(bytes).slice(0, bytes)).toString('base64');

/** A user as Identity Toolkit's downloadAccount returns it, which firebase-tools then writes out. */
type FirebaseApiUser = {
	localId: string;
	email?: string;
	emailVerified?: boolean;
	passwordHash?: string;
	salt?: string;
	displayName?: string;
	photoUrl?: string;
	lastLoginAt?: string;
	createdAt?: string;
	phoneNumber?: string;
	disabled?: boolean;
	customAttributes?: string;
	providerUserInfo?: Array<{
		providerId: string;
		rawId: string;
		email?: string;
		displayName?: string;
		photoUrl?: string;
		federatedId?: string;
	}>;
};

const exportedJsonKeys = [
	'localId',
	'email',
	'emailVerified',
	'passwordHash',
	'salt',
	'displayName',
	'photoUrl',
	'lastLoginAt',
	'createdAt',
	'phoneNumber',
	'disabled',
	'customAttributes',
] as const;
const socialColumn: Record<string, number> = {'google.com': 7, 'facebook.com': 11, 'twitter.com': 15, 'github.com': 19};

/** One user as `firebase auth:export users.json` writes it: the keys above (lastLoginAt renamed), the social providers only. */
function firebaseJsonUser(user: FirebaseApiUser): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of exportedJsonKeys) out[key === 'lastLoginAt' ? 'lastSignedInAt' : key] = user[key];
	if (user.providerUserInfo) {
		out.providerUserInfo = user.providerUserInfo
			.filter(info => info.providerId in socialColumn)
			.map(info => ({
				providerId: info.providerId,
				rawId: info.rawId,
				email: info.email,
				displayName: info.displayName,
				photoUrl: info.photoUrl,
			}));
	}

	return out;
}

/**
 * One user as `firebase auth:export users.csv` writes it: 28 columns, no header, a comma after the
 * last one. A display name with a comma is put in quotes as it is (inner quotes not doubled); the
 * custom claims are quoted with their quotes doubled; a missing `disabled` is an empty cell.
 */
function firebaseCsvLine(user: FirebaseApiUser): string {
	const cells: unknown[] = Array.from({length: 27}, () => '');
	const withComma = (value: string) => (value.includes(',') ? `"${value}"` : value);
	cells[0] = user.localId;
	cells[1] = user.email ?? '';
	cells[2] = user.emailVerified ?? false;
	cells[3] = user.passwordHash ?? '';
	cells[4] = user.salt ?? '';
	cells[5] = withComma(user.displayName ?? '');
	cells[6] = user.photoUrl ?? '';
	for (const info of user.providerUserInfo ?? []) {
		const at = socialColumn[info.providerId];
		if (at === undefined) continue;
		cells[at] = info.rawId;
		cells[at + 1] = info.email ?? '';
		cells[at + 2] = withComma(info.displayName ?? '');
		cells[at + 3] = info.photoUrl ?? '';
	}

	cells[23] = user.createdAt;
	cells[24] = user.lastLoginAt;
	cells[25] = user.phoneNumber;
	cells[26] = user.disabled;
	cells[27] = user.customAttributes === undefined ? undefined : `"${user.customAttributes.replaceAll('"', '""')}"`;
	return `${cells.join(',')},\n`;
}

/** How the JSON is laid out around the users: firebase-tools' own layout unless told otherwise. */
export type FirebaseJsonLayout = {
	/** Up to and including the array's '[' (default `{"users": [` and a line break). */
	opening?: string;
	/** From the array's ']' on (default `]}`). */
	closing?: string;
	/** Each user on the opening's last line, none pretty-printed. */
	oneLine?: boolean;
};

export type FirebaseExport = ProviderExport & {
	/** Each written user's salt and hash, by source id, for the `$fbscrypt$` it becomes. */
	hashes: Map<string, {salt: string; hash: string}>;
};

/**
 * Firebase's `auth:export`, as JSON (`{"users": [` and a line break, the users pretty-printed and
 * joined by ",\n", then `]}`) or as the header-less CSV. `hashConfig` says whether the conversion is
 * given the project's hash parameters, which decides what becomes of the passwords.
 */
export function writeFirebaseExport(
	dir: string,
	format: 'json' | 'csv',
	options: {hashConfig: boolean; json?: FirebaseJsonLayout},
): FirebaseExport {
	const password = (seed: string) => ({passwordHash: base64(`${seed}-scrypt-hash-`, 64), salt: base64(`${seed}-salt`, 12)});
	const scrypted = (): PasswordExpectation => (options.hashConfig ? 'converted' : {reset: resetLine.noHashConfig});
	const withHash = (user: FirebaseApiUser, record: Record<string, unknown>) =>
		options.hashConfig ? {...record, password: {password: expectedFbscrypt(user.salt!, user.passwordHash!)}} : record;
	const ann: FirebaseApiUser = {
		localId: 'kQ3mZ8sVbRTa1Xy2Ue5wNcD9fH43',
		email: 'ann@example.com',
		emailVerified: true,
		...password('ann'),
		displayName: 'Lee, Ann',
		photoUrl: 'https://example.com/ann.png',
		lastLoginAt: '1704186000000',
		createdAt: '1689082910290',
		disabled: false,
		providerUserInfo: [
			{
				providerId: 'password',
				rawId: 'ann@example.com',
				email: 'ann@example.com',
				displayName: 'Lee, Ann',
				federatedId: 'ann@example.com',
			},
		],
	};
	const bo: FirebaseApiUser = {
		localId: 'Gq7pT2vLxN4bR8sK1mW9cZ3yH6dF',
		email: 'bo.chen@gmail.com',
		emailVerified: true,
		displayName: 'Bo Chen',
		photoUrl: 'https://lh3.googleusercontent.com/a/bo',
		lastLoginAt: '1694773230400',
		createdAt: '1690876800000',
		customAttributes: '{"role":"admin","tier":"gold"}',
		providerUserInfo: [
			{
				providerId: 'google.com',
				rawId: '104683425829181136054',
				email: 'bo.chen@gmail.com',
				displayName: 'Bo Chen',
				photoUrl: 'https://lh3.googleusercontent.com/a/bo',
			},
		],
	};
	// A custom uid that is a UUID already; never signed in
	const cid: FirebaseApiUser = {
		localId: '8e6c4f2a-1b3d-4e5f-a7b9-0c1d2e3f4a5b',
		email: 'cid@example.com',
		emailVerified: false,
		...password('cid'),
		createdAt: '1646370367008',
		phoneNumber: '+4915112345678',
		providerUserInfo: [
			{providerId: 'password', rawId: 'cid@example.com'},
			{providerId: 'phone', rawId: '+4915112345678'},
		],
	};
	// A custom uid that is an upper-case UUID: lowercased, so it is in the map
	const dee: FirebaseApiUser = {
		localId: '7D444840-9DC0-41D1-B245-5FFDCE74FAD2',
		email: 'Dee@Example.com',
		emailVerified: true,
		createdAt: '1696521600000',
		lastLoginAt: '1700481600000',
		providerUserInfo: [{providerId: 'github.com', rawId: '583231', email: 'Dee@Example.com'}],
	};
	const phoneOnly: FirebaseApiUser = {
		localId: 'Hx2bN5mQ8wR1tY4uI7oP0aS3dF6g',
		phoneNumber: '+15555550100',
		createdAt: '1690876800000',
		lastLoginAt: '1690876800000',
		providerUserInfo: [{providerId: 'phone', rawId: '+15555550100'}],
	};
	const anonymous: FirebaseApiUser = {localId: 'Jk9lZ2xC5vB8nM1qW4eR7tY0uI3o', createdAt: '1690876800000', lastLoginAt: '1690876800000'};
	const disabled: FirebaseApiUser = {
		localId: 'Lm4nB7vC0xZ3aS6dF9gH2jK5lQ8w',
		email: 'eve@example.com',
		emailVerified: true,
		...password('eve'),
		createdAt: '1690876800000',
		disabled: true,
		providerUserInfo: [{providerId: 'password', rawId: 'eve@example.com'}],
	};
	// Facebook and Twitter; the name sits in the provider entries only
	const fay: FirebaseApiUser = {
		localId: 'Pq1wE4rT7yU0iO3pA6sD9fG2hJ5k',
		email: 'fay@example.com',
		emailVerified: false,
		createdAt: '1700481600000',
		lastLoginAt: '1704186000000',
		providerUserInfo: [
			{providerId: 'facebook.com', rawId: '10158000000000001', email: 'fay@example.com', displayName: 'Fay Ng'},
			{providerId: 'twitter.com', rawId: '2244994945', displayName: 'Fay Ng'},
		],
	};
	const entries: Array<{user: FirebaseApiUser; expect: Omit<ExportedUser, 'sourceId' | 'line'>}> = [
		{
			user: ann,
			expect: {
				losses: [lossLine.names, lossLine.pictures],
				password: scrypted(),
				record: withHash(ann, {
					emails: [{address: 'ann@example.com', is_primary: true, is_verified: true}],
					created_at: '2023-07-11T13:41:50.290Z',
					updated_at: '2024-01-02T09:00:00Z',
				}),
			},
		},
		{
			user: bo,
			expect: {
				losses: [lossLine.names, lossLine.pictures, lossLine.metadata, lossLine.social],
				password: 'none',
				record: {
					emails: [{address: 'bo.chen@gmail.com', is_primary: true, is_verified: true}],
					created_at: '2023-08-01T08:00:00Z',
					updated_at: '2023-09-15T10:20:30.400Z',
				},
			},
		},
		// No last sign-in: updated_at is the creation time
		{
			user: cid,
			expect: {
				losses: [lossLine.phones],
				password: scrypted(),
				record: withHash(cid, {
					emails: [{address: 'cid@example.com', is_primary: true, is_verified: false}],
					created_at: '2022-03-04T05:06:07.008Z',
					updated_at: '2022-03-04T05:06:07.008Z',
				}),
			},
		},
		{
			user: dee,
			expect: {
				losses: [lossLine.social],
				password: 'none',
				record: {
					emails: [{address: 'Dee@Example.com', is_primary: true, is_verified: true}],
					created_at: '2023-10-05T16:00:00Z',
					updated_at: '2023-11-20T12:00:00Z',
				},
			},
		},
		{user: phoneOnly, expect: {reject: rejectLine.phoneOnly, losses: [], password: 'none'}},
		{user: anonymous, expect: {reject: rejectLine.noEmail, losses: [], password: 'none'}},
		{user: disabled, expect: {reject: rejectLine.firebaseDisabled, losses: [], password: 'none'}},
		{
			user: fay,
			expect: {
				losses: [lossLine.social],
				password: 'none',
				record: {
					emails: [{address: 'fay@example.com', is_primary: true, is_verified: false}],
					created_at: '2023-11-20T12:00:00Z',
					updated_at: '2024-01-02T09:00:00Z',
				},
			},
		},
	];
	const users: ExportedUser[] = [];
	let text: string;
	let file: string;
	if (format === 'json') {
		const {opening = '{"users": [\n', closing = ']}', oneLine = false} = options.json ?? {};
		const pretty = entries.map(({user}) => JSON.stringify(firebaseJsonUser(user), null, oneLine ? undefined : 2));
		let line = opening.split('\n').length;
		for (const [index, {user, expect}] of entries.entries()) {
			users.push({sourceId: user.localId, line, ...expect});
			line += pretty[index]!.split('\n').length - (oneLine ? 1 : 0);
		}

		text = `${opening}${pretty.join(oneLine ? ',' : ',\n')}${closing}`;
		file = path.join(dir, 'firebase-users.json');
	} else {
		for (const [index, {user, expect}] of entries.entries()) users.push({sourceId: user.localId, line: index + 1, ...expect});
		text = entries.map(({user}) => firebaseCsvLine(user)).join('');
		file = path.join(dir, 'firebase-users.csv');
	}

	writeFileSync(file, text);
	const hashes = new Map(
		entries.filter(({user}) => user.passwordHash).map(({user}) => [user.localId, {salt: user.salt!, hash: user.passwordHash!}]),
	);
	return {kind: 'firebase', file, ids: users.map(user => user.sourceId), users, hashes};
}

// Supabase --------------------------------------------------------------------------------------

// auth.users' columns, in the table's order
const supabaseColumns = [
	'instance_id',
	'id',
	'aud',
	'role',
	'email',
	'encrypted_password',
	'email_confirmed_at',
	'invited_at',
	'confirmation_token',
	'confirmation_sent_at',
	'recovery_token',
	'recovery_sent_at',
	'email_change_token_new',
	'email_change',
	'email_change_sent_at',
	'last_sign_in_at',
	'raw_app_meta_data',
	'raw_user_meta_data',
	'is_super_admin',
	'created_at',
	'updated_at',
	'phone',
	'phone_confirmed_at',
	'phone_change',
	'phone_change_token',
	'phone_change_sent_at',
	'confirmed_at',
	'email_change_token_current',
	'email_change_confirm_status',
	'banned_until',
	'reauthentication_token',
	'reauthentication_sent_at',
	'is_sso_user',
	'deleted_at',
	'is_anonymous',
] as const;

type SupabaseRow = Partial<Record<(typeof supabaseColumns)[number], string | boolean | number | Record<string, unknown> | null>>;

/** Postgres' text form of a timestamptz (what psql and CSV show: "2023-07-11 13:41:50.290862+00") from the RFC 3339 form. */
const postgresText = (time: string) => time.replace('T', ' ').replace(/([+-]\d{2}):00$/, '$1');

/**
 * Supabase's `auth.users`, exported as CSV (`\copy (select * from auth.users) to 'users.csv' csv header`:
 * a header row, NULL as an empty cell, booleans as t/f, times as Postgres text, the metadata as JSON text)
 * or as JSON (`select json_agg(u) from auth.users u`: times in RFC 3339 with +00:00, metadata as objects).
 */
export function writeSupabaseExport(dir: string, format: 'csv' | 'json'): ProviderExport {
	const appEmail = {provider: 'email', providers: ['email']};
	// What Supabase Auth itself writes into the user metadata of an email or phone user
	const identityData = (id: string, email?: string) => ({
		sub: id,
		...(email ? {email} : {}),
		email_verified: false,
		phone_verified: false,
	});
	const base = (id: string): SupabaseRow => ({
		instance_id: '00000000-0000-0000-0000-000000000000',
		id,
		aud: 'authenticated',
		role: 'authenticated',
		confirmation_token: '',
		recovery_token: '',
		email_change_token_new: '',
		email_change: '',
		is_super_admin: null,
		phone: null,
		phone_change: '',
		phone_change_token: '',
		email_change_token_current: '',
		email_change_confirm_status: 0,
		banned_until: null,
		reauthentication_token: '',
		is_sso_user: false,
		deleted_at: null,
		is_anonymous: false,
		raw_app_meta_data: appEmail,
		raw_user_meta_data: identityData(id),
	});
	const ann = bcrypt('2a', 'Ann1');
	const cid = bcrypt('2y', 'Cid3');
	const entries: Array<{row: SupabaseRow; expect: Omit<ExportedUser, 'sourceId' | 'line'>}> = [
		{
			// An email user: the provider list and identity data Supabase writes itself are no loss
			row: {
				...base('d0b7e5a2-3c1f-4e8a-9b6d-2f4a1c7e9b30'),
				email: 'ann@example.com',
				encrypted_password: ann,
				email_confirmed_at: '2023-07-11T13:45:00.123456+00:00',
				confirmed_at: '2023-07-11T13:45:00.123456+00:00',
				last_sign_in_at: '2024-01-02T09:00:00+00:00',
				created_at: '2023-07-11T13:41:50.290862+00:00',
				updated_at: '2024-01-02T09:00:00.5+00:00',
				raw_user_meta_data: identityData('d0b7e5a2-3c1f-4e8a-9b6d-2f4a1c7e9b30', 'ann@example.com'),
			},
			expect: {
				losses: [],
				password: 'kept',
				record: {
					emails: [{address: 'ann@example.com', is_primary: true, is_verified: true}],
					password: {password: ann},
					created_at: '2023-07-11T13:41:50.290Z',
					updated_at: '2024-01-02T09:00:00.500Z',
				},
			},
		},
		{
			// A Google login: no password; the profile from Google is metadata, the identity is lost
			row: {
				...base('5b2d9c4e-7a1f-4c3b-8e6d-0f9a2b4c6d81'),
				email: 'bo.chen@gmail.com',
				encrypted_password: '',
				email_confirmed_at: '2023-08-01T08:00:00+00:00',
				created_at: '2023-08-01T08:00:00+00:00',
				updated_at: '2023-08-01T08:00:00+00:00',
				raw_app_meta_data: {provider: 'google', providers: ['google']},
				raw_user_meta_data: {
					iss: 'https://accounts.google.com',
					sub: '104683425829181136054',
					name: 'Bo Chen',
					email: 'bo.chen@gmail.com',
					picture: 'https://lh3.googleusercontent.com/a/bo',
					full_name: 'Bo Chen',
					avatar_url: 'https://lh3.googleusercontent.com/a/bo',
					provider_id: '104683425829181136054',
					email_verified: true,
					phone_verified: false,
				},
			},
			expect: {
				losses: [lossLine.metadata, lossLine.social],
				password: 'none',
				record: {
					emails: [{address: 'bo.chen@gmail.com', is_primary: true, is_verified: true}],
					created_at: '2023-08-01T08:00:00Z',
					updated_at: '2023-08-01T08:00:00Z',
				},
			},
		},
		{
			// Unconfirmed, with a phone, metadata the app set, a $2y$ hash from an earlier migration, times at +02
			row: {
				...base('9f3a1b2c-4d5e-4f60-8a7b-1c2d3e4f5a6b'),
				email: 'cid@example.com',
				encrypted_password: cid,
				email_confirmed_at: null,
				phone: '4915112345678',
				created_at: '2023-07-12T08:00:00.5+02:00',
				updated_at: '2023-07-12T09:30:00+02:00',
				raw_user_meta_data: {plan: 'pro', newsletter: false},
			},
			expect: {
				losses: [lossLine.phones, lossLine.metadata],
				password: 'converted',
				record: {
					emails: [{address: 'cid@example.com', is_primary: true, is_verified: false}],
					password: {password: `$2a$${cid.slice(4)}`},
					created_at: '2023-07-12T06:00:00.500Z',
					updated_at: '2023-07-12T07:30:00Z',
				},
			},
		},
		{
			row: {
				...base('2c4e6a8b-0d1f-4a3b-9c5d-7e9f1a3b5c7d'),
				email: null,
				phone: '4915112345679',
				phone_confirmed_at: '2023-08-01T08:00:00+00:00',
				encrypted_password: '',
				created_at: '2023-08-01T08:00:00+00:00',
				raw_app_meta_data: {provider: 'phone', providers: ['phone']},
			},
			expect: {reject: rejectLine.phoneOnly, losses: [], password: 'none'},
		},
		{
			row: {
				...base('3d5f7b9c-1e2a-4b4c-8d6e-8f0a2b4c6d8e'),
				email: 'dee@example.com',
				encrypted_password: bcrypt('2a', 'Dee4'),
				email_confirmed_at: '2023-08-01T08:00:00+00:00',
				created_at: '2023-08-01T08:00:00+00:00',
				banned_until: '2999-01-01T00:00:00+00:00',
			},
			expect: {reject: rejectLine.supabaseBanned, losses: [], password: 'none'},
		},
		{
			row: {
				...base('4e6a8c0d-2f3b-4c5d-9e7f-9a1b3c5d7e9f'),
				email: 'eve@example.com',
				encrypted_password: bcrypt('2a', 'Eve5'),
				email_confirmed_at: '2023-08-01T08:00:00+00:00',
				created_at: '2023-08-01T08:00:00+00:00',
				deleted_at: '2024-02-01T12:00:00+00:00',
			},
			expect: {reject: rejectLine.supabaseDeleted, losses: [], password: 'none'},
		},
		{
			// An anonymous sign-in: no email, no phone
			row: {
				...base('5f7b9d1e-3a4c-4d6e-8f0a-0b2c4d6e8f0a'),
				email: null,
				encrypted_password: null,
				created_at: '2023-08-01T08:00:00+00:00',
				is_anonymous: true,
				raw_app_meta_data: {},
				raw_user_meta_data: {},
			},
			expect: {reject: rejectLine.noEmail, losses: [], password: 'none'},
		},
		{
			// Banned until a day long past: kept; its hash was imported as argon2, which Hanko cannot verify
			row: {
				...base('6a8c0e2f-4b5d-4e7f-9a1b-1c3d5e7f9a1b'),
				email: 'fay@example.com',
				encrypted_password: argon2,
				email_confirmed_at: '2023-08-01T08:00:00+00:00',
				created_at: '2023-08-01T08:00:00+00:00',
				updated_at: '2023-08-01T08:00:00+00:00',
				banned_until: '2020-01-01T00:00:00+00:00',
			},
			expect: {
				losses: [],
				password: {reset: resetLine.cannotVerify},
				record: {
					emails: [{address: 'fay@example.com', is_primary: true, is_verified: true}],
					created_at: '2023-08-01T08:00:00Z',
					updated_at: '2023-08-01T08:00:00Z',
				},
			},
		},
	];
	let text: string;
	const users: ExportedUser[] = [];
	if (format === 'csv') {
		const csvValue = (value: SupabaseRow[keyof SupabaseRow]) => {
			if (value === null || value === undefined) return '';
			if (typeof value === 'boolean') return value ? 't' : 'f';
			if (typeof value === 'object') return JSON.stringify(value).replaceAll('":', '": ').replaceAll(',"', ', "');
			return /^\d{4}-\d{2}-\d{2}T/.test(String(value)) ? postgresText(String(value)) : String(value);
		};

		// Postgres writes an empty string as "" and NULL as nothing
		const csvCell = (value: SupabaseRow[keyof SupabaseRow]) => (value === '' ? '""' : cell(csvValue(value)));
		text =
			[supabaseColumns.join(','), ...entries.map(({row}) => supabaseColumns.map(column => csvCell(row[column])).join(','))].join(
				'\n',
			) + '\n';
		for (const [index, {row, expect}] of entries.entries()) users.push({sourceId: row.id as string, line: index + 2, ...expect});
	} else {
		const complete = entries.map(({row}) => Object.fromEntries(supabaseColumns.map(column => [column, row[column] ?? null])));
		text = `[\n${complete.map(row => JSON.stringify(row)).join(',\n')}\n]\n`;
		for (const [index, {row, expect}] of entries.entries()) users.push({sourceId: row.id as string, line: index + 2, ...expect});
	}

	const file = path.join(dir, `supabase-users.${format}`);
	writeFileSync(file, text);
	return {kind: 'supabase', file, ids: users.map(user => user.sourceId), users};
}

// Clerk -----------------------------------------------------------------------------------------

const clerkColumns = [
	'id',
	'first_name',
	'last_name',
	'username',
	'primary_email_address',
	'primary_phone_number',
	'verified_email_addresses',
	'unverified_email_addresses',
	'verified_phone_numbers',
	'unverified_phone_numbers',
	'totp_secret',
	'password_digest',
	'password_hasher',
] as const;

/** Clerk's dashboard CSV export: a header row, lists of addresses comma-separated in one quoted cell. */
export function writeClerkExport(dir: string): ProviderExport {
	const ann = bcrypt('2a', 'Ann1');
	const bo = bcrypt('2b', 'BoC2');
	const eve = bcrypt('2a', 'Eve5');
	const entries: Array<{row: Partial<Record<(typeof clerkColumns)[number], string>>; expect: Omit<ExportedUser, 'sourceId' | 'line'>}> = [
		{
			// Names, a username, three addresses (the primary first), a TOTP secret, a $2a$ digest
			row: {
				id: 'user_2NNEqL2nrIRdJ194ndJqAHwEfxC',
				first_name: 'Ann',
				last_name: 'Lee',
				username: 'annlee',
				primary_email_address: 'ann@example.com',
				verified_email_addresses: 'ann.work@example.com,ann@example.com',
				unverified_email_addresses: 'ann.old@example.com',
				totp_secret: 'JBSWY3DPEHPK3PXP',
				password_digest: ann,
				password_hasher: 'bcrypt',
			},
			expect: {
				losses: [lossLine.names],
				password: 'kept',
				record: {
					emails: [
						{address: 'ann@example.com', is_primary: true, is_verified: true},
						{address: 'ann.work@example.com', is_primary: false, is_verified: true},
						{address: 'ann.old@example.com', is_primary: false, is_verified: false},
					],
					username: 'annlee',
					password: {password: ann},
					otp_secret: {secret: 'JBSWY3DPEHPK3PXP'},
				},
			},
		},
		{
			// The primary spelt in another case than in the verified list: one address, verified; a $2b$ digest
			row: {
				id: 'user_2b7kLmN3pQ4rS5tU6vW7xY8zA9B',
				primary_email_address: 'Bo.Chen@Example.com',
				primary_phone_number: '+14155550123',
				verified_email_addresses: 'bo.chen@example.com',
				verified_phone_numbers: '+14155550123',
				password_digest: bo,
				password_hasher: 'bcrypt',
			},
			expect: {
				losses: [lossLine.phones],
				password: 'converted',
				record: {
					emails: [{address: 'Bo.Chen@Example.com', is_primary: true, is_verified: true}],
					password: {password: `$2a$${bo.slice(4)}`},
				},
			},
		},
		{
			row: {
				id: 'user_2c8mNoP4qR5sT6uV7wX8yZ9aB0C',
				first_name: 'Cid',
				primary_email_address: 'cid@example.com',
				verified_email_addresses: 'cid@example.com',
				password_digest: argon2,
				password_hasher: 'argon2id',
			},
			expect: {
				losses: [lossLine.names],
				password: {reset: 'hashed with argon2id, which Hanko cannot verify'},
				record: {emails: [{address: 'cid@example.com', is_primary: true, is_verified: true}]},
			},
		},
		{
			row: {id: 'user_2d9nOpQ5rS6tU7vW8xY9zA0bC1D', username: 'dee_only'},
			expect: {losses: [], password: 'none', record: {username: 'dee_only'}},
		},
		{
			row: {id: 'user_2e0oPqR6sT7uV8wX9yZ0aB1cD2E', primary_phone_number: '+14155550199', verified_phone_numbers: '+14155550199'},
			expect: {reject: rejectLine.phoneOnly, losses: [], password: 'none'},
		},
		{
			// A Web3 wallet user: no email, no username, no phone
			row: {id: 'user_2f1pQrS7tU8vW9xY0zA1bC2dD3F'},
			expect: {reject: rejectLine.nothing, losses: [], password: 'none'},
		},
		{
			// No primary and nothing verified: the first unverified address is the primary
			row: {
				id: 'user_2g2qRsT8uV9wX0yZ1aB2cD3eE4G',
				unverified_email_addresses: 'eve@example.com,eve2@example.com',
				password_digest: eve,
				password_hasher: 'bcrypt',
			},
			expect: {
				losses: [],
				password: 'kept',
				record: {
					emails: [
						{address: 'eve@example.com', is_primary: true, is_verified: false},
						{address: 'eve2@example.com', is_primary: false, is_verified: false},
					],
					password: {password: eve},
				},
			},
		},
		{
			// No primary: the first verified address is; an unverified phone is still a phone
			row: {
				id: 'user_2h3rStU9vW0xY1zA2bC3dE4fF5H',
				verified_email_addresses: 'fay@example.com',
				unverified_email_addresses: 'fay.old@example.com',
				unverified_phone_numbers: '+14155550142',
			},
			expect: {
				losses: [lossLine.phones],
				password: 'none',
				record: {
					emails: [
						{address: 'fay@example.com', is_primary: true, is_verified: true},
						{address: 'fay.old@example.com', is_primary: false, is_verified: false},
					],
				},
			},
		},
	];
	const text =
		[clerkColumns.join(','), ...entries.map(({row}) => csvLine(clerkColumns.map(column => row[column] ?? '')))].join('\n') + '\n';
	const file = path.join(dir, 'clerk-users.csv');
	writeFileSync(file, text);
	const users = entries.map(({row, expect}, index) => ({sourceId: row.id!, line: index + 2, ...expect}));
	return {kind: 'clerk', file, ids: users.map(user => user.sourceId), users};
}

// Cognito ---------------------------------------------------------------------------------------

// The user pool's CSV header (as GetCSVHeader gives it, with a custom attribute), and each user's sub
const cognitoColumns = [
	'cognito:username',
	'name',
	'given_name',
	'family_name',
	'middle_name',
	'nickname',
	'preferred_username',
	'profile',
	'picture',
	'website',
	'email',
	'email_verified',
	'gender',
	'birthdate',
	'zoneinfo',
	'locale',
	'phone_number',
	'phone_number_verified',
	'address',
	'updated_at',
	'cognito:mfa_enabled',
	'custom:tenant',
	'sub',
] as const;

/** A user pool's users as CSV: the header above, booleans as true/false, updated_at in epoch seconds. */
export function writeCognitoExport(dir: string): ProviderExport {
	const reset = {reset: resetLine.cognito};
	const entries: Array<{
		row: Partial<Record<(typeof cognitoColumns)[number], string>>;
		expect: Omit<ExportedUser, 'sourceId' | 'line' | 'password'>;
	}> = [
		{
			// An email pool: the user name is the sub, so no username is kept
			row: {
				'cognito:username': '0f8fad5b-d9cb-469f-a165-70867728950e',
				email: 'ann@example.com',
				email_verified: 'true',
				updated_at: '1689082910',
				sub: '0f8fad5b-d9cb-469f-a165-70867728950e',
			},
			expect: {
				losses: [],
				record: {emails: [{address: 'ann@example.com', is_primary: true, is_verified: true}], updated_at: '2023-07-11T13:41:50Z'},
			},
		},
		{
			// A chosen user name is kept as the username; names and picture are lost
			row: {
				'cognito:username': 'bob.builder',
				name: 'Bob Builder',
				given_name: 'Bob',
				family_name: 'Builder',
				picture: 'https://example.com/bob.png',
				email: 'bob@example.com',
				email_verified: 'false',
				updated_at: '1690876800',
				sub: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
			},
			expect: {
				losses: [lossLine.names, lossLine.pictures],
				record: {
					emails: [{address: 'bob@example.com', is_primary: true, is_verified: false}],
					username: 'bob.builder',
					updated_at: '2023-08-01T08:00:00Z',
				},
			},
		},
		{
			// The user name is the email in another case: no username; a phone, the address and birthdate, MFA on
			row: {
				'cognito:username': 'Cid@Example.com',
				email: 'cid@example.com',
				email_verified: 'true',
				phone_number: '+14155550123',
				phone_number_verified: 'true',
				birthdate: '1990-01-01',
				address: '{"street_address":"1 Main St, Apt 2","locality":"Springfield"}',
				updated_at: '1694773230',
				'cognito:mfa_enabled': 'true',
				sub: 'a3bb189e-8bf9-4888-9912-ace4e6543002',
			},
			expect: {
				losses: [lossLine.phones, lossLine.metadata, lossLine.cognitoMfa],
				record: {emails: [{address: 'cid@example.com', is_primary: true, is_verified: true}], updated_at: '2023-09-15T10:20:30Z'},
			},
		},
		{
			// preferred_username wins over the user name; a nickname, a website, a locale and a custom attribute
			row: {
				'cognito:username': 'dee-login',
				nickname: 'D',
				preferred_username: 'dee',
				website: 'https://dee.example',
				email: 'dee@example.com',
				email_verified: 'true',
				locale: 'de-DE',
				updated_at: '1696521600',
				'custom:tenant': 'acme',
				sub: 'c56a4180-65aa-42ec-a945-5fd21dec0538',
			},
			expect: {
				losses: [lossLine.names, lossLine.metadata],
				record: {
					emails: [{address: 'dee@example.com', is_primary: true, is_verified: true}],
					username: 'dee',
					updated_at: '2023-10-05T16:00:00Z',
				},
			},
		},
		{
			row: {
				'cognito:username': '16fd2706-8baf-433b-82eb-8c7fada847da',
				phone_number: '+14155550199',
				phone_number_verified: 'true',
				updated_at: '1696521600',
				sub: '16fd2706-8baf-433b-82eb-8c7fada847da',
			},
			expect: {reject: rejectLine.phoneOnly, losses: []},
		},
		{
			row: {
				'cognito:username': '886313e1-3b8a-4372-9b90-0c9aee199e5d',
				updated_at: '1696521600',
				sub: '886313e1-3b8a-4372-9b90-0c9aee199e5d',
			},
			expect: {reject: rejectLine.nothing, losses: []},
		},
		{
			// No sub in the row: the user name is the source id (not a UUID: a new one, in the map)
			row: {'cognito:username': 'eve', updated_at: '1700481600'},
			expect: {losses: [], record: {username: 'eve', updated_at: '2023-11-20T12:00:00Z'}},
		},
	];
	const defaults = {email_verified: 'false', phone_number_verified: 'false', 'cognito:mfa_enabled': 'false'};
	const text =
		[
			cognitoColumns.join(','),
			...entries.map(({row}) => csvLine(cognitoColumns.map(column => ({...defaults, ...row})[column] ?? ''))),
		].join('\n') + '\n';
	const file = path.join(dir, 'cognito-users.csv');
	writeFileSync(file, text);
	const users = entries.map(({row, expect}, index) => ({
		sourceId: row.sub ?? row['cognito:username']!,
		line: index + 2,
		password: expect.reject ? ('none' as const) : reset,
		...expect,
	}));
	return {kind: 'cognito', file, ids: users.map(user => user.sourceId), users};
}
