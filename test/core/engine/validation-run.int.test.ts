import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {type RunOptions, ValidationRun} from '../../../source/core/engine/validation-run.js';
import {type ValidationReport, buildReport} from '../../../source/core/report/validation-report.js';
import {ruleList} from '../../../source/core/rules/catalogue.js';
import {checkRecordValue, ruleContext} from '../../../source/core/rules/validate-record.js';
import {keyEntries} from '../../../source/core/engine/unique-hash.js';
import {duplicateCodes} from '../../../source/core/engine/duplicate-confirmation.js';
import {mergeWindow} from '../../../source/core/engine/batch-types.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const fixtures = path.resolve('fixtures');
const now = Date.parse('2026-01-01T00:00:00Z');

async function validate(file: string, checkers = 2, options: RunOptions = {}): Promise<ValidationReport> {
	const run = new ValidationRun(file, {now, checkers, ...options}).start();
	await run.finished();
	return buildReport(run);
}

function makeUser(i: number): Record<string, unknown> {
	const hex = i.toString(16).padStart(12, '0');
	return {
		user_id: `00000000-0000-4000-8000-${hex}`,
		emails: [{address: `user${i}@example.com`, is_primary: true, is_verified: true}],
		username: `user${i}`,
	};
}

describe('ValidationRun on the fixtures', () => {
	it('finds every rule of the catalogue in broken.json, but those of another kind of file and of older Hankos', async () => {
		const report = await validate(path.join(fixtures, 'broken.json'));
		const elsewhere = new Set(['file.ndjson', 'file.compressed', 'file.console-size', 'user-id.uppercase']);
		expect(Object.keys(report.byCode).sort()).toEqual(
			ruleList
				.map(rule => rule.code)
				.filter(code => !elsewhere.has(code))
				.sort(),
		);
		expect(report.fatal).toBeNull();
		expect(report.valid + report.invalid).toBe(report.records);
		expect(report).toMatchObject({records: 45, fileErrors: 1, hankoVersion: '3.0'});
		// Before 3.0.0 an upper-case user_id is refused
		const older = await validate(path.join(fixtures, 'broken.json'), 2, {hankoVersion: '2.7'});
		expect(older.byCode['user-id.uppercase']).toEqual({severity: 'error', count: 1});
		expect(older.hankoVersion).toBe('2.7');
	});

	it('accepts valid.json without a problem', async () => {
		const report = await validate(path.join(fixtures, 'valid.json'));
		expect(report).toMatchObject({
			format: 'json-array',
			records: 4,
			valid: 4,
			invalid: 0,
			fileErrors: 0,
			warnings: 0,
			issues: [],
			fatal: null,
		});
	});

	it('reads NDJSON, skipping blank lines, with line numbers, and says once that Hanko does not read NDJSON', async () => {
		const report = await validate(path.join(fixtures, 'sample.ndjson'));
		expect(report).toMatchObject({format: 'ndjson', compressed: false, records: 5, invalid: 1, fileErrors: 1});
		expect(report.issues.map(issue => [issue.record, issue.line, issue.code])).toEqual([
			[null, 1, 'file.ndjson'],
			[3, 5, 'json.syntax'],
		]);
		const older = await validate(path.join(fixtures, 'sample.ndjson'), 2, {hankoVersion: '2.7.0'});
		expect(older.issues.map(issue => [issue.record, issue.line, issue.code])).toContainEqual([2, 4, 'user-id.uppercase']);
	});

	it('reads a gzipped JSON array, detected from its content, and says once that Hanko does not read gzip', async () => {
		const report = await validate(path.join(fixtures, 'sample.json.gz'));
		expect(report).toMatchObject({format: 'json-array', compressed: true, records: 200, fileErrors: 1});
		expect(report.issues[0]).toMatchObject({record: null, code: 'file.compressed'});
	});
});

describe('ValidationRun on generated files', () => {
	const temp = useTempDir();

	it('agrees with a whole-file reference on a file of many batches, whatever the number of checkers', async () => {
		const users: unknown[] = [];
		for (let i = 0; i < 30_000; i++) {
			const user = makeUser(i);
			if (i % 997 === 5) user.emails = [{address: `user${i - 3}@EXAMPLE.com`, is_primary: true, is_verified: true}];
			if (i % 1009 === 7) user.user_id = makeUser(i - 1).user_id;
			if (i % 1013 === 9) user.username = `user${i - 5}`;
			if (i % 211 === 0) user.created_at = 'yesterday';
			users.push(user);
		}

		const file = path.join(temp(), 'many.json');
		writeFileSync(file, JSON.stringify(users, null, 2));

		// Reference: the whole file in memory, the same record rule, Maps for the duplicates
		const seen = new Map<string, number>();
		let invalid = 0;
		const expected: Array<[number, string]> = [];
		for (const [index, user] of users.entries()) {
			const {problems, keys} = checkRecordValue(user, {...ruleContext(now), decodePath: 'exact'});
			const codes = problems.map(problem => problem.code as string);
			for (const {kind, value} of keyEntries(keys)) {
				if (seen.has(`${kind}:${value}`)) codes.push(duplicateCodes[kind]);
				else seen.set(`${kind}:${value}`, index);
			}

			if (codes.some(code => code !== 'email.uppercase')) invalid++;
			for (const code of codes) expected.push([index, code]);
		}

		// One or three checkers; duplicates found in memory or, past a small budget, from spilled hashes;
		// records decoded through JSON.parse (the product) and by the exact decoder alone
		for (const [checkers, duplicateMemoryBudget, decodePath] of [
			[1, undefined, 'quick'],
			[3, undefined, 'quick'],
			[2, 500, 'quick'],
			[2, undefined, 'exact'],
		] as const) {
			const report = await validate(file, checkers, {duplicateMemoryBudget, decodePath});
			expect(report.records).toBe(users.length);
			expect(report.invalid).toBe(invalid);
			expect(report.issues.map(issue => [issue.record, issue.code])).toEqual(expected);
			expect(report.issuesTruncated).toBe(false);
		}
	}, 60_000);

	it('confirms duplicates against the real values: hash collisions are taken back', async () => {
		const users = Array.from({length: 300}, (_, i) => makeUser(i));
		users[250]!.emails = [{address: 'USER7@example.com', is_primary: true, is_verified: true}];
		users[260]!.username = 'user8';
		const file = path.join(temp(), 'collide.json');
		writeFileSync(file, JSON.stringify(users, null, 1));
		const strong = await validate(file);
		expect(strong.byCode).toEqual({
			'duplicate.email': {severity: 'error', count: 1},
			'duplicate.username': {severity: 'error', count: 1},
			'email.uppercase': {severity: 'warning', count: 1},
		});
		for (const duplicateMemoryBudget of [undefined, 50]) {
			// 16 buckets: collisions everywhere, in memory and in the spilled partitions

			const weak = await validate(file, 2, {hashMask: 0xf, duplicateMemoryBudget});
			expect(weak.byCode).toEqual(strong.byCode);
			expect(weak.issues).toEqual(strong.issues);
			expect([weak.valid, weak.invalid]).toEqual([298, 2]);
		}
	});

	it('reads any record again by index, with its position', async () => {
		const users = Array.from({length: 1000}, (_, i) => ({...makeUser(i), username: `ü-${i}`}));
		const text = JSON.stringify(users, null, 2);
		const lines = text.split('\n');
		const starts: Array<[number, number]> = [];
		for (const [index, line] of lines.entries()) if (line === '  {') starts.push([index + 1, 3]);
		const ndjson = users.map(user => `  ${JSON.stringify(user)}`).join('\n');
		const files = {
			'array.json': text,
			'array.json.gz': gzipSync(text),
			'lines.ndjson': ndjson,
			'lines.ndjson.gz': gzipSync(ndjson),
		};
		for (const [name, content] of Object.entries(files)) {
			const file = path.join(temp(), name);
			writeFileSync(file, content);
			const run = new ValidationRun(file, {now}).start();

			await run.finished();
			const reader = run.recordReader()!;
			const wanted = [0, 1, 63, 64, 65, 500, 998, 999];

			const found = await reader.readMany(wanted);
			for (const index of wanted) {
				const record = found.get(index)!;
				expect(JSON.parse(record.text), `${name} ${index}`).toEqual(users[index]);
				const [line, column] = name.startsWith('array') ? starts[index]! : [index + 1, 3];
				expect([record.line, record.column], `${name} ${index}`).toEqual([line, column]);
			}

			expect(await reader.read(1000)).toBeUndefined();
		}
	});

	it('publishes progress at a fixed rate while it runs, and once more at the end', async () => {
		const file = path.join(temp(), 'progress.ndjson');
		writeFileSync(file, Array.from({length: 40_000}, (_, i) => JSON.stringify(makeUser(i))).join('\n'));
		const run = new ValidationRun(file, {now, progressIntervalMs: 20});
		const seen: Array<{records: number; bytesRead: number; done: boolean; recordsPerSecond: number}> = [];
		run.on('progress', stats => seen.push({...stats}));
		run.start();
		const stats = await run.finished();
		expect(seen.length).toBeGreaterThan(2);
		expect(seen.at(-1)).toMatchObject({records: 40_000, done: true});
		expect(seen.at(-1)!.bytesRead).toBe(stats.header!.bytes);
		expect(seen.at(-1)!.recordsPerSecond).toBeGreaterThan(0);
		const records = seen.map(entry => entry.records);
		expect(records).toEqual([...records].sort((a, b) => a - b));
	});

	it('keeps counting past the cap of stored problems', async () => {
		const file = path.join(temp(), 'capped.ndjson');
		writeFileSync(file, Array.from({length: 50}, (_, i) => JSON.stringify({...makeUser(i), user_id: 'bad'})).join('\n'));
		const run = new ValidationRun(file, {now, maxStoredProblems: 10}).start();
		await run.finished();
		const report = buildReport(run);
		expect(report.issues).toHaveLength(10);
		expect(report.issuesTruncated).toBe(true);
		expect(report.byCode['user-id.invalid']!.count).toBe(50);
		expect(report.byCode['duplicate.user-id']!.count).toBe(49);
		expect(report.invalid).toBe(50);
	});

	it('holds the reader back while the coordinator merges nothing, so results never pile up unmerged', async () => {
		// Every record invalid, in some 20 batches of 256 kB, far more than the window
		const file = path.join(temp(), 'all-invalid.json');
		const count = 40_000;
		writeFileSync(
			file,
			`[${Array.from({length: count}, (_, i) => JSON.stringify({...makeUser(i), user_id: `not-a-uuid-${i}`, padding: 'x'.repeat(60)})).join(',\n')}]`,
		);
		const run = new ValidationRun(file, {now, checkers: 1, maxStoredProblems: 7}).start();
		// Keep this thread from merging anything for a while, as a slow coordinator would: the reader
		// can then read the whole file unless it waits for merges
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
		const stats = await run.finished();
		expect(stats.records).toBe(count);
		expect(stats.byCode.get('user-id.invalid')).toBe(count);
		expect(run.problems.size).toBe(7);
		expect(run.mostAhead).toBeGreaterThan(0);
		expect(run.mostAhead).toBeLessThanOrEqual(mergeWindow(1));
	});

	it.each([
		['the duplicate spill', false, 3000], // Its partitions are written at the end of the run
		['the key log', true, 0], // Written as the first batch is merged
	])('stops with one fatal line when %s cannot be written (a file size limit), and leaves nothing', (_, keepKeys, merged) => {
		const file = path.join(temp(), 'many.ndjson');
		writeFileSync(file, Array.from({length: 3000}, (_, i) => JSON.stringify(makeUser(i))).join('\n'));
		const spillDir = path.join(temp(), 'spill');
		mkdirSync(spillDir);
		// Under `ulimit -f 1` a write past 1 kB fails with EFBIG (node ignores SIGXFSZ)
		const script = path.join(temp(), 'run.mjs');
		writeFileSync(
			script,
			`
			import {ValidationRun} from ${JSON.stringify(path.resolve('dist/core/engine/validation-run.js'))};
			const run = new ValidationRun(${JSON.stringify(file)}, {now: ${now}, keepKeys: ${keepKeys}, duplicateMemoryBudget: 2, tempDir: ${JSON.stringify(spillDir)}}).start();
			const stats = await run.finished();
			console.log(JSON.stringify({fatal: stats.fatal, records: stats.records}));
		`,
		);
		const child = spawnSync('bash', ['-c', 'ulimit -f 1; exec "$0" "$1"', process.execPath, script], {encoding: 'utf8'});
		expect(child.stderr).toBe('');
		expect(child.status).toBe(0);
		const {fatal, records} = JSON.parse(child.stdout) as {fatal: {message: string}; records: number};
		expect(records).toBe(merged);
		expect(fatal.message).toBe(`cannot write temporary files in ${spillDir}: the file size limit is reached (ulimit -f)`);
		expect(readdirSync(spillDir)).toEqual([]);
	});

	it('keeps the first problems in record order when duplicates are found at the end', async () => {
		const users = Array.from({length: 200}, (_, i) => makeUser(i));
		users[3]!.username = 'user1'; // A duplicate early in the file
		for (let i = 100; i < 200; i++) users[i]!.user_id = 'not-a-uuid-' + i;
		const file = path.join(temp(), 'late.ndjson');
		writeFileSync(file, users.map(user => JSON.stringify(user)).join('\n'));
		const inMemory = await validate(file, 2, {maxStoredProblems: 5});
		const spillDir = path.join(temp(), 'spill');
		mkdirSync(spillDir);
		const spilled = await validate(file, 2, {maxStoredProblems: 5, duplicateMemoryBudget: 2, tempDir: spillDir});
		expect(spilled).toEqual(inMemory);
		expect(spilled.issues[0]).toMatchObject({record: null, code: 'file.ndjson'});
		expect(spilled.issues[1]).toMatchObject({
			record: 3,
			code: 'duplicate.username',
			message: 'username already used by record 1: rename or merge',
		});
		expect(spilled.issuesTruncated).toBe(true);
		expect([spilled.valid, spilled.invalid]).toEqual([99, 101]);
		expect(readdirSync(spillDir)).toEqual([]); // The spilled hashes are removed
	});

	it('names the earlier record in a duplicate and reports it on the later one', async () => {
		const file = path.join(temp(), 'dups.ndjson');
		const a = makeUser(1);
		const b = {...makeUser(2), emails: [{address: 'USER1@example.com', is_primary: true, is_verified: true}]};
		writeFileSync(file, `${JSON.stringify(a)}\n${JSON.stringify(makeUser(3))}\n${JSON.stringify(b)}\n`);
		const report = await validate(file);
		const duplicate = report.issues.find(issue => issue.code === 'duplicate.email');
		expect(duplicate).toMatchObject({record: 2, line: 3, column: 1, pointer: '/emails/0/address'});
		expect(duplicate!.message).toContain('record 0');
	});

	const fatalCases: Array<{name: string; content: string | Buffer; records: number; line: number; column: number; message: RegExp}> = [
		{
			name: 'truncated',
			content: `[\n${JSON.stringify(makeUser(1))},\n${JSON.stringify(makeUser(2)).slice(0, 30)}`,
			records: 1,
			line: 3,
			column: 31,
			message: /end of file inside record 1/,
		},
		{
			name: 'unclosed array',
			content: `[${JSON.stringify(makeUser(1))}`,
			records: 1,
			line: 1,
			column: 0,
			message: /array is not closed/,
		},
		{
			name: 'top-level object',
			content: '{\n  "users": []\n}\n',
			records: 0,
			line: 1,
			column: 1,
			message: /top-level value is an object/,
		},
		{
			name: 'a one-line object wrapping users',
			content: '{"users": [{"localId": "a1", "email": "ann@example.com"}]}\n',
			records: 0,
			line: 1,
			column: 1,
			message: /top-level value is an object.*hanko-tui convert/,
		},
		{name: 'not JSON', content: 'user_id,email\n1,a@x.io\n', records: 0, line: 1, column: 1, message: /not JSON/},
		{
			name: 'unbalanced',
			content: `[\n${JSON.stringify(makeUser(1))},\n{"emails": [}\n]`,
			records: 1,
			line: 3,
			column: 13,
			message: /unbalanced/,
		},
		{name: 'empty', content: '', records: 0, line: 1, column: 1, message: /^the file is empty$/},
		{
			name: 'whitespace only',
			content: '  \n',
			records: 0,
			line: 2,
			column: 1,
			message: /^the file holds no JSON, only 3 bytes of whitespace$/,
		},
	];

	it('skips megabytes of whitespace before the first byte across many pieces, keeping positions and the byte order mark', async () => {
		const padding = `${' '.repeat(1 << 20)}\n`.repeat(3);
		const file = path.join(temp(), 'padded.json');
		writeFileSync(
			file,
			Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${padding}  [{"user_id":"x","username":"bob"}]`)]),
		);
		const report = await validate(file);
		expect(report.records).toBe(1);
		expect(report.issues.map(issue => `${issue.code} ${issue.line}:${issue.column}`)).toEqual(
			expect.arrayContaining(['file.bom 1:1', 'user-id.invalid 4:4']),
		);
		const ndjson = path.join(temp(), 'padded.ndjson');
		writeFileSync(ndjson, `${padding}{"user_id":"x","username":"bob"}\n{"user_id":"y","username":"ann"}\n`);
		const lines = await validate(ndjson);
		expect(lines.records).toBe(2);
		expect(lines.issues.filter(issue => issue.code === 'user-id.invalid').map(issue => issue.line)).toEqual([4, 5]);
		const blank = path.join(temp(), 'blank.json');
		writeFileSync(blank, padding);
		const empty = await validate(blank);
		expect(empty.fatal).toMatchObject({
			line: 4,
			column: 1,
			message: `the file holds no JSON, only ${(3 * ((1 << 20) + 1)).toLocaleString('en-US')} bytes of whitespace`,
		});
		expect(empty.bytes).toBe(3 * ((1 << 20) + 1));
	});

	for (const {name, content, records, line, column, message} of fatalCases) {
		it(`stops with a fatal position on a file that is ${name}, counting the records before`, async () => {
			const file = path.join(temp(), `${name}.json`);
			writeFileSync(file, content);
			const report = await validate(file);
			expect(report.fatal?.message).toMatch(message);
			expect(report.records).toBe(records);
			expect(report.fatal!.line).toBe(line);
			if (column > 0) expect(report.fatal!.column).toBe(column);
		});
	}

	it('reads on past bytes that are not UTF-8 inside a string, which Go stores as U+FFFD: a warning where they start', async () => {
		const file = path.join(temp(), 'latin1.json');
		writeFileSync(
			file,
			Buffer.concat([
				Buffer.from(`[\n${JSON.stringify(makeUser(1))},\n{"username": "ab`),
				Buffer.from([0xc3, 0x28]),
				Buffer.from('"}\n]'),
			]),
		);
		const report = await validate(file);
		expect(report).toMatchObject({fatal: null, records: 2, invalid: 0});
		expect(report.issues.find(issue => issue.code === 'text.invalid-utf8')).toMatchObject({
			record: 1,
			line: 3,
			column: 17,
			severity: 'warning',
		});
	});

	it('stops at a record that never ends instead of holding the rest of the file in memory', async () => {
		const filler = 'a'.repeat(20 << 20);
		const json = path.join(temp(), 'open-quote.json');
		writeFileSync(json, `[\n  {"username": "ann"},\n  {"username": "${filler}"}\n]`);
		const report = await validate(json);
		expect(report.records).toBe(1);
		expect(report.fatal).toMatchObject({
			line: 3,
			column: 3,
			message: 'record 1 (starts at 3:3) is longer than 16 MB: a quote or bracket is probably not closed',
		});
		const ndjson = path.join(temp(), 'long-line.ndjson');
		writeFileSync(ndjson, `{"username": "ann"}\n{"username": "${filler}"}\n`);
		const lines = await validate(ndjson);
		expect(lines.records).toBe(1);
		expect(lines.fatal).toMatchObject({
			line: 2,
			column: 1,
			message: 'line 2 is longer than 16 MB without a line break: this is not one user a line',
		});
	});

	it('reports a file that cannot be opened', async () => {
		const report = await validate(path.join(temp(), 'missing.json'));
		expect(report.fatal?.message).toBe('cannot read the file: no such file');
		const directory = await validate(temp());
		expect(directory.fatal?.message).toBe('cannot read the file: is a directory, not a file');
	});

	it('reports a corrupt gzip file as fatal', async () => {
		const file = path.join(temp(), 'cut.json.gz');
		const zipped = gzipSync(JSON.stringify([makeUser(1), makeUser(2)]));
		writeFileSync(file, zipped.subarray(0, zipped.length - 12));
		const report = await validate(file);
		expect(report.fatal?.message).toMatch(/gzip/);

		// Cut in the middle of a large file: the records before the cut still count, and the line is near
		const big = path.join(temp(), 'half.json.gz');
		const users = Array.from({length: 20_000}, (_, i) => makeUser(i));
		const whole = gzipSync(JSON.stringify(users, null, 2), {level: 1});
		writeFileSync(big, whole.subarray(0, Math.floor(whole.length * 0.6)));
		const half = await validate(big);
		expect(half.fatal?.message).toMatch(/gzip|truncated/);
		expect(half.records).toBeGreaterThan(1000);
		expect(half.fatal!.line).toBeGreaterThan(half.records * 5);
	});
});

describe('ValidationRun on a FIFO', () => {
	const temp = useTempDir();

	it('validates it in one pass as it would the same bytes in a file, and offers no second read', async () => {
		const users = [...Array.from({length: 3000}, (_, i) => makeUser(i)), makeUser(7), {user_id: 'not a uuid'}];
		const bytes = gzipSync(JSON.stringify(users, null, 1));
		const plain = path.join(temp(), 'users.json.gz');
		writeFileSync(plain, bytes);
		const fifo = path.join(temp(), 'pipe');
		execFileSync('mkfifo', [fifo]);

		// The writer's open waits for the reader's: both go on together
		const writing = writeFile(fifo, bytes);
		const run = new ValidationRun(fifo, {now, checkers: 2}).start();
		await run.finished();
		await writing;
		expect(run.recordReader()).toBeUndefined();
		const {file: _, ...fromFifo} = buildReport(run);
		const {file: __, ...fromFile} = await validate(plain);
		expect(fromFifo).toEqual(fromFile);
		expect(fromFifo).toMatchObject({records: 3002, invalid: 2, bytes: bytes.length, fatal: null});
		expect(fromFifo.byCode['duplicate.user-id']).toEqual({severity: 'error', count: 1});
	});
});

describe('labels of the records with problems', () => {
	const temp = useTempDir();
	const user = (i: number, email = `user${i}@example.com`) => ({
		user_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
		emails: [{address: email, is_primary: true, is_verified: true}],
	});

	it.each([
		['confirmed', {}],
		['not confirmed (too many pairs), so read again at the end', {maxConfirmations: 0}],
		['spilled to disk and not confirmed', {maxConfirmations: 0, duplicateMemoryBudget: 1}],
	] as Array<[string, RunOptions]>)('are kept for records whose only problem is a duplicate found %s', async (_, options) => {
		const file = path.join(temp(), 'users.json.gz');
		const users = [
			...Array.from({length: 500}, (_, i) => user(i)),
			{...user(500, 'user7@example.com'), username: 'later'},
			{user_id: 'x'},
		];
		writeFileSync(file, gzipSync(JSON.stringify(users)));
		const run = new ValidationRun(file, {now, checkers: 1, labelBudget: 1e6, ...options}).start();
		await run.finished();
		const ofRecords = [...run.problems].filter(problem => problem.record !== null);
		expect(ofRecords.map(problem => `${problem.record}:${problem.code}`)).toEqual([
			'500:duplicate.email',
			'501:user-id.invalid',
			'501:user.no-identifier',
		]);
		expect(run.labels!.label(500)).toBe('user7@example.com');
		expect(run.labels!.who(500)!.split('\0')).toEqual(['user7@example.com', users[500]!.user_id, 'later']);
		expect(run.labels!.label(501)).toBe('x');
		expect(run.labels!.size).toBe(2);
	});
});

describe('ValidationRun, the end of the run', () => {
	const temp = useTempDir();

	// Duplicates of every kind, and hashes cut to 4 bits: many pairs to read again, most of them collisions
	function duplicatesFile(): string {
		const users = Array.from({length: 400}, (_, i) => makeUser(i % 300));
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, JSON.stringify(users, null, 2));
		return file;
	}

	it('gives the same report when the reader worker reading the pairs fails, or ends, as when it does not', async () => {
		const file = duplicatesFile();
		const expected = await validate(file, 1, {hashMask: 0xf});
		expect(expected.byCode['duplicate.user-id']?.count).toBe(100);
		for (const fault of ['error', 'exit'] as const) {
			let tails = 0;
			let done = 0;
			const run = new ValidationRun(file, {
				now,
				checkers: 1,
				hashMask: 0xf,
				onTail(reader) {
					tails++;
					expect(reader).toBeDefined();
					if (fault === 'error') reader!.emit('error', new Error('boom'));
					else void reader!.terminate();
				},
			});
			run.on('done', () => done++);
			await run.start().finished();
			expect([tails, done]).toEqual([1, 1]);
			expect(buildReport(run)).toEqual(expected);
		}
	});
});
