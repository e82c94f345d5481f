import {Box, Text} from 'ink';
import type {Problem} from '../core/engine/problem-store.js';
import {ruleFor} from '../core/rules/catalogue.js';
import {fit} from './format.js';
import type {PrettyLine} from './pretty-record.js';

type Props = {
	record: number | null;
	/** The problems of the record, in file order. */
	problems: readonly Problem[];
	/** The record pretty-printed, or undefined while it is being read again from the file. */
	lines: readonly PrettyLine[] | undefined;
	/** Lines the problems point at: marked with » (not only colour). */
	marked: ReadonlySet<number>;
	scroll: number;
	height: number;
	columns: number;
	status: string;
};

/** One record: its problems with the fix for each, then the record itself with the faulty lines marked. */
export function DetailView({record, problems, lines, marked, scroll, height, columns, status}: Props) {
	const first = problems[0];
	const title = record === null ? 'the whole file' : `record #${record}${first ? ` · starts at line ${first.line}, column ${first.column}` : ''}`;
	const problemLines = problems.flatMap(problem => [
		fit(`${problem.severity === 'error' ? '✗' : '!'} ${problem.code} ${problem.pointer || '(record)'}: ${problem.message}`, columns),
		fit(`    fix: ${ruleFor(problem.code).fix}`, columns),
	]);
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
