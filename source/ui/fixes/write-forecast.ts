import {type ProblemStore} from '../../core/engine/problem-store.js';
import {effectiveCode} from '../../core/fixes/fix-catalogue.js';
import {choiceFor} from '../../core/fixes/fix-plan.js';
import {ruleList} from '../../core/rules/catalogue.js';
import {type PendingState, planOf} from './fixes-state.js';
import {count} from '../../core/text/count.js';

// What `w` will leave out, said before it writes: the writer puts every record that still has an
// error into the rejects file, and a person who chose no fix (or fixes for some rules only) should
// know how many records that is before the file is written, not after.

export type WriteForecast = {
	/** Records with an error no pending fix is for (at most this many are rejected). */
	rejected: number;
	/** Problems past the store's limit were not kept: there may be more. */
	atLeast: boolean;
};

/**
 * Counts the records that keep an error no pending fix is for: they go to the rejects file. An upper
 * bound: a duplicate of a record that is itself rejected is no duplicate in the output, and passes.
 */
export function forecastWrite(problems: ProblemStore, pending: PendingState): WriteForecast {
	// The writer's own plan and look-up: a record is rejected when one of its errors has no fix chosen
	const plan = planOf(pending);
	const rejected = new Set<number>();
	for (let i = 0; i < problems.size; i++) {
		if (problems.isRemoved(i)) continue;
		const record = problems.recordAt(i);
		if (ruleList[problems.codeIdAt(i)]!.severity !== 'error' || record < 0 || rejected.has(record)) continue;
		if (!choiceFor(plan, record, effectiveCode(problems.get(i)))) rejected.add(record);
	}

	return {rejected: rejected.size, atLeast: problems.truncated};
}

/** The forecast in a few words for the question `w` asks. */
export function describeForecast(forecast: WriteForecast, rejectsFile: string): string {
	if (forecast.rejected === 0 && !forecast.atLeast) return 'every record with an error has a pending fix';
	const records = `record${forecast.rejected === 1 && !forecast.atLeast ? '' : 's'}`;
	// Past the problems kept, there may be more; otherwise this many at most (see forecastWrite)
	const many = forecast.atLeast ? `${count(forecast.rejected)} or more` : `up to ${count(forecast.rejected)}`;
	return `${many} ${records} with errors go to ${rejectsFile}`;
}
