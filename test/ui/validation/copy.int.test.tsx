import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {osc52} from '../../../source/ui/kit/clipboard.js';
import {RunStore} from '../../../source/ui/validation/run-store.js';
import {ValidationScreen} from '../../../source/ui/validation/validation-screen.js';
import {waitFor} from '../../helpers/ink-frames.js';
import {useTempDir} from '../../helpers/temp-dir.js';

afterEach(() => {
	cleanup();
	vi.unstubAllEnvs();
});

// Record 0 has a user_id and a primary email, record 1 a user_id and no email
const users = `[
  {"user_id": "auth0|Ann-1", "emails": [{"address": "Ann@Example.com", "is_primary": true, "is_verified": true}], "created_at": "2024-01-01T00:00:00Z"},
  {"user_id": "auth0|Bob-2", "created_at": "2024-01-01T00:00:00Z"}
]
`;

async function start(tempDir: () => string, tty = true) {
	// Outside tmux whatever runs the tests: the plain sequence is what is written
	vi.stubEnv('TMUX', '');
	const file = path.join(tempDir(), 'users.json');
	writeFileSync(file, users);
	const run = new ValidationRun(file, {now: Date.parse('2026-01-01T00:00:00Z'), progressIntervalMs: 20}).start();
	const app = render(<ValidationScreen store={new RunStore(run)} onClose={() => undefined} />);
	// ink-testing-library's output is no terminal unless told: the copy is written to terminals only
	Object.assign(app.stdout, {isTTY: tty});
	await waitFor(app.lastFrame, 'done in');
	return {app, file};
}

/** Everything written to the output, frames and escape sequences alike. */
const written = (app: ReturnType<typeof render>) => app.stdout.frames.join('');

describe('copying with y', () => {
	const tempDir = useTempDir();

	it('y then u writes the OSC 52 sequence of the record user_id and says it was copied', async () => {
		const {app} = await start(tempDir);
		app.stdin.write('y');
		await waitFor(app.lastFrame, 'copy: u user_id · e email · p file:line:col · Esc cancel');
		app.stdin.write('u');
		await waitFor(app.lastFrame, 'copied user_id auth0|Ann-1 (OSC 52: your terminal must allow clipboard writes)');
		expect(written(app)).toContain(osc52('auth0|Ann-1'));
		// The next key clears the notice
		app.stdin.write('j');
		const after = await waitFor(app.lastFrame, 'y copy');
		expect(after).not.toContain('copied');
	});

	it('copies the primary email as written, and says so when a record has none', async () => {
		const {app} = await start(tempDir);
		app.stdin.write('y');
		await waitFor(app.lastFrame, 'copy: u user_id');
		app.stdin.write('e');
		await waitFor(app.lastFrame, 'copied email Ann@Example.…');
		expect(written(app)).toContain(osc52('Ann@Example.com'));
		app.stdin.write('G'); // The last row: record 1, which has no email
		await waitFor(app.lastFrame, /> ✗ +2 +3 +user\.no-identifier/);
		app.stdin.write('y');
		await waitFor(app.lastFrame, 'copy: u user_id');
		const before = written(app).length;
		app.stdin.write('e');
		await waitFor(app.lastFrame, 'nothing copied: this record has no email');
		expect(written(app).slice(before)).not.toContain('\u001B]52;');
	});

	it('copies file:line:col from the detail view, and Esc copies nothing', async () => {
		const {app, file} = await start(tempDir);
		app.stdin.write('\r');
		await waitFor(app.lastFrame, '» ');
		app.stdin.write('y');
		await waitFor(app.lastFrame, 'copy: u user_id');
		app.stdin.write('\u001B');
		await waitFor(app.lastFrame, 'a fix');
		app.stdin.write('y');
		await waitFor(app.lastFrame, 'copy: u user_id');
		app.stdin.write('p');
		await waitFor(app.lastFrame, 'copied file:line:col');
		expect(written(app)).toContain(osc52(`${file}:2:3`));
	});

	it('writes nothing when the output is not a terminal, and says so', async () => {
		const {app} = await start(tempDir, false);
		app.stdin.write('y');
		await waitFor(app.lastFrame, 'copy: u user_id');
		app.stdin.write('u');
		await waitFor(app.lastFrame, 'nothing copied: the output is not a terminal');
		expect(written(app)).not.toContain('\u001B]52;');
	});
});
