// At most `limit` tasks at once, the others waiting their turn in order: the one concurrency primitive
// of the export (deep reads share one across every page; the look-up of ids uses its own).

export class Limiter {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	/** `limit` may change between tasks (a 429 asks for fewer at once): give a function then. */
	constructor(private readonly limit: number | (() => number)) {}

	private get max(): number {
		return typeof this.limit === 'number' ? this.limit : this.limit();
	}

	async run<T>(task: () => Promise<T>): Promise<T> {
		// A finished task hands its slot straight to the next in line, so the limit holds at every moment
		if (this.active >= this.max) await new Promise<void>(resolve => this.waiting.push(resolve));
		else this.active++;
		try {
			return await task();
		} finally {
			// When the limit went down meanwhile, the slot is given up instead
			const next = this.active <= this.max ? this.waiting.shift() : undefined;
			if (next) next();
			else this.active--;
		}
	}
}
