import {Text} from 'ink';
import type {Problem} from '../../core/engine/problem-store.js';
import {ruleFor} from '../../core/rules/catalogue.js';
import {entry, fit} from '../kit/format.js';
import {Frame} from '../kit/frame.js';
import type {PrettyLine} from './pretty-record.js';

/** Rows of the detail view's scrolling body: the terminal less the title and the status bar. */
export function detailBodyHeight(rows: number): number {
	return Math.max(3, rows - 1 - 2);
}

/** Lines of the body: each problem with its fix, a separator, then the record. */
export function detailBodyLength(problems: number, recordLines: number | undefined): number {
	return problems * 2 + 1 + (recordLines ?? 1);
}

type Props = {
	record: number | null;
	/** The problems of the record, in file order. */
	problems: readonly Problem[];
	/** The record pretty-printed, or undefined while it is being read again from the file. */
	lines: readonly PrettyLine[] | undefined;
	/** Lines the problems point at: marked with » (not only colour). */
	marked: ReadonlySet<number>;
	scroll: number;
	rows: number;
	columns: number;
	status: string;
};

/**
 * One record: every problem with the fix that applies, then the record itself with the faulty lines
 * marked, all in one body that scrolls, so a record with many problems shows them all.
 */
export function DetailView({record, problems, lines, marked, scroll, rows, columns, status}: Props) {
	const first = problems[0];
	const title =
		record === null ? 'the whole file' : `${entry(record)}${first ? ` · starts at line ${first.line}, column ${first.column}` : ''}`;
	const body: Array<{text: string; strong: boolean}> = problems.flatMap(problem => [
		{
			text: `${problem.severity === 'error' ? '✗' : '!'} ${problem.code} ${problem.pointer || (record === null ? '(file)' : '(record)')}: ${problem.message}`,
			strong: false,
		},
		{text: `    fix: ${ruleFor(problem.code).fix}`, strong: false},
	]);
	if (record !== null) {
		// A problem of the whole file has no record to show
		body.push({text: '-'.repeat(Math.min(columns, 40)), strong: false});
		if (lines === undefined) body.push({text: 'reading the record again…', strong: false});
		else
			for (const [index, line] of lines.entries())
				body.push({text: `${marked.has(index) ? '» ' : '  '}${line.text}`, strong: marked.has(index)});
	}
	const height = detailBodyHeight(rows);
	const shown = body.slice(scroll, scroll + height);
	const more = body.length > scroll + height ? `  (${body.length - scroll - height} more lines: j/PgDn)` : '';
	return (
		<Frame title={`${title}${more}`} status={status} columns={columns}>
			{shown.map((line, index) => (
				<Text key={`l-${scroll + index}`} wrap="truncate" bold={line.strong}>
					{fit(line.text, columns) || ' '}
				</Text>
			))}
		</Frame>
	);
}
