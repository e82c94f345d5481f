import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {type TmuxSession, hasTmux, startTmux} from '../helpers/tmux.js';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');
const fixtures = path.resolve('fixtures');

describe.skipIf(!hasTmux)('the demo in tmux', () => {
	const temporaryDir = useTempDir();
	let session: TmuxSession | undefined;
	afterEach(() => {
		session?.kill();
	});

	it('works on a copy of the example in a private folder of its own: w writes there, never into the package', async () => {
		const before = readdirSync(fixtures);
		// TMPDIR of the test's own, so the demo's folder is found without looking through a shared /tmp
		const tmp = temporaryDir();
		const s = startTmux(`hanko-tui-e2e-demo-${process.pid}`, `TMPDIR=${tmp} ${process.execPath} ${cli} demo; sleep 30`);
		session = s;
		await s.waitFor('records 45   valid 15   invalid 30   warnings 18');
		const [folder] = readdirSync(tmp).filter(name => name.startsWith('hanko-tui-demo-'));
		expect(folder).toBeDefined();
		expect(statSync(path.join(tmp, folder!)).mode & 0o777).toBe(0o700);
		s.keys('w');
		await s.waitFor('w again writes broken.fixed.json');
		s.keys('w');
		await s.waitFor(/checked again below[\s\S]*done in/);
		expect(existsSync(path.join(tmp, folder!, 'broken.fixed.json'))).toBe(true);
		expect(readdirSync(fixtures)).toEqual(before);
	});
});
