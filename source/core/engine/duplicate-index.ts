// An open-addressing hash table from a 64-bit value hash to the first record that had the value.
// Typed arrays only: 12 bytes a slot, so a few million unique values fit in tens of megabytes.

export class DuplicateIndex {
	private hashA: Uint32Array;
	private hashB: Uint32Array;
	private records: Int32Array; // record index + 1; 0 marks an empty slot
	private size = 0;

	constructor(capacity = 1 << 16) {
		this.hashA = new Uint32Array(capacity);
		this.hashB = new Uint32Array(capacity);
		this.records = new Int32Array(capacity);
	}

	get count(): number {
		return this.size;
	}

	/** Records the value for `record`; returns the earlier record that had the same hash, or -1. */
	firstOrAdd(a: number, b: number, record: number): number {
		if (this.size * 10 >= this.records.length * 7) this.grow();
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
		let slot = (a ^ Math.imul(b, 0x9e_37_79_b1)) & mask;
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
