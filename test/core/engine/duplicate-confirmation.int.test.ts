import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {type RunOptions, ValidationRun} from '../../../source/core/engine/validation-run.js';
import {buildReport} from '../../../source/core/report/validation-report.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const now = Date.parse('2026-01-01T00:00:00Z');
const id = (i: number) => `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`;

async function validate(file: string, options: RunOptions = {}) {
	const run = new ValidationRun(file, {now, checkers: 2, maxStoredProblems: Number.POSITIVE_INFINITY, ...options}).start();
	await run.finished();
	return {run, report: buildReport(run)};
}

describe('confirming duplicates against the values read again', () => {
	const temp = useTempDir();

	it('decodes bytes that are not UTF-8 as the checker does (one U+FFFD a byte, as Go): a duplicate they hide is kept', async () => {
		// "ann" + E2 82 (a cut three-byte character) and "ann" + FF FF: Go stores both as "ann\uFFFD\uFFFD",
		// where the WHATWG decoder reads the first as "ann\uFFFD"
		const file = path.join(temp(), 'hidden.json');
		writeFileSync(
			file,
			Buffer.concat([
				Buffer.from(`[{"user_id":"${id(1)}","username":"ann`),
				Buffer.from([0xe2, 0x82]),
				Buffer.from('"},\n'),
				Buffer.from(`{"user_id":"${id(2)}","username":"ann`),
				Buffer.from([0xff, 0xff]),
				Buffer.from('"}]\n'),
			]),
		);
		for (const duplicateMemoryBudget of [undefined, 1]) {
			const {run, report} = await validate(file, {duplicateMemoryBudget});
			expect(report.byCode['duplicate.username']).toEqual({severity: 'error', count: 1});
			expect([report.valid, report.invalid]).toEqual([1, 1]);
			expect(report.issues.find(issue => issue.code === 'duplicate.username')).toMatchObject({
				record: 1,
				pointer: '/username',
				message: 'username already used by record 0: rename or merge',
			});
			// Read again, a record's text is what the checker saw

			const again = await run.recordReader()!.readMany([0, 1]);
			expect(JSON.parse(again.get(0)!.text)).toMatchObject({username: 'ann\uFFFD\uFFFD'});
			expect(JSON.parse(again.get(1)!.text)).toMatchObject({username: 'ann\uFFFD\uFFFD'});
		}
	});

	it('counts a record valid again when a duplicate taken back was its only error, though the store had no room for it', async () => {
		// 16 hash buckets: most records collide with an earlier one and are taken back on reading. Some
		// have a warning before (an upper-case address), some an error besides (a time Hanko refuses)
		const users = Array.from({length: 200}, (_, i) => ({
			user_id: id(i),
			username: `user${i}`,
			emails: [{address: i % 3 === 0 ? `User${i}@example.com` : `user${i}@example.com`, is_primary: true, is_verified: true}],
			...(i % 7 === 0 ? {created_at: 'yesterday'} : {}),
		}));
		const file = path.join(temp(), 'collide.json');
		writeFileSync(file, JSON.stringify(users, null, 1));
		const all = await validate(file);
		expect(all.report.invalid).toBe(29);
		expect(Object.keys(all.report.byCode).some(code => code.startsWith('duplicate.'))).toBe(false);
		for (const maxStoredProblems of [0, 1, 40, Number.POSITIVE_INFINITY]) {
			for (const duplicateMemoryBudget of [undefined, 50]) {
				const {report} = await validate(file, {maxStoredProblems, hashMask: 0xf, duplicateMemoryBudget});
				expect([report.valid, report.invalid, report.warnings, report.byCode]).toEqual([
					all.report.valid,
					all.report.invalid,
					all.report.warnings,
					all.report.byCode,
				]);
			}
		}
	});
});
