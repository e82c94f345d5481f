import path from 'node:path';
import {duplicateCodes, duplicatePointer} from '../engine/duplicate-confirmation.js';
import {checkpointEvery} from '../engine/batch-types.js';
import {DuplicateFinder} from '../engine/duplicate-finder.js';
import {KeyLog} from '../engine/key-log.js';
import type {RecordReader, RecordText} from '../engine/record-reader.js';
import {type KeyKind, hashPair, keyEntries, kindOf, packKind, slotOf} from '../engine/unique-hash.js';
import type {ValidationRun} from '../engine/validation-run.js';
import {AtomicFile, prepareAll} from '../files/atomic-file.js';
import {splitNames} from '../split/part-names.js';
import type {SplitManifest} from '../split/split-manifest.js';
import {SingleArrayWriter, SplitArrayWriter} from '../split/users-array-writer.js';
import {csvField} from '../text/csv-field.js';
import {sameTarget} from '../files/same-file.js';
import {ruleFor} from '../rules/catalogue.js';
import {type RecordProblem, type RuleContext, type UniqueKeys, checkRecordText} from '../rules/validate-record.js';
import {resized} from '../typed-arrays.js';
import type {OutputCheck} from '../report/validation-report.js';
import {OutputVerdict} from './output-verdict.js';
import type {FixId} from './fix-catalogue.js';
import type {FixPlan} from './fix-plan.js';
import {type RecordOutcome, fixRecord} from './fix-record.js';
import {Cancelled} from '../errors.js';

export type FixFiles = {
	/** The corrected import file: a JSON array, whatever the source was. */
	out: string;
	/** NDJSON: records that still have errors, with their problems and the original record. */
	rejects: string;
	/** CSV record,old_user_id,new_user_id: every user_id that changed. */
	map: string;
	/** NDJSON: record, fix, pointer, before, after for every change. */
	log: string;
	/** CSV record,user_id,email,username,note: users whose password hash was removed (password.clear), to ask to reset it. */
	resets: string;
};

/** The output files named, for the checks that no two are the same file. */
function namedOutputs(files: FixFiles, split: number | undefined): string[] {
	const {out, ...others} = files;
	const names = split === undefined ? [out] : [splitNames(out).manifest, splitNames(out).part(1)];
	return [...names, ...Object.values(others)];
}

/** `users.ndjson.gz` → `users.fixed.json`, `users.rejects.ndjson`, … beside the source. */
export function defaultFixFiles(source: string, out?: string): FixFiles {
	const directory = path.dirname(out ?? source);
	const base = path
		.basename(out ?? source)
		.replace(/\.gz$/i, '')
		.replace(/\.(fixed\.)?(json|ndjson|jsonl)$/i, '');
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
	/** The parts written, when the output was split. */
	manifest?: SplitManifest;
	/** Records written as they were because their fixes (of warnings only) would have made them another user's. */
	fixesSkipped: number;
};

/** The counts, and what a validation of the output would report (see OutputVerdict). */
export type FixResult = FixCounts & {output: OutputCheck};

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
	const emails = Array.isArray(value.emails) ? (value.emails as Array<Record<string, unknown>>) : [];
	const email = emails.find(item => item?.is_primary === true) ?? emails[0];
	return email && typeof email.address === 'string' ? email.address : '';
}

function parseOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** A fixed record in the style of its source: pretty-printed when it was, on one line when it was. */
function serialise(value: unknown, original: string): string {
	return original.includes('\n') ? JSON.stringify(value, null, 2).replaceAll('\n', '\n  ') : JSON.stringify(value);
}

/** Whether the bytes between two records, [end, start), are `,\n  `, which the output writes between them. */
function isOutputSeparator(buf: Uint8Array, end: number, start: number): boolean {
	return start - end === 4 && buf[end] === 0x2c && buf[end + 1] === 0x0a && buf[end + 2] === 0x20 && buf[end + 3] === 0x20;
}

/** A fixed record whose values would meet another record's in the output: it is rejected instead. */
type Collision = {kindSlot: number; earlier: number};

/** Every value of a fixed record that another record of the output has: the first one of each record decides its fate. */
type Collisions = {first: Map<number, Collision>; all: Array<Collision & {record: number}>};

/** Marks the values of fixed records among the others in the duplicate finder. */
const fixedFlag = 0x80_00_00_00;

/**
 * The values of the output that must be unique across users, to find the ones a fix made equal to
 * another record's (`" Ann "` trimmed and lowercased beside an `"ann"`, a NUL removed from `"bob\u0000"`
 * beside a `"bob"`). As the validation does, it keeps 64-bit hashes, never the values, in the duplicate
 * finder's bounded memory (spilling to temporary files past its budget). Records copied as they are
 * bring the values the validation saw (the run's key log; checked here only when the run kept none),
 * fixed records their values as fixed, after all the others: a fixed value that any copied record has,
 * earlier or later, or that an earlier fixed record has, is a collision, and the fixed record loses.
 * The first record keeps a value, as with `duplicate.reject-later`, except that a record a fix changed
 * never pushes out one that was written as it was.
 */
class OutputKeys {
	private readonly finder: DuplicateFinder;
	private readonly fixed: KeyLog;
	/** One bit a record: not copied as it is (fixed or rejected), so its values in the source do not count. */
	private replaced = new Uint8Array(1024);
	private readonly hash = new Uint32Array(2);

	constructor(
		private readonly source: KeyLog | undefined,
		private readonly rules: RuleContext,
		private readonly budget: number,
		tempDir: string | undefined,
	) {
		this.finder = new DuplicateFinder(budget, tempDir);
		this.fixed = new KeyLog(budget, tempDir);
	}

	/** Whether the values of records copied as they are come from the validation (else `copied` reads them). */
	get knowsCopiedValues(): boolean {
		return this.source !== undefined;
	}

	/** A record written as it is in the source (its bytes, or `text` to check when the run kept no values). */
	copied(record: number, text: () => string): void {
		if (this.source) return; // The run's log has its values
		for (const {kind, slot, value} of keyEntries(checkRecordText(text(), this.rules).keys)) {
			hashPair(value, kind, this.hash, 0);
			this.finder.add(this.hash[0]!, this.hash[1]!, record, packKind(kind, slot), 0, 0);
		}
	}

	rejected(record: number): void {
		this.replace(record);
	}

	fixedRecord(record: number, keys: UniqueKeys): void {
		this.replace(record);
		for (const {kind, slot, value} of keyEntries(keys)) {
			hashPair(value, kind, this.hash, 0);
			this.fixed.add(record, (packKind(kind, slot) | fixedFlag) >>> 0, this.hash[0]!, this.hash[1]!);
		}
	}

	/** The values of fixed records that another record of the output has. */
	async collisions(): Promise<Collisions> {
		const found: Collisions = {first: new Map(), all: []};
		if (this.fixed.count === 0) return found; // Copied records only: the validation saw every value
		const note = (record: number, kindSlot: number, earlier: number) => {
			if (earlier === record) return;
			const collision = {kindSlot: (kindSlot & ~fixedFlag) >>> 0, earlier};
			found.all.push({record, ...collision});
			if (!found.first.has(record)) found.first.set(record, collision);
		};

		// The usual case: the fixed values fit in memory, and the copied ones are only looked up in them,
		// not gathered (a million copied records, a few thousand fixed)
		if (this.source && this.fixed.count <= this.budget) {
			await this.collisionsInMemory(this.source, note);
			return found;
		}

		// Duplicates among the copied records were the validation's to find (and the plan's to resolve)
		await this.source?.forEach((record, kindSlot, a, b) => {
			if (!this.isReplaced(record)) this.finder.add(a, b, record, kindSlot, 0, 0);
		});
		await this.fixed.forEach((record, kindSlot, a, b) => {
			const earlier = this.finder.add(a, b, record, kindSlot, 0, 0);
			if (earlier >= 0) note(record, kindSlot, earlier);
		});
		for (const late of await this.finder.finish()) {
			if ((late.kindSlot & fixedFlag) !== 0) note(late.record, late.kindSlot, late.earlier);
		}

		return found;
	}

	/**
	 * As the duplicate finder decides, with the copied values first: a fixed value is another record's
	 * when the first copied record that has it exists, else when an earlier fixed record has it.
	 */
	private async collisionsInMemory(source: KeyLog, note: (record: number, kindSlot: number, earlier: number) => void): Promise<void> {
		/** By the first half of the hash: the values with it (second half, first fixed record, first copied record). */
		const values = new Map<number, Array<{b: number; fixed: number; copied: number}>>();
		const valueOf = (a: number, b: number) => values.get(a)?.find(value => value.b === b);
		// One bit for each 20-bit end of the first half that a fixed value has: most copied values are
		// turned away by it, without a map lookup each (a fifth of the pass's tail at 1M users)
		const seen = new Uint32Array(1 << 15);
		await this.fixed.forEach((record, _kindSlot, a, b) => {
			if (valueOf(a, b)) return;
			seen[(a >>> 5) & 0x7f_ff]! |= 1 << (a & 31);
			const list = values.get(a);
			const value = {b, fixed: record, copied: -1};
			if (list) list.push(value);
			else values.set(a, [value]);
		});
		await source.forEach((record, _kindSlot, a, b) => {
			const list = values.get(a);
			if (list === undefined || this.isReplaced(record)) return;
			const value = list.find(entry => entry.b === b);
			if (value && value.copied < 0) value.copied = record;
		}, seen);
		await this.fixed.forEach((record, kindSlot, a, b) => {
			const value = valueOf(a, b)!;
			note(record, kindSlot, value.copied >= 0 ? value.copied : value.fixed);
		});
	}

	dispose(): void {
		this.finder.dispose();
		this.fixed.dispose();
	}

	private replace(record: number): void {
		if (record >>> 3 >= this.replaced.length)
			this.replaced = resized(this.replaced, Math.max(this.replaced.length * 2, (record >>> 3) + 1));
		this.replaced[record >>> 3]! |= 1 << (record & 7);
	}

	private isReplaced(record: number): boolean {
		return ((this.replaced[record >>> 3] ?? 0) & (1 << (record & 7))) !== 0;
	}
}

const valueNames: Record<KeyKind, string> = ['user_id', 'address', 'username', 'credential id', 'user_handle'];

/** Why a fixed record is rejected for a value another record of the output has. */
function collisionProblem(
	outcome: Extract<RecordOutcome, {kind: 'fixed'}>,
	text: string,
	collision: Collision,
	rules: RuleContext,
): RecordProblem {
	const kind = kindOf(collision.kindSlot);
	const slot = slotOf(collision.kindSlot);
	const pointer = duplicatePointer(kind, slot);
	const value = keyEntries(outcome.keys).find(entry => entry.kind === kind && entry.slot === slot)?.value;
	const unchanged =
		value !== undefined && keyEntries(checkRecordText(text, rules).keys).some(entry => entry.kind === kind && entry.value === value);
	const fixes = [
		...new Set(
			outcome.changes
				.filter(change => change.pointer === pointer || change.pointer.startsWith(`${pointer}/`))
				.map(change => change.fix),
		),
	];
	const how = unchanged ? 'as written' : fixes.length > 0 ? `once fixed by ${fixes.join(', ')}` : 'once fixed';
	const shown = value === undefined ? '' : ` ${JSON.stringify(value)}`;
	return {
		pointer,
		code: duplicateCodes[kind],
		message: `${valueNames[kind]}${shown} (${how}) is also the value of record ${collision.earlier}: Hanko keeps a value for one user only, so this record is not written; merge the two users or give this one another value`,
		ref: collision.earlier,
	};
}

type Pass = {
	counts: FixCounts;
	verdict: OutputVerdict;
	/** The size of each file of users written (one, unless split); known once committed. */
	sizes(): number[];
	/** Every file written out, flushed to disk and closed, ready to be renamed (the first half of `commit`). */
	prepare(): Promise<void>;
	commit(): Promise<void>;
	abort(): Promise<void>;
};

/**
 * The second pass: reads every record of the validated source again, applies the plan, and writes the
 * output (split into parts of at most `split` bytes, with a manifest, when given), rejects, id map and
 * fix log, each atomically. Records without a change are copied byte for byte. The source is only
 * read. When a fix made a record's value equal to another record's (a value that must be unique across
 * users), the files are written once more with that record rejected: the output never holds a
 * duplicate the source did not have. The output is not read again: what its validation would report
 * is gathered as it is written (`output`, see OutputVerdict).
 */
export async function writeFixed(
	run: ValidationRun,
	plan: FixPlan,
	files: FixFiles,
	signal?: AbortSignal,
	split?: number,
): Promise<FixResult> {
	const reader = run.recordReader();
	if (run.stats.header && !run.stats.header.seekable)
		throw new Error('a pipe or FIFO can be read only once, and a fix reads its source twice: save it to a file first');
	if (!reader || !run.stats.done || run.stats.fatal) throw new Error('the source must be read to its end before it is fixed');
	// A record whose problems were not kept would be copied as if it had none
	if (run.problems.truncated) throw new Error('too many problems to keep them all in memory here: fix this file with `hanko-tui fix`');
	// Compared as the file system sees them (real folders, device and inode), not as spelled: an output
	// through a linked folder must not replace the source
	const named = [run.file, ...namedOutputs(files, split)];
	for (const [index, file] of named.entries()) {
		if (named.slice(0, index).some(earlier => sameTarget(earlier, file)))
			throw new Error(`${file} is the source or another output: choose another name`);
	}

	const source = run.keyLog?.available ? run.keyLog : undefined;
	// One pass, and its values checked across the output
	const checkedPass = async (rejected: ReadonlyMap<number, Collision>): Promise<{pass: Pass; collisions: Collisions}> => {
		const keys = new OutputKeys(source, run.ruleContext, run.duplicateMemoryBudget, run.tempDir);
		try {
			const pass = await writePass(run, reader, plan, files, split, signal, keys, rejected);
			// The files go to disk while the values are checked (the flush to disk of a large output took
			// as long as the check). A pass written again after a collision drops them: how its flush went
			// does not matter then (it was never flushed before, and a full disk must not fail the fix for it)
			const prepared = pass.prepare().then(
				() => ({ok: true as const}),
				(reason: unknown) => ({ok: false as const, reason}),
			);
			try {
				const collisions = await keys.collisions();
				const outcome = await prepared;
				if (!outcome.ok && collisions.first.size === 0) throw outcome.reason;
				if (signal?.aborted) throw new Cancelled();
				return {pass, collisions};
			} catch (error) {
				await prepared;
				await pass.abort();
				throw error;
			}
		} finally {
			keys.dispose();
		}
	};

	let {pass, collisions} = await checkedPass(new Map());
	if (collisions.first.size > 0) {
		await pass.abort();
		({pass, collisions} = await checkedPass(collisions.first));
	}

	// What the pass that is kept still has: a record written unfixed (its fixes, of warnings, collided)
	// brings back its own values, which another fixed record may have
	const duplicated = new Set<number>();
	for (const {record, kindSlot} of collisions.all) {
		pass.verdict.addDuplicate(duplicateCodes[kindOf(kindSlot)], !duplicated.has(record));
		duplicated.add(record);
	}

	await pass.commit();
	const target = pass.counts.manifest ? splitNames(files.out).manifest : files.out;
	return {...pass.counts, output: pass.verdict.build(target, run.stats.hankoVersion, pass.sizes())};
}

/**
 * Groups of records (see PieceOptions.joinedGroups) that the validation saw joined, none of whose
 * records has a problem (a record rejected for a collision was a fixed one: it has problems).
 */
function cleanJoinedGroups(run: ValidationRun): (group: number) => boolean {
	const {problems} = run;
	const withProblems = new Set<number>();
	for (let at = 0; at < problems.size; at++) {
		const record = problems.recordAt(at);
		if (record >= 0 && !problems.isRemoved(at)) withProblems.add(Math.floor(record / checkpointEvery));
	}

	return group => !withProblems.has(group) && run.joinedGroups.joined(group);
}

/**
 * One pass over the source, writing every file to its temporary name; `commit` puts them in place.
 * `keys` gathers the output's values when given; the records in `collisions` are rejected.
 */
async function writePass(
	run: ValidationRun,
	reader: RecordReader,
	plan: FixPlan,
	files: FixFiles,
	split: number | undefined,
	signal: AbortSignal | undefined,
	keys: OutputKeys,
	collisions: ReadonlyMap<number, Collision>,
): Promise<Pass> {
	const out = split === undefined ? await SingleArrayWriter.create(files.out) : await SplitArrayWriter.create(files.out, split);
	const opened: Array<Pick<AtomicFile, 'prepare' | 'place' | 'abort'>> = [out];
	const abort = async () => {
		await Promise.all(opened.map(async file => file.abort()));
	};

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
		resets.write('record,user_id,email,username,note\n');
		const counts: FixCounts = {
			records: run.stats.records,
			written: 0,
			fixed: 0,
			rejected: 0,
			byFix: {},
			rejectedBy: {},
			idsReplaced: 0,
			passwordResets: 0,
			fixesSkipped: 0,
		};

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
		const verdict = new OutputVerdict();
		const writeRecord = (text: string | Uint8Array, problems: readonly RecordProblem[]) => {
			counts.written++;
			verdict.add(problems);
			return out.add(text);
		};

		const reject = (record: {index: number; line: number; text: string}, reason: string, problems: RecordProblem[], value: unknown) => {
			counts.rejected++;
			counts.rejectedBy[reason] = (counts.rejectedBy[reason] ?? 0) + 1;
			const original = value === undefined ? {text: record.text} : {original: value};
			return rejects.write(`${JSON.stringify({record: record.index, line: record.line, reason, problems, ...original})}\n`);
		};

		// Synchronous unless a file must be flushed: a promise per record would slow a million down
		const visit = (record: RecordText): Promise<void> | undefined => {
			const {problems: found, promotions} = duplicates.resolve(problemsOf(record.index));
			// Most records have no problem: their bytes are copied without being decoded or parsed
			if (found.length === 0) {
				duplicates.written(record.index, promotions);
				keys.copied(record.index, () => record.text);
				return writeRecord(record.bytes, found);
			}

			let outcome: RecordOutcome = fixRecord(record.index, record.text, found, plan, run.ruleContext);
			if (outcome.kind === 'reject') duplicates.rejected(record.index);
			// A record rejected for a collision counts as written for the duplicates: it was in the pass
			// that found the collision, and the records after it must be decided as they were then
			else duplicates.written(record.index, promotions);
			const collision = collisions.get(record.index);
			if (collision && outcome.kind === 'fixed') {
				if (found.some(problem => ruleFor(problem.code).severity === 'error')) {
					const problem = collisionProblem(outcome, record.text, collision, run.ruleContext);
					outcome = {
						kind: 'reject',
						reason: `${problem.code} once fixed`,
						problems: [problem],
						value: parseOrUndefined(record.text),
					};
				} else {
					// Only warnings were fixed: Hanko imports the record as it is, so it is kept as it is
					counts.fixesSkipped++;
					outcome = {kind: 'keep'};
				}
			}

			const waits: Array<Promise<void> | undefined> = [];
			if (outcome.kind === 'keep') {
				keys.copied(record.index, () => record.text);
				waits.push(writeRecord(record.bytes, found));
			} else if (outcome.kind === 'fixed') {
				keys.fixedRecord(record.index, outcome.keys);
				counts.fixed++;
				waits.push(writeRecord(serialise(outcome.value, record.text), outcome.problems));
				for (const change of outcome.changes) {
					counts.byFix[change.fix] = (counts.byFix[change.fix] ?? 0) + 1;
					waits.push(
						log.write(
							`${JSON.stringify({record: record.index, fix: change.fix, pointer: change.pointer, before: change.before ?? null, after: change.after ?? null})}\n`,
						),
					);
				}

				if (outcome.idChange) {
					counts.idsReplaced++;
					waits.push(
						map.write(`${record.index},${csvField(outcome.idChange.before ?? '')},${csvField(outcome.idChange.after)}\n`),
					);
				}

				if (outcome.passwordCleared) {
					counts.passwordResets++;
					const address = primaryAddress(outcome.value);
					// Hanko's reset sends a code by email: a user without one needs another way
					const note = address === '' ? 'no email: a reset code cannot reach this user' : '';
					waits.push(
						resets.write(
							`${record.index},${csvField(stringField(outcome.value, 'user_id'))},${csvField(address)},${csvField(stringField(outcome.value, 'username'))},${note}\n`,
						),
					);
				}
			} else {
				keys.rejected(record.index);
				waits.push(reject(record, outcome.reason, outcome.problems, outcome.value));
			}

			const pending = waits.filter(wait => wait !== undefined);
			return pending.length > 0 ? Promise.all(pending).then(() => undefined) : undefined;
		};

		// The next record with a problem: the ones before it are copied as they are
		const nextWithProblems = (): number => {
			while (cursor < problems.size && (problems.isRemoved(cursor) || problems.recordAt(cursor) < 0)) cursor++;
			return cursor < problems.size ? problems.recordAt(cursor) : Number.POSITIVE_INFINITY;
		};

		// Records without a problem, as long as their values are known without reading them, are copied
		// a run at a time: one write for records that follow one another with the separator the output
		// has between them (a file written as JSON.stringify(users, null, 2) writes them, or this writer)
		const joins = out instanceof SingleArrayWriter ? out : undefined;
		const copyRun = (buf: Uint8Array, start: number, end: number, records: number): Promise<void> | undefined => {
			counts.written += records;
			verdict.addClean(records);
			const bytes = buf.subarray(start, end);
			return joins ? joins.addJoined(bytes, records) : out.add(bytes);
		};

		const copiesRuns = keys.knowsCopiedValues;
		// Groups of records without a problem, laid out as the output lays them out, come as one stretch of
		// bytes each, not framed again: framing was most of this pass. Only where their values are known
		// without reading them, and into one file (a split output weighs each record)
		const joinedGroups = copiesRuns && joins ? cleanJoinedGroups(run) : undefined;
		if (run.stats.records > 0) {
			// A piece a call: the writers want to be waited for now and then (a part of a split being opened)
			// The source is read and framed by a worker meanwhile; the signal ends it too
			await reader.forEachPiece(
				0,
				run.stats.records - 1,
				async piece => {
					if (signal?.aborted) throw new Cancelled();
					const {buf, frames, firstRecord} = piece;
					if (piece.joined) {
						const wait = copyRun(buf, 0, buf.length, piece.to - piece.from);
						if (wait) await wait;
						return;
					}

					let next = copiesRuns ? nextWithProblems() : firstRecord;
					let runStart = 0;
					let runEnd = 0;
					let runRecords = 0;
					const endRun = () => {
						const records = runRecords;
						runRecords = 0;
						return records > 0 ? copyRun(buf, runStart, runEnd, records) : undefined;
					};

					// Awaited only when there is a promise: an await is a turn of the event loop
					let wait: Promise<void> | undefined;
					for (let i = piece.from; i < piece.to; i++) {
						const index = firstRecord + i;
						if (index < next) {
							const start = frames.starts[i]!;
							if (runRecords > 0 && (!joins || !isOutputSeparator(buf, runEnd, start)) && (wait = endRun())) await wait;
							if (runRecords === 0) runStart = start;
							runEnd = frames.ends[i]!;
							runRecords++;
							continue;
						}

						if ((wait = endRun())) await wait;
						if ((wait = visit(piece.record(i)))) await wait;
						next = copiesRuns ? nextWithProblems() : index + 1;
					}

					if ((wait = endRun())) await wait;
				},
				{signal, ...(joinedGroups && {joinedGroups})},
			);
		}

		// Every file is written out and closed before any is renamed: a full disk then leaves none of
		// them. Once, whether the check of the values or the commit asks first
		let prepared: Promise<void> | undefined;
		const prepare = async () => {
			prepared ??= prepareAll(opened).then(async failed => {
				if (!failed) return;
				await abort();
				throw failed.reason;
			});
			return prepared;
		};

		return {
			counts,
			verdict,
			sizes: () => (out instanceof SingleArrayWriter ? [out.bytes] : (out.manifest?.parts.map(part => part.bytes) ?? [])),
			abort,
			prepare,
			async commit() {
				try {
					await prepare();
					// The output is renamed last: when it is there, its rejects, map and log are complete too.
					// A crash before that leaves any previous output as it was
					for (const file of opened.toReversed()) await file.place();
					if (out.manifest) counts.manifest = out.manifest;
				} catch (error) {
					await abort();
					throw error;
				}
			},
		};
	} catch (error) {
		await abort();
		throw error;
	}
}
