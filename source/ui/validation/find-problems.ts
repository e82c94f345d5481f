import type {ValidationRun} from '../../core/engine/validation-run.js';
import {whoOfText} from '../../core/engine/record-who.js';
import {ruleList} from '../../core/rules/catalogue.js';
import {resized} from '../../core/typed-arrays.js';

const chunk = 50_000;
const readChunk = 2000;

const nextTurn = async () =>
	new Promise(resolve => {
		setImmediate(resolve);
	});

/** A set of record numbers, one bit each. */
class RecordBits {
	private bits = new Uint8Array(1024);
	add(record: number): void {
		if (record >>> 3 >= this.bits.length) this.bits = resized(this.bits, Math.max(this.bits.length * 2, (record >>> 3) + 1));

		this.bits[record >>> 3]! |= 1 << (record & 7);
	}

	has(record: number): boolean {
		return ((this.bits[record >>> 3] ?? 0) & (1 << (record & 7))) !== 0;
	}
}

/**
 * The records whose user's id, username or email contains `needle`: from the labels the run kept
 * (one pass over memory), and, for records it has none for, from the file read again where that is
 * quick (not a large gzip file).
 */
async function matchingUsers(run: ValidationRun, needle: string): Promise<RecordBits> {
	const found = new RecordBits();
	const {problems, labels} = run;
	if (labels) {
		let pages = 0;
		for (const records of labels.search(needle)) {
			for (const record of records) found.add(record);
			if (++pages % 16 === 0) await nextTurn();
		}
	}

	const reader = run.recordReader();
	if (!reader?.quick) return found;
	const unlabelled: number[] = [];
	for (let i = 0; i < problems.size; i++) {
		const record = problems.recordAt(i);
		if (record >= 0 && unlabelled.at(-1) !== record && !labels?.has(record)) unlabelled.push(record);
	}

	for (let start = 0; start < unlabelled.length; start += readChunk) {
		await reader.each(unlabelled.slice(start, start + readChunk), ({index, text}) => {
			if (whoOfText(text, run.ruleContext).toLowerCase().includes(needle)) found.add(index);
		});
		await nextTurn();
	}

	return found;
}

/**
 * The problems whose message, code or pointer contains `query`, or whose user's id or email does
 * (case-insensitive). Each distinct message and pointer is looked at once (the store interns them);
 * the work is cut in chunks between turns of the event loop, so keys still answer meanwhile.
 */
export async function findProblems(run: ValidationRun, query: string): Promise<number[]> {
	const needle = query.toLowerCase();
	const {problems} = run;
	const users = await matchingUsers(run, needle);
	const textMatches = new Map<number, boolean>();
	const matchesText = (id: number) => {
		let known = textMatches.get(id);
		if (known === undefined) {
			known = problems.interned(id).toLowerCase().includes(needle);
			textMatches.set(id, known);
		}

		return known;
	};

	const codeMatches = ruleList.map(rule => rule.code.toLowerCase().includes(needle));
	const hits: number[] = [];
	for (let start = 0; start < problems.size; start += chunk) {
		const end = Math.min(problems.size, start + chunk);
		for (let i = start; i < end; i++) {
			if (problems.isRemoved(i)) continue;
			const record = problems.recordAt(i);
			if (
				(record >= 0 && users.has(record)) ||
				codeMatches[problems.codeIdAt(i)] ||
				matchesText(problems.pointerIdAt(i)) ||
				// A message that names another record is looked at with the number filled in
				(problems.refAt(i) >= 0 ? problems.get(i).message.toLowerCase().includes(needle) : matchesText(problems.messageIdAt(i)))
			)
				hits.push(i);
		}

		await nextTurn();
	}

	return hits;
}
