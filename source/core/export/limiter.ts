// At most `limit` tasks at once, the others waiting their turn in order: the one concurrency primitive
// of the export (deep reads share one across every page; the look-up of ids uses its own).

export class Limiter {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private readonly limit: number) {}

	async run<T>(task: () => Promise<T>): Promise<T> {
		// A finished task hands its slot straight to the next in line, so the limit holds at every moment
		if (this.active >= this.limit) await new Promise<void>(resolve => this.waiting.push(resolve));
		else this.active++;
		try {
			return await task();
		} finally {
			const next = this.waiting.shift();
			if (next) next();
			else this.active--;
		}
	}
}
