import {resized} from '../typed-arrays.js';
import {labelOfWho, whoSeparator} from './record-who.js';

const pageSize = 4096;

/** A sealed page: the values of `pageSize` records joined by the separator, and where each starts. */
type Page = {text: string; starts: Int32Array};

/**
 * Who each record with a problem is (record-who.ts), kept for the whole run within a budget of
 * characters, so that the problem list can show and search users without reading the file again
 * (which, for a large gzip file, means decompressing it from the start). Records come in order; the
 * values of every `pageSize` of them are joined into one string, which costs about one byte a
 * character plus 8 bytes a record (measured: see docs/screens.md), and lets a search run one
 * `indexOf` over a page instead of one call per record. Records added out of order (found late, by
 * the duplicate checks) are kept apart.
 */
export class RecordLabels {
	private records = new Int32Array(1024);
	private count = 0;
	private readonly pages: Page[] = [];
	private open: string[] = [];
	private readonly late = new Map<number, string>();
	private characters = 0;
	/** Whether records were left out because the budget was reached. */
	full = false;

	constructor(readonly budget = 48_000_000) {}

	get size(): number {
		return this.count + this.late.size;
	}

	add(record: number, who: string): void {
		const inOrder = this.count === 0 || record > this.records[this.count - 1]!;
		if (!inOrder && this.has(record)) return;
		if (this.characters + who.length > this.budget) {
			this.full = true;
			return;
		}

		this.characters += who.length + 1;
		if (!inOrder) {
			this.late.set(record, who);
			return;
		}

		if (this.count === this.records.length) this.records = resized(this.records, this.count * 2);
		this.records[this.count++] = record;
		this.open.push(who);
		if (this.open.length === pageSize) this.seal();
	}

	has(record: number): boolean {
		return this.indexOf(record) >= 0 || this.late.has(record);
	}

	/** The record's values (record-who.ts), or undefined when not kept. */
	who(record: number): string | undefined {
		const i = this.indexOf(record);
		if (i < 0) return this.late.get(record);
		const page = this.pages[Math.floor(i / pageSize)];
		if (!page) return this.open[i % pageSize];
		const at = i % pageSize;
		return page.text.slice(page.starts[at], page.starts[at + 1]! - 1);
	}

	/** What the user column shows for the record ('' when not kept). */
	label(record: number): string {
		return labelOfWho(this.who(record));
	}

	/**
	 * The records one of whose values contains `needle` (lower case), a page at a time so that a caller
	 * can let other work in between; in record order within each page, late records last.
	 */
	*search(needle: string): Generator<number[]> {
		if (needle.includes(whoSeparator)) return;
		for (let p = 0; p < this.pages.length; p++) yield this.searchPage(this.pages[p]!, p * pageSize, needle);
		const openFrom = this.pages.length * pageSize;
		const open: number[] = [];
		for (const [k, who] of this.open.entries()) if (who.toLowerCase().includes(needle)) open.push(this.records[openFrom + k]!);
		yield open;
		const late: number[] = [];
		for (const [record, who] of this.late) if (who.toLowerCase().includes(needle)) late.push(record);
		yield late;
	}

	private searchPage(page: Page, first: number, needle: string): number[] {
		const found: number[] = [];
		const lower = page.text.toLowerCase();
		// Lower-casing can change a string's length (İ becomes i and a combining dot): offsets into the
		// page then do not hold, and the page's records are looked at one by one
		if (lower.length !== page.text.length) {
			for (let k = 0; k < page.starts.length - 1; k++) {
				if (
					page.text
						.slice(page.starts[k], page.starts[k + 1]! - 1)
						.toLowerCase()
						.includes(needle)
				)
					found.push(this.records[first + k]!);
			}

			return found;
		}

		let from = 0;
		for (;;) {
			const at = lower.indexOf(needle, from);
			if (at < 0) return found;
			const k = lastAtOrBefore(page.starts, at);
			found.push(this.records[first + k]!);
			from = page.starts[k + 1]!; // Once per record
		}
	}

	private seal(): void {
		const starts = new Int32Array(this.open.length + 1);
		let offset = 0;
		for (const [k, who] of this.open.entries()) {
			starts[k] = offset;
			offset += who.length + 1;
		}

		starts[this.open.length] = offset;
		// One join, with a separator after the last record too: it gives a flat string, where a
		// concatenation would leave a tree of pieces to walk on every search
		this.open.push('');
		this.pages.push({text: this.open.join(whoSeparator), starts});
		this.open = [];
	}

	private indexOf(record: number): number {
		let low = 0;
		let high = this.count;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (this.records[mid]! < record) low = mid + 1;
			else high = mid;
		}

		return low < this.count && this.records[low] === record ? low : -1;
	}
}

/** The last index of `starts` whose value is at most `at` (starts ascend). */
function lastAtOrBefore(starts: Int32Array, at: number): number {
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const mid = (low + high + 1) >>> 1;
		if (starts[mid]! <= at) low = mid;
		else high = mid - 1;
	}

	return low;
}
