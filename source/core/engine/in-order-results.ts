// Results of work done in parallel come back in any order but must be used in the order of the work
// (records are merged and written in file order, pages committed in page order): each waits here
// until those before it have come.

export class InOrderResults<T> {
	private readonly waiting = new Map<number, T>();
	private expected: number;

	constructor(first = 0) {
		this.expected = first;
	}

	/** The sequence number handed on next: every one before it has been. */
	get next(): number {
		return this.expected;
	}

	/** Results that came before their turn. */
	get held(): number {
		return this.waiting.size;
	}

	/** Keeps the result of `seq` until its turn. */
	add(seq: number, result: T): void {
		if (seq < this.expected || this.waiting.has(seq)) throw new Error(`result ${seq} came twice`);
		this.waiting.set(seq, result);
	}

	/** The next result in order, left in place; undefined while it has not come back yet. */
	peek(): T | undefined {
		return this.waiting.get(this.expected);
	}

	/** Every result still held, in no particular order. */
	values(): IterableIterator<T> {
		return this.waiting.values();
	}

	/** The next result in order, now its turn has come; undefined while it has not come back yet. */
	take(): T | undefined {
		const result = this.waiting.get(this.expected);
		if (result === undefined) return undefined;
		this.waiting.delete(this.expected++);
		return result;
	}
}
