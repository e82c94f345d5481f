import {closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {DuplicateIndex} from './duplicate-index.js';
import {kindOf} from './unique-hash.js';

// Finds values seen before, by their 64-bit hashes, in bounded memory. Up to a budget the hashes live
// in an in-memory index and duplicates are found at once (so a small file shows them live). Past it,
// the index is written out and every further hash is appended to one of a set of partition files (by
// hash bits); at the end each partition, a small fraction of the whole, is checked on its own. The
// files hold hashes and record numbers only, never values, and have no name from the moment they are
// open: the system frees them when the run ends, however it ends.

/** What a value entry carries besides its hash: where to report a duplicate. */
export type KeyEntry = {a: number; b: number; record: number; kindSlot: number; line: number; column: number};

export type FoundDuplicate = {record: number; earlier: number; kindSlot: number; line: number; column: number};

const partitionBits = 5; // Few files: opening each costs a fraction of a millisecond on the UI thread
const partitionCount = 1 << partitionBits;
const words = 6; // a, b, record, kind|slot, line, column
const bufferEntries = 4096;
const entriesPerTurn = 32_768; // Checked between two turns of the event loop

export class DuplicateFinder {
	private index: DuplicateIndex | undefined = new DuplicateIndex();
	private count = 0;
	/** Values in the partition files. */
	private spilledCount = 0;
	private dir: string | undefined;
	private files: number[] = [];
	private buffers: Uint32Array[] = [];
	private fill: number[] = [];

	/** `budget`: values kept in memory before spilling (about 20 bytes each). */
	constructor(
		private readonly budget: number,
		private readonly tempRoot = tmpdir(),
	) {}

	/** Values spilled to the partition files so far (`finish` checks them). */
	get spilledValues(): number {
		return this.spilledCount;
	}

	/** Whether values are now spilled: duplicates of later records are found by `finish`. */
	get spilled(): boolean {
		return this.index === undefined;
	}

	/** Returns the earlier record with the same hash when it is known now, else -1. */
	add(a: number, b: number, record: number, kindSlot: number, line: number, column: number): number {
		if (this.index) {
			const earlier = this.index.firstOrAdd(a, b, record);
			if (earlier >= 0) return earlier;
			if (++this.count < this.budget) return -1;
			this.spill();
			return -1;
		}

		this.append(a, b, record, kindSlot, line, column);
		return -1;
	}

	/**
	 * Checks the partitions (if spilled); yields to the event loop between them. `checked` sees the
	 * duplicates of each partition as soon as it is checked.
	 */
	async finish(checked?: (found: readonly FoundDuplicate[]) => void): Promise<FoundDuplicate[]> {
		if (this.files.length === 0) return [];
		const found: FoundDuplicate[] = [];
		for (let p = 0; p < partitionCount; p++) this.flush(p);
		// One table for every partition, sized for the largest and emptied between them: a table of its
		// own for each (tens of MB at 10M users) left the ones checked before it to the collector, and
		// the run's peak rose by as many as were still waiting for it
		const largest = Math.max(...this.files.map(fd => fstatSync(fd).size / (words * 4)));
		const index = DuplicateIndex.sizedFor(largest);
		for (let p = 0; p < partitionCount; p++) {
			if (p > 0) index.clear();
			const before = found.length;
			await this.checkPartition(p, index, found);
			if (found.length > before) checked?.(found.slice(before));
		}

		this.dispose();
		found.sort((x, y) => x.record - y.record || kindOf(x.kindSlot) - kindOf(y.kindSlot) || x.kindSlot - y.kindSlot);
		return found;
	}

	/** Removes the partition files. */
	dispose(): void {
		for (const fd of this.files) closeSync(fd);
		this.files = [];
		if (this.dir) rmSync(this.dir, {recursive: true, force: true});
		this.dir = undefined;
	}

	private spill(): void {
		const index = this.index!;
		this.index = undefined;
		this.dir = mkdtempSync(path.join(this.tempRoot, 'hanko-tui-dups-'));
		for (let p = 0; p < partitionCount; p++) {
			this.files.push(openSync(path.join(this.dir, `${p}.bin`), 'w+', 0o600));
			this.buffers.push(new Uint32Array(bufferEntries * words));
			this.fill.push(0);
		}

		try {
			// Only the open descriptors are used from here: with no names left, the files go when the
			// process ends, even a killed one (which would otherwise leave them in the temp folder)
			rmSync(this.dir, {recursive: true});
			this.dir = undefined;
		} catch {} // Where open files cannot be removed, they go on dispose instead

		// Values seen so far go first: each is the first of its kind, so order among them is free
		index.forEach((a, b, record) => {
			this.append(a, b, record, 0, 0, 0);
		});
	}

	private append(a: number, b: number, record: number, kindSlot: number, line: number, column: number): void {
		this.spilledCount++;
		const p = b >>> (32 - partitionBits); // Not the low bits of `a`: those choose the index's shard
		const buffer = this.buffers[p]!;
		const at = this.fill[p]! * words;
		buffer[at] = a;
		buffer[at + 1] = b;
		buffer[at + 2] = record;
		buffer[at + 3] = kindSlot;
		buffer[at + 4] = line;
		buffer[at + 5] = column;
		if (++this.fill[p]! === bufferEntries) this.flush(p);
	}

	private flush(p: number): void {
		const entries = this.fill[p]!;
		if (entries === 0) return;
		const buffer = this.buffers[p]!;
		// A write may stop short at a file size limit or a full disk: the next one then throws, where
		// ignoring the short count would lose hashes, and with them duplicates, without a word
		const length = entries * words * 4;
		for (let done = 0; done < length;) done += writeSync(this.files[p]!, buffer, done, length - done);
		this.fill[p] = 0;
	}

	private async checkPartition(p: number, index: DuplicateIndex, found: FoundDuplicate[]): Promise<void> {
		const fd = this.files[p]!;
		let position = 0; // Read through the descriptor it was written with, from the start
		{
			const chunk = new Uint32Array(bufferEntries * words);
			const bytes = new Uint8Array(chunk.buffer);
			let leftover = 0; // bytes of a partial entry kept at the start of `bytes`
			let sinceTurn = 0;
			for (;;) {
				if (sinceTurn >= entriesPerTurn) {
					sinceTurn = 0;

					await new Promise(resolve => {
						setImmediate(resolve);
					});
				}

				const read = readSync(fd, bytes, leftover, bytes.length - leftover, position);
				position += read;
				const total = leftover + read;
				const entries = Math.floor(total / (words * 4));
				sinceTurn += entries;
				for (let e = 0; e < entries; e++) {
					const at = e * words;
					const earlier = index.firstOrAdd(chunk[at]!, chunk[at + 1]!, chunk[at + 2]!);
					if (earlier >= 0)
						found.push({
							record: chunk[at + 2]!,
							earlier,
							kindSlot: chunk[at + 3]!,
							line: chunk[at + 4]!,
							column: chunk[at + 5]!,
						});
				}

				leftover = total - entries * words * 4;
				bytes.copyWithin(0, entries * words * 4, total);
				if (read === 0) break;
			}
		}
	}
}
