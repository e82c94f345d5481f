import {execFileSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from './helpers/temp-dir.js';

describe('the npm package', () => {
	const temp = useTempDir();

	it('installs from its tarball into an empty folder and runs there', () => {
		const dir = temp();
		const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {engines: {node: string}; bin: Record<string, string>};
		expect(manifest.engines.node).toBe('>=20.18.1');
		expect(manifest.bin['hanko-tui']).toBe('dist/cli.js');
		const packed = execFileSync('npm', ['pack', '--pack-destination', dir, '--json'], {encoding: 'utf8'});
		const [{filename, files}] = JSON.parse(packed) as [{filename: string; files: Array<{path: string}>}];
		const paths = files.map(file => file.path);
		expect(paths).toContain('dist/cli.js');
		expect(paths).toContain('dist/core/engine/checker-worker.js');
		expect(paths.some(file => file.startsWith('source/') || file.startsWith('test/'))).toBe(false);

		const project = path.join(dir, 'project');
		execFileSync('mkdir', ['-p', project]);
		writeFileSync(path.join(project, 'package.json'), '{"name": "try-hanko-tui", "private": true}');
		execFileSync('npm', ['install', '--no-audit', '--no-fund', path.join(dir, filename)], {cwd: project, encoding: 'utf8'});
		const help = execFileSync('npx', ['--no-install', 'hanko-tui', '--help'], {cwd: project, encoding: 'utf8'});
		expect(help).toContain('hanko-tui validate <file>');
		const report = execFileSync('npx', ['--no-install', 'hanko-tui', 'validate', path.resolve('fixtures/valid.json'), '--json'], {
			cwd: project,
			encoding: 'utf8',
		});
		expect(JSON.parse(report)).toMatchObject({records: 4, valid: 4});
	}, 180_000);
});
