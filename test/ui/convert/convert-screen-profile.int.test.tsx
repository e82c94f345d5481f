import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {detectSource} from '../../../source/core/convert/detect-source.js';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {RecentFiles} from '../../../source/ui/app/settings/settings-store.js';
import {Root} from '../../../source/ui/app/root.js';
import {initialConvert} from '../../../source/ui/convert/convert-state.js';
import {waitFor} from '../../helpers/ink-frames.js';
import {useTempDir} from '../../helpers/temp-dir.js';

afterEach(() => {
	cleanup();
});

describe('convert screen with --profile', () => {
	const tempDir = useTempDir();

	it('says what is kept for after the import, and writes the profile file with the others', async () => {
		const dir = tempDir();
		const source = path.join(dir, 'auth0.ndjson');
		writeFileSync(
			source,
			[
				{user_id: 'auth0|1', email: 'ann@example.com', name: 'Ann', app_metadata: {plan: 'pro'}, identities: [{provider: 'auth0'}]},
				{user_id: 'auth0|2', email: 'bob@example.com', phone_number: '+4930', identities: [{provider: 'auth0'}]},
			]
				.map(user => JSON.stringify(user))
				.join('\n'),
		);
		const layout = await detectSource(source);
		const out = path.join(dir, 'users.json');
		const profile = path.join(dir, 'users.profile.ndjson');
		const app = render(
			<Root
				startConvert={initialConvert(source, layout!, {out, profile})}
				recent={new RecentFiles(path.join(dir, 'config'))}
				cwd={dir}
				startRun={file => new ValidationRun(file, {progressIntervalMs: 20}).start()}
				onRun={() => undefined}
			/>,
		);
		await waitFor(app.lastFrame, 'Output file');
		app.stdin.write('\r');
		const report = (await waitFor(app.lastFrame, 'Nothing is written yet')).replaceAll(/\s+/g, ' ');
		expect(report).toContain(`Kept for after the import (${profile}): names (1), metadata (1);`);
		expect(report).toContain('Hanko cannot hold, so the files leave out: phone numbers (1).');
		expect(existsSync(profile)).toBe(false);
		app.stdin.write('\r');
		await waitFor(app.lastFrame, 'Hanko will accept this file.');
		expect(statSync(profile).mode & 0o777).toBe(0o600);
		const [line] = readFileSync(profile, 'utf8').split('\n');
		expect(JSON.parse(line!)).toMatchObject({name: 'Ann', private_metadata: {plan: 'pro'}});
	});
});
