import type {Problem} from '../../core/engine/problem-store.js';
import {ruleList} from '../../core/rules/catalogue.js';
import {fit} from '../kit/format.js';

// The problem list's columns for a given width: plain functions, tested without a terminal.
// The message is what a person reads first, so it keeps a share of the width at every size, and the
// code and user columns give way to it (cut with an ellipsis, never running into the next column).

/** The longest rule code: the code column needs no more. */
const longestCode = Math.max(...ruleList.map(rule => rule.code.length));
/** Mark and severity ("> ✗ "), then the entry and the line (7 digits each: ten million). */
const entryWidth = 7;
const lineWidth = 7;
const lead = 4;

export type ProblemColumns = {entry: number; line: number; code: number; label: number; message: number};

export function problemColumns(width: number): ProblemColumns {
	const rest = width - lead - entryWidth - 1 - lineWidth - 2;
	const messageShare = Math.max(24, Math.floor(width * 0.3));
	const shared = Math.max(0, rest - messageShare - 2); // For the code and the user, each with a space after it
	const code = Math.min(longestCode, Math.max(12, Math.ceil(shared * 0.6)));
	const label = Math.max(0, Math.min(36, shared - code));
	return {entry: entryWidth, line: lineWidth, code, label, message: Math.max(0, rest - code - label - 2)};
}

/** A cell: cut to `width` (ellipsis), then padded, so the next column always starts in its place. */
export function cell(text: string, width: number): string {
	const cut = fit(text, width);
	return cut + ' '.repeat(Math.max(0, width - [...cut].length));
}

function entryText(record: number | null): string {
	// The entry column counts from 1, as Hanko's import log does (the header names it)
	return record === null ? 'file' : String(record + 1);
}

export function problemRow(problem: Problem, label: string, width: number, selected: boolean): string {
	const c = problemColumns(width);
	const mark = selected ? '>' : ' ';
	const severity = problem.severity === 'error' ? '✗' : '!';
	return fit(
		`${mark} ${severity} ${entryText(problem.record).padStart(c.entry)} ${`${problem.line}`.padStart(c.line)}  ${cell(problem.code, c.code)} ${cell(label, c.label)} ${problem.message}`,
		width,
	);
}

/** The list's header: the column names, and `position` (row 13/36) at the right edge, never cut. */
export function problemHeader(width: number, position: string): string {
	const c = problemColumns(width);
	const names = `    ${'entry'.padStart(c.entry)} ${'line'.padStart(c.line)}  ${cell('code', c.code)} ${cell('user', c.label)} message`;
	const right = fit(position, width);
	const room = width - [...right].length - 1;
	return room <= 0 ? right : `${cell(names, room)} ${right}`;
}
