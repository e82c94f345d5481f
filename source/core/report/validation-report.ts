import type {Problem} from '../engine/problem-store.js';
import type {ValidationRun} from '../engine/validation-run.js';
import {type RuleCode, type Severity, importFacts, ruleFor} from '../rules/catalogue.js';
import {count} from '../text/count.js';
import {terminalSafe} from '../text/terminal-safe.js';

/** The document `hanko-tui validate --json` prints. Field names are a public contract. */
export type ValidationReport = {
	file: string;
	/** The Hanko version whose importer the file was checked against (`--hanko-version`). */
	hankoVersion: string;
	format: 'json-array' | 'ndjson' | null;
	compressed: boolean;
	bytes: number;
	records: number;
	valid: number;
	invalid: number;
	/** Errors of the file as a whole (byte order mark, NDJSON, gzip): Hanko refuses it whatever its records. */
	fileErrors: number;
	warnings: number;
	byCode: Record<string, {severity: Severity; count: number}>;
	/** What Hanko does to every file it imports, said once here rather than on each record. */
	facts: readonly string[];
	issues: Problem[];
	issuesTruncated: boolean;
	fatal: {line: number; column: number; offset: number; message: string} | null;
};

/** The report without its list of problems, which can be long: it is streamed after this. */
export type ValidationSummary = Omit<ValidationReport, 'issues'>;

/**
 * The check of a file a command wrote (`fix`, `convert`): counts only. Without `issues`, and so
 * without `issuesTruncated`, which would say a list was cut that is never there.
 */
export type OutputCheck = Omit<ValidationSummary, 'issuesTruncated'>;

export function buildOutputCheck(run: ValidationRun): OutputCheck {
	const {issuesTruncated: _, ...check} = buildSummary(run);
	return check;
}

export function buildReport(run: ValidationRun): ValidationReport {
	const {issuesTruncated, fatal, ...head} = buildSummary(run);
	return {...head, issues: [...run.problems], issuesTruncated, fatal};
}

/** Counts by rule code as a report gives them: the most frequent first, then by code, each with its severity. */
export function byCodeReport(counts: ReadonlyMap<RuleCode, number>): ValidationReport['byCode'] {
	const byCode: ValidationReport['byCode'] = {};
	const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	for (const [code, n] of sorted) byCode[code] = {severity: ruleFor(code).severity, count: n};
	return byCode;
}

export function buildSummary(run: ValidationRun): ValidationSummary {
	const {stats, problems} = run;
	const byCode = byCodeReport(stats.byCode);
	const fatal = stats.fatal
		? {line: stats.fatal.line, column: stats.fatal.column, offset: stats.fatal.offset, message: stats.fatal.message}
		: null;
	return {
		file: stats.file,
		hankoVersion: stats.hankoVersion,
		format: stats.header?.format ?? null,
		compressed: stats.header?.compressed ?? false,
		bytes: stats.header?.bytes ?? stats.bytesRead, // A file refused before its format was known
		records: stats.records,
		valid: stats.valid,
		invalid: stats.invalid,
		fileErrors: stats.fileErrors,
		warnings: stats.warnings,
		byCode,
		facts: stats.records > 0 ? importFacts : [],
		issuesTruncated: problems.truncated,
		fatal,
	};
}

/** 0 no errors (warnings allowed), 1 an invalid record or an error of the file as a whole, 2 fatal. */
export function exitCodeFor(report: OutputCheck): 0 | 1 | 2 {
	if (report.fatal) return 2;
	return report.invalid > 0 || report.fileErrors > 0 ? 1 : 0;
}

/** Whether Hanko's import would take the file: read to its end, no invalid record, no error of the file. */
export function hankoAccepts(report: OutputCheck): boolean {
	return exitCodeFor(report) === 0;
}

export function formatBytes(bytes: number): string {
	if (bytes < 1000) return `${bytes} B`;
	const units = ['kB', 'MB', 'GB', 'TB'];
	let value = bytes / 1000;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}

	return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** `path:line:column: message`, the one line a fatal problem ends with. */
export function fatalLine(report: ValidationSummary): string | undefined {
	return report.fatal ? `${report.file}:${report.fatal.line}:${report.fatal.column}: ${report.fatal.message}` : undefined;
}

function plural(n: number, word: string): string {
	return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** Problems listed in the summary for people. */
export const textReportShown = 20;

/** A short summary for people: counts, the most frequent codes, the first problems. */
export function formatTextReport(report: ValidationSummary & {issues: readonly Problem[]}, shown = textReportShown): string {
	const lines: string[] = [];
	const format = report.format ? `${report.format}${report.compressed ? ', gzip' : ''}` : 'unknown format';
	const file = terminalSafe(report.file);
	lines.push(
		`${file} (${format}, ${formatBytes(report.bytes)}), checked against Hanko ${report.hankoVersion}`,
		`${plural(report.records, 'record')}: ${count(report.valid)} valid, ${count(report.invalid)} invalid, ${plural(report.warnings, 'warning')}`,
	);
	const codes = Object.entries(report.byCode);
	if (codes.length > 0) {
		lines.push('', 'Most frequent:');
		const width = Math.max(...codes.map(([, {count: n}]) => count(n).length));
		for (const [code, {severity, count: n}] of codes.slice(0, 8)) {
			lines.push(`  ${count(n).padStart(width)}  ${severity === 'error' ? 'error  ' : 'warning'}  ${code}`);
		}

		if (codes.length > 8) lines.push(`  … and ${plural(codes.length - 8, 'more code')}`);
	}

	if (report.issues.length > 0) {
		lines.push('', 'First problems:');
		for (const issue of report.issues.slice(0, shown)) {
			const where = issue.record === null ? '' : ` record ${issue.record}`;
			// Pointers and messages may quote the file's keys and values
			const pointer = issue.pointer ? ` ${terminalSafe(issue.pointer)}` : '';
			lines.push(
				`${file}:${issue.line}:${issue.column}: ${issue.severity} ${issue.code}${where}${pointer}: ${terminalSafe(issue.message)}`,
			);
		}

		const total = Object.values(report.byCode).reduce((sum, {count: n}) => sum + n, 0);
		if (total > shown)
			lines.push(
				`… ${plural(total - Math.min(shown, report.issues.length), 'more problem')}: see them all with --json --max-issues 0`,
			);
	}

	if (report.facts.length > 0 && !report.fatal) {
		lines.push('', 'What Hanko does to every file it imports:');
		for (const fact of report.facts) lines.push(`  - ${fact}`);
	}

	if (report.fatal) {
		lines.push('', `Reading stopped at ${report.fatal.line}:${report.fatal.column}: ${terminalSafe(report.fatal.message)}`);
	} else if (hankoAccepts(report)) {
		lines.push(
			'',
			report.warnings === 0
				? 'Hanko will accept this file.'
				: 'Hanko will accept this file; the warnings say what it will change or drop.',
		);
	} else {
		const reasons = [
			...(report.fileErrors > 0
				? [
						`the file as a whole (${Object.entries(report.byCode)
							.filter(([code, {severity}]) => code.startsWith('file.') && severity === 'error')
							.map(([code]) => code)
							.join(', ')})`,
					]
				: []),
			...(report.invalid > 0 ? [`${plural(report.invalid, 'record')} that would fail the import`] : []),
		];
		lines.push('', `Hanko will refuse this file: ${reasons.join(', and ')}.`);
	}

	return lines.join('\n');
}
