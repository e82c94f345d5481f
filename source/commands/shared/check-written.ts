import path from 'node:path';
import {ValidationRun} from '../../core/engine/validation-run.js';
import {combinedOutputCheck} from '../../core/report/combined-output-check.js';
import {type OutputCheck, buildOutputCheck} from '../../core/report/validation-report.js';
import {splitNames} from '../../core/split/part-names.js';
import {type SplitManifest, partPaths} from '../../core/split/split-manifest.js';
import type {ProgressLine} from './progress-line.js';

export type CheckWrittenOptions = {
	hankoVersion?: string;
	checkers?: number;
	now?: number;
	/** The progress line's label, as `2/2 checking`. */
	label: string;
	line: ProgressLine;
	/** Sees each run as it starts (to cancel it on a signal). */
	started?(run: ValidationRun): void;
};

/**
 * What Hanko will make of the file a command wrote: checked again, counts only. A split output is
 * checked part by part and the checks added up (duplicates across parts were checked by the writer,
 * across the whole output).
 */
export async function checkWritten(out: string, manifest: SplitManifest | undefined, options: CheckWrittenOptions): Promise<OutputCheck> {
	const files = manifest ? partPaths(splitNames(out).manifest, manifest) : [out];
	const checks: OutputCheck[] = [];
	const check = async (file: string, i: number) => {
		const run = new ValidationRun(file, {
			maxStoredProblems: 0,
			checkers: options.checkers,
			now: options.now,
			hankoVersion: options.hankoVersion,
		}).start();
		options.started?.(run);
		const label = `${options.label} ${path.basename(file)}${files.length > 1 ? ` (${i + 1} of ${files.length})` : ''}`;
		options.line.follow(run, label);
		await run.finished();
		checks[i] = buildOutputCheck(run);
	};

	// Two parts at a time: a run spends its first moments starting its threads, which the other's
	// checking fills (measured on 10 parts of 50 MB: see docs/migrate.md)
	let next = 0;
	const lane = async () => {
		while (next < files.length) {
			const i = next++;
			await check(files[i]!, i);
		}
	};

	await Promise.all(Array.from({length: Math.min(2, files.length)}, lane));
	options.line.clear();
	return manifest ? combinedOutputCheck(splitNames(out).manifest, checks) : checks[0]!;
}
