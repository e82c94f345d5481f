import type {ValidationRun} from '../../core/engine/validation-run.js';
import {defaultFixOptions} from '../../core/fixes/fix-plan.js';
import {previewFix} from '../../core/fixes/fix-record.js';
import type {RecordProblem} from '../../core/rules/validate-record.js';
import type {FixChoice} from './fix-choices.js';
import {entry} from '../kit/format.js';
import {count} from '../../core/text/count.js';

// The lines of a fix's preview: a few of the records it applies to, each change as before → after.
// Plain async code over the run (records are read again from the file), no React.

const sampleSize = 3;

function shown(value: unknown): string {
	if (value === undefined) return '(removed)';
	const text = JSON.stringify(value);
	return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** A value drawn at random, so the one the preview drew is not the one that will be written. */
function randomlyMade(fix: string): boolean {
	return fix === 'user-id.generate' && defaultFixOptions.uuid !== 'stable';
}

/** The first records that have a problem of `code`, in file order. */
function recordsWith(run: ValidationRun, code: string, limit: number): number[] {
	const found: number[] = [];
	for (const problem of run.problems) {
		if (problem.code !== code || problem.record === null || found.at(-1) === problem.record) continue;
		found.push(problem.record);
		if (found.length === limit) break;
	}

	return found;
}

export async function previewLines(run: ValidationRun, choice: FixChoice): Promise<string[]> {
	const records = choice.record === undefined ? recordsWith(run, choice.code, sampleSize) : [choice.record];
	const texts = (await run.recordReader()?.readMany(records)) ?? new Map();
	const lines: string[] = [];
	for (const record of records) {
		const problems: RecordProblem[] = run.problems.indexesOf(record).map(index => run.problems.get(index));
		const text = texts.get(record)?.text;
		if (text === undefined) continue;
		const picks = new Map(choice.primaryPick === undefined ? [] : [[record, choice.primaryPick]]);
		const preview = previewFix(record, text, problems, choice.fix, {
			options: defaultFixOptions,
			byRule: new Map(),
			byRecord: new Map(),
			primaryPicks: picks,
		});
		lines.push(entry(record));
		if (preview.rejects) lines.push('  goes to the rejects file; the first record with this value stays');
		else if (preview.changes.length === 0) lines.push('  no change: this fix does not apply to this record');
		else
			for (const change of preview.changes)
				lines.push(
					`  ${change.pointer || '(record)'}: ${shown(change.before)} → ${randomlyMade(change.fix) ? 'a new random UUID (made when the file is written)' : shown(change.after)}`,
				);
	}

	if (choice.record === undefined)
		lines.push(
			'',
			`The fix will apply to all ${count(choice.problems)} problems of ${choice.code}; the examples are the first ${records.length}.`,
		);
	lines.push('', 'A record that still has an error after its fixes goes to the rejects file. Nothing is written before w.');
	return lines;
}
