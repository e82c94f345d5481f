import {createHash} from 'node:crypto';
import {existsSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {UserError} from '../../../source/core/errors.js';
import {SingleArrayWriter, SplitArrayWriter, type UsersArrayWriter, addJoined} from '../../../source/core/split/users-array-writer.js';
import {parseSplitSize} from '../../../source/core/split/split-size.js';
import {splitNames} from '../../../source/core/split/part-names.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const users = Array.from({length: 100}, (_, i) =>
	JSON.stringify({user_id: `u-${i}`, emails: [{address: `ü${i}@example.com`, is_primary: true}]}),
);

async function writeAll(writer: UsersArrayWriter, records: string[]): Promise<void> {
	for (const record of records) await writer.add(record);
	await writer.prepare();
	await writer.place();
}

describe('split sizes', () => {
	it.each([
		['50MB', 50_000_000],
		['50 mb', 50_000_000],
		['48MiB', 48 * 1024 * 1024],
		['1.5GB', 1_500_000_000],
		['2000', 2000],
		['10kB', 10_000],
	])('%s is %d bytes', (text, bytes) => {
		expect(parseSplitSize(text)).toBe(bytes);
	});

	it.each(['', 'MB', '50 MBs', '-5MB', '1e6', '10'])('%j is refused with one line', text => {
		const parsed = parseSplitSize(text);
		expect(parsed).toHaveProperty('error');
		expect((parsed as {error: string}).error).not.toContain('\n');
	});
});

describe('writing users', () => {
	const temp = useTempDir();

	it('splits into parts of at most the size, each a JSON array, in order, with a manifest', async () => {
		const out = path.join(temp(), 'users.fixed.json');
		const writer = await SplitArrayWriter.create(out, 1000);
		await writeAll(writer, users);
		const manifest = JSON.parse(readFileSync(path.join(temp(), 'users.fixed.manifest.json'), 'utf8'));
		expect(manifest.users).toBe(100);
		expect(manifest.parts.length).toBeGreaterThan(5);
		const all: unknown[] = [];
		for (const [i, part] of manifest.parts.entries()) {
			expect(part.file).toBe(`users.fixed-${String(i + 1).padStart(3, '0')}.json`);
			const bytes = readFileSync(path.join(temp(), part.file));
			expect(bytes.length).toBe(part.bytes);
			expect(bytes.length).toBeLessThanOrEqual(1000);
			expect(createHash('sha256').update(bytes).digest('hex')).toBe(part.sha256);
			expect(statSync(path.join(temp(), part.file)).mode & 0o777).toBe(0o600);
			const records = JSON.parse(bytes.toString('utf8')) as unknown[];
			expect(records).toHaveLength(part.users);
			all.push(...records);
		}

		expect(all).toEqual(users.map(user => JSON.parse(user)));
		// Parts are as full as they can be: the next record would not have fitted
		const firstPart = readFileSync(path.join(temp(), manifest.parts[0].file));
		expect(firstPart.length + Buffer.byteLength(users[manifest.parts[0].users]!) + 4).toBeGreaterThan(1000);
		// Nothing else was left in the folder (no temporary files, no spare part)
		expect(readdirSync(temp()).sort()).toEqual(
			[...manifest.parts.map((part: {file: string}) => part.file), 'users.fixed.manifest.json'].sort(),
		);
		expect(existsSync(out)).toBe(false);
	});

	it('writes the very bytes the single file has, only cut in other places', async () => {
		const single = path.join(temp(), 'one.json');
		await writeAll(await SingleArrayWriter.create(single), users);
		const whole = await SplitArrayWriter.create(path.join(temp(), 'whole.json'), 1e9);
		await writeAll(whole, users);
		expect(readFileSync(path.join(temp(), 'whole-001.json'))).toEqual(readFileSync(single));
		expect(JSON.parse(readFileSync(single, 'utf8'))).toHaveLength(100);
	});

	it('takes records joined as a converter writes them, into one file as into parts', async () => {
		const writer = await SplitArrayWriter.create(path.join(temp(), 'c.json'), 1000);
		await addJoined(writer, users.slice(0, 50).join(',\n  '), 50);
		await addJoined(writer, users.slice(50).join(',\n  '), 50);
		await writer.prepare();
		await writer.place();
		expect(writer.manifest!.users).toBe(100);
		expect(writer.manifest!.parts.reduce((sum, part) => sum + part.users, 0)).toBe(100);
		const joined = await SingleArrayWriter.create(path.join(temp(), 'joined.json'));
		await addJoined(joined, users.slice(0, 50).join(',\n  '), 50);
		await addJoined(joined, '', 0);
		await addJoined(joined, users.slice(50).join(',\n  '), 50);
		await joined.prepare();
		await joined.place();
		const single = path.join(temp(), 'one.json');
		await writeAll(await SingleArrayWriter.create(single), users);
		expect(joined.users).toBe(100);
		expect(readFileSync(path.join(temp(), 'joined.json'))).toEqual(readFileSync(single));
	});

	it('writes one empty array for no users', async () => {
		const writer = await SplitArrayWriter.create(path.join(temp(), 'none.json'), 1000);
		await writeAll(writer, []);
		expect(readFileSync(path.join(temp(), 'none-001.json'), 'utf8')).toBe('[]\n');
		expect(writer.manifest).toMatchObject({users: 0, parts: [{users: 0, bytes: 3}]});
	});

	it('refuses a record larger than a part, naming it, and leaves nothing behind', async () => {
		const writer = await SplitArrayWriter.create(path.join(temp(), 'big.json'), 1000);
		await writer.add(users[0]!);
		expect(() => writer.add(JSON.stringify({user_id: 'x'.repeat(2000)}))).toThrow(UserError);
		expect(() => writer.add(JSON.stringify({user_id: 'x'.repeat(2000)}))).toThrow(
			/^entry 2 is 2,014 bytes: it does not fit in a part of 1,000 bytes/,
		);
		await writer.abort();
		expect(readdirSync(temp())).toEqual([]);
	});

	it('removes the parts of an earlier, longer split of the same name, and nothing else', async () => {
		const out = path.join(temp(), 'users.json');
		await writeAll(await SplitArrayWriter.create(out, 1000), users);
		const before = readdirSync(temp()).length;
		writeFileSync(path.join(temp(), 'users-notes.json'), 'mine');
		// A manifest someone edited to name another file: it is not one of the parts' names
		const manifestFile = splitNames(out).manifest;
		const edited = JSON.parse(readFileSync(manifestFile, 'utf8'));
		edited.parts.push({file: 'users-notes.json', users: 0, bytes: 4, sha256: ''});
		writeFileSync(manifestFile, JSON.stringify(edited));
		await writeAll(await SplitArrayWriter.create(out, 1e6), users);
		expect(readdirSync(temp()).sort()).toEqual(['users-001.json', 'users-notes.json', 'users.manifest.json']);
		expect(before).toBeGreaterThan(3);
	});
});
