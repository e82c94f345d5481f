// Requests in flight at once: halved after a 429, one more again after every 20 calm pages, never
// above what the export was given.

const calmPagesToGrow = 20;

export class AdaptiveConcurrency {
	current: number;
	private calmPages = 0;

	constructor(readonly max: number) {
		this.current = max;
	}

	rateLimited(): void {
		this.current = Math.max(1, Math.floor(this.current / 2));
		this.calmPages = 0;
	}

	pageCommitted(): void {
		if (++this.calmPages >= calmPagesToGrow && this.current < this.max) {
			this.current++;
			this.calmPages = 0;
		}
	}
}
