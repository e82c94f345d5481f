// A hash table from a 64-bit value hash to the first record that had the value, in typed arrays
// only: 12 bytes a slot. It is split into shards that grow one at a time, so that no single resize
// copies the whole table: a resize of one big table took a third of a second on the UI thread (and
// held both copies at once) at a few million values.

const shardBits = 6;
const shardCount = 1 << shardBits;
const maxLoad = 0.8;

class Shard {
	hashA: Uint32Array;
	hashB: Uint32Array;
	records: Int32Array; // record index + 1; 0 marks an empty slot
	size = 0;

	constructor(capacity: number) {
		this.hashA = new Uint32Array(capacity);
		this.hashB = new Uint32Array(capacity);
		this.records = new Int32Array(capacity);
	}

	firstOrAdd(a: number, b: number, record: number): number {
		if (this.size >= this.records.length * maxLoad) this.grow();
		const slot = this.find(a, b);
		const existing = this.records[slot]!;
		if (existing !== 0) return existing - 1;
		this.hashA[slot] = a;
		this.hashB[slot] = b;
		this.records[slot] = record + 1;
		this.size++;
		return -1;
	}

	private find(a: number, b: number): number {
		const mask = this.records.length - 1;
		// The low bits of `a` chose the shard; probe with the rest
		let slot = ((a >>> shardBits) ^ Math.imul(b, 0x9e_37_79_b1)) & mask;
		while (this.records[slot] !== 0 && (this.hashA[slot] !== a || this.hashB[slot] !== b)) {
			slot = (slot + 1) & mask;
		}

		return slot;
	}

	private grow(): void {
		const {hashA, hashB, records} = this;
		this.hashA = new Uint32Array(records.length * 2);
		this.hashB = new Uint32Array(records.length * 2);
		this.records = new Int32Array(records.length * 2);
		for (let i = 0; i < records.length; i++) {
			if (records[i] === 0) continue;
			const slot = this.find(hashA[i]!, hashB[i]!);
			this.hashA[slot] = hashA[i]!;
			this.hashB[slot] = hashB[i]!;
			this.records[slot] = records[i]!;
		}
	}
}

export class DuplicateIndex {
	private readonly shards: Shard[];

	constructor(capacityPerShard = 1024) {
		this.shards = Array.from({length: shardCount}, () => new Shard(capacityPerShard));
	}

	get count(): number {
		return this.shards.reduce((sum, shard) => sum + shard.size, 0);
	}

	/** Records the value for `record`; returns the earlier record that had the same hash, or -1. */
	firstOrAdd(a: number, b: number, record: number): number {
		return this.shards[a & (shardCount - 1)]!.firstOrAdd(a, b, record);
	}
}
