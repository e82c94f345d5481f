import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {constants, gunzipSync, gzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {
	type ReadOptions,
	type ReadOutcome,
	defaultBatchBytes,
	readBatches,
	smallBatchBytes,
} from '../../../source/core/engine/read-batches.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const temp = useTempDir();

/** Reads `file` and gives the outcome with the records the batches carried (to compare with the count). */
async function read(file: string): Promise<ReadOutcome & {batched: number}> {
	let batched = 0;
	const outcome = await readBatches(file, {
		header() {},
		batch(batch) {
			batched += batch.count;
		},
		progress() {},
	});
	return {...outcome, batched};
}

/** Many small records, one a line, so that a line number names a record. */
function ndjson(count: number): string {
	return (
		Array.from({length: count}, (_, i) =>
			JSON.stringify({user_id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, username: `user${i}`}),
		).join('\n') + '\n'
	);
}

function completeLines(text: string): number {
	return text.split('\n').length - 1;
}

describe('readBatches on a gzip fault', () => {
	it('keeps every record decompressed before a cut in the middle, and places the fault on the line after the last one', async () => {
		const whole = gzipSync(ndjson(100_000), {level: 1});
		const cut = whole.subarray(0, Math.floor(whole.length / 2));
		const file = path.join(temp(), 'cut.ndjson.gz');
		writeFileSync(file, cut);
		// All that a lenient gunzip gets out of the cut file, independent of how a stream chunks it
		const before = gunzipSync(cut, {finishFlush: constants.Z_SYNC_FLUSH}).toString('utf8');
		const complete = completeLines(before);
		expect(before.endsWith('\n')).toBe(false); // The cut falls inside a record

		const outcome = await read(file);
		expect(outcome.fatal?.message).toMatch(/gzip/);
		expect(outcome.records).toBe(complete);
		expect(outcome.batched).toBe(complete);
		expect(outcome.fatal!.line).toBe(complete + 1);
		expect(outcome.fatal!.offset).toBe(Buffer.byteLength(before));
	});

	it('keeps the records of a JSON array before a cut, with the fault on the line where the text stopped', async () => {
		const records = ndjson(60_000).trimEnd().split('\n');
		const whole = gzipSync(`[\n${records.join(',\n')}\n]\n`, {level: 1});
		const cut = whole.subarray(0, Math.floor(whole.length * 0.7));
		const file = path.join(temp(), 'cut.json.gz');
		writeFileSync(file, cut);
		const before = gunzipSync(cut, {finishFlush: constants.Z_SYNC_FLUSH}).toString('utf8');
		// Line 1 is the bracket; a record is complete once the comma after it has arrived
		const complete = before.split(',\n').length - 1;

		const outcome = await read(file);
		expect(outcome.fatal?.message).toMatch(/gzip/);
		expect(outcome.records).toBe(complete);
		expect(outcome.batched).toBe(complete);
		expect(outcome.fatal!.line).toBe(completeLines(before) + 1);
	});

	it('keeps the records of a good gzip member before a corrupt one, but for the little output zlib holds back at the fault', async () => {
		const text = ndjson(60_000);
		const good = text.slice(0, Math.floor(text.length / 2));
		// A second member whose header is broken: gunzip fails right where the first member ends
		const broken = Buffer.from([0x1f, 0x8b, 0x08, 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		const file = path.join(temp(), 'corrupt.ndjson.gz');
		writeFileSync(file, Buffer.concat([gzipSync(good), broken]));

		const outcome = await read(file);
		expect(outcome.fatal?.message).toMatch(/gzip/);
		// Node's zlib drops the output of the step that fails (up to its output chunk, 64 kB here)
		expect(outcome.records).toBeGreaterThanOrEqual(completeLines(good.slice(0, good.length - (64 << 10))));
		expect(outcome.records).toBeLessThanOrEqual(completeLines(good));
		expect(outcome.batched).toBe(outcome.records);
		expect(outcome.fatal!.line).toBe(outcome.records + 1);
	});
});

describe('readBatches on a file of many reads', () => {
	const users = Array.from({length: 12_000}, (_, i) => ({
		user_id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
		emails: [{address: `user${i}@example.com`, is_primary: true, is_verified: i % 2 === 0}],
		username: `user_${i}_${'x'.repeat(i % 300)}`,
	}));

	// Each record of each batch: its bytes where the batch says it starts in the file, its line, its user
	async function expectRecordsInPlace(
		file: string,
		bytes: Uint8Array,
		lineOf: (offset: number) => number,
		options: ReadOptions = {},
	): Promise<void> {
		let next = 0;
		let batches = 0;
		const outcome = await readBatches(
			file,
			{
				header() {},
				batch(batch) {
					batches++;
					expect(batch.firstRecord).toBe(next);
					for (let i = 0; i < batch.count; i++) {
						const at = batch.base + batch.starts[i]!;
						const record = batch.buf.subarray(batch.starts[i], batch.ends[i]);
						expect(Buffer.from(bytes.subarray(at, at + record.length)).equals(record)).toBe(true);
						expect(JSON.parse(Buffer.from(record).toString('utf8'))).toEqual(users[next]);
						expect(batch.lines[i]).toBe(lineOf(at));
						next++;
					}

					// A batch owns its buffer, as the thread it goes to may take it (convert's pool does)
					structuredClone(batch.buf, {transfer: [batch.buf.buffer as ArrayBuffer]});
				},
				progress() {},
			},
			{batchBytes: 64 * 1024, ...options},
		);
		expect(outcome.fatal).toBeUndefined();
		expect(next).toBe(users.length);
		// About 4 MB: reads of a batch each (a plain file), or of a megabyte dealt out in batches (a stream)
		expect(batches).toBeGreaterThan(48);
	}

	const lineCounter = (bytes: Uint8Array) => {
		const starts = [0];
		for (const [i, byte] of bytes.entries()) if (byte === 0x0a) starts.push(i + 1);
		return (offset: number) => {
			let low = 0;
			let high = starts.length - 1;
			while (low < high) {
				const middle = (low + high + 1) >> 1;
				if (starts[middle]! <= offset) low = middle;
				else high = middle - 1;
			}

			return low + 1;
		};
	};

	it('places every record of a pretty-printed array where the file has it', async () => {
		const bytes = Buffer.from(JSON.stringify(users, null, 2));
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, bytes);
		await expectRecordsInPlace(file, bytes, lineCounter(bytes));
	});

	it('places every record of NDJSON, and of its gzip (offsets in the decompressed text)', async () => {
		const bytes = Buffer.from(users.map(user => JSON.stringify(user)).join('\n') + '\n');
		const file = path.join(temp(), 'users.ndjson');
		writeFileSync(file, bytes);
		await expectRecordsInPlace(file, bytes, lineCounter(bytes));
		const gzipped = path.join(temp(), 'users.ndjson.gz');
		writeFileSync(gzipped, gzipSync(bytes));
		await expectRecordsInPlace(gzipped, bytes, lineCounter(bytes));
	});

	it('reads a regular file in batches of a megabyte, and a streamed one (gzip) in batches of 256 kB', async () => {
		const bytes = Buffer.from(users.map(user => JSON.stringify(user)).join('\n') + '\n');
		const plain = path.join(temp(), 'sizes.ndjson');
		writeFileSync(plain, bytes);
		const gzipped = path.join(temp(), 'sizes.ndjson.gz');
		writeFileSync(gzipped, gzipSync(bytes));
		const largest = async (file: string) => {
			let most = 0;
			await readBatches(file, {
				header() {},
				batch(batch) {
					most = Math.max(most, batch.buf.length);
				},
				progress() {},
			});
			return most;
		};

		expect(await largest(plain)).toBeGreaterThan(smallBatchBytes);
		expect(await largest(plain)).toBeLessThanOrEqual(defaultBatchBytes + 2048);
		// A record longer than the rest of a batch is carried into the next: a few kB more at most
		expect(await largest(gzipped)).toBeLessThanOrEqual(smallBatchBytes + 2048);
	});

	it('places every record of an array wrapped in an object, after a member longer than a batch', async () => {
		const bytes = Buffer.from(JSON.stringify({note: 'n'.repeat(300_000), users}, null, 2));
		const file = path.join(temp(), 'export.json');
		writeFileSync(file, bytes);
		await expectRecordsInPlace(file, bytes, lineCounter(bytes), {arrayKey: 'users'});
	});
});
