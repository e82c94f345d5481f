import {rm} from 'node:fs/promises';
import {AtomicFile} from '../files/atomic-file.js';
import type {Checkpoint} from './export-checkpoint.js';
import type {ExportOutputs} from './export-outputs.js';
import {needsResetHeader, needsResetId} from './needs-reset-csv.js';
import {type PartialOutput, importRecordId, rawObjectId} from './partial-output.js';

// The end of an export: the final files, assembled from the partial ones without the users left out
// (deleted during the run, too large), then put in place.

export type Framing = {
	head: string;
	/** The text a kept line becomes (`first`: no line was written before it); undefined leaves it out. */
	line: (line: string, first: boolean) => string | undefined;
	tail: (written: number) => string;
};

/** The final file from the partial one's lines, framed and filtered; `commit` renames it into place. */
export async function assemble(output: PartialOutput, goodBytes: number, framing: Framing): Promise<AtomicFile> {
	const file = await AtomicFile.create(output.target);
	try {
		file.write(framing.head);
		let written = 0;
		for await (const line of output.lines(goodBytes)) {
			const text = framing.line(line, written === 0);
			if (text === undefined) continue;
			written++;
			const waiting = file.write(text);
			if (waiting) await waiting;
		}

		file.write(framing.tail(written));
		return file;
	} catch (error) {
		await file.abort();
		throw error;
	}
}

/**
 * Writes the final file(s) from the partial ones, without deleted and oversize users. All are renamed
 * into place before the checkpoint goes, and the work files last: a kill at any point leaves either
 * the checkpoint (the next run writes them again from the same partial files) or the final files.
 */
export async function writeFinalFiles(outputs: ExportOutputs, checkpoint: Checkpoint, checkpointFile: string): Promise<void> {
	const left = new Set([...checkpoint.deleted, ...checkpoint.oversize]);
	const files = [
		await assemble(outputs.out, checkpoint.partialBytes, {
			head: '[',
			line: (line, first) => (left.has(importRecordId(line) ?? '') ? undefined : `${first ? '\n  ' : ',\n  '}${line}`),
			tail: written => (written === 0 ? ']\n' : '\n]\n'),
		}),
	];
	try {
		if (outputs.raw)
			files.push(
				await assemble(outputs.raw, checkpoint.rawBytes, {
					head: '',
					line: line => (left.has(rawObjectId(line) ?? '') ? undefined : `${line}\n`),
					tail: () => '',
				}),
			);
		if (outputs.contacts) {
			files.push(
				await assemble(outputs.contacts, checkpoint.contactBytes, {
					head: needsResetHeader,
					line: line => (left.has(needsResetId(line)) ? undefined : `${line}\n`),
					tail: () => '',
				}),
			);
		}

		if (process.env.HANKO_TUI_FAULT === 'finish') process.kill(process.pid, 'SIGKILL'); // Tests: a kill at the worst moment
		for (const file of files.toReversed()) await file.commit();
	} catch (error) {
		await Promise.all(files.map(async file => file.abort()));
		throw error;
	}

	await rm(checkpointFile, {force: true});
	await outputs.remove();
}
