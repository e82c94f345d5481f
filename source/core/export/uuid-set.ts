// A set of UUIDs in typed arrays (16 bytes each, open addressing): a million users' ids take 32 MB
// instead of the hundred and more that a Set of strings needs. Ids that are not UUIDs are kept apart.

const hexValue = (code: number) => (code <= 57 ? code - 48 : (code | 32) - 87);

export class UuidSet {
	private slots: Uint32Array;
	private capacity: number;
	private count = 0;
	private readonly others = new Set<string>();

	constructor(expected = 1024) {
		this.capacity = 1 << Math.ceil(Math.log2(Math.max(16, expected * 2)));
		this.slots = new Uint32Array(this.capacity * 4);
	}

	get size(): number {
		return this.count + this.others.size;
	}

	has(id: string): boolean {
		const words = parse(id);
		if (!words) return this.others.has(id);
		return this.find(words) >= 0;
	}

	/** Adds `id`; false when it was there already. */
	add(id: string): boolean {
		const words = parse(id);
		if (!words) {
			if (this.others.has(id)) return false;
			this.others.add(id);
			return true;
		}

		if (this.find(words) >= 0) return false;
		if ((this.count + 1) * 2 > this.capacity) this.grow();
		this.insert(words);
		this.count++;
		return true;
	}

	private find(words: Uint32Array): number {
		const mask = this.capacity - 1;
		for (let slot = (words[0]! ^ words[3]!) & mask; ; slot = (slot + 1) & mask) {
			const at = slot * 4;
			const empty = this.slots[at] === 0 && this.slots[at + 1] === 0 && this.slots[at + 2] === 0 && this.slots[at + 3] === 0;
			if (empty) return -1;
			if (
				this.slots[at] === words[0] &&
				this.slots[at + 1] === words[1] &&
				this.slots[at + 2] === words[2] &&
				this.slots[at + 3] === words[3]
			)
				return slot;
		}
	}

	private insert(words: Uint32Array): void {
		const mask = this.capacity - 1;
		let slot = (words[0]! ^ words[3]!) & mask;
		while (
			this.slots[slot * 4] !== 0 ||
			this.slots[slot * 4 + 1] !== 0 ||
			this.slots[slot * 4 + 2] !== 0 ||
			this.slots[slot * 4 + 3] !== 0
		)
			slot = (slot + 1) & mask;
		this.slots.set(words, slot * 4);
	}

	private grow(): void {
		const old = this.slots;
		this.capacity *= 2;
		this.slots = new Uint32Array(this.capacity * 4);
		for (let at = 0; at < old.length; at += 4) {
			if (old[at] !== 0 || old[at + 1] !== 0 || old[at + 2] !== 0 || old[at + 3] !== 0) this.insert(old.subarray(at, at + 4));
		}
	}
}

/** The 128 bits of a canonical UUID (any case), or undefined; the nil UUID counts as "not a UUID" (all-zero slots mean empty). */
function parse(id: string): Uint32Array | undefined {
	if (id.length !== 36 || id[8] !== '-' || id[13] !== '-' || id[18] !== '-' || id[23] !== '-') return undefined;
	const words = new Uint32Array(4);
	let nibble = 0;
	for (let i = 0; i < 36; i++) {
		if (i === 8 || i === 13 || i === 18 || i === 23) continue;
		const value = hexValue(id.charCodeAt(i));
		if (value < 0 || value > 15 || Number.isNaN(value)) return undefined;
		const word = nibble >> 3;
		words[word] = ((words[word]! << 4) | value) >>> 0;
		nibble++;
	}

	return words[0] === 0 && words[1] === 0 && words[2] === 0 && words[3] === 0 ? undefined : words;
}
