import type {ExportSummary} from './export-run.js';
import {count} from '../text/count.js';


/** The end of an export in a few lines for people: the headless summary and the pane's last screen. */
export function describeSummary(summary: ExportSummary): string {
	const {notes} = summary;
	const lines = [
		summary.verified
			? `Exported ${count(summary.users)} users to ${summary.out}: verified (${count(summary.users)} unique = X-Total-Count, ${summary.walks} walk${summary.walks === 1 ? '' : 's'}).`
			: `Exported ${count(summary.users)} users to ${summary.out}, NOT verified: ${summary.reasons.join('; ')}.`,
		`${count(summary.requests)} requests, ${count(summary.retries)} retries, ${count(summary.rateLimited)} rate-limited, ${summary.seconds.toFixed(1)} s${summary.resumed ? ' (resumed)' : ''}.`,
		`Not in the export (the Admin API does not give them out): ${count(notes.passwords)} passwords (those users reset their password), ${count(notes.otps)} OTP secrets (re-enrol), sign_count of ${count(notes.passkeys)} passkeys; ${count(notes.aaguidsCleared)} AAGUIDs left out (not v4, which Hanko's importer refuses).`,
		`During the run: ${count(summary.createdDuringRun)} users created, ${count(summary.deletedDuringRun)} deleted (left out).`,
	];
	if (summary.raw) lines.push(`The Admin API objects are in ${summary.raw}.`);
	return lines.join('\n');
}
