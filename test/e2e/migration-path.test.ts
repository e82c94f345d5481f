import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {useTempDir} from '../helpers/temp-dir.js';
import {type TmuxSession, hasTmux, startTmux} from '../helpers/tmux.js';

const cli = path.resolve('dist/cli.js');

describe.skipIf(!hasTmux)('a migration in a terminal', () => {
	const tempDir = useTempDir();
	let session: TmuxSession | undefined;
	afterEach(() => {
		session?.kill();
	});

	it('convert, fix with a split, preflight, the import (a mock seeded from the parts), verify: every step exits 0', async () => {
		const dir = tempDir();
		const rows = Array.from({length: 500}, (_, i) => ({
			id: `3b7e2f5c-1d2a-4c4e-9f1a-${String(i).padStart(12, '0')}`,
			email: `user${i}@example.com`,
			email_confirmed_at: '2023-07-11 13:41:50.290862+00',
			created_at: '2023-07-11 13:40:00+00',
		}));
		writeFileSync(path.join(dir, 'supabase.json'), JSON.stringify(rows));
		const node = `${process.execPath} ${cli}`;
		// Each mock prints its address; the script waits for it, as a person reads it off the screen
		const mock = (name: string, args: string) =>
			`${node} mock-api --no-auth --users 0 ${args} > ${name}.txt 2>&1 & ` +
			`until grep -q http ${name}.txt; do sleep 0.1; done; ${name}=$(grep -o 'http://127.0.0.1:[0-9]*' ${name}.txt | head -1)`;
		const script = [
			`cd ${dir}`,
			`${node} convert supabase.json --out users.json --json > convert.json; echo "convert=$?"`,
			`${node} fix users.json --split 20kB > fix.txt; echo "fix=$?"`,
			mock('empty', ''),
			`${node} preflight users.fixed.manifest.json --api-url $empty; echo "preflight=$?"`,
			mock('project', '--import users.fixed.manifest.json'),
			`${node} verify users.fixed.manifest.json --api-url $project --deep; echo "verify=$?"`,
			'kill %1 %2',
			'sleep 60',
		].join('; ');
		session = startTmux(`migration-${process.pid}`, `bash -c "${script.replaceAll('"', '\\"').replaceAll('$', '\\$')}"`, 120, 40);
		const screen = await session.waitFor(/verify=\d/, 60_000);
		expect(screen).toContain('convert=0');
		expect(screen).toContain('fix=0');
		expect(screen).toContain('Nothing collides: Hanko will take the file as it is.');
		expect(screen).toContain('preflight=0');
		expect(screen).toContain('in the project as the file gave them: 500; missing: 0; different: 0');
		expect(screen).toContain('Every user arrived.');
		expect(screen).toContain('verify=0');
	}, 90_000);
});
