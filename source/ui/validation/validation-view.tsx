import {Box, Text} from 'ink';
import type {Problem} from '../../core/engine/problem-store.js';
import {fixesFor} from '../../core/fixes/fix-catalogue.js';
import {formatBytes} from '../../core/report/validation-report.js';
import {type RuleCode, ruleList} from '../../core/rules/catalogue.js';
import type {ValidationState} from './validation-state.js';
import {bar, count, duration, fit} from '../kit/format.js';
import {Frame} from '../kit/frame.js';
import {accentColor} from '../kit/style.js';
import {positionOf, scrollBar, visibleRange} from '../kit/list-window.js';
import {cell, problemHeader, problemRow} from './problem-columns.js';
import type {RunSnapshot} from './run-store.js';

export const byRuleRows = 5;
/** Lines around the list: header 3, "by rule" title and rows, list header, status bar. */
export const chromeLines = 3 + 1 + byRuleRows + 1 + 1;

/** The most lines a banner takes: past them the list would be pushed down to nothing, the status bar off screen. */
export const maxBannerLines = 4;

/** Under the banner of a file just written: the next steps of a migration, on the keys the list binds to them. */
export const offerLine = 'Next: c checks it against the project (pre-flight), v verifies the import';

/** The banner cut to `maxBannerLines`, its last line saying how many more there were. */
export function bannerLines(banner: readonly string[]): readonly string[] {
	if (banner.length <= maxBannerLines) return banner;
	const more = banner.length - (maxBannerLines - 1);
	return [...banner.slice(0, maxBannerLines - 1), `… and ${count(more)} more lines`];
}

type Props = {
	snapshot: RunSnapshot;
	state: ValidationState;
	problem: (index: number) => Problem;
	/** Position in the counts by rule while a rule is being chosen for the filter. */
	choosing: number | undefined;
	/** The keys of the rule chooser, from the keymap: shown above the counts while choosing. */
	choosingKeys: string;
	/** The rule the list is filtered by. */
	filterCode: string | undefined;
	/** Who the record is (user id or email), when it has been read; '' until then. */
	label: (record: number | null) => string;
	columns: number;
	status: string;
	/** Lines under the title: what was written, when this is a fixed output checked again. */
	banner?: readonly string[];
};

function progressLine(snapshot: RunSnapshot, columns: number): string {
	const fraction = snapshot.bytes > 0 ? snapshot.bytesRead / snapshot.bytes : 0;
	const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
	const rate = `${count(snapshot.recordsPerSecond)} rec/s  ${(snapshot.bytesPerSecond / 1e6).toFixed(1)} MB/s`;
	const remaining = snapshot.done
		? `done in ${(snapshot.elapsedMs / 1000).toFixed(1)} s`
		: snapshot.bytesPerSecond > 0
			? `ETA ${duration(((snapshot.bytes - snapshot.bytesRead) / snapshot.bytesPerSecond) * 1000)}`
			: 'ETA –';
	const text = `${percent}  ${rate}  ${remaining}`;
	return `${bar(fraction, Math.max(10, Math.min(40, columns - text.length - 1)))} ${text}`;
}

/** The fixes a rule has, as the by-rule list offers them (f, then a). */
/** The code column: as wide as the longest code, so the next column always starts after a space. */
const codeWidth = Math.max(...ruleList.map(rule => rule.code.length));

function fixHint(code: string): string {
	const ids = fixesFor(code as RuleCode).map(fix => fix.id);
	return ids.length === 0 ? '' : `fix: ${ids.join(' / ')}`;
}

/**
 * The counts by rule, `byRuleRows` of them. While choosing, the window follows the choice (marked
 * with >); when rules are left out, the last row says how many and how to see them all.
 */
export function byRuleLines(
	rules: ReadonlyArray<[string, {count: number}]>,
	choosing: number | undefined,
	filterCode: string | undefined,
	columns: number,
): string[] {
	const cut = rules.length > byRuleRows;
	// Outside the chooser the last row is given to "… and N more" when the list is cut
	const room = cut && choosing === undefined ? byRuleRows - 1 : byRuleRows;
	const first = choosing === undefined ? 0 : Math.max(0, Math.min(choosing - 2, rules.length - room));
	const lines = rules
		.slice(first, first + room)
		.map(([code, {count: n}], index) =>
			fit(
				`${first + index === choosing ? '>' : ' '} ${count(n).padStart(9)}  ${cell(code, codeWidth)} ${fixHint(code)}${code === filterCode ? '  (filter)' : ''}`,
				columns,
			),
		);
	if (cut && choosing === undefined) lines.push(fit(`  … and ${count(rules.length - room)} more (f to filter)`, columns));
	while (lines.length < byRuleRows) lines.push('');
	return lines;
}

/** The validation screen: progress, counts, counts by rule, the problem list and the status bar. */
export function ValidationView({snapshot, state, problem, label, choosing, choosingKeys, filterCode, columns, status, banner = []}: Props) {
	const format = snapshot.format ? `${snapshot.format}${snapshot.compressed ? ', gzip' : ''}` : 'reading…';
	const {from, to} = visibleRange(state.list);
	// The last column is the scroll bar: where the window sits in the whole list
	const rowWidth = columns - 1;
	const rows: string[] = [];
	for (let i = from; i < to; i++) {
		const row = problem(i);
		rows.push(problemRow(row, label(row.record), rowWidth, i === state.list.cursor));
	}
	const empty = snapshot.fatal
		? '  The file could not be read to its end: see the line "stopped at" above.'
		: '  No problems: Hanko will accept this file.';
	while (rows.length < state.list.height)
		rows.push(rows.length === 0 && snapshot.done && snapshot.problems === 0 ? fit(empty, rowWidth) : '');
	const scroll = scrollBar(state.list);
	const rules = Object.entries(snapshot.byCode);
	const byRule = byRuleLines(rules, choosing, filterCode, columns);
	return (
		<Frame
			title={`hanko-tui · ${snapshot.file} · ${format} · ${formatBytes(snapshot.bytes)} · Hanko ${snapshot.hankoVersion}`}
			status={status}
			columns={columns}
		>
			{banner.map((line, index) => (
				<Text key={`banner-${index}`} wrap="truncate">
					{fit(line, columns)}
				</Text>
			))}
			<Text color={accentColor()} wrap="truncate">
				{fit(progressLine(snapshot, columns), columns)}
			</Text>
			<Text wrap="truncate">
				{fit(
					`records ${count(snapshot.records)}   valid ${count(snapshot.valid)}   invalid ${count(snapshot.invalid)}   warnings ${count(snapshot.warnings)}`,
					columns,
				)}
			</Text>
			<Text dimColor wrap="truncate">
				{snapshot.fatal
					? fit(`stopped at ${snapshot.fatal.line}:${snapshot.fatal.column}: ${snapshot.fatal.message}`, columns)
					: choosing === undefined
						? fit(`By rule (${count(rules.length)})`, columns)
						: fit(`By rule: rule ${choosing + 1}/${rules.length}   ${choosingKeys}`, columns)}
			</Text>
			{byRule.map((line, index) => (
				<Text key={`rule-${index}`} wrap="truncate">
					{line}
				</Text>
			))}
			<Text dimColor wrap="truncate">
				{problemHeader(
					rowWidth,
					`row ${positionOf(state.list)}${filterCode ? ` of ${count(snapshot.problems)}` : snapshot.issuesTruncated ? ' listed; counts cover all' : ''}`,
				)}
			</Text>
			{rows.map((line, index) => (
				<Box key={`row-${index}`} width={columns}>
					<Text wrap="truncate" inverse={from + index === state.list.cursor && line !== ''}>
						{line.padEnd(rowWidth)}
					</Text>
					<Text dimColor>{scroll[index]}</Text>
				</Box>
			))}
		</Frame>
	);
}
