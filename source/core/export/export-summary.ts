import type {Checkpoint, ExportStats} from './export-checkpoint.js';
import type {ExportNotes} from './to-import-user.js';

// What an export reports when it ends: complete (verified or not, with the reasons) or cancelled.

/** Counts the list cannot give are null unless the export was `deep`. */
export type ExportSummaryNotes = Omit<ExportNotes, 'passwords' | 'otps'> & {passwords: number | null; otps: number | null};

export type ExportSummary = ExportStats & {
	out: string;
	raw: string | null;
	/** With `deep`: the CSV of users who must reset a password or re-enrol OTP. */
	contacts: string | null;
	deep: boolean;
	users: number;
	total: number | undefined;
	verified: boolean;
	walks: number;
	/** Users found in a later walk that were created after the export started. */
	createdDuringRun: number;
	/** Exported users that the API no longer knows at the end: left out of the file. */
	deletedDuringRun: number;
	/** Users too large for an import file: left out, by id. */
	oversize: string[];
	missing: number;
	extra: number;
	reasons: string[];
	notes: ExportSummaryNotes;
	resumed: boolean;
	cancelled: boolean;
	seconds: number;
};

/** How a run ended. */
export type RunOutcome = {verified: boolean; reasons: string[]; resumed: boolean; cancelled: boolean};

/** A run that ended with the final files: verified when the last walk agreed with the server. */
export function completeOutcome(reconciliation: {agree: boolean; reasons: string[]}, resumed: boolean): RunOutcome {
	return {verified: reconciliation.agree, reasons: reconciliation.reasons, resumed, cancelled: false};
}

/** A cancelled run: its checkpoint stays for the resume. */
export function cancelledOutcome(resumed: boolean): RunOutcome {
	return {verified: false, reasons: ['cancelled: run the same command again to resume'], resumed, cancelled: true};
}

export type SummaryFacts = {
	checkpoint: Checkpoint;
	files: {out: string; raw: string | null; contacts: string | null};
	deep: boolean;
	/** Users exported or left out. */
	ids: number;
	total: number | undefined;
	started: number;
	outcome: RunOutcome;
};

export function summarise({checkpoint, files, deep, ids, total, started, outcome}: SummaryFacts): ExportSummary {
	const listed = ids - checkpoint.deleted.length;
	const users = listed - checkpoint.oversize.length;
	return {
		...checkpoint.stats,
		...files,
		deep,
		users,
		total,
		verified: outcome.verified,
		walks: checkpoint.walk,
		createdDuringRun: checkpoint.createdDuringRun,
		deletedDuringRun: checkpoint.deleted.length,
		oversize: checkpoint.oversize,
		missing: total === undefined ? 0 : Math.max(0, total - listed),
		extra: total === undefined ? 0 : Math.max(0, listed - total),
		reasons: outcome.reasons,
		notes: {...checkpoint.notes, passwords: deep ? checkpoint.notes.passwords : null, otps: deep ? checkpoint.notes.otps : null},
		resumed: outcome.resumed,
		cancelled: outcome.cancelled,
		seconds: (Date.now() - started) / 1000,
	};
}
