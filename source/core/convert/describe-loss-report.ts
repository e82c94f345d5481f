import {shellWord} from '../text/shell-word.js';
import {count} from '../text/count.js';
import type {ProfileCounts} from './convert-record.js';
import type {ConvertFiles, LossReport} from './convert-run.js';
import {sourceNames} from './source-kinds.js';

// The loss report as lines of text: what was written and rejected, what the import file leaves out, and what
// became of the passwords. The headless summary and the screen both show it.

const listed = (counts: Record<string, number>) =>
	Object.entries(counts)
		.sort((a, b) => b[1] - a[1])
		.map(([what, n]) => `${what} (${count(n)})`)
		.join(', ');

/** What the passwords counted as converted became, where it is not bcrypt's prefix rewritten. */
const convertedTo: Partial<Record<LossReport['source'], string>> = {
	firebase: ' to $fbscrypt$',
	clerk: ' ($2b$/$2y$ to $2a$, scrypt_firebase to $fbscrypt$)',
};

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

function withoutProfileLines(losses: Record<string, number>): string[] {
	return [
		Object.keys(losses).length > 0
			? `The import file leaves out: ${listed(losses)} (names, pictures and metadata can be set through the Admin API after the import; the rest Hanko cannot hold).`
			: 'Nothing the users carry is lost.',
	];
}

/** With `--profile`: what was kept for the Admin API, then only what Hanko cannot hold at all (or would refuse). */
function profileLines(profile: ProfileCounts, losses: Record<string, number>, file: string): string[] {
	return [
		Object.keys(profile.kept).length > 0
			? `Kept for after the import (${file}): ${listed(profile.kept)}; hanko-tui apply-profile ${shellWord(file)} --api-url <url> sets them once the import is done.`
			: `Kept for after the import (${file}): nothing, no user has names, pictures or metadata Hanko takes.`,
		Object.keys(losses).length > 0
			? `Hanko cannot hold, so the files leave out: ${listed(losses)}.`
			: 'Nothing else the users carry is lost.',
	];
}

export function lossReportLines(report: LossReport, files: ConvertFiles, written = true): string[] {
	const rejected = total(report.rejected);
	const {passwords} = report;
	const resets = total(passwords.reset);
	const into = written ? 'written to' : 'to write to';
	return [
		`Converted ${count(report.users)} ${sourceNames[report.source]} users: ${count(report.written)} ${into} ${files.out}, ${count(rejected)} rejected${rejected ? ` (${files.rejects}): ${listed(report.rejected)}` : ''}.`,
		...(report.profile && files.profile
			? profileLines(report.profile, report.losses, files.profile)
			: withoutProfileLines(report.losses)),
		`Passwords: ${count(passwords.kept)} kept, ${count(passwords.converted)} converted${convertedTo[report.source] ?? ' ($2b$/$2y$ to $2a$)'}, ${count(resets)} need a reset${resets ? ` (${listed(passwords.reset)})` : ''}, ${count(passwords.none)} without one.`,
		`${count(report.idsReplaced)} ids replaced by stable UUIDs (${files.map}).`,
	];
}

/**
 * Why a conversion wrote no user from an export that has some, in one line; undefined when it wrote
 * one or the export holds none. An import file of no users is accepted by Hanko, so without this an
 * export read wrongly would look like a success.
 */
export function nothingWrittenReason(report: LossReport, files: ConvertFiles, written = true): string | undefined {
	if (report.written > 0 || report.users === 0) return undefined;
	return `no user ${written ? 'was' : 'would be'} written: all ${count(report.users)} ${sourceNames[report.source]} users were rejected (${files.rejects}): ${listed(report.rejected)}`;
}
