import {ValidationRun} from '../core/engine/validation-run.js';
import {buildReport, exitCodeFor, fatalLine, formatTextReport} from '../core/report/validation-report.js';

export type HeadlessOptions = {
	json: boolean;
	/** 0 = all */
	maxIssues: number;
	checkers?: number;
};

/** `hanko-tui validate` without a terminal: one report on stdout, the fatal line on stderr. */
export async function validateHeadless(file: string, options: HeadlessOptions): Promise<number> {
	const run = new ValidationRun(file, {
		maxStoredProblems: options.maxIssues === 0 ? Number.POSITIVE_INFINITY : options.maxIssues,
		checkers: options.checkers,
	}).start();
	await run.finished();
	const report = buildReport(run);
	process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatTextReport(report)}\n`);
	const fatal = fatalLine(report);
	if (fatal) process.stderr.write(`${fatal}\n`);
	return exitCodeFor(report);
}
