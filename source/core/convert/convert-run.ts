import path from 'node:path';
import {realpathSync} from 'node:fs';
import {stat} from 'node:fs/promises';
import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';
import {describeIoError, readBatches} from '../engine/read-batches.js';
import {workerUrl} from '../engine/worker-url.js';
import {AtomicFile} from '../files/atomic-file.js';
import type {Fatal} from '../framing/frame-types.js';
import {isPlainObject} from '../rules/json-values.js';
import {csvField} from '../text/csv-field.js';
import {sameTarget} from '../files/same-file.js';
import {type ConversionCounts, type ConvertedBatch, bump, convertRecords, emptyCounts, withPasswords} from './convert-record.js';
import type {ConvertWorkerData, ConvertedMessage, FramedBatch} from './convert-worker.js';
import {type ConvertOptions, type PasswordLookups, resolvePassword} from './converted-user.js';
import {detectSource} from './detect-source.js';
import {type SourceKind, type SourceLayout, sourceKinds, sourceNames} from './source-kinds.js';
import {readSourceRecords} from './source-records.js';
import {Cancelled, CommitError} from '../errors.js';

// Streams another provider's export, converts each user, and writes the import file, the rejects,
// and the map from the source's ids to the UUIDs given. Nothing is in place until `commit`: the
// loss report can be read, and the conversion dropped, before any output file exists.

export type ConvertFiles = {out: string; rejects: string; map: string};

/** The output beside the source (`users.json.gz` → `users.hanko.json`), unless `out` names one. */
export function defaultConvertFiles(source: string, out?: string): ConvertFiles {
	const target = out ?? path.join(path.dirname(source), `${path.basename(source).replace(/(?:\.(?:json|ndjson|jsonl|csv))?(?:\.gz)?$/i, '')}.hanko.json`);
	const base = path.join(path.dirname(target), path.basename(target).replace(/\.json$/i, ''));
	return {out: target, rejects: `${base}.rejects.ndjson`, map: `${base}.id-map.csv`};
}

export type LossReport = ConversionCounts & {source: SourceKind};

export type ConvertProgress = {users: number; bytesRead: number; size: number};

export type PendingConversion = {
	report: LossReport;
	files: ConvertFiles;
	/** Puts the three files in place (each renamed over its name). */
	commit(): Promise<void>;
	/** Drops what was written; nothing of it stays on disk. */
	abort(): Promise<void>;
};

export class UnknownSourceError extends Error {
	constructor(file: string) {
		super(`${file}: not an export of a provider this tool knows (${sourceKinds.map(kind => sourceNames[kind]).join(', ')}): name the source with --from (${sourceKinds.join(', ')})`);
	}
}


export type ConvertRunOptions = ConvertOptions & {
	from?: SourceKind;
	/** Already detected (the screen detects before it asks). */
	layout?: SourceLayout;
	/** Auth0's separate password export, by `id:<oid>` and `email:<address>` (readPasswordExport). */
	passwords?: PasswordLookups;
	/** Threads converting JSON exports (default: one per core, at most 4). */
	workers?: number;
	/** Niceness of those threads behind a screen (Linux). */
	workerNice?: number;
	onProgress?(progress: ConvertProgress): void;
	signal?: AbortSignal;
};

/** Writes `text` (when there is some); a failure names the file it was meant for. */
async function write(file: AtomicFile, text: string): Promise<void> {
	try {
		if (text) await file.write(text);
	} catch (error) {
		throw new Error(`cannot write ${file.target}: ${describeIoError(error)}`);
	}
}

/** Puts each converted batch into the output files, in the file's order, and adds up the report. */
class BatchWriter {
	readonly report: LossReport;

	constructor(source: SourceKind, private readonly files: {out: AtomicFile; rejects: AtomicFile; map: AtomicFile}, private readonly passwords: PasswordLookups | undefined) {
		this.report = {source, ...emptyCounts()};
	}

	/** Writes one batch; the promise holds reading back while the disk is behind. */
	async write(batch: ConvertedBatch): Promise<void> {
		const {report} = this;
		const hashes: Array<{end: number; hash: string}> = [];
		for (const {end, keys} of batch.lookups) {
			const {hash, outcome} = resolvePassword({kind: 'lookup', keys}, this.passwords);
			if (outcome.kind === 'reset') bump(report.passwords.reset, outcome.reason);
			else report.passwords[outcome.kind]++;
			if (hash) hashes.push({end, hash});
		}

		report.users += batch.users;
		report.idsReplaced += batch.idsReplaced;
		for (const [reason, n] of Object.entries(batch.rejected)) bump(report.rejected, reason, n);
		for (const [lost, n] of Object.entries(batch.losses)) bump(report.losses, lost, n);
		for (const [reason, n] of Object.entries(batch.passwords.reset)) bump(report.passwords.reset, reason, n);
		report.passwords.kept += batch.passwords.kept;
		report.passwords.converted += batch.passwords.converted;
		report.passwords.none += batch.passwords.none;
		const out = batch.written === 0 ? '' : `${report.written === 0 ? '\n  ' : ',\n  '}${hashes.length > 0 ? withPasswords(batch.text, hashes) : batch.text}`;
		report.written += batch.written;
		await Promise.all([write(this.files.out, out), write(this.files.rejects, batch.rejects), write(this.files.map, batch.map)]);
	}
}

/** Converts JSON batches on worker threads, handing their outcomes to `write` in the file's order. */
async function convertOnWorkers(file: string, layout: SourceLayout, options: ConvertRunOptions, write: (batch: ConvertedBatch) => Promise<void>, progress: (bytesRead: number, size: number) => void): Promise<Fatal | undefined> {
	const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), 4));
	const data: ConvertWorkerData = {kind: layout.kind, options: {includeDisabled: options.includeDisabled, hashConfig: options.hashConfig}, nice: options.workerNice};
	const workers = Array.from({length: count}, () => new Worker(workerUrl('../convert/convert-worker'), {workerData: data}));
	const inFlight = new Array<number>(count).fill(0);
	const waiting = new Map<number, ConvertedBatch>();
	let nextSeq = 0;
	let failure: Error | undefined;
	let writing = Promise.resolve();
	// Woken when a batch comes back: a free slot for the reader, or the last batches done
	let wake: (() => void) | undefined;
	const settled = () => {
		wake?.();
		wake = undefined;
	};

	const sleep = async () => new Promise<void>(resolve => {
		wake = resolve;
	});

	for (const [at, worker] of workers.entries()) {
		worker.on('message', ({seq, batch}: ConvertedMessage) => {
			inFlight[at]!--;
			waiting.set(seq, batch);
			// Written strictly in order: a batch waits for those before it
			while (waiting.has(nextSeq)) {
				const ready = waiting.get(nextSeq)!;
				waiting.delete(nextSeq++);
				// A failed write (a full disk) stops the run like a failed thread, never unhandled
				writing = writing.then(async () => write(ready)).catch((error: unknown) => {
					failure ??= error as Error;
					settled();
				});
			}

			settled();
		});
		worker.on('error', error => {
			failure = error;
			settled();
		});
	}

	let sent = 0;
	let size = 0;
	try {
		const outcome = await readBatches(file, {
			header(header) {
				size = header.bytes;
			},
			progress(bytesRead) {
				progress(bytesRead, size);
			},
			async batch(batch) {
				if (batch.count === 0) return;
				// Two batches a thread keeps them all busy without holding the file in memory
				while (!failure && !options.signal?.aborted && Math.min(...inFlight) >= 2) await sleep(); // eslint-disable-line no-await-in-loop
				if (failure) throw failure;
				if (options.signal?.aborted) throw new Cancelled();
				const at = inFlight.indexOf(Math.min(...inFlight));
				inFlight[at]!++;
				const message: FramedBatch = {seq: sent++, firstRecord: batch.firstRecord, buf: batch.buf, starts: batch.starts, ends: batch.ends, lines: batch.lines, flags: batch.flags, count: batch.count};
				workers[at]!.postMessage(message, [batch.buf.buffer as ArrayBuffer]);
				await writing;
			},
		}, {arrayKey: layout.container === 'users-object' ? 'users' : undefined});
		// A thread's failure or a cancel stops the reader as a fault of the read: it is told as what it is
		if (failure) throw failure;
		if (options.signal?.aborted) throw new Cancelled();
		while (!failure && !options.signal?.aborted && nextSeq < sent) await sleep(); // eslint-disable-line no-await-in-loop
		await writing;
		if (failure) throw failure;
		// A cancel that came while the last batches were converted still cancels
		if (options.signal?.aborted) throw new Cancelled();
		return outcome.fatal;
	} finally {
		await Promise.all(workers.map(async worker => worker.terminate()));
	}
}

/**
 * Refuses output paths that would overwrite the export or a file given beside it, or each other:
 * the source is never changed.
 */
export function checkConvertPaths(source: string, files: ConvertFiles, beside: readonly string[] = []): void {
	const inputs = [source, ...beside];
	const outputs: Array<[string, string]> = [['--out', files.out], ['--rejects', files.rejects], ['--map', files.map]];
	for (const [flag, file] of outputs) {
		if (inputs.some(input => sameFile(input, file))) throw new Error(`${file}: ${flag} names a file the conversion reads: the export and the files beside it are never overwritten`);
		const same = outputs.find(([other, next]) => other !== flag && sameFile(next, file));
		if (same) throw new Error(`${file}: ${flag} and ${same[0]} name the same file`);
	}
}

/**
 * One file under two names: through links in its folders or at its name (real paths), or as a hard
 * link (device and inode).
 */
function sameFile(a: string, b: string): boolean {
	return realPath(a) === realPath(b) || sameTarget(a, b);
}

/** Where a path really leads, through links in its folders and in itself, whether or not it exists yet. */
function realPath(file: string): string {
	const absolute = path.resolve(file);
	try {
		return realpathSync(absolute);
	} catch {
		try {
			return path.join(realpathSync(path.dirname(absolute)), path.basename(absolute));
		} catch {
			return absolute;
		}
	}
}

/** The outputs must be files that can be replaced, in folders that exist. */
async function checkTargets(files: ConvertFiles): Promise<void> {
	for (const target of [files.out, files.rejects, files.map]) {
		const found = await stat(target).catch(() => undefined); // eslint-disable-line no-await-in-loop
		if (found?.isDirectory()) throw new Error(`${target}: is a directory, not a file: name the output file`);
		const folder = await stat(path.dirname(path.resolve(target))).catch(() => undefined); // eslint-disable-line no-await-in-loop
		if (!folder?.isDirectory()) throw new Error(`${target}: the folder ${path.dirname(path.resolve(target))} does not exist`);
	}
}

/** Converts `file` into temporary files; `commit` the result to put them in place. */
export async function convertFile(file: string, files: ConvertFiles, options: ConvertRunOptions): Promise<PendingConversion> {
	let layout = options.layout;
	try {
		layout ??= await detectSource(file, options.from);
	} catch (error) {
		throw new Error(`${file}: cannot read the file: ${describeIoError(error)}`);
	}

	if (!layout) throw new UnknownSourceError(file);
	await checkTargets(files);
	const opened: AtomicFile[] = [];
	const abort = async () => {
		await Promise.all(opened.map(async file => file.abort()));
	};

	try {
		const create = async (target: string) => {
			const created = await AtomicFile.create(target).catch((error: unknown) => {
				throw new Error(`${target}: cannot write: ${describeIoError(error)}`);
			});
			opened.push(created);
			return created;
		};

		const out = await create(files.out);
		const rejects = await create(files.rejects);
		const map = await create(files.map);
		map.write('record,source_id,user_id\n');
		out.write('[');
		const writer = new BatchWriter(layout.kind, {out, rejects, map}, options.passwords);
		let bytesRead = 0;
		let size = 0;
		const write = async (batch: ConvertedBatch) => {
			await writer.write(batch);
			options.onProgress?.({users: writer.report.users, bytesRead, size});
		};

		const progress = (read: number, total: number) => {
			bytesRead = read;
			size = total;
		};

		const kind = layout.kind;
		const converterOptions: ConvertOptions = {includeDisabled: options.includeDisabled, hashConfig: options.hashConfig};
		const fatal = layout.container === 'json' || layout.container === 'users-object'
			? await convertOnWorkers(file, layout, options, write, progress)
			// CSV is parsed on this thread by csv-parse: converting it here too costs little beside that
			: await readSourceRecords(file, layout.container, {
				progress,
				async batch(records) {
					if (options.signal?.aborted) throw new Cancelled();
					await write(convertRecords(records, kind, converterOptions));
				},
			});
		if (fatal) throw new Error(`${file}:${fatal.line}:${fatal.column}: ${fatal.message}`);
		out.write(writer.report.written === 0 ? ']\n' : '\n]\n');
		return {
			report: writer.report,
			files,
			async commit() {
				// Each file flushed and closed first (the slow part); then three renames back to back, the
				// import file last: when it is in place, so are its rejects and map
				try {
					await Promise.all(opened.map(async file => file.prepare()));
				} catch (error) {
					await abort();
					throw new CommitError(`cannot write the converted files: ${describeIoError(error)}`, []);
				}

				const written: string[] = [];
				for (const file of [map, rejects, out]) {
					try {
						await file.place(); // eslint-disable-line no-await-in-loop
						written.push(file.target);
					} catch (error) {
						await abort();
						throw new CommitError(`cannot write ${file.target}: ${describeIoError(error)}${written.length > 0 ? ` (already written: ${written.join(', ')})` : ''}`, written);
					}
				}
			},
			abort,
		};
	} catch (error) {
		await abort();
		throw error;
	}
}
