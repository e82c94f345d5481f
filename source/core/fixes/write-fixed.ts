import path from 'node:path';
import type {ValidationRun} from '../engine/validation-run.js';
import {AtomicFile} from '../files/atomic-file.js';
import {csvField} from '../text/csv-field.js';
import type {RecordProblem} from '../rules/validate-record.js';
import type {FixId} from './fix-catalogue.js';
import type {FixPlan} from './fix-plan.js';
import {fixRecord} from './fix-record.js';

export type FixFiles = {
	/** The corrected import file: a JSON array, whatever the source was. */
	out: string;
	/** NDJSON: records that still have errors, with their problems and the original record. */
	rejects: string;
	/** CSV record,old_user_id,new_user_id: every user_id that changed. */
	map: string;
	/** NDJSON: record, fix, pointer, before, after for every change. */
	log: string;
	/** CSV record,user_id,email: users whose password hash was removed (password.clear), to ask to reset it. */
	resets: string;
};

/** `users.ndjson.gz` → `users.fixed.json`, `users.rejects.ndjson`, … beside the source. */
export function defaultFixFiles(source: string, out?: string): FixFiles {
	const directory = path.dirname(out ?? source);
	const base = path.basename(out ?? source).replace(/\.gz$/i, '').replace(/\.(fixed\.)?(json|ndjson|jsonl)$/i, '');
	return {
		out: out ?? path.join(directory, `${base}.fixed.json`),
		rejects: path.join(directory, `${base}.rejects.ndjson`),
		map: path.join(directory, `${base}.id-map.csv`),
		log: path.join(directory, `${base}.fix-log.ndjson`),
		resets: path.join(directory, `${base}.password-resets.csv`),
	};
}

export type FixCounts = {
	records: number;
	/** Records in the output: copied as they were, or fixed. */
	written: number;
	fixed: number;
	rejected: number;
	/** Changes made, per fix. */
	byFix: Partial<Record<FixId, number>>;
	/** Rejected records, per reason (a rule code, or why the fixes did not suffice). */
	rejectedBy: Record<string, number>;
	idsReplaced: number;
	/** Users written without their password hash (listed in the resets file). */
	passwordResets: number;
};

/**
 * Duplicates refer to the first record with the value. When that record is rejected, the next one
 * with the value takes its place in the output instead of being rejected too (a user is not lost for
 * another's mistake), and the ones after it are duplicates of that one.
 */
class DuplicateChain {
	private readonly rejectedRecords = new Set<number>();
	/** `code|first record` → the record written in its place. */
	private readonly promoted = new Map<string, number>();

	resolve(problems: RecordProblem[]): {problems: RecordProblem[]; promotions: string[]} {
		const promotions: string[] = [];
		const kept = problems.filter(problem => {
			if (problem.ref === undefined || !this.rejectedRecords.has(problem.ref)) return true;
			const key = `${problem.code}|${problem.ref}`;
			if (this.promoted.has(key)) return true;
			promotions.push(key);
			return false;
		});
		return {problems: kept, promotions};
	}

	written(record: number, promotions: readonly string[]): void {
		for (const key of promotions) this.promoted.set(key, record);
	}

	rejected(record: number): void {
		this.rejectedRecords.add(record);
	}
}

/** A string field of a fixed record, or '' (a user without an id gets one from Hanko). */
function stringField(value: Record<string, unknown>, name: string): string {
	const field = value[name];
	return typeof field === 'string' ? field : '';
}

/** The address a password reset goes to: the primary one, else the first. */
function primaryAddress(value: Record<string, unknown>): string {
	const emails = Array.isArray(value.emails) ? value.emails as Array<Record<string, unknown>> : [];
	const email = emails.find(item => item?.is_primary === true) ?? emails[0];
	return email && typeof email.address === 'string' ? email.address : '';
}

/** A fixed record in the style of its source: pretty-printed when it was, on one line when it was. */
function serialise(value: unknown, original: string): string {
	return original.includes('\n') ? JSON.stringify(value, null, 2).replaceAll('\n', '\n  ') : JSON.stringify(value);
}

/**
 * The second pass: reads every record of the validated source again, applies the plan, and writes the
 * output, rejects, id map and fix log, each atomically. Records without a change are copied byte for
 * byte. The source is only read.
 */
export async function writeFixed(run: ValidationRun, plan: FixPlan, files: FixFiles, signal?: AbortSignal): Promise<FixCounts> {
	const reader = run.recordReader();
	if (!reader || !run.stats.done || run.stats.fatal) throw new Error('the source must be read to its end before it is fixed');
	// A record whose problems were not kept would be copied as if it had none
	if (run.problems.truncated) throw new Error('too many problems to keep them all in memory here: fix this file with `hanko-tui fix`');
	const resolved = new Set([path.resolve(run.file)]);
	for (const file of Object.values(files)) {
		if (resolved.has(path.resolve(file))) throw new Error(`${file} is the source or another output: choose another name`);
		resolved.add(path.resolve(file));
	}

	const out = await AtomicFile.create(files.out);
	const opened = [out];
	try {
		const rejects = await AtomicFile.create(files.rejects);
		opened.push(rejects);
		const map = await AtomicFile.create(files.map);
		opened.push(map);
		const log = await AtomicFile.create(files.log);
		opened.push(log);
		const resets = await AtomicFile.create(files.resets);
		opened.push(resets);
		map.write('record,old_user_id,new_user_id\n');
		resets.write('record,user_id,email\n');
		out.write('[');
		const counts: FixCounts = {records: run.stats.records, written: 0, fixed: 0, rejected: 0, byFix: {}, rejectedBy: {}, idsReplaced: 0, passwordResets: 0};

		// Problems are stored in record order: one cursor walks them beside the records
		const {problems} = run;
		let cursor = 0;
		const problemsOf = (index: number): RecordProblem[] => {
			const found: RecordProblem[] = [];
			while (cursor < problems.size) {
				if (problems.isRemoved(cursor)) {
					cursor++;
					continue;
				}

				const problem = problems.get(cursor);
				if (problem.record !== null && problem.record > index) break;
				if (problem.record === index) {
					const ref = problems.refAt(cursor);
					found.push({pointer: problem.pointer, code: problem.code, message: problem.message, ...(ref >= 0 ? {ref} : {})});
				}

				cursor++;
			}

			return found;
		};

		const duplicates = new DuplicateChain();
		const writeRecord = (text: string | Uint8Array) => {
			out.write(counts.written++ === 0 ? '\n  ' : ',\n  ');
			return out.write(text);
		};
		if (run.stats.records > 0) {
			// Synchronous unless a file must be flushed: a promise per record would slow a million down
			await reader.forEach(0, run.stats.records - 1, record => {
				if (signal?.aborted) throw new Error('cancelled');
				const {problems: found, promotions} = duplicates.resolve(problemsOf(record.index));
				// Most records have no problem: their bytes are copied without being decoded or parsed
				if (found.length === 0) {
					duplicates.written(record.index, promotions);
					return writeRecord(record.bytes);
				}

				const outcome = fixRecord(record.index, record.text, found, plan, run.ruleContext);
				if (outcome.kind === 'reject') duplicates.rejected(record.index);
				else duplicates.written(record.index, promotions);
				const waits: Array<Promise<void> | undefined> = [];
				if (outcome.kind === 'keep') {
					waits.push(writeRecord(record.bytes));
				} else if (outcome.kind === 'fixed') {
					counts.fixed++;
					waits.push(writeRecord(serialise(outcome.value, record.text)));
					for (const change of outcome.changes) {
						counts.byFix[change.fix] = (counts.byFix[change.fix] ?? 0) + 1;
						waits.push(log.write(`${JSON.stringify({record: record.index, fix: change.fix, pointer: change.pointer, before: change.before ?? null, after: change.after ?? null})}\n`));
					}

					if (outcome.idChange) {
						counts.idsReplaced++;
						waits.push(map.write(`${record.index},${csvField(outcome.idChange.before ?? '')},${csvField(outcome.idChange.after)}\n`));
					}

					if (outcome.passwordCleared) {
						counts.passwordResets++;
						waits.push(resets.write(`${record.index},${csvField(stringField(outcome.value, 'user_id'))},${csvField(primaryAddress(outcome.value))}\n`));
					}
				} else {
					counts.rejected++;
					counts.rejectedBy[outcome.reason] = (counts.rejectedBy[outcome.reason] ?? 0) + 1;
					const original = outcome.value === undefined ? {text: record.text} : {original: outcome.value};
					waits.push(rejects.write(`${JSON.stringify({record: record.index, line: record.line, reason: outcome.reason, problems: outcome.problems, ...original})}\n`));
				}

				const pending = waits.filter(wait => wait !== undefined);
				return pending.length > 0 ? Promise.all(pending).then(() => undefined) : undefined;
			});
		}

		out.write(counts.written === 0 ? ']\n' : '\n]\n');
		// The output is renamed last: when it is there, its rejects, map and log are complete too. A crash
		// before that leaves any previous output as it was
		for (const file of opened.toReversed()) await file.commit(); // eslint-disable-line no-await-in-loop
		return counts;
	} catch (error) {
		await Promise.all(opened.map(async file => file.abort()));
		throw error;
	}
}
