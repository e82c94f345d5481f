import {Text} from 'ink';
import {entry, fit} from '../kit/format.js';
import {Frame} from '../kit/frame.js';
import {type BodyLine, sideways} from './detail-body.js';

/** Rows of the detail view's scrolling body: the terminal less the title and the status bar. */
export function detailBodyHeight(rows: number): number {
	return Math.max(3, rows - 1 - 2);
}

type Props = {
	record: number | null;
	/** Where the record starts in the file, from its first problem. */
	start: {line: number; column: number} | undefined;
	/** The body's rows (problems, fixes, then the record), already wrapped when `wrap` is on. */
	body: readonly BodyLine[];
	scroll: number;
	/** The first column shown when lines are cut rather than wrapped. */
	left: number;
	wrap: boolean;
	rows: number;
	columns: number;
	status: string;
};

/**
 * One record: every problem with the fix that applies, then the record itself with the faulty lines
 * marked, all in one body that scrolls (and sideways, when long lines are cut), so a record with many
 * problems, or a minified one, shows them all.
 */
export function DetailView({record, start, body, scroll, left, wrap, rows, columns, status}: Props) {
	const title =
		record === null ? 'the whole file' : `${entry(record)}${start ? ` · starts at line ${start.line}, column ${start.column}` : ''}`;
	const height = detailBodyHeight(rows);
	const shown = body.slice(scroll, scroll + height);
	const last = Math.min(body.length, scroll + height);
	const where = `line ${body.length === 0 ? 0 : scroll + 1}–${last}/${body.length}${wrap ? ' · wrapped' : left > 0 ? ` · column ${left + 1}` : ''}`;
	return (
		<Frame title={`${title} · ${where}`} status={status} columns={columns}>
			{shown.map((line, index) => (
				<Text key={`l-${scroll + index}`} wrap="truncate" bold={line.strong}>
					{fit(wrap ? line.text : sideways(line.text, left, columns), columns) || ' '}
				</Text>
			))}
		</Frame>
	);
}
