import {describeIoError} from '../engine/read-batches.js';
import {Cancelled, UserError} from '../errors.js';
import {BatchWriter, type LossReport} from './batch-writer.js';
import type {ConvertFiles} from './convert-files.js';
import {openOutputs} from './convert-outputs.js';
import type {SplitManifest} from '../split/split-manifest.js';
import {checkTargets} from './convert-paths.js';
import {type ConvertedBatch, convertRecords} from './convert-record.js';
import {type WorkerPoolOptions, convertOnWorkers} from './worker-pool.js';
import type {ConvertOptions} from './converted-user.js';
import type {PasswordExport} from './providers/password-export.js';
import {claimLines} from './providers/password-claims.js';
import {detectSource} from './detect-source.js';
import {type SourceKind, type SourceLayout, sourceNames} from './source-kinds.js';
import {readSourceRecords} from './source-records.js';
import {UnknownSourceError} from './unknown-source-error.js';

// Streams another provider's export, converts each user, and writes the import file, the rejects,
// and the map from the source's ids to the UUIDs given. Nothing is in place until `commit`: the
// loss report can be read, and the conversion dropped, before any output file exists.

export type {LossReport} from './batch-writer.js';
export {type ConvertFiles, defaultConvertFiles} from './convert-files.js';
export {checkConvertPaths} from './convert-paths.js';
export {UnknownSourceError} from './unknown-source-error.js';

export type ConvertProgress = {users: number; bytesRead: number; size: number};

export type PendingConversion = {
	report: LossReport;
	files: ConvertFiles;
	/** The parts a split wrote: known once `commit` is done. */
	manifest(): SplitManifest | undefined;
	/** Puts the three files in place (each renamed over its name). */
	commit(): Promise<void>;
	/** Drops what was written; nothing of it stays on disk. */
	abort(): Promise<void>;
};

export type ConvertRunOptions = Omit<WorkerPoolOptions, 'passwords'> & {
	from?: SourceKind;
	/** Already detected (the screen detects before it asks). */
	layout?: SourceLayout;
	/** Auth0's separate password export, by `id:<oid>` and `email:<address>` (readPasswordExport). */
	passwords?: PasswordExport;
	/** Writes the users in parts of at most this many bytes, with a manifest (core/split). */
	split?: number;
	onProgress?(progress: ConvertProgress): void;
};

/** Converts `file` into temporary files; `commit` the result to put them in place. */
export async function convertFile(file: string, files: ConvertFiles, options: ConvertRunOptions): Promise<PendingConversion> {
	let layout = options.layout;
	try {
		layout ??= await detectSource(file, options.from);
	} catch (error) {
		if (error instanceof UserError) throw error; // A --from the content contradicts: said as it is
		throw new Error(`${file}: cannot read the file: ${describeIoError(error)}`);
	}

	if (!layout) throw new UnknownSourceError(file);
	// A file given for another provider's passwords would be silently left unread
	if (options.passwords && layout.kind !== 'auth0')
		throw new UserError(`--passwords is Auth0's password export, but ${file} reads as ${sourceNames[layout.kind]}'s export`);
	if (options.hashConfig && layout.kind !== 'firebase')
		throw new UserError(`--hash-config is Firebase's hash parameters, but ${file} reads as ${sourceNames[layout.kind]}'s export`);
	await checkTargets(files);
	const outputs = await openOutputs(files, options.split);
	try {
		outputs.map.write('record,source_id,user_id\n');
		const writer = new BatchWriter(layout.kind, outputs);
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
		// Lines the export's users have by id are theirs: none of them goes to another user by address
		if (options.passwords) await claimLines(file, options.passwords, options.signal);
		// The hashes are looked up where each user is converted: shared with the threads, not copied
		const converterOptions: ConvertOptions = {
			includeDisabled: options.includeDisabled,
			hashConfig: options.hashConfig,
			passwords: options.passwords?.share(),
			profile: files.profile !== undefined,
		};
		const fatal =
			layout.container === 'json' || layout.container === 'users-object'
				? await convertOnWorkers(
						file,
						layout,
						{...options, ...converterOptions, passwords: converterOptions.passwords},
						write,
						progress,
					)
				: // CSV is parsed on this thread by csv-parse: converting it here too costs little beside that
					await readSourceRecords(
						file,
						layout.container,
						{
							progress,
							async batch(records) {
								if (options.signal?.aborted) throw new Cancelled();
								await write(convertRecords(records, kind, converterOptions));
							},
						},
						kind,
					);
		// The closures of the pending conversion keep this scope: the hashes must not stay with it
		converterOptions.passwords = undefined;
		if (fatal) throw new Error(`${file}:${fatal.line}:${fatal.column}: ${fatal.message}`);
		return {report: writer.report, files, commit: outputs.commit, abort: outputs.abort, manifest: () => outputs.out.manifest};
	} catch (error) {
		await outputs.abort();
		throw error;
	}
}
