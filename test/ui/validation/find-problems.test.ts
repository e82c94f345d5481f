import {copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {afterEach, describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {findProblems} from '../../../source/ui/validation/find-problems.js';

const now = Date.parse('2026-01-01T00:00:00Z');
const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

function tempFile(name: string, content?: Buffer): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'find-problems-'));
	dirs.push(dir);
	const file = path.join(dir, name);
	if (content) writeFileSync(file, content);
	else copyFileSync(path.join('fixtures', 'broken.json'), file);
	return file;
}

async function expectTheHits(run: ValidationRun): Promise<void> {
	const codes = (hits: number[]) => hits.map(index => `${run.problems.get(index).record}:${run.problems.get(index).code}`);
	expect(codes(await findProblems(run, 'HANK@'))).toEqual(['8:email.duplicate-in-user', '8:email.uppercase']);
	expect(codes(await findProblems(run, 'AUTH0|5F7C8EC7'))).toEqual(['3:user-id.invalid']);
	// Record 40's only problem is a duplicate, found across records: its user is known all the same
	expect(codes(await findProblems(run, '33333333-3333'))).toEqual(['5:email.invalid', '40:duplicate.user-handle']);
	expect(codes(await findProblems(run, 'rewrite the prefix'))).toEqual(['11:password.bcrypt-variant']);
	expect(codes(await findProblems(run, 'duplicate.user-h'))).toEqual(['40:duplicate.user-handle']);
	expect(await findProblems(run, 'no such thing anywhere')).toEqual([]);
}

describe('findProblems', () => {
	it("finds problems by the user's email or id and by message, case-insensitively, reading the file again", async () => {
		const run = new ValidationRun(path.join('fixtures', 'broken.json'), {now}).start();
		await run.finished();
		expect(run.labels).toBeUndefined();
		await expectTheHits(run);
	});

	it('finds the same from the labels the run kept, with no file left to read (a gzip file)', async () => {
		const file = tempFile('broken.json.gz', gzipSync(readFileSync(path.join('fixtures', 'broken.json'))));
		const run = new ValidationRun(file, {now, labelBudget: 1e6}).start();
		await run.finished();
		rmSync(file);
		const records = new Set([...run.problems].map(problem => problem.record).filter(record => record !== null));
		expect([...records].filter(record => !run.labels!.has(record))).toEqual([]);
		await expectTheHits(run);
	});

	it('reads again only the records past the budget', async () => {
		const file = tempFile('broken.json');
		const run = new ValidationRun(file, {now, labelBudget: 200}).start();
		await run.finished();
		expect(run.labels!.full).toBe(true);
		await expectTheHits(run);
	});
});
