import type {ValidationRun} from '../../core/engine/validation-run.js';
import {recordIdentities} from './record-label.js';

const chunk = 2000;

/**
 * The problems whose message, code or pointer contains `query`, or whose user's id or email does
 * (case-insensitive). Works in chunks between turns of the event loop, so keys still answer while
 * it searches a long list; records are read again from the file, a chunk at a time.
 */
export async function findProblems(run: ValidationRun, query: string): Promise<number[]> {
	const needle = query.toLowerCase();
	const {problems} = run;
	const reader = run.recordReader();
	// Where records are slow to read (a large gzip file), search the messages only
	const readRecords = reader?.quick === true;
	const hits: number[] = [];
	for (let start = 0; start < problems.size; start += chunk) {
		const end = Math.min(problems.size, start + chunk);
		const rows = [];
		for (let i = start; i < end; i++) if (!problems.isRemoved(i)) rows.push({index: i, problem: problems.get(i)});
		const records = readRecords ? rows.map(row => row.problem.record).filter((record): record is number => record !== null) : [];

		const texts = records.length > 0 && reader ? await reader.readMany(records) : new Map<number, {text: string}>();
		for (const {index, problem} of rows) {
			const text = `${problem.message}\n${problem.code}\n${problem.pointer}`.toLowerCase();
			const who = problem.record === null ? [] : recordIdentities(texts.get(problem.record)?.text);
			if (text.includes(needle) || who.some(value => value.toLowerCase().includes(needle))) hits.push(index);
		}

		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}

	return hits;
}
