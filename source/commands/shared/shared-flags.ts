import {hankoRules, isHankoRules} from '../../core/rules/hanko-versions.js';
import {parseSplitSize} from '../../core/split/split-size.js';
import {UsageError} from './usage-error.js';

// Flags that several commands take, each with its help line, so that they read the same in every help

export const jsonFlag = {json: {type: 'boolean', default: false}} as const;
export const jsonHelp = '--json              print one JSON report on stdout (for scripts)';

export const progressFlags = {quiet: {type: 'boolean', default: false}, progress: {type: 'boolean', default: false}} as const;
export const progressHelp = [
	'--quiet             no progress on stderr (errors are still said there)',
	'--progress          progress on stderr also with --json (a line redrawn on a terminal,',
	'                    else a line every 5 s)',
];

export const hankoVersionFlag = {hankoVersion: {type: 'string'}} as const;
export const hankoVersionHelp = [
	'--hanko-version <v> the Hanko whose importer to check against: 2.1, 2.7, 3.0 (default,',
	'                    the latest release), main, or a release like 2.1.0; the screens remember it',
];

// The screens turn mouse reporting on for the wheel; a terminal then leaves selecting text to Shift+drag
export const mouseFlag = {mouse: {type: 'boolean', default: true}} as const;
export const mouseHelp = '--no-mouse          on the screens, no mouse wheel (the mouse selects text as usual)';

export const splitFlag = {split: {type: 'string'}} as const;
export const splitHelp = [
	'--split <size>      write the users in parts of at most this size, as 50MB (50,000,000 bytes,',
	"                    Hanko Cloud's Console limit) or 48MiB: <out>-001.json, … and <out>.manifest.json",
];

/** `--split` in bytes, or undefined when not given. */
export function checkedSplit(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const bytes = parseSplitSize(value);
	if (typeof bytes !== 'number') throw new UsageError(bytes.error);
	return bytes;
}

export const checkersFlag = {checkers: {type: 'number'}} as const;
export const checkersHelp = '--checkers <n>      checker threads beside the reader (default: cores - 1)';

export const maxIssuesFlag = {maxIssues: {type: 'number', default: 1000}} as const;
export const maxIssuesHelp = '--max-issues <n>    problems listed in the report (default 1000, 0 = all)';

/** `--hanko-version` as given (checked), or undefined for the default (or, on a terminal, the one remembered). */
export function checkedHankoVersion(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const rules = hankoRules(value);
	if (!isHankoRules(rules)) throw new UsageError(`--hanko-version: ${rules.error}`);
	return rules.label;
}

export function checkCheckers(value: number | undefined): void {
	if (value !== undefined && (!Number.isInteger(value) || value < 1))
		throw new UsageError('--checkers must be a whole number, 1 or more');
}

export function checkMaxIssues(value: number): void {
	if (!Number.isInteger(value) || value < 0) throw new UsageError('--max-issues must be a whole number, 0 or more');
}

/** `value` if it is one of `allowed`; undefined when not given. */
export function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
	if (value === undefined) return undefined;
	if (!allowed.includes(value as T))
		throw new UsageError(
			`--${flag} must be ${allowed.length > 2 ? `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)!}` : allowed.join(' or ')}`,
		);
	return value as T;
}
