import {
	checkCheckers,
	checkMaxIssues,
	checkedHankoVersion,
	checkersFlag,
	checkersHelp,
	hankoVersionFlag,
	hankoVersionHelp,
	jsonFlag,
	jsonHelp,
	maxIssuesFlag,
	maxIssuesHelp,
	progressFlags,
	progressHelp,
} from './shared-flags.js';

// The flags of a validation report: validate takes them, and so does the demo, which validates its
// example the same way

export const reportFlags = {...jsonFlag, ...progressFlags, ...maxIssuesFlag, ...checkersFlag, ...hankoVersionFlag} as const;
export const reportHelp = [jsonHelp, ...progressHelp, maxIssuesHelp, checkersHelp, ...hankoVersionHelp];

export type ReportOptions = {
	json: boolean;
	quiet: boolean;
	progress: boolean;
	maxIssues: number;
	checkers: number | undefined;
	hankoVersion: string | undefined;
};

/** The report's options, checked: a wrong value is a usage error. */
export function reportOptions(flags: {
	json: boolean;
	quiet: boolean;
	progress: boolean;
	maxIssues: number;
	checkers?: number;
	hankoVersion?: string;
}): ReportOptions {
	checkMaxIssues(flags.maxIssues);
	checkCheckers(flags.checkers);
	return {
		json: flags.json,
		quiet: flags.quiet,
		progress: flags.progress,
		maxIssues: flags.maxIssues,
		checkers: flags.checkers,
		hankoVersion: checkedHankoVersion(flags.hankoVersion),
	};
}
