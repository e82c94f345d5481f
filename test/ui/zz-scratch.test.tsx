import {copyFileSync, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, it} from 'vitest';
import {ValidationRun} from '../../source/core/engine/validation-run.js';
import {RecentFiles} from '../../source/ui/recent-files.js';
import {Root} from '../../source/ui/root.js';
import {plain, waitFor} from '../helpers/ink-frames.js';
import {useTempDir} from '../helpers/temp-dir.js';

afterEach(() => { cleanup(); });
const sleep = async (ms: number) => new Promise(r => { setTimeout(r, ms); });

describe('scratch', () => {
	const temp = useTempDir();
	const open = (file: string) => render(<Root file={file} recent={new RecentFiles(temp())} cwd={temp()} startRun={chosen => new ValidationRun(chosen, {progressIntervalMs: 20}).start()} onRun={() => undefined}/>);
	it('explore', async () => {
		const source = path.join(temp(), 'broken.json');
		copyFileSync('fixtures/broken.json', source);
		const app = open(source);
		await waitFor(app.lastFrame, 'done in');
		const steps = (process.env.STEPS ?? '').split(',');
		for (const step of steps) {
			app.stdin.write(step.replace('RET', '\r'));
			await sleep(500);
			console.log(`=== after ${JSON.stringify(step)}\n${plain(app.lastFrame() ?? '')}`);
		}
		await sleep(1500);
		console.log(`=== final\n${plain(app.lastFrame() ?? '')}`);
		console.log(readdirSync(temp()));
		for (const f of readdirSync(temp())) if (f.endsWith(".csv") || f.endsWith(".ndjson") || f.endsWith("fixed.json")) console.log(f, readFileSync(path.join(temp(), f), 'utf8'));
	}, 30_000);
});
