import {copyFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {type PlanFlags, planFromFlags} from '../../../source/core/fixes/fix-plan.js';
import {defaultFixFiles, writeFixed} from '../../../source/core/fixes/write-fixed.js';
import {combinedOutputCheck} from '../../../source/core/report/combined-output-check.js';
import {type OutputCheck, buildOutputCheck} from '../../../source/core/report/validation-report.js';
import {splitNames} from '../../../source/core/split/part-names.js';
import {partPaths} from '../../../source/core/split/split-manifest.js';
import {useTempDir} from '../../helpers/temp-dir.js';
// @ts-expect-error: the bench's generator is plain JavaScript, without types
import {datasetPaths, generate} from '../../../bench/generate.mjs';

// fix does not read its output again: what a validation of it would report is gathered while it is
// written. The validation of the output, run here, is the oracle: the two must agree on every count.

const now = Date.parse('2026-06-01T00:00:00Z');

async function checked(file: string, keep: boolean): Promise<ValidationRun> {
	const run = new ValidationRun(file, {now, maxStoredProblems: keep ? Number.POSITIVE_INFINITY : 0}).start();
	await run.finished();
	return run;
}

/** Fixes `source` and returns what the fix says of its output beside what validating the output says. */
async function bothVerdicts(source: string, flags: PlanFlags, split?: number): Promise<{derived: OutputCheck; real: OutputCheck}> {
	const files = defaultFixFiles(source);
	const result = await writeFixed(await checked(source, true), planFromFlags(flags), files, undefined, split);
	if (!result.manifest) return {derived: result.output, real: buildOutputCheck(await checked(files.out, false))};
	const manifest = splitNames(files.out).manifest;
	const parts = await Promise.all(partPaths(manifest, result.manifest).map(async part => buildOutputCheck(await checked(part, false))));
	return {derived: result.output, real: combinedOutputCheck(manifest, parts)};
}

const id = (i: number) => `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`;

describe('the verdict on the fixed output, gathered as it is written', () => {
	const temp = useTempDir();

	const copyOf = (fixture: string) => {
		const file = path.join(temp(), fixture);
		copyFileSync(path.join('fixtures', fixture), file);
		return file;
	};

	/** The bench's data set, small: about one record in a hundred with a problem, of 30 kinds. */
	const generated = (records: number) => {
		generate(records, temp());
		return (datasetPaths(records, temp()) as {file: string}).file;
	};

	it.each<[string, PlanFlags]>([
		['the safe fixes', {options: {uuid: 'stable'}}],
		['every fix, addresses taken by another user dropped', {options: {uuid: 'stable'}, duplicates: 'drop-email'}],
		['the fixes of three rules only', {only: ['email.uppercase', 'timestamp.format', 'field.unknown']}],
	])('equals the validation of the output of the broken fixture: %s', async (_, flags) => {
		const {derived, real} = await bothVerdicts(copyOf('broken.json'), flags);
		expect(real.records).toBeGreaterThan(0);
		expect(real.warnings).toBeGreaterThan(0);
		expect(derived).toEqual(real);
	});

	it('equals the validation of the output of the bench data set (30 kinds of problems), whole and split', async () => {
		const source = generated(8000);
		const whole = await bothVerdicts(source, {options: {uuid: 'stable'}, duplicates: 'drop-email'});
		expect(whole.real.warnings).toBeGreaterThan(0);
		expect(whole.derived).toEqual(whole.real);
		const split = await bothVerdicts(source, {options: {uuid: 'stable'}}, 1_000_000);
		expect(split.real.file).toMatch(/manifest\.json$/);
		expect(split.derived).toEqual(split.real);
	});

	it('equals it for NDJSON and gzip sources, written as a JSON array', async () => {
		for (const fixture of ['sample.ndjson', 'sample.json.gz']) {
			const {derived, real} = await bothVerdicts(copyOf(fixture), {options: {uuid: 'stable'}});
			expect(real.format).toBe('json-array');
			expect(derived).toEqual(real);
		}
	});

	it('equals it when a fix collides with another user and the files are written again', async () => {
		// Record 0 without its NUL is record 1's username: it is rejected, in a second pass
		const file = path.join(temp(), 'users.json');
		const user = (i: number, username: string) => ({
			user_id: id(i),
			emails: [{address: `u${i}@x.com`, is_primary: true, is_verified: true}],
			username,
			created_at: '2099-01-01T00:00:00Z',
		});
		writeFileSync(file, JSON.stringify([user(0, 'bob\u0000'), user(1, 'bob'), user(2, 'ann\u0000')], null, 2));
		const {derived, real} = await bothVerdicts(file, {options: {uuid: 'stable'}});
		expect(real.records).toBe(2);
		expect(derived).toEqual(real);
	});
});
