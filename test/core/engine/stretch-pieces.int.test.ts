import {readFileSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {checkpointEvery} from '../../../source/core/engine/batch-types.js';
import type {FramedPiece, RecordReader} from '../../../source/core/engine/record-reader.js';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import type {PieceOptions} from '../../../source/core/engine/visit-pieces.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const now = Date.parse('2026-06-01T00:00:00Z');
const anHourAgo = new Date(Date.now() - 3_600_000);
const id = (i: number) => `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`;

// What a framer must not be fooled by inside strings, in some records: brackets, escaped quotes and
// line breaks, the separator itself, characters of more than one byte
const users = Array.from({length: 1000}, (_, i) => ({
	user_id: id(i),
	emails: [{address: `user${i}@example.com`, is_primary: true, is_verified: true}],
	...(i % 3 === 0 ? {username: `u${i}_${'x'.repeat(i % 40)}`} : {}),
	...(i % 5 === 0 ? {metadata: {note: `a "quoted" {not: a record}],\n  { ü ${'é'.repeat(i % 7)}`}} : {}),
}));

/** Each record a pass visited, as its bytes, in the order visited; and how many pieces were joined or framed. */
async function passOver(reader: RecordReader, options: PieceOptions) {
	const records: string[] = [];
	const firsts: number[] = [];
	const kinds = {joined: 0, framed: 0};
	await reader.forEachPiece(
		0,
		users.length - 1,
		(piece: FramedPiece) => {
			firsts.push(piece.firstRecord + piece.from);
			if (piece.joined) {
				kinds.joined++;
				// Records joined as the output joins them: the separator never occurs inside a record
				const text = Buffer.from(piece.buf).toString('utf8');
				const parts = text.split(',\n  {').map((part, k) => (k === 0 ? part : `{${part}`));
				expect(parts).toHaveLength(piece.to - piece.from);
				records.push(...parts);
				return;
			}

			kinds.framed++;
			for (let i = piece.from; i < piece.to; i++) records.push(Buffer.from(piece.record(i).bytes).toString('utf8'));
		},
		options,
	);
	return {records, firsts, kinds};
}

describe('stretches of a plain JSON array, groups of records joined or framed', () => {
	const temp = useTempDir();

	async function validated(content: string): Promise<{file: string; run: ValidationRun; reader: RecordReader}> {
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, content);
		// Groups come joined only from a file unchanged since a while before it was checked
		utimesSync(file, anHourAgo, anHourAgo);
		const run = new ValidationRun(file, {now, maxStoredProblems: Number.POSITIVE_INFINITY}).start();
		await run.finished();
		expect(run.stats.fatal).toBeUndefined();
		expect(run.stats.records).toBe(users.length);
		return {file, run, reader: run.recordReader()!};
	}

	// The records as the file has them: each user pretty-printed at the array's depth
	const expected = users.map(user => JSON.stringify(user, null, 2).replaceAll('\n', '\n  '));

	it('visits every record once, in order, whether its group comes joined or framed', async () => {
		const {run, reader} = await validated(`${JSON.stringify(users, null, 2)}\n`);
		// Some groups joined, some framed, next to one another and in runs
		const joinedGroups = (group: number) => group % 5 !== 1 && group % 7 !== 3 && run.joinedGroups.joined(group);
		for (const pieceBytes of [8192, 16_384, 1 << 20]) {
			for (const readers of [1, 2]) {
				const {records, firsts, kinds} = await passOver(reader, {joinedGroups, pieceBytes, readers});
				expect(records).toEqual(expected);
				expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
				expect(kinds.joined).toBeGreaterThan(0);
				expect(kinds.framed).toBeGreaterThan(0);
			}
		}

		// None allowed: all framed, as before
		const framed = await passOver(reader, {joinedGroups: () => false, pieceBytes: 16_384});
		expect(framed.records).toEqual(expected);
		expect(framed.kinds.joined).toBe(0);
	});

	it('joins only groups whose records are all followed by `,\\n  ` and the next record', async () => {
		// Record 700 followed by one more space, and record 130 by a line break more
		const text = `[\n  ${expected
			.map((record, i) =>
				i === 700 ? `${record},\n   ` : i === 130 ? `${record},\n\n  ` : i === users.length - 1 ? record : `${record},\n  `,
			)
			.join('')}\n]\n`;
		const {run, reader} = await validated(text);
		const groups = Math.ceil(users.length / checkpointEvery);
		const joined = Array.from({length: groups}, (_, group) => run.joinedGroups.joined(group));
		// The last group ends the array: a `\n]` follows its last record
		expect(joined).toEqual(Array.from({length: groups}, (_, group) => ![2, 10, groups - 1].includes(group)));
		const {records, kinds} = await passOver(reader, {joinedGroups: group => run.joinedGroups.joined(group), pieceBytes: 16_384});
		expect(records).toEqual(expected);
		expect(kinds.joined).toBeGreaterThan(0);

		// One line: no group is joined
		const compact = await validated(JSON.stringify(users));
		expect(Array.from({length: groups}, (_, group) => compact.run.joinedGroups.joined(group))).not.toContain(true);
	});

	it('frames every group of a file changed since it was checked, or changed shortly before', async () => {
		const {file, run, reader} = await validated(`${JSON.stringify(users, null, 2)}\n`);
		const joinedGroups = (group: number) => run.joinedGroups.joined(group);
		expect((await passOver(reader, {joinedGroups, pieceBytes: 16_384})).kinds.joined).toBeGreaterThan(0);
		// Rewritten as it was: another time of change
		writeFileSync(file, readFileSync(file));
		const rewritten = await passOver(reader, {joinedGroups, pieceBytes: 16_384});
		expect(rewritten.records).toEqual(expected);
		expect(rewritten.kinds.joined).toBe(0);

		// Changed a second before it was checked: it may have changed again since, within the same time
		const recent = await validated(`${JSON.stringify(users, null, 2)}\n`);
		const second = new Date(Date.now() - 1000);
		utimesSync(recent.file, second, second);
		const again = new ValidationRun(recent.file, {now, maxStoredProblems: Number.POSITIVE_INFINITY}).start();
		await again.finished();
		const framed = await passOver(again.recordReader()!, {joinedGroups: group => again.joinedGroups.joined(group), pieceBytes: 16_384});
		expect(framed.records).toEqual(expected);
		expect(framed.kinds.joined).toBe(0);
	});

	it('says so when the file changed since it was checked, even with its time of change put back', async () => {
		const {file, run, reader} = await validated(`${JSON.stringify(users, null, 2)}\n`);
		const text = readFileSync(file, 'utf8');
		const joinedGroups = (group: number) => run.joinedGroups.joined(group);
		// The same length, records shifted: a checkpoint no longer starts a record, nor a copied stretch a user
		writeFileSync(file, `${' '.repeat(40)}${text.slice(0, -40)}`);
		utimesSync(file, anHourAgo, anHourAgo);
		await expect(passOver(reader, {joinedGroups, pieceBytes: 16_384})).rejects.toThrow(
			/^the file changed since it was checked: record \d+ is not where it was$/,
		);
	});
});
