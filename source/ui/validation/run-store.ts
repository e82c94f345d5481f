import type {ValidationRun} from '../../core/engine/validation-run.js';
import {type ValidationSummary, buildSummary} from '../../core/report/validation-report.js';

/**
 * What the views show of a run: the report's summary (the same counts the headless report prints)
 * plus progress, as an immutable copy replaced at the engine's fixed progress rate.
 */
export type RunSnapshot = Readonly<
	ValidationSummary & {
		bytesRead: number;
		problems: number;
		recordsPerSecond: number;
		bytesPerSecond: number;
		elapsedMs: number;
		done: boolean;
	}
>;

export function snapshotOf(run: ValidationRun, now = Date.now()): RunSnapshot {
	const {stats} = run;
	return {
		...buildSummary(run),
		bytesRead: stats.bytesRead,
		problems: run.problems.size,
		recordsPerSecond: stats.recordsPerSecond,
		bytesPerSecond: stats.bytesPerSecond,
		elapsedMs: (stats.finishedAt ?? now) - stats.startedAt,
		done: stats.done,
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
