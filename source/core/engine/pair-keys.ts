import type {KeyReading, RecordKeys} from './record-keys.js';

const readingSize = 1000;

/**
 * The keys of the records of duplicate pairs, asked for as the pairs are found (the reading overlaps
 * the search for more: see key-requests.ts) and gathered when they are all known. Past `most`
 * records it asks for no more: so many pairs are not confirmed (their hashes are trusted).
 */
export class PairKeys {
	private readonly asked = new Set<number>();
	private readonly readings: Array<Promise<Map<number, RecordKeys>>> = [];

	constructor(
		private readonly read: KeyReading,
		private readonly most: number,
	) {}

	/** Starts reading those of `records` not asked for yet. */
	ask(records: Iterable<number>): void {
		const fresh: number[] = [];
		for (const record of records) {
			if (this.asked.size >= this.most) break;
			if (this.asked.has(record)) continue;
			this.asked.add(record);
			fresh.push(record);
		}

		// In small readings: the answer to each is taken in one turn of this thread's event loop (the
		// 31,000 records of an 80,000-user file in one answer held it 130 to 180 ms)
		for (let at = 0; at < fresh.length; at += readingSize) {
			const reading = this.read(fresh.slice(at, at + readingSize));
			reading.catch(() => undefined); // Awaited by `reading`, or never when the run stops first
			this.readings.push(reading);
		}
	}

	/** Reads records as asked before, asking for the ones that were not. */
	readonly reading: KeyReading = async records => {
		this.ask(records);
		const found = new Map<number, RecordKeys>();
		for (const part of await Promise.all(this.readings)) for (const [record, keys] of part) found.set(record, keys);
		return found;
	};
}
