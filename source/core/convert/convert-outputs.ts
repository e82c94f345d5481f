import {describeIoError} from '../engine/read-batches.js';
import {CommitError} from '../errors.js';
import {AtomicFile, prepareAll} from '../files/atomic-file.js';
import {SingleArrayWriter, SplitArrayWriter} from '../split/users-array-writer.js';
import type {ConvertOutputs} from './batch-writer.js';
import type {ConvertFiles} from './convert-files.js';

// The output files under temporary names while the conversion runs: nothing is in place before
// `commit`, and `abort` leaves nothing of them on disk.

export type OpenOutputs = ConvertOutputs & {
	/** Puts the three files in place (each renamed over its name); a CommitError names those already placed. */
	commit(): Promise<void>;
	abort(): Promise<void>;
};

export async function openOutputs(files: ConvertFiles, split?: number): Promise<OpenOutputs> {
	const opened: Array<Pick<AtomicFile, 'target' | 'prepare' | 'place' | 'abort'>> = [];
	const abort = async () => {
		await Promise.all(opened.map(async file => file.abort()));
	};

	const create = async (target: string) => {
		const created = await AtomicFile.create(target).catch((error: unknown) => {
			throw new Error(`${target}: cannot write: ${describeIoError(error)}`);
		});
		opened.push(created);
		return created;
	};

	try {
		const out = await (split === undefined ? SingleArrayWriter.create(files.out) : SplitArrayWriter.create(files.out, split)).catch(
			(error: unknown) => {
				throw new Error(`${files.out}: cannot write: ${describeIoError(error)}`);
			},
		);
		opened.push(out);
		const rejects = await create(files.rejects);
		const map = await create(files.map);
		const profile = files.profile === undefined ? undefined : await create(files.profile);
		return {
			out,
			rejects,
			map,
			profile,
			abort,
			async commit() {
				// Each file flushed and closed first (the slow part); then three renames back to back, the
				// import file last: when it is in place, so are its rejects and map
				const failed = await prepareAll(opened);
				if (failed) {
					await abort();
					throw new CommitError(`cannot write ${failed.file.target}: ${describeIoError(failed.reason)}`, []);
				}

				const written: string[] = [];
				for (const file of [map, rejects, ...(profile ? [profile] : []), out]) {
					try {
						await file.place();
						written.push(file.target);
					} catch (error) {
						await abort();
						throw new CommitError(
							`cannot write ${file.target}: ${describeIoError(error)}${written.length > 0 ? ` (already written: ${written.join(', ')})` : ''}`,
							written,
						);
					}
				}
			},
		};
	} catch (error) {
		await abort();
		throw error;
	}
}
