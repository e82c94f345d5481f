import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {RecentFiles} from '../../../source/ui/app/settings/settings-store.js';
import {ConvertScreen} from '../../../source/ui/convert/convert-screen.js';
import {initialConvert} from '../../../source/ui/convert/convert-state.js';
import {ExportScreen} from '../../../source/ui/export/export-screen.js';
import {initialExport} from '../../../source/ui/export/export-state.js';
import {HomeScreen} from '../../../source/ui/home/home-screen.js';
import {waitFor, waitUntil} from '../../helpers/ink-frames.js';
import {useTempDir} from '../../helpers/temp-dir.js';

// Every field of the screens edits through the one text input (kit/text-input.ts): the same keys, the
// same handling of keys that arrive in one read, the same cursor.

afterEach(() => {
	cleanup();
});

const left = '\u001B[D';
const ctrl = (letter: string) => String.fromCodePoint(letter.codePointAt(0)! - 96);
const altBackspace = '\u001B\u007F';

// Ink reads a write as one chunk: a key is written once the previous one has been drawn
async function type(app: ReturnType<typeof render>, keys: string, shows: string): Promise<string> {
	app.stdin.write(keys);
	return waitFor(app.lastFrame, shows);
}

describe('the fields of the screens', () => {
	const tempDir = useTempDir();

	it('home path input: a held Backspace in one read erases, the cursor moves and edits, a quoted path opens', async () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, 'my file.json'), '[]');
		const opened: string[] = [];
		const app = render(
			<HomeScreen
				recent={new RecentFiles(path.join(dir, 'config'))}
				cwd={dir}
				onOpen={file => opened.push(file)}
				onExport={() => {}}
				onQuit={() => {}}
			/>,
		);
		await waitFor(app.lastFrame, 'Open a file');
		await type(app, 'o', 'File to check: ▏');
		await type(app, 'users.jsonxyz', 'File to check: users.jsonxyz▏');
		const erased = await type(app, '\u007F\u007F\u007F', 'File to check: users.json▏');
		expect(erased).not.toContain('?');
		await type(app, left + left, 'File to check: users.js▏on');
		await type(app, ctrl('a'), 'File to check: ▏users.json');
		await type(app, ctrl('e'), 'File to check: users.json▏');
		await type(app, altBackspace, 'File to check: ▏');
		await type(app, "'my file.json'", "File to check: 'my file.json'▏");
		app.stdin.write('\r');
		await waitUntil(() => opened.length > 0);
		expect(opened).toEqual([path.join(dir, 'my file.json')]);
	});

	it('export form: the output field edits at its cursor and completes with Tab', async () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, 'export-2026.json'), '[]');
		const app = render(
			<ExportScreen
				initial={initialExport({url: 'http://127.0.0.1:9', out: 'exp'})}
				cwd={dir}
				onBack={() => {}}
				onOpen={() => {}}
				onQuit={() => {}}
				onUrlUsed={() => {}}
				onOutcome={() => {}}
			/>,
		);
		await waitFor(app.lastFrame, '> API key');
		await type(app, '\u001B[B', '> Output file  exp▏');
		await type(app, '\t', '> Output file  export-2026.json▏');
		await type(app, ctrl('w'), '> Output file  ▏');
		await type(app, 'a.json', '> Output file  a.json▏');
		await type(app, ctrl('a') + 'out/', '> Output file  out/▏a.json');
		await type(app, ctrl('k'), '> Output file  out/▏');
		// Nothing to complete (no such folder): Tab goes on to the next field
		await type(app, '\t', '> Deep');
	});

	it('convert form: the password-export field completes with Tab, after Tab left the output field', async () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, 'pw-export.ndjson'), '');
		const app = render(
			<ConvertScreen
				initial={initialConvert(path.join(dir, 'users.json'), {kind: 'auth0', container: 'json'}, {out: 'users.hanko.json'})}
				cwd={dir}
				onBack={() => {}}
				onWritten={() => {}}
				onQuit={() => {}}
				onCheckAsIs={() => {}}
			/>,
		);
		await waitFor(app.lastFrame, '> Output file      users.hanko.json▏');
		// The output file does not exist yet: nothing to complete, so Tab moves on
		await type(app, '\t', '> Password export  ▏(none)');
		await type(app, 'pw', '> Password export  pw▏');
		await type(app, '\t', '> Password export  pw-export.ndjson▏');
		await type(app, '\u007F\u007F\u007F\u007F\u007F\u007F\u007F', '> Password export  pw-export▏');
		await type(app, left + left + left, '> Password export  pw-exp▏ort');
		const frame = await type(app, ctrl('u'), '> Password export  ▏ort');
		expect(frame).not.toContain('pw-exp');
	});
});
