import {Box, Text} from 'ink';
import type {Problem} from '../core/engine/problem-store.js';
import {ruleFor} from '../core/rules/catalogue.js';
import {fit} from './format.js';
import type {PrettyLine} from './pretty-record.js';

/**
 * How the detail view shares the terminal's rows: title, separator and status bar; the problems (two
 * lines each, at most half the room, then "n more"); the record gets the rest.
 */
export function detailLayout(rows: number, problems: number): {shownProblems: number; bodyHeight: number} {
	const room = Math.max(6, rows - 1 - 3);
	const shownProblems = Math.min(problems, Math.max(1, Math.floor(room / 4)));
	const more = shownProblems < problems ? 1 : 0;
	return {shownProblems, bodyHeight: Math.max(3, room - (shownProblems * 2) - more)};
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

/** One record: its problems with the fix for each, then the record itself with the faulty lines marked. */
export function DetailView({record, problems, lines, marked, scroll, rows, columns, status}: Props) {
	const {shownProblems, bodyHeight: height} = detailLayout(rows, problems.length);
	const first = problems[0];
	const title = record === null ? 'the whole file' : `record #${record}${first ? ` · starts at line ${first.line}, column ${first.column}` : ''}`;
	const problemLines = problems.slice(0, shownProblems).flatMap(problem => [
		fit(`${problem.severity === 'error' ? '✗' : '!'} ${problem.code} ${problem.pointer || '(record)'}: ${problem.message}`, columns),
		fit(`    fix: ${ruleFor(problem.code).fix}`, columns),
	]);
	if (shownProblems < problems.length) problemLines.push(fit(`  and ${problems.length - shownProblems} more problems in this record (all are marked » below)`, columns));
	const body = lines === undefined
		? ['reading the record again…']
		: lines.slice(scroll, scroll + height).map((line, index) => fit(`${marked.has(scroll + index) ? '» ' : '  '}${line.text}`, columns));
	return (
		<Box flexDirection='column' width={columns}>
			<Text bold wrap='truncate'>{fit(title, columns)}</Text>
			{problemLines.map((line, index) => <Text key={`p-${index}`} wrap='truncate'>{line}</Text>)}
			<Text dimColor wrap='truncate'>{'-'.repeat(Math.min(columns, 40))}</Text>
			{body.map((line, index) => <Text key={`l-${index}`} wrap='truncate' bold={line.startsWith('»')}>{line}</Text>)}
			<Text wrap='truncate'>{fit(status, columns)}</Text>
		</Box>
	);
}
