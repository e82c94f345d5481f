import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {hankoRules, isHankoRules} from '../../../source/core/rules/hanko-versions.js';
import {prng} from '../../../source/mock-api/generate-admin-users.js';
import {usersOfImportFile} from '../../../source/mock-api/import-into-mock.js';
import {MockAdminApi} from '../../../source/mock-api/mock-admin-api.js';
import {RecentFiles} from '../../../source/ui/app/settings/settings-store.js';
import {Root} from '../../../source/ui/app/root.js';
import {waitFor} from '../../helpers/ink-frames.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const rules = hankoRules(undefined);
if (!isHankoRules(rules)) throw new Error(rules.error);
const context = {now: Date.now(), rules};

const id = (i: number) => `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`;
const user = (i: number, address = `user${i}@example.com`) => ({
	user_id: id(i),
	emails: [{address, is_primary: true, is_verified: true}],
	created_at: '2025-01-01T00:00:00Z',
	updated_at: '2025-01-01T00:00:00Z',
});

describe('target screen', () => {
	const temp = useTempDir();
	let mock: MockAdminApi | undefined;
	afterEach(async () => {
		cleanup();
		await mock?.close();
	});

	const write = (name: string, users: unknown[]) => {
		const file = path.join(temp(), name);
		writeFileSync(file, JSON.stringify(users, null, 2));
		return file;
	};

	/** The project, seeded from import files as an import would leave it. */
	async function project(files: string[], key?: string): Promise<string> {
		mock = new MockAdminApi({users: 0, ...(key && {key})});
		for (const file of files) mock.importUsers(await usersOfImportFile(file, context, prng(1)));
		return mock.listen();
	}

	/** Opens the file, writes it with w w, and waits for the written file's check. */
	async function written(file: string, urls: string[] = []) {
		const app = render(
			<Root
				file={file}
				recent={new RecentFiles(temp())}
				cwd={temp()}
				startRun={chosen => new ValidationRun(chosen, {progressIntervalMs: 20}).start()}
				onRun={() => undefined}
				onApiUrlUsed={url => urls.push(url)}
			/>,
		);
		await waitFor(app.lastFrame, 'done in');
		app.stdin.write('w');
		await waitFor(app.lastFrame, 'w again writes');
		app.stdin.write('w');
		const frame = await waitFor(app.lastFrame, /checked again below[\s\S]*done in/);
		expect(frame).toContain('Next: c checks it against the project (pre-flight), v verifies the import');
		return app;
	}

	it('pre-flight after a write: the masked key, the collision listed with its detail, the delta file; then verify with the URL kept', async () => {
		const url = await project([write('before.json', [user(1), user(2)])], 'secret-key');
		// Entry 2 takes the address of user 2 under another id: a collision; entry 1 was imported before
		const file = write('users.json', [user(1), user(20, 'user2@example.com'), user(30)]);
		const urls: string[] = [];
		const app = await written(file, urls);
		app.stdin.write('c');
		await waitFor(app.lastFrame, '> API URL');
		app.stdin.write(url);
		app.stdin.write('\t');
		await waitFor(app.lastFrame, '> API key');
		app.stdin.write('secret-key');
		const form = await waitFor(app.lastFrame, '••••••••••');
		expect(form).not.toContain('secret-key');
		expect(form).toContain(`Delta file   ${path.join(temp(), 'users.fixed.delta.json')}`);
		expect(form).not.toContain('Deep');
		app.stdin.write('\r');
		const done = await waitFor(app.lastFrame, 'collisions: row 1/1');
		expect(done).toContain('3 users; the project has 2 (listed); already there (imported before): 1; colliding: 1');
		expect(done).toMatch(/> entry 2 +email user2@example\.com is held by aaaaaaaa-0000-4000-8000-000000000002/);
		expect(done).toContain(`Wrote the 1 users that can be imported: ${path.join(temp(), 'users.fixed.delta.json')}`);
		const delta = JSON.parse(readFileSync(path.join(temp(), 'users.fixed.delta.json'), 'utf8')) as Array<{user_id: string}>;
		expect(delta.map(each => each.user_id)).toEqual([id(30)]);
		expect(urls).toEqual([url]);

		// The detail: what the report says, and the record's JSON text read again from the file
		app.stdin.write('\r');
		const detail = await waitFor(app.lastFrame, '"user_id": "aaaaaaaa-0000-4000-8000-000000000020"');
		expect(detail).toContain('held by  aaaaaaaa-0000-4000-8000-000000000002');
		app.stdin.write('q');
		await waitFor(app.lastFrame, 'collisions: row 1/1');
		app.stdin.write('q');
		await waitFor(app.lastFrame, /checked again below[\s\S]*Next: c checks it/);

		// Verify: the URL and key typed for the pre-flight are there; nothing was imported, so every user is missing
		app.stdin.write('v');
		const verifyForm = await waitFor(app.lastFrame, '> Retry file');
		expect(verifyForm).toContain(`API URL      ${url}`);
		expect(verifyForm).toContain('••••••••••');
		app.stdin.write('\r');
		const missing = await waitFor(app.lastFrame, 'Not every user arrived as the file gave it.');
		expect(missing).toContain('users missing or different: row 1/2');
		expect(missing).toContain(`Wrote the missing users, as an import file: ${path.join(temp(), 'users.fixed.retry.json')}`);
		app.stdin.write('j');
		await waitFor(app.lastFrame, 'users missing or different: row 2/2');
	});

	it('verify after a write: every user arrived', async () => {
		const file = write('users.json', [user(1), user(2), user(3)]);
		const url = await project([file]);
		const app = await written(file);
		app.stdin.write('v');
		await waitFor(app.lastFrame, '> API URL');
		app.stdin.write(`${url}\r`);
		const done = await waitFor(app.lastFrame, 'Every user arrived.');
		expect(done).toContain('3 users; in the project as the file gave them: 3; missing: 0; different: 0');
		expect(done).toContain('Nothing written: no user is missing.');
	});

	it('shows the live counts while it reads the project, and c cancels without writing anything', async () => {
		// Slow pages of a thousand: the count of the first page stands for a while
		mock = new MockAdminApi({users: 5000, faults: {latencyMs: 300}});
		const url = await mock.listen();
		const app = await written(write('users.json', [user(1)]));
		app.stdin.write('c');
		await waitFor(app.lastFrame, '> API URL');
		app.stdin.write(`${url}\r`);
		// The list counts users with an address or username only (passkey-only users are not listed)
		const running = await waitFor(app.lastFrame, /project users read: 1,000\/4,\d{3}/);
		expect(running).toContain('file users checked: 0');
		expect(running).toContain('c cancel');
		app.stdin.write('c');
		await waitFor(app.lastFrame, 'Cancelled: nothing was written; Enter starts again.');
		expect(existsSync(path.join(temp(), 'users.fixed.delta.json'))).toBe(false);
	});

	it('a failure is one line with the HTTP status, and Enter goes back to the form', async () => {
		const url = await project([], 'secret-key');
		const app = await written(write('users.json', [user(1)]));
		app.stdin.write('c');
		await waitFor(app.lastFrame, '> API URL');
		app.stdin.write(`${url}\t`);
		await waitFor(app.lastFrame, '> API key');
		app.stdin.write('wrong-key\r');
		const failed = await waitFor(app.lastFrame, 'The check stopped:');
		expect(failed).toMatch(/401/);
		expect(failed).not.toContain('wrong-key');
		app.stdin.write('\r');
		await waitFor(app.lastFrame, '> API key');
	});
});
