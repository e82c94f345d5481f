import type {Checkpoint} from './export-checkpoint.js';
import type {ExportPhase, ExportProgress} from './export-types.js';

// What a running export tells besides its pages: progress (where it is, how fast it goes), at most
// every 100 ms unless forced so that a fast walk does not flood whoever draws it, and the event lines
// that start each walk and check.

const progressEveryMs = 100;

/** What the run knows when progress is reported. */
export type ProgressFacts = {
	checkpoint: Pick<Checkpoint, 'stats' | 'walk'>;
	users: number;
	total: number | undefined;
	concurrency: number;
	paused: boolean;
	/** Time spent paused so far: left out of the rate (and so of the time left that follows from it). */
	pausedMs: number;
};

export class ProgressReporter {
	private readonly shown = {phase: 'walk' as ExportPhase, page: 0, pages: 0, checked: 0, toCheck: 0};
	/** Users known when the run started (a resume's): not counted in the rate. */
	private usersAtStart = 0;
	private last = 0;

	constructor(
		private readonly started: number,
		private readonly facts: () => ProgressFacts,
		private readonly emit: (progress: ExportProgress) => void,
		private readonly tell: (line: string) => void,
	) {}

	start(users: number): void {
		this.usersAtStart = users;
	}

	/** A walk starts (told as an event line). */
	walkStarts(walk: number, resumed: boolean, nextPage: number): void {
		this.tell(walkStartLine(walk, resumed, nextPage));
		this.shown.phase = 'walk';
	}

	/** The walk's pages, as many as X-Total-Count makes. */
	pages(pages: number): void {
		this.shown.pages = pages;
	}

	/** A page is committed. */
	page(page: number): void {
		this.shown.page = page;
	}

	/** The check phase starts: `toCheck` users to look up. */
	checkStarts(toCheck: number): void {
		Object.assign(this.shown, {phase: 'check', checked: 0, toCheck});
		const line = checkStartLine(toCheck);
		if (line) this.tell(line);
		this.report(true);
	}

	checked(checked: number): void {
		this.shown.checked = checked;
		this.report(false);
	}

	/** The final files are being written. */
	writing(): void {
		this.shown.phase = 'write';
		this.report(true);
	}

	/** Emits the progress now; within 100 ms of the last one only when `force`. */
	report(force: boolean, now = Date.now()): void {
		if (!force && now - this.last < progressEveryMs) return;
		this.last = now;
		const facts = this.facts();
		const elapsedMs = now - this.started;
		const workedMs = elapsedMs - facts.pausedMs;
		this.emit({
			...facts.checkpoint.stats,
			...this.shown,
			walk: facts.checkpoint.walk,
			users: facts.users,
			total: facts.total,
			concurrency: facts.concurrency,
			usersPerSecond: workedMs > 0 ? ((facts.users - this.usersAtStart) * 1000) / workedMs : 0,
			elapsedMs,
			paused: facts.paused,
		});
	}
}

/** The event line a walk starts with: the first one (fresh or resumed) or a later, checking one. */
export function walkStartLine(walk: number, resumed: boolean, nextPage: number): string {
	return walk === 1
		? resumed
			? `resuming at page ${nextPage}`
			: 'walking every page'
		: `walk ${walk}: checking that nothing was missed`;
}

/** The event line the check starts with; none when no user is to be looked up. */
export function checkStartLine(toCheck: number): string | undefined {
	return toCheck > 0 ? `looking up ${toCheck} users the walk did not see again` : undefined;
}
