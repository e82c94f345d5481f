// Generates the benchmark data set: a pretty-printed JSON array of Hanko users (the layout of
// JSON.stringify(users, null, 2)), written record by record so no giant string is ever built.
// Mostly valid records, plus about 1% with a problem of every kind the validator knows, all from a
// seeded PRNG so two runs give the same bytes.
//
// Besides the main file it writes a "strict" twin: the same bytes except the one record with a
// trailing comma inside it, whose comma becomes a space. The baselines (JSON.parse and the streaming
// parsers) stop at the first syntax error, so they read the twin; ours reads the main file. Both have
// the same number of records.
//
// Usage: node bench/generate.mjs [--records N] [--big] [--dir DIR] [--force]
// Files go to $HANKO_BENCH_DIR or <tmpdir>/hanko-tui-bench (outside the repo).

import {
	closeSync,
	copyFileSync,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	readSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
	writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

// 2: hashes end as real bcrypt digests do, usernames are ones users could register;
// 3: no updated_at problems (Hanko replaces it)
export const generatorVersion = 3;
export const defaultRecords = 1_000_000;
export const bigRecords = 10_000_000;
const seed = 0x4a_4e_4b_4f; // "HNKO"
const problemRate = 0.01;

export function defaultDir() {
	return process.env.HANKO_BENCH_DIR || path.join(os.tmpdir(), 'hanko-tui-bench');
}

export function datasetPaths(records, dir = defaultDir()) {
	const base = path.join(dir, `users-${records}`);
	return {dir, file: `${base}.json`, strictFile: `${base}.strict.json`, manifestFile: `${base}.manifest.json`};
}

// ---------------------------------------------------------------------------------------------
// PRNG: sfc32 (128-bit state), seeded through splitmix32.

function makeRng(seedValue) {
	let s = seedValue >>> 0;
	const split = () => {
		s = (s + 0x9e_37_79_b9) >>> 0;
		let z = s;
		z = Math.imul(z ^ (z >>> 16), 0x85_eb_ca_6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2_b2_ae_35);
		return (z ^ (z >>> 16)) >>> 0;
	};

	let a = split();
	let b = split();
	let c = split();
	let d = split();
	const next = () => {
		const t = (((a + b) >>> 0) + d) >>> 0;
		d = (d + 1) >>> 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) >>> 0;
		c = ((c << 21) | (c >>> 11)) >>> 0;
		c = (c + t) >>> 0;
		return t;
	};

	for (let i = 0; i < 16; i++) next();
	return next;
}

const hexDigits = '0123456789abcdef';
const base64Chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64UrlChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const bcryptChars = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const firstNames = [
	'anna',
	'ben',
	'clara',
	'david',
	'emma',
	'felix',
	'greta',
	'hugo',
	'ida',
	'jonas',
	'karla',
	'leon',
	'mia',
	'noah',
	'olivia',
	'paul',
	'quinn',
	'rosa',
	'samuel',
	'tara',
	'uwe',
	'vera',
	'william',
	'xenia',
	'yusuf',
	'zoe',
	'amir',
	'bianca',
	'chen',
	'dmitri',
	'elif',
	'fatima',
	'giulia',
	'hiro',
	'ingrid',
	'jürgen',
	'søren',
	'zoë',
];
const lastNames = [
	'meyer',
	'schmidt',
	'smith',
	'jones',
	'garcia',
	'martin',
	'rossi',
	'novak',
	'kowalski',
	'nguyen',
	'kim',
	'tanaka',
	'silva',
	'dubois',
	'jansen',
	'larsen',
	'ivanova',
	'yilmaz',
	'okafor',
	'haddad',
	'cohen',
	'murphy',
	'walsh',
	'berg',
	'lindqvist',
	'fischer',
	'weber',
	'wagner',
	'becker',
	'hoffmann',
	'müller',
	'öztürk',
];
const domains = [
	'example.com',
	'example.org',
	'mail.example.net',
	'corp.example.io',
	'beispiel.de',
	'exemple.fr',
	'ejemplo.es',
	'esempio.it',
	'voorbeeld.nl',
	'users.example.co.uk',
	'münchen.example',
	'post.example.at',
];
const transportsAll = ['usb', 'nfc', 'ble', 'internal', 'hybrid'];
const attestationTypes = ['none', 'packed', 'fido-u2f', 'tpm', 'apple'];
const credentialNames = ['YubiKey 5 NFC', 'MacBook Touch ID', 'Pixel passkey', 'Windows Hello', 'iCloud Keychain', null];

// Problems injected in rotation (about 1% of records). The trailing comma is injected once on its own.
export const problemKinds = [
	'user-id.uppercase',
	'user-id.invalid',
	'user-id.missing',
	'email.invalid',
	'email.localhost',
	'email.no-primary',
	'email.two-primaries',
	'email.duplicate-in-user',
	'email.verified-missing',
	'email.uppercase',
	'password.2b',
	'password.bad-prefix',
	'username.empty',
	'user.no-identifier',
	'webauthn.missing-public-key',
	'webauthn.duplicate-id',
	'webauthn.duplicate-transport',
	'webauthn.user-handle-mfa',
	'webauthn.aaguid-array',
	'webauthn.aaguid-not-v4',
	'timestamp.no-zone',
	'timestamp.future',
	'field.unknown',
	'type.is-primary-string',
	'type.emails-object',
	'duplicate.user-id',
	'duplicate.email',
	'duplicate.username',
	'record.number',
];

/** The rule code hanko-tui should report for each injected problem (checked by run.mjs); null: none. */
export const expectedCodes = {
	'user-id.uppercase': null, // Accepted since Hanko 3.0, the default: no problem, and the record stays valid
	'user-id.invalid': 'user-id.invalid',
	'user-id.missing': 'user-id.missing',
	'email.invalid': 'email.invalid',
	'email.localhost': 'email.invalid',
	'email.no-primary': 'email.no-primary',
	'email.two-primaries': 'email.multiple-primary',
	'email.duplicate-in-user': 'email.duplicate-in-user',
	'email.verified-missing': 'email.verified-missing',
	'email.uppercase': 'email.uppercase',
	'password.2b': 'password.bcrypt-variant',
	'password.bad-prefix': 'password.hash-prefix',
	'username.empty': 'username.empty',
	'user.no-identifier': 'user.no-identifier',
	'webauthn.missing-public-key': 'webauthn.missing-field',
	'webauthn.duplicate-id': 'webauthn.duplicate-id',
	'webauthn.duplicate-transport': 'webauthn.duplicate-transport',
	'webauthn.user-handle-mfa': 'webauthn.user-handle-mfa',
	'webauthn.aaguid-array': 'webauthn.aaguid-array',
	'webauthn.aaguid-not-v4': 'webauthn.aaguid-not-v4',
	'timestamp.no-zone': 'timestamp.format',
	'timestamp.future': 'timestamp.future',
	'field.unknown': 'field.unknown',
	'type.is-primary-string': 'field.type',
	'type.emails-object': 'field.type',
	'duplicate.user-id': 'duplicate.user-id',
	'duplicate.email': 'duplicate.email',
	'duplicate.username': 'duplicate.username',
	'record.number': 'record.not-object',
	'json.trailing-comma': 'json.syntax',
};

/** Numbers and picks from a 32-bit generator (`next` returns an unsigned 32-bit integer). */
export class RandomValues {
	constructor(next) {
		this.next = next;
	}

	float() {
		return this.next() / 4_294_967_296;
	}

	int(n) {
		return Math.floor(this.float() * n);
	}

	pick(list) {
		return list[this.int(list.length)];
	}
}

class UserFactory extends RandomValues {
	constructor(rng) {
		super(rng);
		this.recentIds = [];
		this.recentEmails = [];
		this.recentUsernames = [];
	}

	chars(alphabet, n) {
		let out = '';
		for (let i = 0; i < n; i++) out += alphabet[this.next() & (alphabet.length - 1)];
		return out;
	}

	hex(n) {
		let out = '';
		while (out.length < n) out += this.next().toString(16).padStart(8, '0');
		return out.slice(0, n);
	}

	uuid(version = 4) {
		const h = this.hex(32);
		const variant = hexDigits[8 + (this.next() & 3)];
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-${version}${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
	}

	// A time between 2016 and the end of 2024, RFC 3339 with microseconds, in UTC.
	timestamp(fromMs = Date.UTC(2016, 0, 1), toMs = Date.UTC(2024, 11, 31)) {
		const ms = fromMs + Math.floor(this.float() * (toMs - fromMs));
		const micros = String(this.int(1_000_000)).padStart(6, '0');
		return {ms, text: `${new Date(ms).toISOString().slice(0, 19)}.${micros}Z`};
	}

	bcrypt(prefix = '$2a$') {
		// cost 10, then 22 salt + 31 hash characters = 53; the last encodes 4 bits, as in every real digest
		return `${prefix}10$${this.chars(bcryptChars, 52)}${this.pick([...'.CGKOSWaeimquy26'])}`;
	}

	credential(userId, createdMs) {
		const created = this.timestamp(createdMs, Date.UTC(2024, 11, 31));
		const transports = transportsAll.filter(() => this.float() < 0.35);
		const cred = {
			id: this.chars(base64UrlChars, 43),
			name: this.pick(credentialNames),
			public_key: `pQECAyYgASFYI${this.chars(base64Chars, 64)}`,
			attestation_type: this.pick(attestationTypes),
			aaguid: this.float() < 0.6 ? '00000000-0000-0000-0000-000000000000' : this.uuid(4),
			sign_count: this.int(500),
			last_used_at: created.text,
			created_at: created.text,
			updated_at: created.text,
			transports,
			backup_eligible: this.float() < 0.5,
			backup_state: false,
			mfa_only: false,
		};
		if (this.float() < 0.5) cred.user_handle = Buffer.from(userId.replaceAll('-', ''), 'hex').toString('base64url');
		return cred;
	}

	valid(index) {
		const first = this.pick(firstNames);
		const last = this.pick(lastNames);
		const user = {user_id: this.uuid(4)};
		const roll = this.float();
		const emailCount = roll < 0.85 ? 1 : roll < 0.97 ? 2 : 3;
		const primary = this.int(emailCount);
		user.emails = [];
		for (let k = 0; k < emailCount; k++) {
			const address =
				k === 0 ? `${first}.${last}.${index}@${this.pick(domains)}` : `${first[0]}${last}${k}.${index}@${this.pick(domains)}`;
			user.emails.push({address, is_primary: k === primary, is_verified: k === primary || this.float() < 0.5});
		}

		// Registration takes ^\w+$ (ASCII) of 3 to 32 characters
		if (this.float() < 0.3) user.username = `${first}_${last}_${index}`.replaceAll('ø', 'o').normalize('NFD').replaceAll(/\W/g, '');
		const created = this.timestamp();
		if (this.float() < 0.8) user.password = {password: this.bcrypt()};
		if (this.float() < 0.04) {
			user.webauthn_credentials = [this.credential(user.user_id, created.ms)];
			if (this.float() < 0.25) user.webauthn_credentials.push(this.credential(user.user_id, created.ms));
		}

		user.created_at = created.text;
		user.updated_at = this.timestamp(created.ms, Date.UTC(2025, 0, 1)).text;
		return user;
	}

	remember(user) {
		const keep = (list, value) => {
			if (list.length < 4096) list.push(value);
			else list[this.int(4096)] = value;
		};

		keep(this.recentIds, user.user_id);
		keep(this.recentEmails, user.emails[0].address);
		if (user.username) keep(this.recentUsernames, user.username);
	}

	ensureCredential(user) {
		user.webauthn_credentials ??= [this.credential(user.user_id, Date.UTC(2020, 0, 1))];
		return user.webauthn_credentials[0];
	}

	/** Breaks a valid user in the way `kind` says; returns the value to write (a user, or a number). */
	inject(user, kind, index) {
		switch (kind) {
			case 'user-id.uppercase': {
				user.user_id = user.user_id.toUpperCase();
				break;
			}

			case 'user-id.invalid': {
				user.user_id = `auth0|${this.hex(24)}`;
				break;
			}

			case 'user-id.missing': {
				delete user.user_id;
				break;
			}

			case 'email.invalid': {
				user.emails[0].address = `not-an-email.${index}.example.com`;
				break;
			}

			case 'email.localhost': {
				user.emails[0].address = `user${index}@localhost`;
				break;
			}

			case 'email.no-primary': {
				for (const email of user.emails) email.is_primary = false;
				break;
			}

			case 'email.two-primaries': {
				if (user.emails.length < 2)
					user.emails.push({address: `second.${index}@example.org`, is_primary: false, is_verified: true});
				user.emails[0].is_primary = true;
				user.emails[1].is_primary = true;
				break;
			}

			case 'email.duplicate-in-user': {
				user.emails.push({address: user.emails[0].address, is_primary: false, is_verified: false});
				break;
			}

			case 'email.verified-missing': {
				delete user.emails[0].is_verified;
				break;
			}

			case 'email.uppercase': {
				const email = user.emails[0];
				email.address = email.address[0].toUpperCase() + email.address.slice(1).replace('@', '@Mail.');
				break;
			}

			case 'password.2b': {
				user.password = {password: this.bcrypt('$2b$')};
				break;
			}

			case 'password.bad-prefix': {
				user.password = {password: `$argon2id$v=19$m=65536,t=3,p=4$${this.chars(base64Chars, 22)}$${this.chars(base64Chars, 43)}`};
				break;
			}

			case 'username.empty': {
				user.username = '';
				break;
			}

			case 'user.no-identifier': {
				delete user.emails;
				delete user.username;
				break;
			}

			case 'webauthn.missing-public-key': {
				delete this.ensureCredential(user).public_key;
				break;
			}

			case 'webauthn.duplicate-id': {
				const cred = this.ensureCredential(user);
				user.webauthn_credentials.push({...this.credential(user.user_id, Date.UTC(2021, 0, 1)), id: cred.id});
				break;
			}

			case 'webauthn.duplicate-transport': {
				this.ensureCredential(user).transports = ['usb', 'nfc', 'usb'];
				break;
			}

			case 'webauthn.user-handle-mfa': {
				const cred = this.ensureCredential(user);
				cred.mfa_only = true;
				cred.user_handle = Buffer.from(user.user_id.replaceAll('-', ''), 'hex').toString('base64url');
				break;
			}

			case 'webauthn.aaguid-array': {
				this.ensureCredential(user).aaguid = Array.from({length: 16}, () => this.int(256));
				break;
			}

			case 'webauthn.aaguid-not-v4': {
				this.ensureCredential(user).aaguid = this.uuid(1);
				break;
			}

			case 'timestamp.no-zone': {
				user.created_at = user.created_at.slice(0, 19);
				break;
			}

			case 'timestamp.future': {
				user.created_at = '2099-01-01T00:00:00Z'; // Not updated_at: Hanko replaces it
				break;
			}

			case 'field.unknown': {
				user.phone_number = `+4930${String(index).padStart(8, '0')}`;
				break;
			}

			case 'type.is-primary-string': {
				user.emails[0].is_primary = String(user.emails[0].is_primary);
				break;
			}

			case 'type.emails-object': {
				user.emails = user.emails.find(email => email.is_primary);
				break;
			}

			case 'duplicate.user-id': {
				user.user_id = this.pick(this.recentIds);
				break;
			}

			case 'duplicate.email': {
				user.emails = [{address: this.pick(this.recentEmails), is_primary: true, is_verified: true}];
				break;
			}

			case 'duplicate.username': {
				user.username = this.recentUsernames.length > 0 ? this.pick(this.recentUsernames) : 'anna_meyer_0';
				break;
			}

			case 'record.number': {
				return 42;
			}

			default: {
				throw new Error(`unknown problem kind ${kind}`);
			}
		}

		return user;
	}
}

function indent(json) {
	return json.replaceAll('\n', '\n  ');
}

/**
 * Writes users-N.json, users-N.strict.json and users-N.manifest.json (written last: its presence
 * means the set is complete). Returns the manifest with the paths.
 */
export function generate(records, dir = defaultDir(), log = () => {}) {
	const paths = datasetPaths(records, dir);
	mkdirSync(dir, {recursive: true});
	const partial = `${paths.file}.partial`;
	const fd = openSync(partial, 'w');
	const factory = new UserFactory(makeRng(seed ^ records));
	const counts = Object.fromEntries(problemKinds.map(kind => [kind, 0]));
	const syntaxRecord = Math.floor(records / 2);
	let syntaxOffset = -1;
	let problems = 0;
	let bytes = 0;
	let pending = '[\n';
	const flush = () => {
		bytes += writeSync(fd, pending);
		pending = '';
	};

	const started = Date.now();
	let lastLog = started;
	for (let i = 0; i < records; i++) {
		const user = factory.valid(i);
		let value = user;
		let text;
		if (i === syntaxRecord) {
			// A trailing comma after the last member: `..."updated_at": "..." ,\n  }` style. The record's
			// brackets are intact, so a framer can still find where it ends.
			text = indent(JSON.stringify(user, null, 2));
			const close = text.lastIndexOf('\n');
			text = `${text.slice(0, close)},${text.slice(close)}`;
			flush();
			syntaxOffset = bytes + 2 + Buffer.byteLength(text.slice(0, close));
		} else {
			if (i > 100 && factory.float() < problemRate) {
				const kind = problemKinds[problems % problemKinds.length];
				problems++;
				counts[kind]++;
				value = factory.inject(user, kind, i);
			} else {
				factory.remember(user);
			}

			text = typeof value === 'object' ? indent(JSON.stringify(value, null, 2)) : JSON.stringify(value);
		}

		pending += `  ${text}${i === records - 1 ? '\n' : ',\n'}`;
		if (pending.length > 1 << 20) flush();
		if ((i & 0xffff) === 0 && Date.now() - lastLog > 5000) {
			lastLog = Date.now();
			log(`  generated ${i.toLocaleString('en-US')} / ${records.toLocaleString('en-US')} users (${(bytes / 1e6).toFixed(0)} MB)`);
		}
	}

	pending += ']\n';
	flush();
	closeSync(fd);

	// Check the offset really is the injected comma before making the twin.
	const probe = Buffer.alloc(1);
	const check = openSync(partial, 'r');
	readSync(check, probe, 0, 1, syntaxOffset);
	closeSync(check);
	if (probe[0] !== 0x2c) throw new Error(`internal: no comma at ${syntaxOffset}`);

	const strictPartial = `${paths.strictFile}.partial`;
	copyFileSync(partial, strictPartial);
	const twin = openSync(strictPartial, 'r+');
	writeSync(twin, ' ', syntaxOffset);
	closeSync(twin);
	renameSync(partial, paths.file);
	renameSync(strictPartial, paths.strictFile);

	const manifest = {
		generatorVersion,
		seed,
		records,
		bytes,
		problemRecords: problems + 1,
		problems: {...counts, 'json.trailing-comma': 1},
		syntaxError: {record: syntaxRecord, offset: syntaxOffset},
		secondsToGenerate: (Date.now() - started) / 1000,
	};
	writeFileSync(paths.manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
	return {...manifest, ...paths};
}

/** The data set for `records` users, generated unless a complete one of this generator version exists. */
export function ensureDataset(records, {dir = defaultDir(), force = false, log = () => {}} = {}) {
	const paths = datasetPaths(records, dir);
	if (!force && existsSync(paths.manifestFile) && existsSync(paths.file) && existsSync(paths.strictFile)) {
		const manifest = JSON.parse(readFileSync(paths.manifestFile, 'utf8'));
		if (
			manifest.generatorVersion === generatorVersion &&
			statSync(paths.file).size === manifest.bytes &&
			statSync(paths.strictFile).size === manifest.bytes
		) {
			return {...manifest, ...paths};
		}
	}

	for (const file of [paths.manifestFile, paths.file, paths.strictFile]) rmSync(file, {force: true});
	log(`Generating ${records.toLocaleString('en-US')} users into ${paths.file} ...`);
	const result = generate(records, dir, log);
	log(`  done: ${(result.bytes / 1e6).toFixed(0)} MB in ${result.secondsToGenerate.toFixed(1)} s`);
	return result;
}

export function parseRecordsOption(argv) {
	const at = argv.indexOf('--records');
	if (at >= 0) {
		const value = Number(argv[at + 1]);
		if (!Number.isInteger(value) || value < 1) throw new Error('--records needs a whole number, 1 or more');
		return value;
	}

	return argv.includes('--big') || /^(1|true|yes)$/i.test(process.env.HANKO_BENCH_BIG ?? '') ? bigRecords : defaultRecords;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const argv = process.argv.slice(2);
	const dirAt = argv.indexOf('--dir');
	const result = ensureDataset(parseRecordsOption(argv), {
		dir: dirAt >= 0 ? argv[dirAt + 1] : defaultDir(),
		force: argv.includes('--force'),
		log: message => console.error(message),
	});
	console.log(JSON.stringify(result, null, 2));
}
