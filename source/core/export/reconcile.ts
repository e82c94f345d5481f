import {maxRecordBytes} from '../engine/read-batches.js';
import type {AdminClient} from './admin-client.js';
import {findGone} from './check-ids.js';
import type {Checkpoint} from './export-checkpoint.js';
import {type PartialOutput, importRecordId} from './partial-output.js';
import type {UuidSet} from './uuid-set.js';

// The check at the end of each walk. Exported users a later walk did not see are looked up by id (gone
// means deleted meanwhile); then the export agrees with the server when the unique users match
// X-Total-Count, which did not move during the walk.

export type Reconciliation = {agree: boolean; reasons: string[]};

export type ReconcileSettings = {
	client: AdminClient;
	out: PartialOutput;
	checkpoint: Checkpoint;
	/** Every user exported or left out. */
	ids: UuidSet;
	/** The users this walk saw, when it is a later one (walk > 1). */
	seen: UuidSet | undefined;
	/** X-Total-Count of the walk's last page. */
	total: number | undefined;
	concurrency: number;
	signal: AbortSignal;
	onRequest: () => void;
	/** The look-up of users the walk did not see starts: this many. */
	onCheckStart: (toCheck: number) => void;
	onChecked: (checked: number) => void;
};

export async function reconcile(settings: ReconcileSettings): Promise<Reconciliation> {
	const {checkpoint, seen} = settings;
	const deleted = new Set(checkpoint.deleted);
	if (seen) {
		const unseen: string[] = [];
		for await (const line of settings.out.lines(checkpoint.partialBytes)) {
			const id = importRecordId(line);
			if (id !== undefined && !seen.has(id) && !deleted.has(id)) unseen.push(id);
		}

		settings.onCheckStart(unseen.length);
		const gone = await findGone(settings.client, unseen, {
			concurrency: settings.concurrency,
			signal: settings.signal,
			onRequest: settings.onRequest,
			onProgress: ({checked}) => settings.onChecked(checked),
		});
		if (gone === undefined) return {agree: false, reasons: ['cancelled']};
		checkpoint.deleted = [...deleted, ...gone];
	}

	const listed = settings.ids.size - checkpoint.deleted.length;
	const reasons: string[] = [];
	const {total} = settings;
	if (total !== undefined && listed < total)
		reasons.push(
			`${total - listed} users missing: the list shifted under the walk (ties on created_at, or users created or deleted meanwhile)`,
		);
	if (total !== undefined && listed > total) reasons.push(`${listed - total} users more than X-Total-Count: users deleted meanwhile`);

	if (checkpoint.totalMoved) reasons.push('X-Total-Count moved during the walk');
	// A first walk is trusted only when nothing can have moved: the total stayed the same on every
	// page and the run was never interrupted (while it is down, a creation and a deletion cancel out
	// in the count). Otherwise a further walk sees every user again or asks for it by id.
	if (!seen && checkpoint.interrupted) reasons.push('the export was interrupted: a walk over every page confirms it');
	if (checkpoint.oversize.length > 0)
		reasons.push(
			`${checkpoint.oversize.length} users are larger than ${maxRecordBytes >> 20} MB in the import format and were left out (${checkpoint.oversize.slice(0, 3).join(', ')}${checkpoint.oversize.length > 3 ? ', …' : ''})`,
		);
	return {agree: reasons.length === 0, reasons};
}
