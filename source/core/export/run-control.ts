// Pause, resume and cancel of a run that does its work in many promises at once: a new request waits
// while paused; a cancel wakes every waiter and cuts requests and backoff waits short through `signal`.

export class RunControl {
	paused = false;
	cancelled = false;
	/** Time spent paused before the current pause, and when the current one began. */
	private pausedBeforeMs = 0;
	private pausedSince: number | undefined;
	private readonly aborter = new AbortController();
	private waiters: Array<() => void> = [];

	get signal(): AbortSignal {
		return this.aborter.signal;
	}

	pause(now = Date.now()): void {
		if (!this.paused) this.pausedSince = now;
		this.paused = true;
	}

	resume(now = Date.now()): void {
		if (this.pausedSince !== undefined) this.pausedBeforeMs += now - this.pausedSince;
		this.pausedSince = undefined;
		this.paused = false;
		for (const wake of this.waiters.splice(0)) wake();
	}

	/** How long the run has been paused in all, up to `now`: a rate counts the time it worked. */
	pausedMs(now = Date.now()): number {
		return this.pausedBeforeMs + (this.pausedSince === undefined ? 0 : now - this.pausedSince);
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
