import type {RuleCode} from '../core/rules/catalogue.js';
import type {RunStats, ValidationRun} from '../core/engine/validation-run.js';

/** What the views show of a run: an immutable copy, replaced at the engine's fixed progress rate. */
export type RunSnapshot = Readonly<{
	file: string;
	format: string | undefined;
	compressed: boolean;
	bytes: number;
	bytesRead: number;
	records: number;
	valid: number;
	invalid: number;
	warnings: number;
	byCode: ReadonlyArray<readonly [RuleCode, number]>;
	problems: number;
	recordsPerSecond: number;
	bytesPerSecond: number;
	elapsedMs: number;
	done: boolean;
	fatal: RunStats['fatal'];
}>;

export function snapshotOf(run: ValidationRun, now = Date.now()): RunSnapshot {
	const {stats} = run;
	return {
		file: stats.file,
		format: stats.header?.format,
		compressed: stats.header?.compressed ?? false,
		bytes: stats.header?.bytes ?? 0,
		bytesRead: stats.bytesRead,
		records: stats.records,
		valid: stats.valid,
		invalid: stats.invalid,
		warnings: stats.warnings,
		byCode: [...stats.byCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
		problems: run.problems.size,
		recordsPerSecond: stats.recordsPerSecond,
		bytesPerSecond: stats.bytesPerSecond,
		elapsedMs: (stats.finishedAt ?? now) - stats.startedAt,
		done: stats.done,
		fatal: stats.fatal,
	};
}

/**
 * A store for `useSyncExternalStore`: one snapshot per engine progress event (about ten a second),
 * never one React update per record.
 */
export class RunStore {
	private snapshot: RunSnapshot;
	private readonly listeners = new Set<() => void>();

	constructor(readonly run: ValidationRun) {
		this.snapshot = snapshotOf(run);
		run.on('progress', () => {
			this.snapshot = snapshotOf(run);
			for (const listener of this.listeners) listener();
		});
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getSnapshot = (): RunSnapshot => this.snapshot;
}
