import {readFileSync, readdirSync, renameSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {describe, expect, it, vi} from 'vitest';
import {describeFailure} from '../../../source/commands/shared/describe-failure.js';
import {Cancelled} from '../../../source/core/errors.js';
import type {FramedPiece} from '../../../source/core/engine/record-reader.js';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import type {PieceOptions} from '../../../source/core/engine/visit-pieces.js';
import {planFromFlags} from '../../../source/core/fixes/fix-plan.js';
import {type FixFiles, defaultFixFiles, writeFixed} from '../../../source/core/fixes/write-fixed.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const now = Date.parse('2026-06-01T00:00:00Z');
const id = (i: number) => `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`;

// Mostly clean users (copied as bytes, in runs), some with a fix to make (an upper-case address, a
// user_id that is not a UUID) and some rejected (a time Hanko refuses)
const users = Array.from({length: 400}, (_, i) => ({
	user_id: i % 37 === 5 ? `user-${i}` : id(i),
	emails: [{address: i % 11 === 3 ? `User${i}@Example.com` : `user${i}@example.com`, is_primary: true, is_verified: true}],
	...(i % 53 === 7 ? {created_at: 'yesterday'} : {}),
	...(i % 4 === 0 ? {username: `u${i}_${'x'.repeat(i % 30)}`} : {}),
}));

async function validated(file: string): Promise<ValidationRun> {
	const run = new ValidationRun(file, {now, maxStoredProblems: Number.POSITIVE_INFINITY}).start();
	await run.finished();
	expect(run.stats.fatal).toBeUndefined();
	return run;
}

/** The run's reader, reading in small pieces (records straddle them), with hooks on its pass. */
function hooked(run: ValidationRun, hooks: {visit?(piece: FramedPiece): void; options?: PieceOptions}): void {
	const reader = run.recordReader()!;
	const forEachPiece = reader.forEachPiece.bind(reader);
	reader.forEachPiece = async (first, last, visit, options) =>
		forEachPiece(
			first,
			last,
			async piece => {
				hooks.visit?.(piece);
				return visit(piece);
			},
			{...options, pieceBytes: 64, ...hooks.options},
		);
	vi.spyOn(run, 'recordReader').mockReturnValue(reader);
}

const contents = (files: FixFiles) => Object.values(files).map(file => readFileSync(file, 'utf8'));

describe('the write pass, reading through reader threads', () => {
	const temp = useTempDir();

	it('writes the same files in small pieces, through one or two readers, as in the default pieces', async () => {
		const source = path.join(temp(), 'users.json');
		writeFileSync(source, `${JSON.stringify(users, null, 2)}\n`);
		const plan = planFromFlags({options: {uuid: 'stable'}});
		const files = defaultFixFiles(source);
		const whole = await writeFixed(await validated(source), plan, files);
		expect(whole.fixed).toBeGreaterThan(0);
		expect(whole.rejected).toBeGreaterThan(0);
		const expected = contents(files);
		for (const readers of [1, 2]) {
			const run = await validated(source);
			let started = 0;
			hooked(run, {
				options: {
					readers,
					observe: {
						started() {
							started++;
						},
					},
				},
			});
			const result = await writeFixed(run, plan, files);
			expect(started).toBe(readers);
			expect(result).toEqual(whole);
			expect(contents(files)).toEqual(expected);
		}
	});

	it('copies groups of records without a problem as stretches of bytes, and writes the same files as framing them all', async () => {
		// Mostly clean users, as most files are: whole groups of them are copied without being framed
		const many = Array.from({length: 3000}, (_, i) => ({
			user_id: i % 150 === 7 ? `user-${i}` : id(i),
			emails: [{address: i % 401 === 3 ? `User${i}@Example.com` : `user${i}@example.com`, is_primary: true, is_verified: true}],
			...(i % 4 === 0 ? {username: `u${i}_${'x'.repeat(i % 30)}`} : {}),
		}));
		const source = path.join(temp(), 'users.json');
		writeFileSync(source, `${JSON.stringify(many, null, 2)}\n`);
		// Groups come joined only from a file unchanged since a while before it was checked
		const anHourAgo = new Date(Date.now() - 3_600_000);
		utimesSync(source, anHourAgo, anHourAgo);
		const plan = planFromFlags({options: {uuid: 'stable'}});
		const files = defaultFixFiles(source);
		for (const pieceBytes of [1 << 20, 32_768]) {
			const kinds = {joined: 0, framed: 0};
			const run = await validated(source);
			hooked(run, {
				visit(piece) {
					kinds[piece.joined ? 'joined' : 'framed']++;
				},
				options: {pieceBytes},
			});
			const result = await writeFixed(run, plan, files);
			const written = contents(files);
			expect(kinds.joined).toBeGreaterThan(0);
			expect(kinds.framed).toBeGreaterThan(0);

			const framedRun = await validated(source);
			hooked(framedRun, {
				visit(piece) {
					expect(piece.joined).toBe(false);
				},
				options: {pieceBytes, joinedGroups: undefined},
			});
			expect(await writeFixed(framedRun, plan, files)).toEqual(result);
			expect(contents(files)).toEqual(written);
			expect(result.fixed).toBeGreaterThan(0);
			expect(JSON.parse(readFileSync(files.out, 'utf8'))).toHaveLength(result.written);
		}

		// Two users of a group without a problem merged into one in place, at the same length: framing again finds it, as it did
		// before groups were copied joined (the file's time of change says it is not the one checked)
		const run = await validated(source);
		const text = readFileSync(source, 'utf8');
		const first = JSON.stringify(many[80], null, 2).replaceAll('\n', '\n  ');
		const second = JSON.stringify(many[81], null, 2).replaceAll('\n', '\n  ');
		const merged = `${first.slice(0, -1)},"x":${second}}`.replace('\n    ', '\n   ');
		const edited = text.replace(`${first},\n  ${second}`, merged);
		expect(edited.length).toBe(text.length);
		writeFileSync(source, edited);
		const directory = path.dirname(source);
		const before = readdirSync(directory).sort();
		await expect(writeFixed(run, plan, files)).rejects.toThrow(
			/^the file changed since it was checked: record \d+ is not where it was$/,
		);
		expect(readdirSync(directory).sort()).toEqual(before);
	});

	it('stops when cancelled part way: its reader threads are ended and no file is left behind', async () => {
		const directory = temp();
		const source = path.join(directory, 'users.json');
		writeFileSync(source, `${JSON.stringify(users, null, 2)}\n`);
		const run = await validated(source);
		const controller = new AbortController();
		const exits: number[] = [];
		let visits = 0;
		hooked(run, {
			visit() {
				if (++visits === 5) controller.abort();
			},
			options: {
				readers: 2,
				observe: {
					started(worker) {
						worker.once('exit', code => exits.push(code));
					},
				},
			},
		});
		await expect(writeFixed(run, planFromFlags(), defaultFixFiles(source), controller.signal)).rejects.toBeInstanceOf(Cancelled);
		expect(visits).toBe(5);
		expect(exits).toEqual([1, 1]);
		expect(readdirSync(directory)).toEqual(['users.json']);
	});

	it('fails with the reading error, in one line, when the gzip source ends too soon, and leaves no file', async () => {
		const directory = temp();
		const source = path.join(directory, 'users.json.gz');
		const whole = gzipSync(`${JSON.stringify(users, null, 2)}\n`);
		writeFileSync(source, whole);
		const run = await validated(source);
		let visits = 0;
		let started = 0;
		hooked(run, {
			visit() {
				visits++;
			},
			options: {
				observe: {
					started() {
						started++;
					},
				},
			},
		});
		// Cut after the run read it: the write pass finds it out part way
		writeFileSync(source, whole.subarray(0, Math.floor(whole.length * 0.6)));
		const failure = await writeFixed(run, planFromFlags(), defaultFixFiles(source)).catch((error: unknown) => error);
		expect(failure).toMatchObject({code: 'Z_BUF_ERROR'});
		expect(describeFailure(failure)).toMatch(/^[^\n]+$/);
		// Found by the reader thread part way, after pieces were written
		expect(started).toBe(1);
		expect(visits).toBeGreaterThan(0);
		expect(readdirSync(directory)).toEqual(['users.json.gz']);
	});

	it('reads the file it opened to the end: a source renamed over part way does not change what is written', async () => {
		const directory = temp();
		const source = path.join(directory, 'users.json');
		const text = `${JSON.stringify(users, null, 2)}\n`;
		writeFileSync(source, text);
		const plan = planFromFlags({options: {uuid: 'stable'}});
		const files = defaultFixFiles(source);
		await writeFixed(await validated(source), plan, files);
		const expected = contents(files);
		// The same layout, one user_id made wrong at the same length: records stay where they were
		const changed = text.replace(id(300), id(300).replace('aaaaaaaa', 'zzzzzzzz'));
		expect(changed).not.toBe(text);
		const run = await validated(source);
		let visits = 0;
		hooked(run, {
			visit() {
				if (++visits !== 3) return;
				writeFileSync(`${source}.new`, changed);
				renameSync(`${source}.new`, source);
			},
		});
		await writeFixed(run, plan, files);
		expect(visits).toBeGreaterThan(3);
		expect(contents(files)).toEqual(expected);
	});

	it('frames stray bytes just before a stretch as the check did: the next record is what ends them', async () => {
		const source = path.join(temp(), 'users.json');
		// A form feed after record 62's comma is a record of its own (a syntax error) that only record 64's
		// '{' ends; another at the next stretch's edge; with 64-byte pieces, every checkpoint starts a stretch
		const texts = users.slice(0, 200).map(user => JSON.stringify(user));
		writeFileSync(source, `[${texts.slice(0, 63).join(',')},\f${texts.slice(63, 126).join(',')},x${texts.slice(126).join(',')}]`);
		const plan = planFromFlags({options: {uuid: 'stable'}});
		const files = defaultFixFiles(source);
		const whole = await writeFixed(await validated(source), plan, files);
		expect(whole.rejectedBy['json.syntax']).toBe(2);
		const expected = contents(files);
		const run = await validated(source);
		hooked(run, {});
		expect(await writeFixed(run, plan, files)).toEqual(whole);
		expect(contents(files)).toEqual(expected);
	});
});
