import {describeIoError} from '../engine/read-batches.js';
import type {AtomicFile} from '../files/atomic-file.js';
import {UserError} from '../errors.js';
import {type UsersArrayWriter, addJoined} from '../split/users-array-writer.js';
import {type ConversionCounts, type ConvertedBatch, bump, emptyCounts} from './convert-record.js';
import type {SourceKind} from './source-kinds.js';

// Each converted batch, in the file's order, into the output files; the loss report added up as the
// batches go by.

export type LossReport = ConversionCounts & {source: SourceKind};

export type ConvertOutputs = {out: UsersArrayWriter; rejects: AtomicFile; map: AtomicFile; profile?: AtomicFile};

/** Writes `text` (when there is some); a failure names the file it was meant for. */
async function write(file: AtomicFile, text: string): Promise<void> {
	try {
		if (text) await file.write(text);
	} catch (error) {
		throw new Error(`cannot write ${file.target}: ${describeIoError(error)}`);
	}
}

/** The batch's users (records joined as `addJoined` takes them); a failure names where they were going. */
async function addUsers(out: UsersArrayWriter, text: string, count: number): Promise<void> {
	try {
		await addJoined(out, text, count);
	} catch (error) {
		if (error instanceof UserError) throw error;
		throw new Error(`cannot write ${out.target}: ${describeIoError(error)}`);
	}
}

export class BatchWriter {
	readonly report: LossReport;

	constructor(
		source: SourceKind,
		private readonly files: ConvertOutputs,
	) {
		this.report = {source, ...emptyCounts(), ...(files.profile && {profile: {users: 0, kept: {}}})};
	}

	/** Writes one batch; the promise holds reading back while the disk is behind. */
	async write(batch: ConvertedBatch): Promise<void> {
		const {report} = this;
		report.users += batch.users;
		report.idsReplaced += batch.idsReplaced;
		for (const [reason, n] of Object.entries(batch.rejected)) bump(report.rejected, reason, n);
		for (const [lost, n] of Object.entries(batch.losses)) bump(report.losses, lost, n);
		for (const [reason, n] of Object.entries(batch.passwords.reset)) bump(report.passwords.reset, reason, n);
		report.passwords.kept += batch.passwords.kept;
		report.passwords.converted += batch.passwords.converted;
		report.passwords.none += batch.passwords.none;
		if (report.profile && batch.profile) {
			report.profile.users += batch.profile.users;
			for (const [kind, n] of Object.entries(batch.profile.kept)) bump(report.profile.kept, kind, n);
		}

		report.written += batch.written;
		await Promise.all([
			addUsers(this.files.out, batch.text, batch.written),
			write(this.files.rejects, batch.rejects),
			write(this.files.map, batch.map),
			...(this.files.profile ? [write(this.files.profile, batch.profileLines)] : []),
		]);
	}
}
