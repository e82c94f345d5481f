import type {RunStats, ValidationRun} from '../../core/engine/validation-run.js';
import {formatBytes} from '../../core/report/validation-report.js';
import {count} from '../../core/text/count.js';
import {terminalSafe} from '../../core/text/terminal-safe.js';

// Progress of a headless run on stderr, never stdout (the report, or the JSON, goes there).
// On a terminal: one line redrawn in place, at most 10 times a second (more is flicker and wasted
// writes over SSH), cut to the width so that it never wraps (a wrapped line cannot be redrawn with
// \r), and erased at the end so the report starts on a clean line. Elsewhere (a log, CI): a plain line
// every 5 seconds, the first after 5 seconds, so that a short run adds nothing to the log and a long
// one shows it is alive (and a CI job that kills silent steps leaves it running).

/** `line`: redrawn on a terminal; `log`: a plain line now and then; `off`: nothing. */
export type ProgressMode = 'line' | 'log' | 'off';

// A little under 100 ms: the run publishes every 100 ms, and timers jitter
export const lineIntervalMs = 95;
export const logIntervalMs = 5000;

/**
 * `--quiet` silences it; `--json` too (a script reads the result), unless `--progress` asks for it.
 */
export function progressMode(flags: {quiet: boolean; progress: boolean; json: boolean}, stderrIsTerminal: boolean): ProgressMode {
	if (flags.quiet) return 'off';
	if (flags.json && !flags.progress) return 'off';
	return stderrIsTerminal ? 'line' : 'log';
}

export type ProgressOutput = {write(text: string): unknown; columns?: number};

export class ProgressLine {
	private last: number;
	private shown = false;

	constructor(
		private readonly out: ProgressOutput,
		readonly mode: ProgressMode,
		private readonly now: () => number = Date.now,
	) {
		// A log's first line waits a whole interval; a terminal's comes at once
		this.last = mode === 'log' ? now() : Number.NEGATIVE_INFINITY;
	}

	/** Shows `text` if the last one is old enough; `text` is made safe for the terminal here. */
	update(text: string): void {
		if (this.mode === 'off') return;
		const now = this.now();
		if (now - this.last < (this.mode === 'line' ? lineIntervalMs : logIntervalMs)) return;
		this.last = now;
		const safe = terminalSafe(text);
		if (this.mode === 'log') {
			this.out.write(`${safe}\n`);
			return;
		}

		// 0 columns: a pseudo-terminal nobody sized (script, some CI runners)
		const width = Math.max(10, (this.out.columns || 80) - 1);
		this.out.write(`\r\u001B[K${safe.length > width ? `${safe.slice(0, width - 1)}…` : safe}`);
		this.shown = true;
	}

	/** An event worth a line of its own (a retry, a 429), kept above the progress line; none when off. */
	log(text: string): void {
		if (this.mode === 'off') return;
		this.clear();
		this.out.write(`${terminalSafe(text)}\n`);
	}

	/** Shows a validation run's progress under `label` while it goes on; returns the run. */
	follow(run: ValidationRun, label: string): ValidationRun {
		run.on('progress', (stats: RunStats) => {
			if (!stats.done) this.update(validationProgressText(label, stats));
		});
		return run;
	}

	/** Erases the line on a terminal, before the report or a message is written. */
	clear(): void {
		if (!this.shown) return;
		this.out.write('\r\u001B[K');
		this.shown = false;
	}
}

/**
 * `checking users.json: 123,456 records, 45.2 MB of 120 MB (37%), 81,000/s, 1,234 invalid`.
 * The percentage is of the bytes on disk (gzip too: its compressed bytes are what is read); a pipe
 * has no size, so it shows what was read.
 */
export function validationProgressText(label: string, stats: RunStats): string {
	if (!stats.header) return `${label}: opening`;
	const size = stats.header?.seekable ? stats.header.bytes : 0;
	const read =
		size > 0
			? `${formatBytes(stats.bytesRead)} of ${formatBytes(size)} (${Math.min(100, Math.floor((stats.bytesRead / size) * 100))}%)`
			: `${formatBytes(stats.bytesRead)} read`;
	const invalid = stats.invalid > 0 ? `, ${count(stats.invalid)} invalid` : '';
	return `${label}: ${count(stats.records)} records, ${read}, ${count(stats.recordsPerSecond)}/s${invalid}`;
}

/** The progress of a phase without counts (writing the fixed files): what it does and for how long. */
export function phaseText(label: string, startedAt: number, now = Date.now()): string {
	return `${label} (${count(Math.floor((now - startedAt) / 1000))} s)`;
}

/** `converting users.ndjson: 12,345 users, 4.1 MB of 10 MB (41%)`. */
export function conversionProgressText(label: string, progress: {users: number; bytesRead: number; size: number}): string {
	const read =
		progress.size > 0
			? `${formatBytes(progress.bytesRead)} of ${formatBytes(progress.size)} (${Math.min(100, Math.floor((progress.bytesRead / progress.size) * 100))}%)`
			: `${formatBytes(progress.bytesRead)} read`;
	return `${label}: ${count(progress.users)} users, ${read}`;
}
