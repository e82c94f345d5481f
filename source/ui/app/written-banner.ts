import path from 'node:path';
import {splitNames} from '../../core/split/part-names.js';
import type {Written} from '../validation/validation-screen.js';

// What the validation screen says above a fixed output, checked again: what was written and rejected.

/** Reject reasons shown in the banner; the rest are counted ("… and N more": the log lists them all). */
export const shownReasons = 3;

/** The most frequent reject reasons first, cut to `shownReasons` so the line stays readable. */
export function rejectReasons(rejectedBy: Readonly<Record<string, number>>): string {
	const reasons = Object.entries(rejectedBy).toSorted(([a, m], [b, n]) => n - m || a.localeCompare(b));
	const shown = reasons.slice(0, shownReasons).map(([reason, n]) => `${n.toLocaleString('en-US')} ${reason}`);
	const more = reasons.length - shown.length;
	return [...shown, ...(more > 0 ? [`… and ${more} more (see the log)`] : [])].join(', ');
}

/**
 * The file checked again after a write, and the one offered to check against the project: the output,
 * or for a split its first part and its manifest (which pre-flight and verify read as one file).
 */
export function writtenFiles({files, counts}: Written): {checked: string; target: string} {
	if (!counts.manifest) return {checked: files.out, target: files.out};
	const names = splitNames(files.out);
	return {checked: names.part(1), target: names.manifest};
}

/** The lines above the counts once the fixed files are written. */
export function bannerOf({files, counts}: Written): string[] {
	const reasons = rejectReasons(counts.rejectedBy);
	return [
		`Wrote ${counts.written.toLocaleString('en-US')} records (${counts.fixed.toLocaleString('en-US')} fixed), checked again below; ${counts.idsReplaced.toLocaleString('en-US')} ids replaced (${path.basename(files.map)})`,
		...(counts.manifest
			? [
					`Split into ${counts.manifest.parts.length.toLocaleString('en-US')} parts of at most 50 MB (${path.basename(splitNames(files.out).manifest)}); the first part is checked below`,
				]
			: []),
		`Rejected ${counts.rejected.toLocaleString('en-US')} (${path.basename(files.rejects)})${reasons ? `: ${reasons}` : ''}`,
		...(counts.fixesSkipped > 0
			? [
					`${counts.fixesSkipped.toLocaleString('en-US')} written unfixed: their fixes (of warnings) would have given them another user's value`,
				]
			: []),
		...(counts.passwordResets > 0
			? [
					`${counts.passwordResets.toLocaleString('en-US')} passwords removed, no sign-in could use them: ask these users to reset (${path.basename(files.resets)})`,
				]
			: []),
	];
}
