// Values by keys, both bytes, for a million users' password hashes held while their users are
// converted. A Map of strings costs about 150 bytes a key in V8 (the key's string, the value's, the
// entry): 280 MB for Auth0's export of a million users. Here each key and value is a few bytes in 1 MB
// chunks, the key followed by where its value is, and the table is one typed array of where the keys
// are. Keys are compared byte for byte: a look-up never finds another key's value. All of it sits in
// SharedArrayBuffers, so that the conversion threads look hashes up where the store was built.

const chunkBits = 20;
const chunkBytes = 1 << chunkBits;
const chunkMask = chunkBytes - 1;
/** Longer keys and values are not held (no address or password hash comes near). */
export const maxItemBytes = 0xff_ff;

/** An arena as another thread gets it: its memory shared, nothing copied. */
type SharedArena = {chunks: SharedArrayBuffer[]; filled: number[]};

/** The store as another thread gets it (in `workerData` or a message), for `ByteKeyedStore.fromShared`. */
export type SharedStore = {keys: SharedArena; values: SharedArena; table: SharedArrayBuffer; count: number};

/** Items in chunks that never move, each inside one chunk behind its 2-byte length, found by a global offset. */
class ByteArena {
	private readonly chunks: Buffer[] = [];
	/** Bytes used of each chunk. */
	private readonly filled: number[] = [];
	private used = chunkBytes;

	/** `extra`: bytes kept after each item, for `writeTail`. */
	constructor(
		private readonly extra = 0,
		shared?: SharedArena,
	) {
		if (!shared) return;
		for (const chunk of shared.chunks) this.chunks.push(Buffer.from(chunk));
		this.filled.push(...shared.filled);
	}

	share(): SharedArena {
		return {chunks: this.chunks.map(chunk => chunk.buffer as SharedArrayBuffer), filled: [...this.filled]};
	}

	/** Holds the first `length` bytes of `bytes`, with `extra` bytes after them; the item's offset. */
	put(bytes: Uint8Array, length: number): number {
		const size = 2 + length + this.extra;
		if (this.used + size > chunkBytes) {
			this.chunks.push(Buffer.from(new SharedArrayBuffer(chunkBytes)));
			this.filled.push(0);
			this.used = 0;
		}

		const chunk = this.chunks.at(-1)!;
		const offset = (this.chunks.length - 1) * chunkBytes + this.used;
		chunk.writeUInt16LE(length, this.used);
		for (let i = 0; i < length; i++) chunk[this.used + 2 + i] = bytes[i]!;
		this.used += size;
		this.filled[this.filled.length - 1] = this.used;
		return offset;
	}

	/** Calls `visit` with each item's offset, in the order they were put (the order they sit in memory). */
	forEach(visit: (offset: number) => void): void {
		for (const [at, chunk] of this.chunks.entries()) {
			const base = at * chunkBytes;
			for (let start = 0; start < this.filled[at]!; start += 2 + chunk.readUInt16LE(start) + this.extra) visit(base + start);
		}
	}

	/** What `read` makes of the item at `offset`. */
	read<T>(offset: number, read: (chunk: Buffer, start: number, end: number) => T): T {
		const chunk = this.chunks[offset >>> chunkBits]!;
		const start = offset & chunkMask;
		return read(chunk, start + 2, start + 2 + chunk.readUInt16LE(start));
	}

	/** Whether the item at `offset` is the first `length` bytes of `bytes`. */
	equals(offset: number, bytes: Uint8Array, length: number): boolean {
		const chunk = this.chunks[offset >>> chunkBits]!;
		const start = (offset & chunkMask) + 2;
		if (chunk[start - 2]! + chunk[start - 1]! * 256 !== length) return false;
		for (let i = 0; i < length; i++) if (chunk[start + i] !== bytes[i]) return false;
		return true;
	}

	hash(offset: number): number {
		const chunk = this.chunks[offset >>> chunkBits]!;
		const start = (offset & chunkMask) + 2;
		return hashOf(chunk, start, start + chunk[start - 2]! + chunk[start - 1]! * 256);
	}

	/** The 4 bytes after the item at `offset` (the arena's `extra`). */
	readTail(offset: number): number {
		const chunk = this.chunks[offset >>> chunkBits]!;
		const start = offset & chunkMask;
		return chunk.readUInt32LE(start + 2 + chunk.readUInt16LE(start));
	}

	writeTail(offset: number, value: number): void {
		const chunk = this.chunks[offset >>> chunkBits]!;
		const start = offset & chunkMask;
		chunk.writeUInt32LE(value, start + 2 + chunk.readUInt16LE(start));
	}

	get bytes(): number {
		return this.chunks.length * chunkBytes;
	}
}

/**
 * FNV-1a over `bytes[start, end)`, its bits then mixed (murmur3's finaliser): FNV's low bits, which
 * pick the slot, vary too little between ids that differ in their last digits, and the probes pile up.
 */
function hashOf(bytes: Uint8Array, start: number, end: number): number {
	let hash = 0x81_1c_9d_c5;
	for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01_00_01_93);
	hash = Math.imul(hash ^ (hash >>> 16), 0x85_eb_ca_6b);
	hash = Math.imul(hash ^ (hash >>> 13), 0xc2_b2_ae_35);
	return (hash ^ (hash >>> 16)) >>> 0;
}

export class ByteKeyedStore {
	private readonly keys: ByteArena;
	private readonly values: ByteArena;
	/** Open addressing: a key's offset + 1, 0 for a free slot; never more than half full. */
	private table: Uint32Array;
	private count: number;

	/** `expectedKeys`: sized for them at once, the table is not built again and again as keys come. */
	constructor(shared?: SharedStore, expectedKeys = 0) {
		this.keys = new ByteArena(4, shared?.keys);
		this.values = new ByteArena(0, shared?.values);
		const slots = 2 ** Math.ceil(Math.log2(Math.max(4096, Math.min(2 * expectedKeys, 1 << 26))));
		this.table = new Uint32Array(shared?.table ?? new SharedArrayBuffer(slots * 4));
		this.count = shared?.count ?? 0;
	}

	/** The store for other threads to read (adding to it after this is not seen there). */
	share(): SharedStore {
		return {keys: this.keys.share(), values: this.values.share(), table: this.table.buffer as SharedArrayBuffer, count: this.count};
	}

	get size(): number {
		return this.count;
	}

	/** Memory held, in bytes. */
	get bytes(): number {
		return this.keys.bytes + this.values.bytes + this.table.byteLength;
	}

	/**
	 * Holds the first `length` bytes of `key` for a value, unless the key is held already (the first
	 * value stays). The value is the one `held` names, or else the first `valueLength` bytes of `value`,
	 * held now. What names the value, to give as `held` for the line's other keys; `held` as it was when
	 * the key was held already, or when the key or value is too long.
	 */
	add(key: Uint8Array, length: number, value: Uint8Array, valueLength: number, held?: number): number | undefined {
		if (length > maxItemBytes) return held;
		const hash = hashOf(key, 0, length);
		if (this.find(key, length, hash) >= 0) return held;
		if (held === undefined) {
			if (valueLength > maxItemBytes) return undefined;
			held = this.values.put(value, valueLength);
		}

		const offset = this.keys.put(key, length);
		this.keys.writeTail(offset, held);
		this.place(offset, hash);
		if (++this.count * 2 > this.table.length) this.rehash(this.table.length * 2);
		return held;
	}

	/** Where the value held for a key is (what `add` returned for it), or -1. */
	valueOf(key: Uint8Array, length: number): number {
		if (length > maxItemBytes) return -1;
		const found = this.find(key, length, hashOf(key, 0, length));
		return found < 0 ? -1 : this.keys.readTail(found);
	}

	/** Points a key held at another value (or at a number no value has, to mark it). */
	repoint(key: Uint8Array, length: number, value: number): void {
		const found = length > maxItemBytes ? -1 : this.find(key, length, hashOf(key, 0, length));
		if (found >= 0) this.keys.writeTail(found, value);
	}

	/** What `read` makes of the value at `value` (from `valueOf`; its bytes are `chunk[start, end)`). */
	read<T>(value: number, read: (chunk: Buffer, start: number, end: number) => T): T {
		return this.values.read(value, read);
	}

	/** Bytes the values take: every value's place is below it. */
	get valueBytes(): number {
		return this.values.bytes;
	}

	/** The offset of the key, or -1. */
	private find(key: Uint8Array, length: number, hash: number): number {
		const mask = this.table.length - 1;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const entry = this.table[slot]!;
			if (entry === 0) return -1;
			if (this.keys.equals(entry - 1, key, length)) return entry - 1;
		}
	}

	private place(offset: number, hash: number): void {
		const mask = this.table.length - 1;
		let slot = hash & mask;
		while (this.table[slot] !== 0) slot = (slot + 1) & mask;
		this.table[slot] = offset + 1;
	}

	private rehash(size: number): void {
		this.table = new Uint32Array(new SharedArrayBuffer(size * 4));
		// In the keys' order: the table's order would read them from all over memory
		this.keys.forEach(offset => {
			this.place(offset, this.keys.hash(offset));
		});
	}
}
