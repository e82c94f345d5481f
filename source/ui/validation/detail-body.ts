import type {Problem} from '../../core/engine/problem-store.js';
import {ruleFor} from '../../core/rules/catalogue.js';
import {terminalSafe} from '../../core/text/terminal-safe.js';
import type {PrettyLine} from './pretty-record.js';

// The detail view's body as rows of text, for a width: each problem with its fix, a separator, then
// the record, either wrapped or cut to a window that scrolls sideways. Plain functions, no terminal:
// the screen measures the body with them (where scrolling stops, where the fault is) and the view
// draws what they give.

export type BodyLine = {text: string; strong: boolean};

/** Where a syntax error is in the record's text: its line (0-based in the text) and column (0-based). */
export type Fault = {line: number; column: number};

/** The body before it is fitted to a width: text made safe for the terminal, one entry a line. */
export function detailBody(
	record: number | null,
	problems: readonly Problem[],
	lines: readonly PrettyLine[] | undefined,
	marked: ReadonlySet<number>,
): BodyLine[] {
	const body: BodyLine[] = problems.flatMap(problem => [
		{
			text: `${problem.severity === 'error' ? '✗' : '!'} ${problem.code} ${problem.pointer || (record === null ? '(file)' : '(record)')}: ${problem.message}`,
			strong: false,
		},
		{text: `    fix: ${ruleFor(problem.code).fix}`, strong: false},
	]);
	if (record !== null) {
		// A problem of the whole file has no record to show
		body.push({text: '-'.repeat(40), strong: false});
		if (lines === undefined) body.push({text: 'reading the record again…', strong: false});
		else
			for (const [index, line] of lines.entries())
				body.push({text: `${marked.has(index) ? '» ' : '  '}${line.text}`, strong: marked.has(index)});
	}

	return body.map(line => ({...line, text: terminalSafe(line.text)}));
}

/** The body line of a record's text line (after the problems and the separator). */
export function recordLineIndex(problems: number, line: number): number {
	return problems * 2 + 1 + line;
}

/** Where a syntax error sits in the record's text, from its file position and where the record starts. */
export function faultIn(problem: Problem, start: {line: number; column: number}): Fault | undefined {
	if (problem.code !== 'json.syntax' || problem.record === null) return undefined;
	const line = problem.line - start.line;
	if (line < 0) return undefined;
	return {line, column: line === 0 ? problem.column - start.column : problem.column - 1};
}

/** The rows a body takes at `width`: wrapped (a long line on several rows) or one row a line. */
export function bodyRows(body: readonly BodyLine[], width: number, wrap: boolean): BodyLine[] {
	if (!wrap) return [...body];
	const rows: BodyLine[] = [];
	const room = Math.max(1, width);
	for (const line of body) {
		const chars = [...line.text];
		if (chars.length <= room) rows.push(line);
		else for (let at = 0; at < chars.length; at += room) rows.push({...line, text: chars.slice(at, at + room).join('')});
	}

	return rows;
}

/** The widest line, in characters: how far the view can scroll sideways. */
export function widestLine(body: readonly BodyLine[]): number {
	return Math.max(0, ...body.map(line => [...line.text].length));
}

/**
 * `text` seen from column `left` in `width` characters; « and » say that the line goes on past the
 * left or right edge (so a cut line never looks whole).
 */
export function sideways(text: string, left: number, width: number): string {
	const chars = [...text];
	if (left === 0 && chars.length <= width) return text;
	const shown = chars.slice(left, left + width);
	if (left > 0 && shown.length > 0) shown[0] = '«';
	if (left + width < chars.length) shown[width - 1] = '»';
	return shown.join('');
}

/**
 * The first row and column to show so that the fault is in view: its row about a third down (when it
 * is not on the first page), its
 * column in the middle when it is past the right edge. Wrapped, the fault's row is the one its column
 * falls on.
 */
export function placeFault(
	body: readonly BodyLine[],
	bodyLine: number,
	column: number,
	view: {width: number; height: number; wrap: boolean},
): {scroll: number; left: number} {
	const {width, height, wrap} = view;
	const prefix = 2; // The "» " or "  " before each line of the record
	const at = column + prefix;
	let row = bodyLine;
	if (wrap) {
		row = bodyRows(body.slice(0, bodyLine), width, true).length + Math.floor(at / Math.max(1, width));
	}

	// A fault already on the first page leaves the view at its top, the problems in sight
	const scroll = row < height - 1 ? 0 : Math.max(0, row - Math.floor(height / 3));
	const left = wrap || at < width - 1 ? 0 : Math.max(0, at - Math.floor(width / 2));
	return {scroll, left};
}
