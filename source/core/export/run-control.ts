// Pause, resume and cancel of a run that does its work in many promises at once: a new request waits
// while paused; a cancel wakes every waiter and cuts requests and backoff waits short through `signal`.

export class RunControl {
	paused = false;
	cancelled = false;
	private readonly aborter = new AbortController();
	private waiters: Array<() => void> = [];

	get signal(): AbortSignal {
		return this.aborter.signal;
	}

	pause(): void {
		this.paused = true;
	}

	resume(): void {
		this.paused = false;
		for (const wake of this.waiters.splice(0)) wake();
	}

	/** Returns whether this call cancelled (false: cancelled already). */
	cancel(): boolean {
		if (this.cancelled) return false;
		this.cancelled = true;
		this.abort();
		return true;
	}

	/** Cuts what is in flight short without cancelling the run (a walk that failed). */
	abort(): void {
		this.aborter.abort();
	}

	async whilePaused(): Promise<void> {
		while (this.paused && !this.cancelled) await new Promise<void>(resolve => this.waiters.push(resolve));
	}
}
