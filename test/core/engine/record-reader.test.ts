import {mkdirSync, truncateSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {checkpointEvery} from '../../../source/core/engine/batch-types.js';
import {RecordReader} from '../../../source/core/engine/record-reader.js';
import {useTempDir} from '../../helpers/temp-dir.js';

type User = {user_id: string; emails: Array<{address: string; is_primary: boolean}>; note?: string};

/** An array with one record a line (record i on line i + 2, column 3), and a checkpoint every `checkpointEvery` records. */
function oneALine(users: User[]): {text: string; checkpoints: number[]} {
	let text = '[\n';
	const checkpoints: number[] = [];
	for (const [i, user] of users.entries()) {
		if (i % checkpointEvery === 0) checkpoints.push(i, Buffer.byteLength(text) + 2, i + 2, 3);
		text += `  ${JSON.stringify(user)}${i === users.length - 1 ? '\n' : ',\n'}`;
	}

	return {text: `${text}]\n`, checkpoints};
}

const simpleUsers = (count: number): User[] =>
	Array.from({length: count}, (_, i) => ({user_id: `u${i}`, emails: [{address: `user${i}@example.com`, is_primary: true}]}));

const header = (bytes: number) => ({format: 'json-array', compressed: false, bytes, seekable: true, bom: false}) as const;

describe('RecordReader.readMany', () => {
	const temp = useTempDir();

	it('keeps each record it returns in bytes of its own, not in a view of the piece it was read in', async () => {
		const users = Array.from({length: 2000}, (_, i) => ({
			user_id: `u${i}`,
			emails: [{address: `user${i}@example.com`, is_primary: true}],
		}));
		const file = path.join(temp(), 'users.json');
		const text = JSON.stringify(users, null, 2);
		writeFileSync(file, text);
		// One checkpoint: the first record, on line 2, column 3
		const reader = new RecordReader(file, header(text.length), [0, text.indexOf('{'), 2, 3]);
		const found = await reader.readMany([5, 1500]);
		expect([...found.keys()]).toEqual([5, 1500]);
		for (const [index, record] of found) {
			expect(JSON.parse(record.text)).toEqual(users[index]);
			// Holding 20,000 such records must not hold 20,000 pieces of the file
			expect(record.bytes.buffer.byteLength).toBe(record.bytes.length);
		}
	});

	it('reads records of many stretches, and records longer than many reads', async () => {
		// Every 97th record takes several reads (80 kB, first read 8 kB), record 1500 more than the
		// largest read (1 MB)
		const users = Array.from({length: 3000}, (_, i) => ({
			user_id: `u${i}`,
			emails: [{address: `user${i}@example.com`, is_primary: true}],
			...(i % 97 === 0 && {note: 'é'.repeat(40_000 + i)}),
			...(i === 1500 && {note: 'x'.repeat(3_000_000)}),
		}));
		const {text, checkpoints} = oneALine(users);
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, text);
		const reader = new RecordReader(file, header(Buffer.byteLength(text)), checkpoints);
		// Out of order, repeated, several in one stretch, and the last record
		const wanted = [2999, 0, 1, 63, 64, 65, 97, 98, 194, 1000, 1000, 1500, 2048, 2910, 2911];
		for (let i = 5; i < 3000; i += 131) wanted.push(i);
		const found = await reader.readMany(wanted);
		expect([...found.keys()]).toEqual([...new Set(wanted)].sort((a, b) => a - b));
		for (const [index, record] of found) {
			expect(JSON.parse(record.text)).toEqual(users[index]);
			expect(record.line).toBe(index + 2);
			expect(record.column).toBe(3);
		}
	});

	it('gives the records before a cut, and none after it, when the file is shorter than its checkpoints say', async () => {
		const {text, checkpoints} = oneALine(simpleUsers(3000));
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, text);
		const reader = new RecordReader(file, header(Buffer.byteLength(text)), checkpoints);
		// Cut inside record 1024 (a checkpoint's): reads past it find nothing, and the record never ends
		truncateSync(file, checkpoints[(1024 / checkpointEvery) * 4 + 1]! + 10);
		const wanted = Array.from({length: 3000 / 10}, (_, i) => i * 10);
		const seen: number[] = [];
		await reader.each(wanted, record => seen.push(record.index));
		expect(seen).toEqual(wanted.filter(index => index < 1024));
	});

	it('lets the event loop turn while it reads many records', async () => {
		const {text, checkpoints} = oneALine(simpleUsers(3000));
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, text);
		const reader = new RecordReader(file, header(Buffer.byteLength(text)), checkpoints);
		// Each visit holds the thread 1 ms: 40 stretches take longer than a turn (8 ms) several times over
		let turned = false;
		const seenBeforeTurn: boolean[] = [];
		await reader.each(
			Array.from({length: 40}, (_, i) => i * checkpointEvery),
			() => {
				// Set once the reading is under way (opening the file lets the loop turn too)
				if (seenBeforeTurn.length === 0)
					setImmediate(() => {
						turned = true;
					});
				seenBeforeTurn.push(turned);
				const until = performance.now() + 1;
				while (performance.now() < until);
			},
		);
		expect(seenBeforeTurn).toHaveLength(40);
		expect(seenBeforeTurn[0]).toBe(false);
		expect(seenBeforeTurn.at(-1)).toBe(true);
	});

	it('lets the event loop turn within a stretch of long records too', async () => {
		// One stretch (64 records from one checkpoint) of 40 MB: reading it at once held the thread
		const users = simpleUsers(64).map(user => ({...user, note: 'n'.repeat(640_000)}));
		const {text, checkpoints} = oneALine(users);
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, text);
		const reader = new RecordReader(file, header(Buffer.byteLength(text)), checkpoints);
		let turned = false;
		const seen: boolean[] = [];
		await reader.each([0, 63], record => {
			if (record.index === 0)
				setImmediate(() => {
					turned = true;
				});
			seen.push(turned);
		});
		expect(seen).toEqual([false, true]);
	});

	it('fails once when every read fails', async () => {
		const {text, checkpoints} = oneALine(simpleUsers(3000));
		// A folder opens for reading, and each read of it fails (EISDIR)
		const folder = path.join(temp(), 'users.json');
		mkdirSync(folder);
		const reader = new RecordReader(folder, header(Buffer.byteLength(text)), checkpoints);
		const seen: number[] = [];
		const wanted = [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 2000];
		await expect(reader.each(wanted, record => seen.push(record.index))).rejects.toThrow(/EISDIR/);
		expect(seen).toEqual([]);
	});
});
