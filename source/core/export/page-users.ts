import {maxRecordBytes} from '../engine/read-batches.js';
import type {Checkpoint} from './export-checkpoint.js';
import type {FetchedPage} from './fetched-page.js';
import type {ExportNotes} from './to-import-user.js';
import type {UuidSet} from './uuid-set.js';

// Which users of a committed page are new to the export, and the lines they add to each partial file.
// Users deleted meanwhile and users too large for an import file are left out, by id in the checkpoint.

export type PageLines = {lines: string; rawLines: string; contactLines: string};

/** Adds the page's users to `ids` (and `seen`, in a later walk) and counts them in the checkpoint. */
export function pageLines(fetched: FetchedPage, checkpoint: Checkpoint, ids: UuidSet, seen: UuidSet | undefined): PageLines {
	let lines = '';
	let rawLines = '';
	let contactLines = '';
	for (const item of fetched.items) {
		seen?.add(item.id);
		if (!ids.add(item.id)) continue; // Already exported: a page boundary moved
		if (Date.parse(item.createdAt) >= checkpoint.startedAt) checkpoint.createdDuringRun++;
		if (item.gone) {
			checkpoint.deleted.push(item.id); // Deleted between the list and its own look-up
			continue;
		}

		if (Buffer.byteLength(item.line!) > maxRecordBytes) {
			checkpoint.oversize.push(item.id);
			continue;
		}

		lines += `${item.line}\n`;
		if (item.raw !== undefined) rawLines += `${item.raw}\n`;
		if (item.contact) contactLines += item.contact;
		for (const key of Object.keys(item.notes) as Array<keyof ExportNotes>) checkpoint.notes[key] += item.notes[key];
	}

	return {lines, rawLines, contactLines};
}
