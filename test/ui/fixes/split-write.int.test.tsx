import {createWriteStream, existsSync, readFileSync, statSync} from 'node:fs';
import {once} from 'node:events';
import path from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {RecentFiles} from '../../../source/ui/app/settings/settings-store.js';
import {Root} from '../../../source/ui/app/root.js';
import {waitFor} from '../../helpers/ink-frames.js';
import {useTempDir} from '../../helpers/temp-dir.js';

afterEach(() => {
	cleanup();
});

/** An import file whose users take more than 50 MB: 5,100 users of about 10 kB (a field Hanko drops). */
async function largeFile(file: string): Promise<void> {
	const out = createWriteStream(file);
	const notes = 'n'.repeat(10_000);
	out.write('[\n');
	for (let i = 0; i < 5100; i++) {
		const user = {
			user_id: `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`,
			emails: [{address: `user${i}@example.com`, is_primary: true, is_verified: true}],
			created_at: '2025-01-01T00:00:00Z',
			updated_at: '2025-01-01T00:00:00Z',
			notes,
		};
		if (!out.write(`${i > 0 ? ',\n' : ''}${JSON.stringify(user)}`)) await once(out, 'drain');
	}

	out.end('\n]\n');
	await once(out, 'finish');
}

describe('writing an output past 50 MB', () => {
	const temp = useTempDir();

	it('offers the split when w asks; s writes 50 MB parts and a manifest, checks the first part and offers the manifest to the project', async () => {
		const source = path.join(temp(), 'big.json');
		await largeFile(source);
		const app = render(
			<Root
				file={source}
				recent={new RecentFiles(temp())}
				cwd={temp()}
				startRun={chosen => new ValidationRun(chosen, {progressIntervalMs: 20}).start()}
				onRun={() => undefined}
			/>,
		);
		const checked = await waitFor(app.lastFrame, 'done in', 60_000);
		expect(checked).toContain('file.console-size');
		app.stdin.write('w');
		await waitFor(app.lastFrame, "w again writes big.fixed.json, s writes it in 50 MB parts (the Console's limit)");
		app.stdin.write('s');
		const written = await waitFor(app.lastFrame, /checked again below[\s\S]*done in/, 60_000);
		expect(written).toContain('Wrote 5,100 records (0 fixed)');
		expect(written).toContain('Split into 2 parts of at most 50 MB (big.fixed.manifest.json); the first part is checked below');
		expect(written).toContain('big.fixed-001.json');
		expect(written).toContain('Next: c checks it against the project (pre-flight)');
		const manifest = JSON.parse(readFileSync(path.join(temp(), 'big.fixed.manifest.json'), 'utf8')) as {
			users: number;
			parts: Array<{file: string; bytes: number}>;
		};
		expect(manifest.users).toBe(5100);
		expect(manifest.parts.map(part => part.file)).toEqual(['big.fixed-001.json', 'big.fixed-002.json']);
		for (const part of manifest.parts) expect(statSync(path.join(temp(), part.file)).size).toBeLessThanOrEqual(50_000_000);
		expect(existsSync(path.join(temp(), 'big.fixed.json'))).toBe(false);

		// The project is offered the manifest: pre-flight reads its parts as one file
		app.stdin.write('c');
		const form = await waitFor(app.lastFrame, 'Delta file');
		expect(form).toContain('Check against the project: ');
		expect(form).toContain('big.fixed.manifest.json');
		expect(form).toContain(path.join(temp(), 'big.fixed.delta.json'));
	}, 120_000);
});
