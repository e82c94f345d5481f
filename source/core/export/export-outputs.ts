import {removeLeftoverTemps} from '../files/leftover-temps.js';
import {OutputLock} from '../files/output-lock.js';
import {sameTarget} from '../files/same-file.js';
import {AdminApiError} from './admin-api-error.js';
import type {Checkpoint} from './export-checkpoint.js';
import {defaultContactsFile} from './needs-reset-csv.js';
import type {PageLines} from './page-users.js';
import {PartialOutput} from './partial-output.js';

// The files one export writes: the import file, the raw objects (if asked), the users to reach
// (`--deep`), each through its partial file. Before anything is written they are checked to be
// distinct, locked against a second export, and cleared of a killed run's temporary files; then each
// committed page is appended to them, its bytes counted in the checkpoint.

export class ExportOutputs {
	readonly out: PartialOutput;
	readonly raw: PartialOutput | undefined;
	readonly contacts: PartialOutput | undefined;
	private lock: OutputLock | undefined;

	constructor(out: string, raw: string | undefined, contacts: string | undefined) {
		this.out = new PartialOutput(out);
		this.raw = raw === undefined ? undefined : new PartialOutput(raw);
		this.contacts = contacts === undefined ? undefined : new PartialOutput(contacts);
	}

	static of(options: {out: string; raw?: string; deep?: boolean; contacts?: string}): ExportOutputs {
		return new ExportOutputs(
			options.out,
			options.raw,
			options.deep ? (options.contacts ?? defaultContactsFile(options.out)) : undefined,
		);
	}

	get all(): PartialOutput[] {
		return [this.out, this.raw, this.contacts].filter(output => output !== undefined);
	}

	/** The final files, as a summary names them. */
	get files(): {out: string; raw: string | null; contacts: string | null} {
		return {out: this.out.target, raw: this.raw?.target ?? null, contacts: this.contacts?.target ?? null};
	}

	/** Appends a committed page's lines to each partial file, and the bytes to the checkpoint's counts. */
	async appendPage({lines, rawLines, contactLines}: PageLines, checkpoint: Checkpoint): Promise<void> {
		checkpoint.partialBytes += await this.out.append(lines);
		if (this.raw) checkpoint.rawBytes += await this.raw.append(rawLines);
		if (this.contacts) checkpoint.contactBytes += await this.contacts.append(contactLines);
	}

	/** Whether this run holds the lock: only then are the files its own to remove. */
	get locked(): boolean {
		return this.lock !== undefined;
	}

	/** Refuses outputs that would be one file (also through their work files), then takes the lock. */
	async acquire(checkpointFile: string): Promise<void> {
		const outputs = this.all;
		for (const [index, output] of outputs.entries()) {
			for (const other of outputs.slice(index + 1)) {
				if (sameTarget(output.target, other.target))
					throw new AdminApiError(
						`${other.target} and ${output.target} would be the same file: give the export and the raw objects different names`,
						{beforeStart: true},
					);
			}
		}

		// A second export to the same file would interleave its pages with ours
		try {
			this.lock = await OutputLock.acquire(this.out.target);
		} catch (error) {
			throw new AdminApiError((error as Error).message, {beforeStart: true});
		}

		// Temporary files of runs that were killed before they could remove them
		for (const output of outputs) await removeLeftoverTemps(output.target);
		await removeLeftoverTemps(checkpointFile);
	}

	/** Removes every partial file. */
	async remove(): Promise<void> {
		await Promise.all(this.all.map(async output => output.remove()));
	}

	async close(): Promise<void> {
		await Promise.all(this.all.map(async output => output.close()));
	}

	async unlock(): Promise<void> {
		await this.lock?.release();
		this.lock = undefined;
	}
}
