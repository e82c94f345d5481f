import {rm} from 'node:fs/promises';
import type {CheckpointSaver} from './checkpoint-saver.js';
import {type Checkpoint, type CheckpointIdentity, freshCheckpoint, loadCheckpoint, startWalk} from './export-checkpoint.js';
import type {ExportOutputs} from './export-outputs.js';
import {importRecordId} from './partial-output.js';
import type {UuidSet} from './uuid-set.js';

// The start of a run: the checkpoint of an earlier run of the same export, with its partial files cut
// back to what it vouches for and the users they hold known again, or a fresh start.

export type Opened = {checkpoint: Checkpoint; resumed: boolean};

export async function openExport(
	outputs: ExportOutputs,
	saver: CheckpointSaver,
	identity: CheckpointIdentity,
	settings: {restart: boolean; started: number; ids: UuidSet},
): Promise<Opened> {
	const saved = settings.restart ? undefined : await loadCheckpoint(saver.file, identity);
	const checkpoint = saved ? {...saved, interrupted: true} : freshCheckpoint(identity, settings.started);
	const resumed = saved !== undefined;
	// A discarded checkpoint goes before its partial files are emptied: it must never vouch for them.
	// A fresh one is written with the first page
	if (!resumed) await rm(saver.file, {force: true});
	await outputs.out.open(checkpoint.partialBytes, resumed);
	await outputs.raw?.open(checkpoint.rawBytes, resumed);
	await outputs.contacts?.open(checkpoint.contactBytes, resumed);
	if (resumed) {
		for await (const line of outputs.out.lines(checkpoint.partialBytes)) {
			const id = importRecordId(line);
			if (id !== undefined) settings.ids.add(id);
		}

		for (const id of [...checkpoint.deleted, ...checkpoint.oversize]) settings.ids.add(id);
	}

	// A later walk keeps the ids it saw in memory only: it starts again from its first page
	if (checkpoint.walk > 1) startWalk(checkpoint, checkpoint.walk);
	if (resumed) await saver.save(checkpoint);
	return {checkpoint, resumed};
}
