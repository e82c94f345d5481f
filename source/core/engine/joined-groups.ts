import {resized} from '../typed-arrays.js';
import {type BatchResult, checkpointEvery} from './batch-types.js';

/**
 * Which groups of `checkpointEvery` records are laid out in the file as a fixed file lays out records
 * (each followed by `,\n  ` and then the next record, as JSON.stringify(users, null, 2) writes them):
 * `fix` can copy such a group, when none of its records has a problem, as one stretch of bytes between
 * two checkpoints, without framing its records again. Gathered from the checkers' results, in order.
 */
export class JoinedGroups {
	/** One bit a group: a record of it is not followed by the separator and the next record. */
	private loose = new Uint8Array(64);
	/** The last record of the batch merged before, when its separator followed it: where the next record must start. */
	private pending: {record: number; start: number} | undefined;
	/** Records merged so far: a group not merged whole is not known to be joined. */
	private records = 0;

	merge(result: Pick<BatchResult, 'firstRecord' | 'count' | 'startOffset' | 'endOffset' | 'looseSeparators'>): void {
		const {firstRecord, count} = result;
		if (count === 0) return;
		this.records = firstRecord + count;
		// A batch's last record is followed by its separator; the next batch says whether a record comes right after it
		if (this.pending && this.pending.start !== result.startOffset) this.mark(this.pending.record);
		for (const r of result.looseSeparators) this.mark(firstRecord + r);
		const last = count - 1;
		this.pending = result.looseSeparators.at(-1) === last ? undefined : {record: firstRecord + last, start: result.endOffset + 4};
	}

	/** Whether the records of group `group` (record `group * checkpointEvery` on) are all followed by the separator and the next record. */
	joined(group: number): boolean {
		if ((group + 1) * checkpointEvery > this.records) return false;
		if (this.pending && Math.floor(this.pending.record / checkpointEvery) === group) return false;
		return ((this.loose[group >>> 3] ?? 0) & (1 << (group & 7))) === 0;
	}

	private mark(record: number): void {
		const group = Math.floor(record / checkpointEvery);
		if (group >>> 3 >= this.loose.length) this.loose = resized(this.loose, Math.max(this.loose.length * 2, (group >>> 3) + 1));
		this.loose[group >>> 3]! |= 1 << (group & 7);
	}
}
