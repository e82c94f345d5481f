import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {type TmuxSession, hasTmux, startTmux} from '../helpers/tmux.js';

const cli = path.resolve('dist/cli.js');

// What a hostile import file tries: set the window title (OSC 0), write the clipboard (OSC 52), switch
// the colours off the selected row (SGR), a C1 control introducer, and a right-to-left override
const title = '\u001B]0;PWNED-TITLE\u0007';
const clipboard = '\u001B]52;c;cHduZWQ=\u0007';
const colours = '\u001B[7;31mPWN';
const c1 = '\u009B31mC1';
const bidi = 'gpj\u202Eexe';

describe.skipIf(!hasTmux)('untrusted text in the screens', () => {
	let session: TmuxSession | undefined;
	let dir: string | undefined;
	afterEach(() => {
		session?.kill();
		if (dir) rmSync(dir, {recursive: true, force: true});
	});

	it('never sends an escape from the data to the terminal: list, detail, search and the title show them as \\u escapes', async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'hanko-tui-e2e-evil-'));
		// The file name carries an escape too (the title line shows it)
		const file = path.join(dir, `users${title}.json`);
		const records = [
			JSON.stringify({
				user_id: 'aaaaaaaa-0000-4000-8000-000000000001',
				username: `${title}bob`,
				emails: [{address: `${clipboard}x@`, is_primary: true}],
			}),
			JSON.stringify({
				user_id: 'aaaaaaaa-0000-4000-8000-000000000002',
				username: `${colours}${c1}`,
				emails: [{address: `${bidi}@`, is_primary: true}],
			}),
			// Raw control bytes inside a string are not JSON: the record is shown as its text
			`{"user_id":"aaaaaaaa-0000-4000-8000-000000000003","username":"${colours}raw"}`,
		];
		writeFileSync(file, `[\n${records.join(',\n')}\n]\n`);
		const log = path.join(dir, 'raw.log');
		const go = path.join(dir, 'go');
		// The program waits until the raw log is attached: every byte it writes is in the log
		const s = startTmux(
			`hanko-tui-e2e-evil-${process.pid}`,
			`while [ ! -e '${go}' ]; do sleep 0.05; done; ${process.execPath} ${cli} validate '${file}'; sleep 30`,
		);
		session = s;
		execFileSync('tmux', ['-L', s.name, 'pipe-pane', '-o', '-t', s.name, `cat >> '${log}'`]);
		writeFileSync(go, '');
		const screen = await s.waitFor(/records 3 +valid/);
		expect(screen).toContain(String.raw`users\u001b]0;PWNED-TITLE\u0007.json`);
		s.keys('j', 'j');
		s.keys('Enter');
		// The record's text is read again from the file after the view opens: wait for it
		await s.waitFor(String.raw`"username": "\u001b]0;PWNED-TITLE\u0007bob"`);
		s.keys('q');
		// Back on the list before the search key: two keys in one read are taken on the screen the
		// first one leaves
		await s.waitFor(/^\s+entry\s+line\s+code/m);
		s.keys('/');
		await s.waitFor('Enter search  Esc close');
		s.type('bob');
		// The query on the screen before Enter, so that the two are never one read
		await s.waitFor('/bob▏');
		s.keys('Enter');
		await s.waitFor(/hits? (\d+\/)?\d* ?for "bob"/);
		s.keys('G', 'Enter');
		await s.waitFor(/entry \d/);
		s.keys('q', 'q');
		await s.waitFor(/^\s*$/m);
		const raw = readFileSync(log, 'latin1');
		expect(raw.length).toBeGreaterThan(1000);
		// None of the data's own sequences reached the terminal; the program itself sends no OSC at all
		for (const sent of [title, clipboard, colours, c1, bidi]) expect(raw).not.toContain(Buffer.from(sent, 'utf8').toString('latin1'));
		expect(raw).not.toContain('\u001B]');
		expect(raw).not.toContain(Buffer.from('\u009B', 'utf8').toString('latin1'));
		expect(raw).not.toContain(Buffer.from('\u202E', 'utf8').toString('latin1'));
		// And they were shown, visibly: in the title line and in the record's detail
		expect(raw).toContain(String.raw`users\u001b]0;PWNED-TITLE\u0007.json`);
		expect(raw).toContain(String.raw`"username": "\u001b]0;PWNED-TITLE\u0007bob"`);
	}, 40_000);
});
