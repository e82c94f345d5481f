import {type RecordResult, type RuleContext, type UniqueKeys, checkRecordText} from '../rules/validate-record.js';
import type {RecordReader} from './record-reader.js';
import {whoOfResult} from './record-who.js';

// The unique values of records read again, for the confirmation of duplicates at the end of a run.

/** A record read again: its unique values (none when it is not JSON), and who it is when asked. */
export type RecordKeys = {keys: UniqueKeys | undefined; who?: string};

/** Reads records again and gives their keys, by record index. */
export type KeyReading = (records: readonly number[]) => Promise<Map<number, RecordKeys>>;

/** The unique values the checker finds in a record's text, or none when the text is not JSON. */
export function uniqueKeysOf(text: string, context: RuleContext): UniqueKeys | undefined {
	return keysOfResult(checkRecordText(text, context));
}

function keysOfResult(result: RecordResult): UniqueKeys | undefined {
	return result.problems.some(problem => problem.code === 'json.syntax') ? undefined : result.keys;
}

/** Reads the records in this thread. */
export async function readRecordKeys(
	reader: RecordReader,
	records: readonly number[],
	context: RuleContext,
	who: boolean,
): Promise<Map<number, RecordKeys>> {
	const found = new Map<number, RecordKeys>();
	// Each record's values are taken as it is read, and its bytes and text let go: kept for the 40,000
	// records of 20,000 pairs (10M users), they took the run's peak past 256 MB
	await reader.each(records, ({index, text}) => {
		// One check of the text for both
		const result = checkRecordText(text, context);
		found.set(index, who ? {keys: keysOfResult(result), who: whoOfResult(text, result)} : {keys: keysOfResult(result)});
	});
	return found;
}
