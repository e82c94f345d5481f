import {spawnSync} from 'node:child_process';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {describeFailure} from '../../../source/commands/shared/describe-failure.js';
import {Cancelled} from '../../../source/core/errors.js';
import type {RecordReader} from '../../../source/core/engine/record-reader.js';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {prestartPieceReader} from '../../../source/core/engine/visit-pieces.js';
import type {Worker} from 'node:worker_threads';
import {useTempDir} from '../../helpers/temp-dir.js';

const now = Date.parse('2026-06-01T00:00:00Z');
const id = (i: number) => `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`;

// Records of varied lengths, with what a framer must not be fooled by inside strings: brackets,
// escaped quotes, an escaped line break, characters of more than one byte
const users = Array.from({length: 300}, (_, i) => ({
	user_id: id(i),
	emails: [{address: `user${i}@example.com`, is_primary: true, is_verified: true}],
	...(i % 3 === 0 ? {username: `u${i}_${'x'.repeat(i % 40)}`} : {}),
	...(i % 5 === 0 ? {metadata: {note: `a "quoted" {not: a record}] \n line, ü ${'é'.repeat(i % 7)}`}} : {}),
}));

type Seen = {index: number; offset: number; line: number; column: number; bytes: string};

/** Every record of a pass over pieces, and the pieces' count. */
async function passOver(reader: RecordReader, options: Parameters<RecordReader['forEachPiece']>[3]) {
	const seen: Seen[] = [];
	const stats = await reader.forEachPiece(
		0,
		users.length - 1,
		piece => {
			for (let i = piece.from; i < piece.to; i++) {
				const {index, offset, line, column, bytes} = piece.record(i);
				seen.push({index, offset, line, column, bytes: Buffer.from(bytes).toString('latin1')});
			}
		},
		options,
	);
	return {seen, stats};
}

/** The same records read by index on this thread (RecordReader.readMany): the reference. */
async function readByIndex(reader: RecordReader): Promise<Seen[]> {
	const found = await reader.readMany(users.map((_, i) => i));
	return users.map((_, i) => {
		const {index, offset, line, column, bytes} = found.get(i)!;
		return {index, offset, line, column, bytes: Buffer.from(bytes).toString('latin1')};
	});
}

describe('a pass over every record, read and framed by reader threads', () => {
	const temp = useTempDir();

	async function validated(name: string, content: Buffer | string): Promise<{file: string; reader: RecordReader}> {
		const file = path.join(temp(), name);
		writeFileSync(file, content);
		const run = new ValidationRun(file, {now, maxStoredProblems: Number.POSITIVE_INFINITY}).start();
		await run.finished();
		expect(run.stats.fatal).toBeUndefined();
		expect(run.stats.records).toBe(users.length);
		return {file, reader: run.recordReader()!};
	}

	const pretty = `${JSON.stringify(users, null, 2)}\n`;
	const ndjson = users.map((user, i) => `${' '.repeat(i % 3)}${JSON.stringify(user)}\n`).join('');

	it('visits every record in order, with its bytes and position, in pieces that cut through records', async () => {
		for (const [name, content] of [
			['users.json', pretty],
			['compact.json', JSON.stringify(users)],
			['users.ndjson', ndjson],
		] as const) {
			const {reader} = await validated(name, content);
			const reference = await readByIndex(reader);
			expect(reference.map(record => JSON.parse(Buffer.from(record.bytes, 'latin1').toString()) as unknown)).toEqual(users);
			for (const readers of [1, 2]) {
				const {seen, stats} = await passOver(reader, {pieceBytes: 64, readers});
				expect(seen).toEqual(reference);
				// Far more pieces than the 64-record stretches between checkpoints: records straddle pieces
				expect(stats.pieces).toBeGreaterThan(users.length / 8);
			}
		}
	});

	it('takes a reader thread started ahead for its pass, and starts its own when that one is gone', async () => {
		const {reader} = await validated('users.json', pretty);
		const reference = await readByIndex(reader);
		const ready = prestartPieceReader();
		expect(prestartPieceReader()).toBe(ready); // One waits at a time
		const started: Worker[] = [];
		const first = await passOver(reader, {pieceBytes: 256, readers: 2, observe: {started: worker => started.push(worker)}});
		expect(first.seen).toEqual(reference);
		expect(started[0]).toBe(ready);
		expect(started[1]).not.toBe(ready);

		const gone = prestartPieceReader();
		expect(gone).not.toBe(ready);
		await gone.terminate();
		const again: Worker[] = [];
		const second = await passOver(reader, {pieceBytes: 256, observe: {started: worker => again.push(worker)}});
		expect(second.seen).toEqual(reference);
		expect(again).toHaveLength(1);
		expect(again[0]).not.toBe(gone);
	});

	it('lets the process end while a reader started ahead waits for a pass', () => {
		const script = path.join(temp(), 'prestart.mjs');
		writeFileSync(
			script,
			`import {prestartPieceReader} from ${JSON.stringify(path.resolve('dist/core/engine/visit-pieces.js'))};
			prestartPieceReader();
			setTimeout(() => console.log('done'), 200);`,
		);
		const child = spawnSync(process.execPath, [script], {encoding: 'utf8', timeout: 10_000});
		expect(child.stderr).toBe('');
		expect(child.stdout).toBe('done\n');
		expect(child.status).toBe(0);
	});

	it('reads a gzip file from its start, in pieces of decompressed bytes', async () => {
		for (const [name, content] of [
			['users.json.gz', pretty],
			['users.ndjson.gz', ndjson],
		] as const) {
			const {reader} = await validated(name, gzipSync(content));
			const {seen, stats} = await passOver(reader, {pieceBytes: 64});
			expect(seen).toEqual(await readByIndex(reader));
			expect(stats.pieces).toBeGreaterThan(users.length / 8);
		}
	});

	it('says a read that fails part way (a gzip cut short, a file gone) as the error it was, in one line', async () => {
		const whole = gzipSync(pretty);
		const {file, reader} = await validated('cut.json.gz', whole);
		writeFileSync(file, whole.subarray(0, whole.length >> 1));
		// As the same file read on this thread fails (RecordReader.readMany)
		const failure = async (pass: Promise<unknown>) => pass.then(() => undefined).catch((error: unknown) => error as Error);
		let readers = 0;
		const observe = {
			started() {
				readers++;
			},
		};
		const cut = await failure(passOver(reader, {pieceBytes: 64, observe}));
		const cutHere = await failure(reader.readMany([users.length - 1]));
		expect(cut).toMatchObject({code: 'Z_BUF_ERROR', message: cutHere!.message});
		expect(describeFailure(cut)).toBe(describeFailure(cutHere));
		expect(describeFailure(cut)).not.toContain('\n');

		const plain = await validated('gone.json', pretty);
		rmSync(plain.file);
		const gone = await failure(passOver(plain.reader, {observe}));
		const goneHere = await failure(plain.reader.readMany([0]));
		expect(gone).toMatchObject({code: 'ENOENT', path: plain.file, message: goneHere!.message});
		expect(describeFailure(gone)).toBe(describeFailure(goneHere));
		expect(describeFailure(gone)).toMatch(new RegExp(`^${plain.file}: [^\n]+$`));
		// The gzip file was cut short under a reader thread; the plain file is opened on this thread, once
		// for the pass, before any reader starts
		expect(readers).toBe(1);
	});

	it('says so when the file changed since it was checked, instead of writing other records', async () => {
		const {file, reader} = await validated('changed.json', pretty);
		// The same length, records shifted: a checkpoint no longer starts a record
		writeFileSync(file, `${' '.repeat(40)}${pretty.slice(0, -40)}`);
		await expect(passOver(reader, {pieceBytes: 64})).rejects.toThrow(
			/^the file changed since it was checked: record \d+ is not where it was$/,
		);
	});

	it('keeps at most `window` pieces of a reader ahead of a visit that waits', async () => {
		const {reader} = await validated('held.json', pretty);
		const helds: number[] = [];
		let release: (() => void) | undefined;
		const held = new Promise<void>(resolve => {
			release = resolve;
		});
		let visits = 0;
		const stats = await reader.forEachPiece(
			0,
			users.length - 1,
			async () => {
				// The first visit waits until the reader says it waits too
				if (visits++ === 0) await held;
			},
			{
				pieceBytes: 64,
				readers: 1,
				window: 3,
				observe: {
					held(inFlight) {
						helds.push(inFlight);
						release!();
					},
				},
			},
		);
		expect(helds[0]).toBe(3);
		expect(Math.max(...helds)).toBeLessThanOrEqual(3);
		expect(stats.mostAhead).toBe(3);
		expect(visits).toBe(stats.pieces);
	});

	it('lends a piece its buffer for its visit only: it goes back to the reader', async () => {
		const {reader} = await validated('lent.json', pretty);
		const lent: ArrayBufferLike[] = [];
		const stats = await reader.forEachPiece(
			0,
			users.length - 1,
			piece => {
				// The earlier pieces' buffers are gone back to the reader by now
				expect(lent.map(buffer => buffer.byteLength)).toEqual(lent.map(() => 0));
				lent.push(piece.buf.buffer);
			},
			{pieceBytes: 64},
		);
		expect(lent).toHaveLength(stats.pieces);
		expect(lent.map(buffer => buffer.byteLength)).toEqual(lent.map(() => 0));
	});

	it('ends its reader threads when cancelled from a visit, and rejects with Cancelled', async () => {
		const {reader} = await validated('cancel.json', pretty);
		const controller = new AbortController();
		const exits: number[] = [];
		let visits = 0;
		const pass = reader.forEachPiece(
			0,
			users.length - 1,
			() => {
				if (++visits === 3) controller.abort();
			},
			{
				pieceBytes: 64,
				readers: 2,
				signal: controller.signal,
				observe: {
					started(worker) {
						worker.once('exit', code => exits.push(code));
					},
				},
			},
		);
		await expect(pass).rejects.toBeInstanceOf(Cancelled);
		expect(visits).toBe(3);
		// Both readers ended (terminated) before the pass rejected
		expect(exits).toEqual([1, 1]);
		expect(readFileSync(path.join(temp(), 'cancel.json'), 'utf8')).toBe(pretty);
	});
});
