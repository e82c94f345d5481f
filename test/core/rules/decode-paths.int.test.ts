import {Buffer} from 'node:buffer';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {PlainRecordReader} from '../../../source/core/rules/plain-record.js';
import {buildReport} from '../../../source/core/report/validation-report.js';
import {type DecodePath, type RuleContext, checkRecordText, ruleContext} from '../../../source/core/rules/validate-record.js';
import {createRandom} from '../framing/fuzz-support.js';
import {mutate, plain, realisticUser, scalar} from '../../helpers/generated-entries.js';
import {useTempDir} from '../../helpers/temp-dir.js';

// The product decodes records through JSON.parse with Go's rules applied to the value (the quick path),
// and leaves to the exact decoder what that cannot be sure of. Here the two give the same verdicts, in
// the same places, on realistic records with random edits: record by record, and over a whole file
// (where the quick path parses a batch of records in one call).

const now = Date.parse('2026-01-01T00:00:00Z');
const context = (decodePath: DecodePath): RuleContext => ({...ruleContext(now), decodePath});

function mutatedRecord(random: ReturnType<typeof createRandom>, index: number, keepFraming: boolean): string {
	let text = JSON.stringify(realisticUser(random, index), null, random.chance(0.5) ? 2 : undefined);
	for (let edits = random.between(1, 3); edits > 0; edits--) text = mutate(random, text, keepFraming);
	return text;
}

/** A realistic user with some fields (known, unknown, in an email) given values of any JSON kind, written as valid JSON. */
function oddValues(random: ReturnType<typeof createRandom>, index: number): string {
	const user = realisticUser(random, index);
	const emails = user.emails as Array<Record<string, unknown>>;
	for (let edits = random.between(0, 3); edits > 0; edits--) {
		const target = random.chance(0.5) ? user : emails[0]!;
		const key = random.pick(
			target === user
				? ['user_id', 'username', 'created_at', 'note', 'emails', 'password']
				: ['address', 'is_primary', 'is_verified', 'extra'],
		);
		target[key] = JSON.parse(scalar(random)) as unknown;
	}

	return JSON.stringify(user, null, random.chance(0.5) ? 2 : undefined);
}

/** A realistic user in ASCII with Z times, as the plain reader takes it: its duplicates across records are the run's to find. */
function plainRecord(random: ReturnType<typeof createRandom>, index: number): string {
	const text = JSON.stringify(realisticUser(random, index % 700), null, random.chance(0.5) ? 2 : undefined);
	return text
		.replaceAll(/[+-]\d\d:\d\dZ?"/g, 'Z"')
		.replaceAll('ü', 'u')
		.replaceAll('A', 'a')
		.replaceAll('Example.COM', 'example.com');
}

describe('the quick and the exact decoding paths', () => {
	const temp = useTempDir();

	it('read NDJSON lines one by one: a line of two values and a value over two lines are not taken for records', async () => {
		const [a, b, c, d] = ['1', '2', '3', '4'].map(n =>
			JSON.stringify({
				user_id: `${n.repeat(8)}-${n.repeat(4)}-4${n.repeat(3)}-8${n.repeat(3)}-${n.repeat(12)}`,
				emails: [{address: `${n}@example.com`, is_primary: true, is_verified: true}],
			}),
		);
		// Joined with commas, these three lines would parse as three elements: each line given a neighbour's value
		const file = path.join(temp(), 'lines.ndjson');
		writeFileSync(file, `${a},${b}\n[${c}\n${d}]\n`);
		const reports = [];
		for (const decodePath of [undefined, 'exact'] as const) {
			const run = new ValidationRun(file, {now, decodePath}).start();
			await run.finished();
			const {durationMs: _, ...report} = buildReport(run) as ReturnType<typeof buildReport> & {durationMs?: number};
			reports.push(report);
		}

		expect(reports[0]!.invalid).toBe(3);
		expect(reports[0]).toEqual(reports[1]);
	});

	it('give the same problems, places and unique values for mutated records', () => {
		const random = createRandom(7_031_977);
		const total = 8000;
		let broken = 0;
		let withProblems = 0;
		for (let n = 0; n < total; n++) {
			const text = mutatedRecord(random, n, false);
			const quick = checkRecordText(text, context('quick'));
			const exact = checkRecordText(text, context('exact'));
			expect(quick.problems, text).toEqual(exact.problems);
			expect(quick.keys, text).toEqual(exact.keys);
			expect(plain(quick.entry), text).toEqual(plain(exact.entry));
			if (exact.problems.some(problem => problem.code === 'json.syntax')) broken++;
			else if (exact.problems.length > 0) withProblems++;
		}

		// Edits break some records' JSON and only change a value in others: both kinds are compared
		expect(broken).toBeGreaterThan(total / 10);
		expect(withProblems).toBeGreaterThan(total / 10);
	});

	it('give the same report for a file of mutated records, batches parsed in one call or not, with the plain reader or not', async () => {
		const random = createRandom(20_261_207);
		// A third with edits that break their JSON now and then (their batches are parsed record by
		// record), a third valid JSON with values of every kind (parsed a batch at a time), a third as
		// exports write them (most of them for the plain reader, next to and between the others)
		const records = Array.from({length: 9000}, (_, i) =>
			i < 3000 ? mutatedRecord(random, i, true) : i < 6000 || random.chance(0.1) ? oddValues(random, i) : plainRecord(random, i),
		);
		const plainReader = new PlainRecordReader(now);
		const plainOnes = records.filter(text => plainReader.read(Buffer.from(text), 0, Buffer.byteLength(text))).length;
		expect(plainOnes).toBeGreaterThan(1500);
		const file = path.join(temp(), 'mutated.json');
		writeFileSync(file, `[\n${records.join(',\n')}\n]\n`);
		const reports = [];
		for (const decodePath of [undefined, 'quick', 'exact'] as const) {
			const run = new ValidationRun(file, {now, checkers: 2, decodePath}).start();
			await run.finished();
			const {durationMs: _, ...report} = buildReport(run) as ReturnType<typeof buildReport> & {durationMs?: number};
			reports.push(report);
		}

		expect(reports[0]!.records).toBe(records.length);
		expect(reports[0]!.issues.filter(issue => issue.code === 'json.syntax').length).toBeGreaterThan(100);
		expect(reports[0]).toEqual(reports[1]);
		expect(reports[0]).toEqual(reports[2]);
	}, 120_000);
});
