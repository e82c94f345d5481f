import {execFileSync} from 'node:child_process';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {ValidationScreen} from '../../../source/ui/validation/validation-screen.js';
import {RunStore} from '../../../source/ui/validation/run-store.js';
import {waitFor, waitUntil} from '../../helpers/ink-frames.js';
import {useTempDir} from '../../helpers/temp-dir.js';

afterEach(() => {
	cleanup();
});

function start(file: string) {
	const run = new ValidationRun(file.includes('/') ? file : path.join('fixtures', file), {
		now: Date.parse('2026-01-01T00:00:00Z'),
		progressIntervalMs: 20,
	}).start();
	const closed: string[] = [];
	const app = render(<ValidationScreen store={new RunStore(run)} onClose={how => closed.push(how)} />);
	return {run, app, closed};
}

describe('validation screen', () => {
	it('shows the final counts, the counts by rule and the first problems', async () => {
		const {app} = start('broken.json');
		const frame = await waitFor(app.lastFrame, 'done in');
		expect(frame).toContain('records 45   valid 15   invalid 30   warnings 18');
		expect(frame).toMatch(/3 {2}json\.syntax/);
		expect(frame).toMatch(/> ✗ +file +1 {2}file\.bom/);
		// Where the cursor is in the list, and that rules were left out of the counts by rule
		expect(frame).toContain('row 1/57');
		expect(frame).toContain('… and 46 more (f to filter)');
		expect(frame).toContain('j/k move  / search  f filter  enter open  y copy  p pending  w write  ? help  q back/quit');
		// Nothing overflows the 100 columns of the test terminal
		for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
	});

	it('moves the cursor with j, several keys in one read, and G', async () => {
		const {app} = start('broken.json');
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('jjjj');
		const moved = await waitFor(app.lastFrame, /> ✗ +2 +3 +duplicate\.username +Ann@Example\.com +username already used/);
		expect(moved).not.toContain('> ✗     file');
		app.stdin.write('G');
		await waitFor(app.lastFrame, /> ! +file +53 +file\.trailing-data/);
	});

	it('opens the record of a problem with Enter, marks the faulty line, and goes back with q', async () => {
		const {app} = start('broken.json');
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('jjjjj'); // The sixth problem: record 3, a user_id that is no UUID
		await waitFor(app.lastFrame, /> ✗ +4 +5 +user-id\.invalid/);
		app.stdin.write('\r');
		const detail = await waitFor(app.lastFrame, '» ');
		expect(detail).toContain('entry 4 · starts at line 5, column 3');
		expect(detail).toContain('✗ user-id.invalid /user_id: user_id is not a UUID in its 36-character form');
		expect(detail).toContain('fix: Replace it with a UUID and keep a mapping from the old ID.');
		expect(detail).toContain('»   "user_id": "auth0|5f7c8ec7c33c6c004bbafe82",');
		app.stdin.write('q');
		await waitFor(app.lastFrame, /> ✗ +4 +5 +user-id\.invalid/);
	});

	it('says in one line that a record read from a FIFO cannot be shown again', async () => {
		const fifo = path.join(tempDir(), 'pipe');
		execFileSync('mkfifo', [fifo]);
		// The writer's open waits for the run's: both go on together
		const writing = writeFile(fifo, readFileSync(path.join('fixtures', 'broken.json')));
		const {app} = start(fifo);
		await waitFor(app.lastFrame, 'done in');
		await writing;
		app.stdin.write('jjjjj');
		await waitFor(app.lastFrame, /> ✗ +4 +5 +user-id\.invalid/);
		app.stdin.write('\r');
		// The header comes at once, the record's text (here: why there is none) once the view has asked
		const detail = await waitFor(
			app.lastFrame,
			'read from a pipe or FIFO, which cannot be read again: save the input to a file to see the record',
		);
		expect(detail).toContain('entry 4 · starts at line 5, column 3');
		expect(detail).toContain('✗ user-id.invalid /user_id: user_id is not a UUID in its 36-character form');
		expect(detail).not.toContain('reading the record again');
	});

	it('opens a problem of the whole file as such: no record to read again', async () => {
		const {app} = start('broken.json');
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('\r'); // The first problem: the byte order mark
		const detail = await waitFor(app.lastFrame, 'the whole file');
		expect(detail).toContain('✗ file.bom (file): ');
		expect(detail).not.toContain('reading the record again');
		expect(detail).not.toContain('(record)');
	});

	it('searches with /, jumps to the first hit, and moves between hits with n', async () => {
		const {app} = start('broken.json');
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('/');
		await waitFor(app.lastFrame, 'Enter search  Esc close');
		app.stdin.write('hank@');
		await waitFor(app.lastFrame, '/hank@▏');
		app.stdin.write('\r');
		await waitFor(app.lastFrame, /> ✗ +9 +10 +email\.duplicate-in-user/);
		await waitFor(app.lastFrame, 'hit 1/2 for "hank@" (n/N)   / search');
		app.stdin.write('n');
		await waitFor(app.lastFrame, /> ! +9 +10 +email\.uppercase/);
		await waitFor(app.lastFrame, 'hit 2/2 for "hank@"');
		app.stdin.write('n');
		await waitFor(app.lastFrame, /> ✗ +9 +10 +email\.duplicate-in-user/);
		await waitFor(app.lastFrame, 'hit 1/2 for "hank@"');
		// Off a hit, the count of hits
		app.stdin.write('g');
		await waitFor(app.lastFrame, '2 hits for "hank@"');
	});

	it('quits on Ctrl+C while a rule is being chosen or a search typed (the keymap binds it there too)', async () => {
		for (const opening of ['f', '/']) {
			const {app, closed} = start('broken.json');

			await waitFor(app.lastFrame, 'done in');
			app.stdin.write(opening);

			await waitFor(app.lastFrame, opening === 'f' ? 'By rule: rule 1/50   j/k choose' : 'Enter search  Esc close');
			app.stdin.write('\u0003');

			await waitFor(() => closed.join(','), 'all');
			app.unmount();
		}
	});

	it('filters by a rule chosen from the counts by rule, and shows all again with Esc', async () => {
		const {app} = start('broken.json');
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('f');
		await waitFor(app.lastFrame, 'By rule: rule 1/50   j/k choose, Enter filter, a fix, Esc close');
		// G and g: the last rule and the first, with where the choice is
		app.stdin.write('G');
		const last = await waitFor(app.lastFrame, 'By rule: rule 50/50');
		expect(last).toMatch(/^> +1 {2}\S+/m);
		for (const line of last.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
		app.stdin.write('g');
		await waitFor(app.lastFrame, 'By rule: rule 1/50');
		app.stdin.write('j');
		await waitFor(app.lastFrame, />\s+3 {2}username\.unusual/);
		app.stdin.write('j'); // The third largest: email.uppercase (2)
		await waitFor(app.lastFrame, />\s+2 {2}email\.uppercase/);
		app.stdin.write('\r');
		const filtered = await waitFor(app.lastFrame, 'only email.uppercase (Esc: all)');
		expect(filtered).toContain('row 1/2 of 57');
		expect(filtered).toMatch(/> ! +2 +3 +email\.uppercase/);
		expect(filtered).toMatch(/ {2}! +9 +10 +email\.uppercase/);
		expect(filtered).not.toMatch(/#\d+ +\d+ {2}duplicate\.user-id/);
		app.stdin.write('j\r'); // Enter opens the record of the filtered row
		await waitFor(app.lastFrame, 'entry 9 · starts at line 10, column 3');
		app.stdin.write('q');
		await waitFor(app.lastFrame, 'only email.uppercase (Esc: all)');
		app.stdin.write('\u001B');
		await waitFor(app.lastFrame, 'row 1/57');
	});

	it('shows help built from the keymap and goes back with q', async () => {
		const {app} = start('valid.json');
		await waitFor(app.lastFrame, 'No problems: Hanko will accept this file.');
		app.stdin.write('?');
		const help = await waitFor(app.lastFrame, 'Keys');
		expect(help).toMatch(/Ctrl\+d +half a page down/);
		expect(help).toMatch(/j, ↓, Wheel↓ +next row/);
		app.stdin.write('q');
		await waitFor(app.lastFrame, 'records 4   valid 4');
	});

	const tempDir = useTempDir();

	it('shows control characters from the file as escapes, in the list and in the record', async () => {
		const file = path.join(tempDir(), 'escapes.json');
		writeFileSync(
			file,
			JSON.stringify([
				{
					user_id: '11111111-1111-4111-8111-111111111111',
					'\u001B]0;PWNED\u0007': 1,
					emails: [{address: '\u009B31m@x.com', is_primary: true, is_verified: true}],
				},
			]),
		);
		const {app} = start(file);
		const list = await waitFor(app.lastFrame, 'done in');
		const controls = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
		expect(app.frames.join('')).not.toMatch(controls);
		expect(list).toContain(String.raw`unknown field "\u001b`);
		app.stdin.write('\r');
		const detail = await waitFor(app.lastFrame, '» ');
		expect(detail).toContain(String.raw`\u009b31m@x.com`);
		expect(detail).toContain(String.raw`/\u001b]0;PWNED\u0007`);
		expect(app.frames.join('')).not.toMatch(controls);
	});

	it('brings a syntax error far to the right of a minified line into view, scrolls sideways and wraps (80x24)', async () => {
		const file = path.join(tempDir(), 'minified.ndjson');
		const long = `{"user_id":"11111111-1111-4111-8111-111111111111","name":"${'n'.repeat(200)}",,"tail":"FAULT-HERE"}`;
		writeFileSync(file, `${long}\n`);
		const {app} = start(file);
		Object.defineProperty(app.stdout, 'columns', {value: 80, configurable: true});
		app.stdout.emit('resize');
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('j'); // The first row is the file's NDJSON note, the second the syntax error
		await waitFor(app.lastFrame, /> ✗ +1 +1 {2}json\.syntax/);
		app.stdin.write('\r');
		// Opened with the fault's column in the middle of the view, the line marked as cut on both sides
		const opened = await waitFor(app.lastFrame, ',,"tail"');
		expect(opened).toMatch(/entry 1 · starts at line 1, column 1 · line 1–\d+\/\d+ · column \d+/);
		expect(opened).toMatch(/«n+",,"tail":"FAULT-HERE"}/);
		for (const line of opened.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
		expect(opened).toContain('t wrap  h/l sideways');
		// Back to the start of the line with h
		for (let i = 0; i < 20; i++) app.stdin.write('h');
		const left = await waitFor(app.lastFrame, '» {"user_id":"11111111');
		expect(left).not.toContain('FAULT-HERE');
		// Wrapped: the whole line is on screen, no column is cut
		app.stdin.write('t');
		const wrapped = await waitFor(app.lastFrame, '· wrapped');
		expect(wrapped).toContain('FAULT-HERE');
		expect(wrapped).toContain('» {"user_id":"11111111');
		app.stdin.write('t');
		await waitFor(app.lastFrame, /«n+",,"tail":"FAULT-HERE"}/);
	});

	it('asks before quitting while the run goes on: any other key stays, a second q cancels it', async () => {
		// Long enough to still be running when the keys arrive
		const file = path.join(tempDir(), 'many.ndjson');
		writeFileSync(
			file,
			Array.from(
				{length: 400_000},
				(_, i) => `{"user_id":"not-a-uuid-${i}","emails":[{"address":"u${i}@example.com","is_primary":true}]}`,
			).join('\n'),
		);
		const {app, run, closed} = start(file);
		await waitFor(app.lastFrame, 'ETA');
		app.stdin.write('q');
		await waitFor(app.lastFrame, 'Still checking: press q again to quit, any other key to stay');
		app.stdin.write('j');
		await waitFor(app.lastFrame, 'j/k move  / search');
		expect(closed).toEqual([]);
		app.stdin.write('q');
		await waitFor(app.lastFrame, 'Still checking');
		app.stdin.write('q');
		await waitUntil(() => closed.length > 0);

		expect(closed).toEqual(['back']);
		expect(run.stats.done).toBe(false);
		expect(run.stats.records).toBeLessThan(400_000);
	});

	it('quits without asking on Ctrl+C', async () => {
		const {app, closed} = start('broken.json');
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('\u0003');
		await waitUntil(() => closed.length > 0, 5000);

		expect(closed).toEqual(['all']);
	});

	it('shows a notice below 80x24 instead of a broken layout, and the screen as it was once the terminal grows', async () => {
		const {app} = start('broken.json');
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('G');
		await waitFor(app.lastFrame, /> ! +file +53 +file\.trailing-data/);
		const resize = (columns: number, rows: number) => {
			Object.defineProperty(app.stdout, 'columns', {value: columns, configurable: true});
			Object.defineProperty(app.stdout, 'rows', {value: rows, configurable: true});
			app.stdout.emit('resize');
		};

		resize(60, 16);
		const small = await waitFor(app.lastFrame, 'terminal too small (need 80x24, this one is 60x16)');
		for (const line of small.split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
		expect(small).not.toContain('? help');
		resize(80, 24);
		const fits = await waitFor(app.lastFrame, /^(?:.*\n){0,22}.*w write {2}\? help {2}q back\/quit/);
		const lines = fits.split('\n');
		expect(lines.length).toBeLessThanOrEqual(23);
		for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
		// The cursor stays in view, and the message column keeps a readable width at 80 columns
		expect(fits).toMatch(/> ! +file +53 +file\.trailing-data +something follows the/);
		expect(fits).toContain('records 45   valid 15   invalid 30');
	});
});

describe('validation screen on a file it cannot read again quickly', () => {
	const tempDir = useTempDir();

	it('shows and searches users from what the run kept (a gzip file, gone once checked)', async () => {
		const file = path.join(tempDir(), 'broken.json.gz');
		writeFileSync(file, gzipSync(readFileSync(path.join('fixtures', 'broken.json'))));
		const run = new ValidationRun(file, {now: Date.parse('2026-01-01T00:00:00Z'), progressIntervalMs: 20, labelBudget: 1e6}).start();
		await run.finished();
		rmSync(file);
		const app = render(<ValidationScreen store={new RunStore(run)} onClose={() => undefined} />);
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('jjjjj');
		await waitFor(app.lastFrame, /> ✗ +2 +3 +duplicate\.username +Ann@Example\.com/);
		app.stdin.write('/');
		await waitFor(app.lastFrame, 'Enter search  Esc close');
		app.stdin.write('auth0|5f7c\r');
		await waitFor(app.lastFrame, /> ✗ +4 +5 +user-id\.invalid +carol@example\.com/);
		expect(app.lastFrame()).toContain('hit 1/1');
		// The record itself cannot be read again: the detail says so, and nothing breaks
		app.stdin.write('\r');
		await waitFor(app.lastFrame, 'cannot read the record again: ');
	});
});
