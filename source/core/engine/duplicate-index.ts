// A hash table from a 64-bit value hash to the first record that had the value, in typed arrays
// only: 12 bytes a slot. It is split into shards that grow one at a time, so that no single resize
// copies the whole table: a resize of one big table took a third of a second on the UI thread (and
// held both copies at once) at a few million values.

const shardBits = 6;
const shardCount = 1 << shardBits;

/** Slots of three words, [hash a, hash b, record + 1], side by side: one cache miss a probe, not three. */
class Shard {
	slots: Uint32Array;
	capacity: number;
	size = 0;

	/**
	 * Shards fill at the same pace (the hashes are uniform), so each grows at its own load between 0.4
	 * and 0.8: otherwise all of them would resize in the same batch, which is one big resize again.
	 */
	constructor(
		capacity: number,
		private readonly maxLoad: number,
	) {
		this.capacity = capacity;
		this.slots = new Uint32Array(capacity * 3);
	}

	firstOrAdd(a: number, b: number, record: number): number {
		if (this.size >= this.capacity * this.maxLoad) this.grow();
		const at = this.find(a, b) * 3;
		const existing = this.slots[at + 2]!;
		if (existing !== 0) return existing - 1;
		this.slots[at] = a;
		this.slots[at + 1] = b;
		this.slots[at + 2] = record + 1;
		this.size++;
		return -1;
	}

	clear(): void {
		this.slots.fill(0);
		this.size = 0;
	}

	forEach(visit: (a: number, b: number, record: number) => void): void {
		for (let i = 0; i < this.slots.length; i += 3) {
			if (this.slots[i + 2] !== 0) visit(this.slots[i]!, this.slots[i + 1]!, this.slots[i + 2]! - 1);
		}
	}

	private find(a: number, b: number): number {
		const {slots} = this;
		const mask = this.capacity - 1;
		// The low bits of `a` chose the shard; probe with the rest
		let slot = ((a >>> shardBits) ^ Math.imul(b, 0x9e_37_79_b1)) & mask;
		while (slots[slot * 3 + 2] !== 0 && (slots[slot * 3] !== a || slots[slot * 3 + 1] !== b)) {
			slot = (slot + 1) & mask;
		}

		return slot;
	}

	private grow(): void {
		const old = this.slots;
		this.capacity *= 2;
		this.slots = new Uint32Array(this.capacity * 3);
		for (let i = 0; i < old.length; i += 3) {
			if (old[i + 2] === 0) continue;
			const at = this.find(old[i]!, old[i + 1]!) * 3;
			this.slots[at] = old[i]!;
			this.slots[at + 1] = old[i + 1]!;
			this.slots[at + 2] = old[i + 2]!;
		}
	}
}

export class DuplicateIndex {
	private readonly shards: Shard[];

	/**
	 * An index that takes `values` without growing: a partition's hashes are counted before they are
	 * checked, and growing from a small table cost a fifth of the check (measured at 1M users). Each
	 * shard gets the size growing would give it for its share (with a tenth more, as the shares of uniform
	 * hashes vary by a few percent): at most one doubling more than growing, never the two tables of a resize.
	 */
	static sizedFor(values: number): DuplicateIndex {
		const share = (1.1 * values) / shardCount;
		return new DuplicateIndex(maxLoad => 2 ** Math.max(6, Math.ceil(Math.log2(share / maxLoad + 1))));
	}

	/** `capacity`: slots of each shard to begin with, or a shard's slots for its highest load. */
	constructor(capacity: number | ((maxLoad: number) => number) = 1024) {
		this.shards = Array.from({length: shardCount}, (_, i) => {
			const maxLoad = 0.4 + (0.4 * (i + 0.5)) / shardCount;
			return new Shard(typeof capacity === 'number' ? capacity : capacity(maxLoad), maxLoad);
		});
	}

	/** Slots of every shard: grows with each resize. */
	get capacity(): number {
		return this.shards.reduce((sum, shard) => sum + shard.capacity, 0);
	}

	get count(): number {
		return this.shards.reduce((sum, shard) => sum + shard.size, 0);
	}

	/** Empties the index, keeping its size. */
	clear(): void {
		for (const shard of this.shards) shard.clear();
	}

	/** Every stored hash with its first record. */
	forEach(visit: (a: number, b: number, record: number) => void): void {
		for (const shard of this.shards) shard.forEach(visit);
	}

	/** Records the value for `record`; returns the earlier record that had the same hash, or -1. */
	firstOrAdd(a: number, b: number, record: number): number {
		return this.shards[a & (shardCount - 1)]!.firstOrAdd(a, b, record);
	}
}
