import path from 'node:path';
import {ValidationRun} from '../core/engine/validation-run.js';
import {buildSummary, exitCodeFor, fatalLine, formatTextReport, textReportShown} from '../core/report/validation-report.js';
import {writeJsonReport} from './shared/write-json-report.js';
import {type ExitSignal, signalExitCodes} from '../core/signal-exit-codes.js';
import {count} from '../core/text/count.js';
import {terminalSafe} from '../core/text/terminal-safe.js';
import {unreadableInput} from './shared/check-paths.js';
import {ProgressLine, progressMode} from './shared/progress-line.js';

export type HeadlessOptions = {
	json: boolean;
	/** No progress on stderr. */
	quiet?: boolean;
	/** Progress on stderr also with `json`. */
	progress?: boolean;
	/** 0 = all */
	maxIssues: number;
	checkers?: number;
	hankoVersion?: string;
};

/** `hanko-tui validate` without a terminal: one report on stdout, the fatal line on stderr. */
export async function validateHeadless(file: string, options: HeadlessOptions): Promise<number> {
	const unreadable = await unreadableInput(file);
	if (unreadable) {
		process.stderr.write(`hanko-tui: ${unreadable}\n`);
		return 2;
	}

	const run = new ValidationRun(file, {
		maxStoredProblems: options.maxIssues === 0 ? Number.POSITIVE_INFINITY : options.maxIssues,
		checkers: options.checkers,
		hankoVersion: options.hankoVersion,
		keepKeys: false, // Nothing is fixed from this run
	}).start();
	const line = new ProgressLine(
		process.stderr,
		progressMode({quiet: options.quiet ?? false, progress: options.progress ?? false, json: options.json}, process.stderr.isTTY),
	);
	line.follow(run, `checking ${path.basename(file)}`);
	// Interrupted (Ctrl+C, a closed SSH session, kill): stop the workers and remove the temporary
	// files of the duplicate checks before leaving, with the conventional 128 + signal number.
	const onSignal = (signal: ExitSignal) => {
		void run.cancel().finally(() => {
			line.clear();
			process.stderr.write(`hanko-tui: interrupted (${signal}) after ${count(run.stats.records)} records; no report\n`);
			process.exit(signalExitCodes[signal]);
		});
	};

	for (const signal of Object.keys(signalExitCodes) as Array<ExitSignal>) process.once(signal, onSignal);
	await run.finished();
	for (const signal of Object.keys(signalExitCodes) as Array<ExitSignal>) process.off(signal, onSignal);
	line.clear();
	const report = buildSummary(run);
	if (options.json) {
		await writeJsonReport(report, run.problems, process.stdout);
	} else {
		const first = [];
		for (const problem of run.problems) {
			if (first.length === textReportShown) break;
			first.push(problem);
		}

		process.stdout.write(`${formatTextReport({...report, issues: first})}\n`);
	}

	const fatal = fatalLine(report);
	if (fatal) process.stderr.write(`${terminalSafe(fatal)}\n`);
	return exitCodeFor(report);
}
