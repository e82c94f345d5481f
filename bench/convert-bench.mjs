// `hanko-tui convert` of an Auth0 export against `hanko-tui validate` of a Hanko import file of the
// same size. Target: convert takes at most 1.5x the time of validate.
//
// Options
//   --users N   Auth0 users to generate (default 1,000,000; e.g. 100000 for a quick check)
//   --keep      keep the generated files (their folder is printed) instead of removing them
//
// Data, generated into a temporary folder under os.tmpdir() (removed at the end) from a seeded PRNG,
// so every run writes the same bytes:
// - users.auth0.ndjson: N users in the shape of Auth0's user export, one object a line. About 90%
//   database users ("auth0|<24 hex>", identity provider auth0 in Username-Password-Authentication),
//   10% Google users ("google-oauth2|<21 digits>"); emails unique; some with username, names,
//   picture, metadata, a few with a phone number or MFA, about 1 in 10,000 blocked.
// - passwords.ndjson: Auth0's password-hash export for every database user:
//   {"_id":{"$oid":"<24 hex>"},"email":"...","passwordHash":"$2b$10$<53 chars>"}.
// - users.hanko.json: a valid Hanko import file, pretty-printed (the layout of
//   JSON.stringify(users, null, 2), like the validation bench's data): one primary verified email
//   each, 30% with a username, 80% with a bcrypt password. Users are added until the file is as large
//   as the Auth0 export (within one user's bytes), so the two files have the same size, not the same
//   number of users; both counts are reported.
//
// Timed one after the other, each as a child process (wall time from spawn to exit, peak RSS as in
// run.mjs, see measure-child.mjs), after one read of the files to warm the page cache:
//   validate: node dist/cli.js validate users.hanko.json --json
//   convert:  node dist/cli.js convert users.auth0.ndjson --passwords passwords.ndjson --out out.json --json
// (convert validates the file it wrote at the end). Their stdout goes to a file in the temporary
// folder instead of /dev/null, so the run can check that validate found no errors and that the
// converted file is valid. Results: bench/results/convert-latest.json (1M users) or
// convert-latest-N.json.

import {
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	closeSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import {once} from 'node:events';
import {finished} from 'node:stream/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {RandomValues} from './generate.mjs';
import {gitState, machineInfo, measureNode, warmCache} from './measure-child.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(benchDir);
const cli = path.join(repoDir, 'dist/cli.js');
const defaultUsers = 1_000_000;
const target = {convertVsValidate: 1.5};
const seed = 0x41_55_54_48; // "AUTH"

// ---------------------------------------------------------------------------------------------
// Generation

/** mulberry32: a fast 32-bit PRNG, enough for test data. */
function makeRng(seedValue) {
	let state = seedValue >>> 0;
	return () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return (t ^ (t >>> 14)) >>> 0;
	};
}

// [as written, as in an email address]
const firstNames = [
	['Anna', 'anna'],
	['Ben', 'ben'],
	['Clara', 'clara'],
	['David', 'david'],
	['Emma', 'emma'],
	['Felix', 'felix'],
	['Greta', 'greta'],
	['Hugo', 'hugo'],
	['Ida', 'ida'],
	['Jonas', 'jonas'],
	['Karla', 'karla'],
	['Leon', 'leon'],
	['Mia', 'mia'],
	['Noah', 'noah'],
	['Olivia', 'olivia'],
	['Paul', 'paul'],
	['Rosa', 'rosa'],
	['Samuel', 'samuel'],
	['Tara', 'tara'],
	['William', 'william'],
	['Yusuf', 'yusuf'],
	['Amir', 'amir'],
	['Chen', 'chen'],
	['Fatima', 'fatima'],
	['Hiro', 'hiro'],
	['Jürgen', 'juergen'],
	['Søren', 'soeren'],
	['Zoë', 'zoe'],
	['José', 'jose'],
	['Chloé', 'chloe'],
];
const lastNames = [
	['Meyer', 'meyer'],
	['Schmidt', 'schmidt'],
	['Smith', 'smith'],
	['Jones', 'jones'],
	['Garcia', 'garcia'],
	['Martin', 'martin'],
	['Rossi', 'rossi'],
	['Novak', 'novak'],
	['Kowalski', 'kowalski'],
	['Nguyen', 'nguyen'],
	['Kim', 'kim'],
	['Tanaka', 'tanaka'],
	['Silva', 'silva'],
	['Dubois', 'dubois'],
	['Larsen', 'larsen'],
	['Yilmaz', 'yilmaz'],
	['Okafor', 'okafor'],
	['Cohen', 'cohen'],
	['Murphy', 'murphy'],
	['Müller', 'mueller'],
	['Öztürk', 'oeztuerk'],
];
const domains = [
	'example.com',
	'example.org',
	'mail.example.net',
	'corp.example.io',
	'beispiel.de',
	'exemple.fr',
	'ejemplo.es',
	'users.example.co.uk',
];
const roles = ['user', 'admin', 'editor', 'viewer', 'billing'];
const plans = ['free', 'pro', 'team', 'enterprise'];
const locales = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'ja-JP', 'pt-BR'];
const from2016 = Date.UTC(2016, 0, 1);
const to2024 = Date.UTC(2024, 11, 31);

/** Random values from mulberry32: numbers one by one, text from a pool of random bytes. */
class Random extends RandomValues {
	constructor(seedValue) {
		super(makeRng(seedValue));
		this.pool = Buffer.alloc(64 << 10);
		this.words = new Uint32Array(this.pool.buffer, this.pool.byteOffset, this.pool.length / 4);
		this.at = this.pool.length;
	}

	/** Where `n` fresh random bytes start in `this.pool`. */
	bytes(n) {
		if (this.at + n > this.pool.length) {
			for (let i = 0; i < this.words.length; i++) this.words[i] = this.next();
			this.at = 0;
		}

		const start = this.at;
		this.at += n;
		return start;
	}

	/** `n` (even) hex digits. */
	hex(n) {
		const start = this.bytes(n / 2);
		return this.pool.toString('hex', start, start + n / 2);
	}

	/** `n` characters of base64 (`url`: base64url), from 3 bytes a 4 characters. */
	base64(n, url = false) {
		const start = this.bytes(Math.ceil((n * 3) / 4));
		return this.pool.toString(url ? 'base64url' : 'base64', start, start + Math.ceil((n * 3) / 4)).slice(0, n);
	}

	/**
	 * A bcrypt hash's 53 characters of salt and hash, in bcrypt's alphabet (./A-Za-z0-9), the last one
	 * with its two low bits zero as in a real digest (else no password matches it, and convert resets it).
	 */
	bcrypt53() {
		return this.base64(52).replaceAll('+', '.') + '.CGKOSWaeimquy26'[this.int(16)];
	}

	digits(n) {
		let out = String(1 + this.int(9));
		while (out.length < n) out += String(this.next() % 1_000_000_000).padStart(9, '0');
		return out.slice(0, n);
	}

	/** A lowercase version 4 UUID. */
	uuid() {
		const {pool} = this;
		const s = this.bytes(16);
		pool[s + 6] = (pool[s + 6] & 0x0f) | 0x40;
		pool[s + 8] = (pool[s + 8] & 0x3f) | 0x80;
		return `${hex2[pool[s]]}${hex2[pool[s + 1]]}${hex2[pool[s + 2]]}${hex2[pool[s + 3]]}-${hex2[pool[s + 4]]}${hex2[pool[s + 5]]}-${hex2[pool[s + 6]]}${hex2[pool[s + 7]]}-${hex2[pool[s + 8]]}${hex2[pool[s + 9]]}-${hex2[pool[s + 10]]}${hex2[pool[s + 11]]}${hex2[pool[s + 12]]}${hex2[pool[s + 13]]}${hex2[pool[s + 14]]}${hex2[pool[s + 15]]}`;
	}

	time(fromMs, toMs) {
		return fromMs + Math.floor(this.float() * (toMs - fromMs));
	}
}

const hex2 = Array.from({length: 256}, (_, value) => value.toString(16).padStart(2, '0'));
const pad2 = Array.from({length: 100}, (_, value) => String(value).padStart(2, '0'));
const pad3 = Array.from({length: 1000}, (_, value) => String(value).padStart(3, '0'));
const dayPrefixes = new Map();

/** `new Date(ms).toISOString()`, the date part cached: several times faster than toISOString. */
function iso(ms) {
	const day = Math.floor(ms / 86_400_000);
	let prefix = dayPrefixes.get(day);
	if (prefix === undefined) {
		prefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
		dayPrefixes.set(day, prefix);
	}

	let rest = ms - day * 86_400_000;
	const millis = rest % 1000;
	rest = (rest - millis) / 1000;
	const seconds = rest % 60;
	rest = (rest - seconds) / 60;
	return `${prefix}${pad2[Math.floor(rest / 60)]}:${pad2[rest % 60]}:${pad2[seconds]}.${pad3[millis]}Z`;
}

/** Writes text through an 8 MB buffer into a stream, chunk by chunk; `full` says when to `await flush()`. */
class ChunkWriter {
	static size = 8 << 20;

	constructor(file, encoding = 'utf8') {
		// Room for a few chunks in flight, so generating goes on while the disk writes
		this.stream = createWriteStream(file, {highWaterMark: 4 * ChunkWriter.size});
		this.write =
			encoding === 'latin1' ? (text, at) => this.buffer.latin1Write(text, at) : (text, at) => this.buffer.utf8Write(text, at);
		this.buffer = Buffer.allocUnsafe(ChunkWriter.size);
		this.used = 0;
		this.bytes = 0;
	}

	/** `text` must be shorter than 64 kB; with 'latin1', ASCII only. */
	add(text) {
		this.used += this.write(text, this.used);
	}

	get full() {
		return this.used >= ChunkWriter.size - (64 << 10);
	}

	async flush() {
		if (this.used === 0) return;
		const chunk = this.buffer.subarray(0, this.used);
		this.bytes += this.used;
		this.buffer = Buffer.allocUnsafe(ChunkWriter.size); // the stream holds on to the chunk until written
		this.used = 0;
		if (!this.stream.write(chunk)) await once(this.stream, 'drain');
	}

	async close() {
		await this.flush();
		this.stream.end();
		await finished(this.stream);
		return this.bytes;
	}
}

/** The Auth0 user export and its password-hash export. */
async function generateAuth0(users, file, passwordFile) {
	const random = new Random(seed);
	const out = new ChunkWriter(file);
	const hashes = new ChunkWriter(passwordFile);
	const counts = {users, database: 0, social: 0, blocked: 0, withUsername: 0, withPhone: 0, withMetadata: 0, withMfa: 0, passwords: 0};
	for (let i = 0; i < users; i++) {
		const [first, firstAscii] = random.pick(firstNames);
		const [last, lastAscii] = random.pick(lastNames);
		const local = `${firstAscii}.${lastAscii}.${i}`;
		const social = random.float() < 0.1;
		const created = random.time(from2016, Date.UTC(2024, 5, 30));
		const updated = random.time(created, to2024);
		const lastLogin = random.time(created, updated);
		const times = `"created_at":"${iso(created)}","updated_at":"${iso(updated)}","last_login":"${iso(lastLogin)}","last_ip":"203.0.113.${random.int(256)}","logins_count":${1 + random.int(400)}`;
		let line;
		if (social) {
			counts.social++;
			const googleId = random.digits(21);
			const email = `${local}@gmail.com`;
			line = `{"user_id":"google-oauth2|${googleId}","email":"${email}","email_verified":true,"name":"${first} ${last}","given_name":"${first}","family_name":"${last}","nickname":"${local}","picture":"https://lh3.googleusercontent.com/a/ACg8oc${random.base64(40, true)}=s96-c","locale":"${random.pick(locales).slice(0, 2)}",${times},"identities":[{"provider":"google-oauth2","user_id":"${googleId}","connection":"google-oauth2","isSocial":true}]`;
		} else {
			counts.database++;
			const id = random.hex(24);
			const email = `${local}@${random.pick(domains)}`;
			line = `{"user_id":"auth0|${id}","email":"${email}","email_verified":${random.float() < 0.85}`;
			if (random.float() < 0.3) {
				counts.withUsername++;
				line += `,"username":"${firstAscii}_${lastAscii}_${i}"`;
			}

			const named = random.float();
			if (named < 0.4) line += `,"name":"${first} ${last}","given_name":"${first}","family_name":"${last}"`;
			else if (named < 0.6) line += `,"name":"${first} ${last}"`;
			line += `,"nickname":"${local}"`;
			if (random.float() < 0.7)
				line += `,"picture":"https://s.gravatar.com/avatar/${random.hex(32)}?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2F${firstAscii[0]}${lastAscii[0]}.png"`;
			if (random.float() < 0.03) {
				counts.withPhone++;
				line += `,"phone_number":"+4930${String(i).padStart(8, '0')}","phone_verified":${random.float() < 0.5}`;
			}

			line += `,${times},"identities":[{"provider":"auth0","user_id":"${id}","connection":"Username-Password-Authentication","isSocial":false}]`;
			if (random.float() < 0.01) {
				counts.withMfa++;
				line += ',"multifactor":["guardian"]';
			}

			hashes.add(`{"_id":{"$oid":"${id}"},"email":"${email}","passwordHash":"$2b$10$${random.bcrypt53()}"}\n`);
			counts.passwords++;
		}

		const metadata = random.float();
		if (metadata < 0.2)
			line += `,"app_metadata":{"roles":["${random.pick(roles)}"],"plan":"${random.pick(plans)}","tenant_id":"${random.hex(8)}"}`;
		if (metadata < 0.05 || (metadata >= 0.2 && metadata < 0.35))
			line += `,"user_metadata":{"locale":"${random.pick(locales)}","newsletter":${random.float() < 0.5},"theme":"${random.float() < 0.5 ? 'dark' : 'light'}"}`;
		if (metadata < 0.35) counts.withMetadata++;
		if (random.float() < 0.0001) {
			counts.blocked++;
			line += ',"blocked":true';
		}

		out.add(`${line}}\n`);
		if (out.full) await out.flush();
		if (hashes.full) await hashes.flush();
	}

	return {...counts, bytes: await out.close(), passwordBytes: await hashes.close()};
}

/** A valid Hanko import file, pretty-printed, with users added until it is `targetBytes` long. */
async function generateHanko(targetBytes, file) {
	const random = new Random(seed ^ 0x48_4e_4b_4f);
	const out = new ChunkWriter(file, 'latin1');
	const closing = '\n]\n';
	let bytes = 2; // "[\n"
	out.add('[\n');
	let users = 0;
	while (users === 0 || bytes + closing.length < targetBytes) {
		const [, first] = random.pick(firstNames);
		const [, last] = random.pick(lastNames);
		const created = random.time(from2016, to2024);
		let user = `${users === 0 ? '' : ',\n'}  {\n    "user_id": "${random.uuid()}",\n    "emails": [\n      {\n        "address": "${first}.${last}.${users}@${random.pick(domains)}",\n        "is_primary": true,\n        "is_verified": true\n      }\n    ],`;
		if (random.float() < 0.3) user += `\n    "username": "${first}_${last}_${users}",`;
		if (random.float() < 0.8) user += `\n    "password": {\n      "password": "$2a$10$${random.bcrypt53()}"\n    },`;
		user += `\n    "created_at": "${iso(created)}",\n    "updated_at": "${iso(random.time(created, to2024 + 1))}"\n  }`;
		out.add(user);
		bytes += user.length; // ASCII only
		users++;
		if (out.full) await out.flush();
	}

	out.add(closing);
	return {users, bytes: await out.close()};
}

// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
	const known = new Set(['--users', '--keep']);
	for (const [index, arg] of argv.entries()) {
		if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown option ${arg} (known: --users N, --keep)`);
		if (!arg.startsWith('--') && argv[index - 1] !== '--users') throw new Error(`unexpected argument ${arg}`);
	}

	const users = argv.includes('--users') ? Number(argv[argv.indexOf('--users') + 1]) : defaultUsers;
	if (!Number.isInteger(users) || users < 1) throw new Error('--users needs a whole number, 1 or more');
	return {users, keep: argv.includes('--keep')};
}

/** Runs `node dist/cli.js <args>` timed, its stdout into `stdoutFile`; returns the measure and the parsed JSON it printed. */
async function runCli(args, stdoutFile, work) {
	const fd = openSync(stdoutFile, 'w');
	let result;
	try {
		result = await measureNode([cli, ...args], {stdout: fd, timeFile: path.join(work, 'time.txt')});
	} finally {
		closeSync(fd);
	}

	try {
		result.json = JSON.parse(readFileSync(stdoutFile, 'utf8'));
	} catch {}

	return result;
}

const mb = bytes => (bytes / 1e6).toFixed(1);
const count = value => value.toLocaleString('en-US');
const round = (value, digits) => (value === undefined ? undefined : Number(value.toFixed(digits)));

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const code = gitState(repoDir); // before the run: the commit whose build is measured, if nobody rebuilds meanwhile
	if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` (npm run bench does)');
	const log = message => console.error(message);
	const work = mkdtempSync(path.join(os.tmpdir(), 'hanko-convert-bench-'));
	const cleanUp = () => {
		if (!options.keep) rmSync(work, {recursive: true, force: true});
	};

	process.once('exit', cleanUp);
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			cleanUp();
			process.exit(signal === 'SIGINT' ? 130 : 143);
		});
	}

	const files = {
		auth0: path.join(work, 'users.auth0.ndjson'),
		passwords: path.join(work, 'passwords.ndjson'),
		hanko: path.join(work, 'users.hanko.json'),
		out: path.join(work, 'out.json'),
	};

	log(`Generating ${count(options.users)} Auth0 users in ${work} ...`);
	let started = performance.now();
	const auth0 = await generateAuth0(options.users, files.auth0, files.passwords);
	const auth0Seconds = (performance.now() - started) / 1000;
	log(
		`  ${mb(auth0.bytes)} MB (${count(auth0.database)} database, ${count(auth0.social)} Google, ${count(auth0.blocked)} blocked), passwords ${mb(auth0.passwordBytes)} MB, ${auth0Seconds.toFixed(1)} s`,
	);
	log('Generating a Hanko import file of the same size ...');
	started = performance.now();
	const hanko = await generateHanko(auth0.bytes, files.hanko);
	const hankoSeconds = (performance.now() - started) / 1000;
	const sizeDifference = (hanko.bytes - auth0.bytes) / auth0.bytes;
	log(
		`  ${mb(hanko.bytes)} MB, ${count(hanko.users)} users (${(sizeDifference * 100).toFixed(3)}% from the Auth0 file), ${hankoSeconds.toFixed(1)} s`,
	);
	if (statSync(files.hanko).size !== hanko.bytes || statSync(files.auth0).size !== auth0.bytes)
		throw new Error('generated sizes do not match the files');
	if (Math.abs(sizeDifference) > 0.02) throw new Error('the Hanko file is not within 2% of the Auth0 file');

	log('Warming the page cache ...');
	await warmCache([files.hanko, files.auth0, files.passwords]);

	log('Running hanko-tui validate ...');
	const validate = await runCli(['validate', files.hanko, '--json'], path.join(work, 'validate.out.json'), work);
	const validated = validate.json;
	const validateOk = validate.code === 0 && validated?.invalid === 0 && validated.fatal === null && validated.records === hanko.users;
	log(
		`  ${validate.seconds.toFixed(2)} s, ${validate.peakRssMB.toFixed(0)} MB, exit ${validate.code}: ${validated ? `${count(validated.records)} records, ${count(validated.invalid)} invalid, ${count(validated.warnings)} warnings` : 'no report'}`,
	);

	log('Running hanko-tui convert ...');
	const convert = await runCli(
		['convert', files.auth0, '--passwords', files.passwords, '--out', files.out, '--json'],
		path.join(work, 'convert.out.json'),
		work,
	);
	const converted = convert.json;
	const convertOk =
		convert.code === 0 && converted?.output?.invalid === 0 && converted.output.fatal === null && converted.report.users === auth0.users;
	const outBytes = existsSync(files.out) ? statSync(files.out).size : 0;
	const rejected = converted ? Object.values(converted.report.rejected).reduce((sum, n) => sum + n, 0) : 0;
	log(
		`  ${convert.seconds.toFixed(2)} s, ${convert.peakRssMB.toFixed(0)} MB, exit ${convert.code}: ${converted ? `${count(converted.report.users)} read, ${count(converted.report.written)} written (${mb(outBytes)} MB), ${count(rejected)} rejected, output ${count(converted.output.invalid)} invalid` : 'no report'}`,
	);

	const ratio = convert.seconds / validate.seconds;
	const pass = validateOk && convertOk && ratio <= target.convertVsValidate;
	const cpus = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}`;
	console.log('');
	console.log(
		`convert bench: ${count(auth0.users)} Auth0 users, ${mb(auth0.bytes)} MB (+ ${mb(auth0.passwordBytes)} MB of password hashes) against ${count(hanko.users)} Hanko users, ${mb(hanko.bytes)} MB (${cpus})`,
	);
	console.log('');
	const rows = [
		['command', 'seconds', 'peak RSS MB', 'CPU s', 'others', 'vs validate'],
		[
			'hanko-tui validate (Hanko file)',
			validate.seconds.toFixed(2),
			validate.peakRssMB.toFixed(0),
			validate.cpuSeconds?.toFixed(2) ?? '-',
			validate.othersCores?.toFixed(2) ?? '-',
			'',
		],
		[
			'hanko-tui convert (Auth0 export)',
			convert.seconds.toFixed(2),
			convert.peakRssMB.toFixed(0),
			convert.cpuSeconds?.toFixed(2) ?? '-',
			convert.othersCores?.toFixed(2) ?? '-',
			`${ratio.toFixed(2)}x`,
		],
	];
	const widths = rows[0].map((_, column) => Math.max(...rows.map(row => row[column].length)));
	for (const [index, row] of rows.entries()) {
		console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
		if (index === 0) console.log(widths.map(width => '-'.repeat(width)).join('  '));
	}

	console.log('(CPU s: user+system CPU time of the command; others: cores other processes kept busy meanwhile, on average)');
	if ([validate, convert].some(result => (result.othersCores ?? 0) > 0.25))
		console.log('WARNING: other processes used the CPU during the run: the figures are not reliable');
	console.log('');
	console.log(
		`${validateOk ? 'PASS' : 'FAIL'}  validate finds the Hanko file valid: exit ${validate.code}, ${validated ? `${count(validated.records)} records, ${count(validated.invalid)} invalid` : 'no report'}`,
	);
	console.log(
		`${convertOk ? 'PASS' : 'FAIL'}  convert reads every user and its output is valid: exit ${convert.code}${converted ? `, ${count(converted.report.users)} read, output ${count(converted.output.invalid)} invalid` : ''}`,
	);
	console.log(
		`${ratio <= target.convertVsValidate ? 'PASS' : 'FAIL'}  convert <= ${target.convertVsValidate}x the time of validate: ${ratio.toFixed(2)}x`,
	);

	const results = {
		date: new Date().toISOString(),
		code,
		machine: machineInfo(),
		seed,
		auth0: {...auth0, generateSeconds: round(auth0Seconds, 2)},
		hanko: {
			users: hanko.users,
			bytes: hanko.bytes,
			sizeDifferencePercent: round(sizeDifference * 100, 3),
			layout: 'pretty-printed (JSON.stringify(users, null, 2))',
			generateSeconds: round(hankoSeconds, 2),
		},
		validate: {
			seconds: round(validate.seconds, 3),
			peakRssMB: round(validate.peakRssMB, 1),
			cpuSeconds: round(validate.cpuSeconds, 2),
			otherProcessesCores: round(validate.othersCores, 2),
			exitCode: validate.code,
			records: validated?.records,
			invalid: validated?.invalid,
			warnings: validated?.warnings,
		},
		convert: {
			seconds: round(convert.seconds, 3),
			peakRssMB: round(convert.peakRssMB, 1),
			cpuSeconds: round(convert.cpuSeconds, 2),
			otherProcessesCores: round(convert.othersCores, 2),
			exitCode: convert.code,
			outputBytes: outBytes,
			report: converted?.report,
			output: converted
				? {
						records: converted.output.records,
						invalid: converted.output.invalid,
						warnings: converted.output.warnings,
						byCode: converted.output.byCode,
					}
				: undefined,
		},
		convertVsValidate: round(ratio, 3),
		targets: [
			{name: 'validate finds the Hanko file valid', status: validateOk ? 'PASS' : 'FAIL'},
			{name: 'convert reads every user and its output is valid', status: convertOk ? 'PASS' : 'FAIL'},
			{
				name: `convert <= ${target.convertVsValidate}x the time of validate`,
				value: round(ratio, 3),
				limit: target.convertVsValidate,
				status: ratio <= target.convertVsValidate ? 'PASS' : 'FAIL',
			},
		],
		pass,
	};
	const resultsDir = path.join(benchDir, 'results');
	mkdirSync(resultsDir, {recursive: true});
	const name = options.users === defaultUsers ? 'convert-latest.json' : `convert-latest-${options.users}.json`;
	writeFileSync(path.join(resultsDir, name), `${JSON.stringify(results, null, 2)}\n`);
	console.log('');
	console.log(`Results written to bench/results/${name}${options.keep ? `; files kept in ${work}` : ''}`);
	// A missed speed target is reported, as export-bench.mjs does; a run that went wrong fails
	if (!validateOk || !convertOk) {
		console.error(`validate stderr: ${validate.stderr.trim()}\nconvert stderr: ${convert.stderr.trim()}`);
		process.exitCode = 1;
	}
}

try {
	await main();
} catch (error) {
	console.error(`convert bench: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 2;
}
