import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {MockAdminApi} from '../../source/mock-api/mock-admin-api.js';
import {type TmuxSession, hasTmux, startTmux} from '../helpers/tmux.js';
import {useTempDir} from '../helpers/temp-dir.js';

const cli = path.resolve('dist/cli.js');

describe.skipIf(!hasTmux)('the export screen in tmux', () => {
	const temp = useTempDir();
	let session: TmuxSession | undefined;
	let mock: MockAdminApi | undefined;
	afterEach(async () => {
		session?.kill();
		await mock?.close();
	});

	it('starts at once when the command line gives the API URL and the output file', async () => {
		mock = new MockAdminApi({users: 50});
		const url = await mock.listen();
		const out = path.join(temp(), 'users.json');
		session = startTmux(
			`hanko-tui-e2e-export-${process.pid}`,
			`${process.execPath} ${cli} export --api-url ${url} --out ${out}; sleep 30`,
		);
		const done = await session.waitFor(/Exported \d+ users to .*users\.json: verified/);
		expect(done).toContain(`Exported ${mock.listedUsers().length} users`);
		expect(done).not.toContain('Enter start');
		expect(mock.requests).toBeGreaterThan(0);
	});
});
