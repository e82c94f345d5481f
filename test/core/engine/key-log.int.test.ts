import {readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {KeyLog} from '../../../source/core/engine/key-log.js';
import {hashPair, keyEntries, packKind} from '../../../source/core/engine/unique-hash.js';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {checkRecordValue, ruleContext} from '../../../source/core/rules/validate-record.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const now = Date.parse('2026-01-01T00:00:00Z');

async function entriesOf(log: KeyLog): Promise<number[][]> {
	const entries: number[][] = [];
	await log.forEach((record, kindSlot, a, b) => entries.push([record, kindSlot, a, b]));
	return entries;
}

describe('the log of unique values', () => {
	const temp = useTempDir();

	it('gives back every value in order, in memory and from its temporary file, which never shows in the folder', async () => {
		const expected = Array.from({length: 10_000}, (_, i) => [i >> 1, i & 7, i * 3, 4_000_000_000 - i]);
		for (const budget of [1 << 20, 100]) {
			const log = new KeyLog(budget, temp());
			for (const [record, kindSlot, a, b] of expected) log.add(record!, kindSlot!, a!, b!);
			expect(log.spilled).toBe(budget === 100);
			// The file has no name from the start (on POSIX): a killed process leaves nothing behind
			expect(readdirSync(temp())).toEqual([]);

			expect(await entriesOf(log)).toEqual(expected);

			expect(await entriesOf(log)).toEqual(expected); // Read as often as asked
			// Only the values whose first hash half has its bit set: here, a multiple of 6 below 2^7 · 32
			const only = new Uint32Array(128);
			for (let bit = 0; bit < only.length * 32; bit += 6) only[bit >>> 5]! |= 1 << (bit & 31);
			const some: number[][] = [];
			await log.forEach((record, kindSlot, a, b) => some.push([record, kindSlot, a, b]), only);
			expect(some).toEqual(expected.filter(([, , a]) => (a! & (only.length * 32 - 1)) % 6 === 0));
			expect(some.length).toBeGreaterThan(1000);
			log.dispose();
			expect(log.available).toBe(false);
			expect(readdirSync(temp())).toEqual([]);
		}
	});

	it("holds the hashes of every record's values after a run that keeps problems, and none after one that only counts", async () => {
		const users = Array.from({length: 5000}, (_, i) => ({
			user_id: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`,
			username: `user${i}`,
			emails: [{address: `User${i}@example.com`, is_primary: true, is_verified: true}],
		}));
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, JSON.stringify(users));
		const context = ruleContext(now);
		const expected = users.flatMap((user, record) =>
			keyEntries(checkRecordValue(user, context).keys).map(({kind, slot, value}) => {
				const hash = new Uint32Array(2);
				hashPair(value, kind, hash, 0);
				return [record, packKind(kind, slot), hash[0]!, hash[1]!];
			}),
		);
		const run = new ValidationRun(file, {now, maxStoredProblems: 1000, duplicateMemoryBudget: 100, tempDir: temp()}).start();
		await run.finished();
		expect(run.keyLog?.spilled).toBe(true);
		expect(await entriesOf(run.keyLog!)).toEqual(expected);
		await run.cancel();
		expect(run.keyLog!.available).toBe(false);
		expect(readdirSync(temp())).toEqual(['users.json']);
		const counting = new ValidationRun(file, {now, maxStoredProblems: 0}).start();
		await counting.finished();
		expect(counting.keyLog).toBeUndefined();
	});
});
