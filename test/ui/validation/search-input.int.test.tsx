import path from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {ValidationScreen} from '../../../source/ui/validation/validation-screen.js';
import {RunStore} from '../../../source/ui/validation/run-store.js';
import {waitFor} from '../../helpers/ink-frames.js';

// The search's query line is the one text input of every field (kit/text-input.ts)

afterEach(() => {
	cleanup();
});

function start() {
	const run = new ValidationRun(path.join('fixtures', 'broken.json'), {
		now: Date.parse('2026-01-01T00:00:00Z'),
		progressIntervalMs: 20,
	}).start();
	return render(<ValidationScreen store={new RunStore(run)} onClose={() => {}} />);
}

describe('search input', () => {
	it('searches for a query and its return read at once, without typing the return into it', async () => {
		const app = start();
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('/');
		await waitFor(app.lastFrame, 'Enter search  Esc close');
		app.stdin.write('hank@\r');
		const frame = await waitFor(app.lastFrame, 'hit 1/2 for "hank@" (n/N)');
		expect(frame).not.toContain('hank@\r');
	});

	it('edits the query at its cursor: held Backspace, ←, Ctrl+A, Ctrl+W', async () => {
		const app = start();
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('/');
		await waitFor(app.lastFrame, 'Enter search  Esc close');
		app.stdin.write('hank@xyz');
		await waitFor(app.lastFrame, '/hank@xyz▏');
		app.stdin.write('\u007F\u007F\u007F');
		await waitFor(app.lastFrame, '/hank@▏');
		app.stdin.write('\u001B[D');
		await waitFor(app.lastFrame, '/hank▏@');
		app.stdin.write('\u0001');
		await waitFor(app.lastFrame, '/▏hank@');
		app.stdin.write('\u0005\u0017');
		await waitFor(app.lastFrame, '/▏  ');
		app.stdin.write('hank@\r');
		await waitFor(app.lastFrame, 'hit 1/2 for "hank@" (n/N)');
	});
});
