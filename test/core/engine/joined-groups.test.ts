import {describe, expect, it} from 'vitest';
import {checkpointEvery} from '../../../source/core/engine/batch-types.js';
import {looseSeparators} from '../../../source/core/engine/check-batch.js';
import {JoinedGroups} from '../../../source/core/engine/joined-groups.js';
import type {Batch} from '../../../source/core/engine/batch-types.js';

/** A batch of `records` one-byte records `{` … as framed at `base`, each followed by `separators[i]`. */
function batch(firstRecord: number, base: number, separators: string[]): Batch {
	let text = '';
	const starts: number[] = [];
	const ends: number[] = [];
	for (const separator of separators) {
		starts.push(text.length);
		text += '{}';
		ends.push(text.length);
		text += separator;
	}

	const count = separators.length;
	return {
		seq: 0,
		firstRecord,
		base,
		buf: Buffer.from(text),
		count,
		starts: Int32Array.from(starts),
		ends: Int32Array.from(ends),
		lines: new Int32Array(count),
		columns: new Int32Array(count),
		flags: new Uint8Array(count),
		colons: new Int32Array(count),
		notes: [],
		joinable: true,
	};
}

/** What a checker reports of a batch, for the merge. */
function result(of: Batch) {
	return {
		firstRecord: of.firstRecord,
		count: of.count,
		startOffset: of.base + (of.starts[0] ?? 0),
		endOffset: of.base + (of.ends[of.count - 1] ?? 0),
		looseSeparators: looseSeparators(of),
	};
}

const joint = ',\n  ';
const groupsOf = (groups: JoinedGroups, count: number) => Array.from({length: count}, (_, group) => groups.joined(group));

/** The first three groups once `before` is merged, then 100 joined records from `base` on. */
function mergedWith(before: Batch, base: number): boolean[] {
	const groups = new JoinedGroups();
	groups.merge(result(before));
	groups.merge(
		result(
			batch(
				100,
				base,
				Array.from({length: 100}, () => joint),
			),
		),
	);
	return groupsOf(groups, 3);
}

describe('groups of records laid out joined', () => {
	it('lists at most one record a group whose separator is not `,\\n  ` then the next record', () => {
		const separators = Array.from({length: 3 * checkpointEvery}, () => joint);
		separators[5] = ',\n   '; // One space more: the next record starts later
		separators[9] = ', \n  ';
		separators[2 * checkpointEvery + 1] = ',';
		const of = batch(0, 0, separators);
		expect(looseSeparators(of)).toEqual([5, 2 * checkpointEvery + 1]);
		// Numbered from another first record, the groups fall elsewhere
		expect(looseSeparators({...of, firstRecord: 58})).toEqual([5, 9, 2 * checkpointEvery + 1]);
	});

	it('counts the last record of a batch joined only when the next batch starts right after its separator', () => {
		const first = batch(
			0,
			0,
			Array.from({length: 100}, () => joint),
		);
		const second = batch(
			100,
			first.buf.length,
			Array.from({length: 100}, () => joint),
		);
		const groups = new JoinedGroups();
		groups.merge(result(first));
		// Until the next batch says, the last record's group is not joined
		expect(groupsOf(groups, 2)).toEqual([true, false]);
		groups.merge({...result(batch(100, 0, [])), count: 0}); // Notes only: no record
		groups.merge(result(second));
		// The last record of all has no record after it
		expect(groupsOf(groups, 4)).toEqual([true, true, true, false]);

		// The next batch a byte further on; a separator cut off at the end of the batch's bytes
		const short = batch(0, 0, [...Array.from({length: 99}, () => joint), ',\n']);
		expect(mergedWith(first, first.buf.length + 1)).toEqual([true, false, true]);
		expect(mergedWith(short, short.buf.length + 2)).toEqual([true, false, true]);
	});
});
