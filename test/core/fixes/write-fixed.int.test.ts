import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {copyFileSync, linkSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Cancelled} from '../../../source/core/errors.js';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {planFromFlags} from '../../../source/core/fixes/fix-plan.js';
import {defaultFixFiles, writeFixed} from '../../../source/core/fixes/write-fixed.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const now = Date.parse('2026-06-01T00:00:00Z');
const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function validated(file: string, hankoVersion?: string): Promise<ValidationRun> {
	const run = new ValidationRun(file, {now, maxStoredProblems: Number.POSITIVE_INFINITY, hankoVersion}).start();
	await run.finished();
	return run;
}

describe('writing the fixed file', () => {
	const temp = useTempDir();

	function copyOf(fixture: string): string {
		const file = path.join(temp(), fixture);
		copyFileSync(path.join('fixtures', fixture), file);
		return file;
	}

	it('names its files after the source, beside it or beside --out', () => {
		expect(defaultFixFiles('/d/users.ndjson.gz')).toEqual({
			out: '/d/users.fixed.json',
			rejects: '/d/users.rejects.ndjson',
			map: '/d/users.id-map.csv',
			log: '/d/users.fix-log.ndjson',
			resets: '/d/users.password-resets.csv',
		});
		expect(defaultFixFiles('/d/users.json', '/o/hanko.json')).toMatchObject({out: '/o/hanko.json', rejects: '/o/hanko.rejects.ndjson'});
	});

	it('turns the broken fixture into a file with no errors, leaves the source as it was, and writes 0600 files', async () => {
		const source = copyOf('broken.json');
		const before = hash(source);
		const files = defaultFixFiles(source);
		const counts = await writeFixed(await validated(source), planFromFlags({options: {uuid: 'stable'}}), files);
		expect(hash(source)).toBe(before);
		expect(counts.written + counts.rejected).toBe(counts.records);
		const output = await validated(files.out);
		expect(output.stats).toMatchObject({invalid: 0, records: counts.written, fatal: undefined});
		for (const file of Object.values(files)) expect(statSync(file).mode & 0o777).toBe(0o600);
		// Every rejected record is in the rejects file, with its problems and the original
		const rejects = readFileSync(files.rejects, 'utf8')
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {record: number; problems: unknown[]});
		expect(rejects).toHaveLength(counts.rejected);
		for (const reject of rejects) expect(reject.problems.length).toBeGreaterThan(0);
		// Untouched records are copied byte for byte
		const first = readFileSync(source, 'utf8').split('\n')[1]!.replace(/,$/, '');
		expect(readFileSync(files.out, 'utf8')).toContain(first);
		expect(readdirSync(temp()).filter(name => name.endsWith('.partial'))).toEqual([]);
	});

	it('maps every replaced user_id, and stable ids are the same on a second run', async () => {
		const source = copyOf('broken.json');
		const files = defaultFixFiles(source);
		// Before Hanko 3.0.0, an upper-case id is refused and lowercased by its fix
		await writeFixed(await validated(source, '2.7'), planFromFlags({options: {uuid: 'stable'}}), files);
		const map = readFileSync(files.map, 'utf8');
		expect(map.split('\n')[0]).toBe('record,old_user_id,new_user_id');
		expect(map).toContain('2,22222222-2222-4222-8222-22222222222B,22222222-2222-4222-8222-22222222222b\n');
		expect(map).toMatch(/\n3,auth0\|5f7c8ec7c33c6c004bbafe82,[\da-f-]{36}\n/);
		const again = {
			...files,
			out: path.join(temp(), 'again.json'),
			map: path.join(temp(), 'again.csv'),
			rejects: path.join(temp(), 'again.rejects'),
			log: path.join(temp(), 'again.log'),
			resets: path.join(temp(), 'again.resets.csv'),
		};
		await writeFixed(await validated(source, '2.7'), planFromFlags({options: {uuid: 'stable'}}), again);
		expect(readFileSync(again.map, 'utf8')).toBe(map);
		expect(readFileSync(again.out, 'utf8')).toBe(readFileSync(files.out, 'utf8'));
	});

	it('logs every change with its record, fix, before and after', async () => {
		const source = copyOf('broken.json');
		const files = defaultFixFiles(source);
		const counts = await writeFixed(await validated(source), planFromFlags(), files);
		const log = readFileSync(files.log, 'utf8')
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {record: number; fix: string});
		expect(log.length).toBe(Object.values(counts.byFix).reduce((sum, n) => sum + n, 0));
		expect(log).toContainEqual({record: 6, fix: 'email.mark-primary', pointer: '/emails/0/is_primary', before: false, after: true});
	});

	it('handles duplicate emails by rejecting the later user, or by dropping the taken address', async () => {
		const source = path.join(temp(), 'dups.ndjson');
		const user = (id: string, ...addresses: string[]) =>
			JSON.stringify({
				user_id: id,
				emails: addresses.map((address, index) => ({address, is_primary: index === 0, is_verified: true})),
			});
		writeFileSync(
			source,
			[
				user('aaaaaaaa-0000-4000-8000-000000000001', 'ann@example.com'),
				user('aaaaaaaa-0000-4000-8000-000000000002', 'ann@example.com', 'bob@example.com'),
				user('aaaaaaaa-0000-4000-8000-000000000003', 'ann@example.com'),
			].join('\n'),
		);
		const rejected = await writeFixed(
			await validated(source),
			planFromFlags(),
			defaultFixFiles(source, path.join(temp(), 'reject.json')),
		);
		expect(rejected).toMatchObject({written: 1, rejected: 2, rejectedBy: {'duplicate.email': 2}});
		const dropFiles = defaultFixFiles(source, path.join(temp(), 'drop.json'));
		const dropped = await writeFixed(await validated(source), planFromFlags({duplicates: 'drop-email'}), dropFiles);
		expect(dropped).toMatchObject({written: 2, rejected: 1, fixed: 1});
		const written = JSON.parse(readFileSync(dropFiles.out, 'utf8')) as Array<{emails: unknown[]}>;
		expect(written[1]!.emails).toEqual([{address: 'bob@example.com', is_primary: true, is_verified: true}]);
		expect((await validated(dropFiles.out)).stats.invalid).toBe(0);
	});

	it('never writes over the source, and leaves a previous output intact when cancelled', async () => {
		const source = copyOf('broken.json');
		const run = await validated(source);
		await expect(writeFixed(run, planFromFlags(), {...defaultFixFiles(source), out: source})).rejects.toThrow(
			'is the source or another output',
		);
		// Through a linked folder, or a hard link: the same file under another name
		const linked = path.join(temp(), 'linked');
		symlinkSync(path.dirname(source), linked);
		await expect(
			writeFixed(run, planFromFlags(), {...defaultFixFiles(source), out: path.join(linked, path.basename(source))}),
		).rejects.toThrow('is the source or another output');
		const hard = path.join(temp(), 'hard.json');
		linkSync(source, hard);
		await expect(writeFixed(run, planFromFlags(), {...defaultFixFiles(source), out: hard})).rejects.toThrow(
			'is the source or another output',
		);
		expect(readFileSync(source, 'utf8')).toBe(readFileSync(path.join('fixtures', 'broken.json'), 'utf8'));
		const files = defaultFixFiles(source);
		writeFileSync(files.out, 'previous output');
		const aborted = new AbortController();
		aborted.abort();
		await expect(writeFixed(run, planFromFlags(), files, aborted.signal)).rejects.toBeInstanceOf(Cancelled);
		expect(readFileSync(files.out, 'utf8')).toBe('previous output');
		expect(readdirSync(temp()).filter(name => name.endsWith('.partial'))).toEqual([]);
	});

	it('keeps the next user with a value when the first one with it is rejected, and rejects the ones after', async () => {
		const source = path.join(temp(), 'chain.ndjson');
		const idA = 'aaaaaaaa-0000-4000-8000-00000000000a';
		writeFileSync(
			source,
			[
				JSON.stringify({user_id: idA, username: ''}), // Rejected: an empty username, and no address to keep instead
				JSON.stringify({user_id: idA, username: 'second'}),
				JSON.stringify({user_id: idA, username: 'third'}),
			].join('\n'),
		);
		const files = defaultFixFiles(source);
		const counts = await writeFixed(await validated(source), planFromFlags(), files);
		expect(counts).toMatchObject({written: 1, rejected: 2});
		expect(JSON.parse(readFileSync(files.out, 'utf8'))).toEqual([{user_id: idA, username: 'second'}]);
	});

	it('refuses to write when not every problem was kept (a run with a limit)', async () => {
		const source = copyOf('broken.json');
		const limited = new ValidationRun(source, {now, maxStoredProblems: 2}).start();
		await limited.finished();
		await expect(writeFixed(limited, planFromFlags(), defaultFixFiles(source))).rejects.toThrow('too many problems');
	});

	it('refuses a source read from a FIFO, which cannot be read a second time, writing nothing', async () => {
		const fifo = path.join(temp(), 'pipe');
		execFileSync('mkfifo', [fifo]);
		// The writer's open waits for the run's: both go on together
		const writing = writeFile(fifo, readFileSync(path.join('fixtures', 'broken.json')));
		const run = new ValidationRun(fifo, {now, maxStoredProblems: Number.POSITIVE_INFINITY}).start();
		await run.finished();
		await writing;
		const files = defaultFixFiles(path.join(temp(), 'users.json'));
		await expect(writeFixed(run, planFromFlags(), files)).rejects.toThrow(
			'a pipe or FIFO can be read only once, and a fix reads its source twice: save it to a file first',
		);
		expect(readdirSync(temp()).sort()).toEqual(['pipe']);
	});
});
