import type {Problem} from '../engine/problem-store.js';
import type {ValidationRun} from '../engine/validation-run.js';
import {type Severity, ruleFor} from '../rules/catalogue.js';

/** The document `hanko-tui validate --json` prints. Field names are a public contract. */
export type ValidationReport = {
	file: string;
	format: 'json-array' | 'ndjson' | null;
	compressed: boolean;
	bytes: number;
	records: number;
	valid: number;
	invalid: number;
	warnings: number;
	byCode: Record<string, {severity: Severity; count: number}>;
	issues: Problem[];
	issuesTruncated: boolean;
	fatal: {line: number; column: number; offset: number; message: string} | null;
};

/** The report without its list of problems, which can be long: it is streamed after this. */
export type ValidationSummary = Omit<ValidationReport, 'issues'>;

export function buildReport(run: ValidationRun): ValidationReport {
	const {issuesTruncated, fatal, ...head} = buildSummary(run);
	return {...head, issues: [...run.problems], issuesTruncated, fatal};
}

export function buildSummary(run: ValidationRun): ValidationSummary {
	const {stats, problems} = run;
	const byCode: ValidationReport['byCode'] = {};
	const counts = [...stats.byCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	for (const [code, count] of counts) byCode[code] = {severity: ruleFor(code).severity, count};
	const fatal = stats.fatal ? {line: stats.fatal.line, column: stats.fatal.column, offset: stats.fatal.offset, message: stats.fatal.message} : null;
	return {
		file: stats.file,
		format: stats.header?.format ?? null,
		compressed: stats.header?.compressed ?? false,
		bytes: stats.header?.bytes ?? 0,
		records: stats.records,
		valid: stats.valid,
		invalid: stats.invalid,
		warnings: stats.warnings,
		byCode,
		issuesTruncated: problems.truncated,
		fatal,
	};
}

/** 0 no errors (warnings allowed), 1 at least one invalid record, 2 fatal. */
export function exitCodeFor(report: ValidationSummary): 0 | 1 | 2 {
	if (report.fatal) return 2;
	return report.invalid > 0 ? 1 : 0;
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

function plural(count: number, word: string): string {
	return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

/** Problems listed in the summary for people. */
export const textReportShown = 20;

/** A short summary for people: counts, the most frequent codes, the first problems. */
export function formatTextReport(report: ValidationSummary & {issues: readonly Problem[]}, shown = textReportShown): string {
	const lines: string[] = [];
	const format = report.format ? `${report.format}${report.compressed ? ', gzip' : ''}` : 'unknown format';
	lines.push(`${report.file} (${format}, ${formatBytes(report.bytes)})`, `${plural(report.records, 'record')}: ${report.valid.toLocaleString('en-US')} valid, ${report.invalid.toLocaleString('en-US')} invalid, ${plural(report.warnings, 'warning')}`);
	const codes = Object.entries(report.byCode);
	if (codes.length > 0) {
		lines.push('', 'Most frequent:');
		const width = Math.max(...codes.map(([, {count}]) => String(count).length));
		for (const [code, {severity, count}] of codes.slice(0, 8)) {
			lines.push(`  ${String(count).padStart(width)}  ${severity === 'error' ? 'error  ' : 'warning'}  ${code}`);
		}

		if (codes.length > 8) lines.push(`  … and ${plural(codes.length - 8, 'more code')}`);
	}

	if (report.issues.length > 0) {
		lines.push('', 'First problems:');
		for (const issue of report.issues.slice(0, shown)) {
			const where = issue.record === null ? '' : ` record ${issue.record}`;
			const pointer = issue.pointer ? ` ${issue.pointer}` : '';
			lines.push(`${report.file}:${issue.line}:${issue.column}: ${issue.severity} ${issue.code}${where}${pointer}: ${issue.message}`);
		}

		const total = Object.values(report.byCode).reduce((sum, {count}) => sum + count, 0);
		if (total > shown) lines.push(`… ${plural(total - Math.min(shown, report.issues.length), 'more problem')}: see them all with --json --max-issues 0`);
	}

	if (report.fatal) {
		lines.push('', `Reading stopped at ${report.fatal.line}:${report.fatal.column}: ${report.fatal.message}`);
	} else if (report.invalid === 0) {
		lines.push('', report.warnings === 0 ? 'Hanko will accept this file.' : 'Hanko will accept this file; the warnings say what it will change or drop.');
	} else {
		lines.push('', `Hanko will refuse this file: ${plural(report.invalid, 'record')} would fail the import.`);
	}

	return lines.join('\n');
}
