import {count} from '../text/count.js';
import type {ExportSummary} from './export-run.js';

/** What the Admin API cannot give, in plain words: the same every run, so people read it once. */
function limits(summary: ExportSummary): string[] {
	const {notes} = summary;
	const secrets = summary.deep
		? `${count(notes.passwords ?? 0)} users have a password (they must reset it: hashes are never given out) and ${count(notes.otps ?? 0)} an OTP secret (they must re-enrol)${summary.contacts ? `; their ids are in ${summary.contacts}` : ''}.`
		: 'Passwords and OTP secrets: how many users have one is unknown, as the list never says; --deep reads every user to count them and name who must reset or re-enrol (hashes and secrets are never given out).';
	return [
		secrets,
		`${count(notes.passkeys)} passkeys exported without user_handle and sign_count (the API returns neither): a passkey created with a custom user handle stops working after a re-import; ${count(notes.aaguidsCleared)} AAGUIDs left out (not v4, which Hanko's importer refuses).`,
		"Users with neither email nor username (passkey-only) are not in the list nor in X-Total-Count: no export can see them, and Hanko's importer needs one of the two.",
	];
}

/** The end of an export in a few lines for people: the headless summary and the screen's last screen. */
export function describeSummary(summary: ExportSummary): string {
	const total = summary.total === undefined ? 'no X-Total-Count' : `${count(summary.users)} unique = X-Total-Count`;
	const lines = [
		summary.verified
			? `Exported ${count(summary.users)} users to ${summary.out}: verified (${total}, ${summary.walks} walk${summary.walks === 1 ? '' : 's'}).`
			: `Exported ${count(summary.users)} users to ${summary.out}, NOT verified: ${summary.reasons.join('; ')}.`,
		`${count(summary.requests)} requests, ${count(summary.retries)} retries, ${count(summary.rateLimited)} rate-limited, ${summary.seconds.toFixed(1)} s${summary.resumed ? ' (resumed)' : ''}.`,
		...limits(summary),
		`During the run: ${count(summary.createdDuringRun)} users created, ${count(summary.deletedDuringRun)} deleted (left out).`,
	];
	if (summary.raw) lines.push(`The Admin API objects are in ${summary.raw}.`);
	return lines.join('\n');
}
