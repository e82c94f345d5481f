import {readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {RecentFiles} from '../../../../source/ui/app/settings/recent-files.js';
import {useTempDir} from '../../../helpers/temp-dir.js';

describe('recent files', () => {
	const tempDir = useTempDir();

	it('keeps the newest first, without repeats, at most ten, across sessions', () => {
		const dir = tempDir();
		const recent = new RecentFiles(dir);
		expect(recent.list()).toEqual([]);
		for (let i = 0; i < 12; i++) recent.add(`/data/${i}.json`);
		recent.add('/data/5.json');
		expect(recent.list()).toEqual([
			'/data/5.json',
			'/data/11.json',
			'/data/10.json',
			'/data/9.json',
			'/data/8.json',
			'/data/7.json',
			'/data/6.json',
			'/data/4.json',
			'/data/3.json',
			'/data/2.json',
		]);
		recent.remove('/data/11.json');
		const again = new RecentFiles(dir);
		expect(again.list()).toEqual(recent.list());
		expect(again.list()).not.toContain('/data/11.json');
	});

	it('writes its settings file for the user only', () => {
		const dir = tempDir();
		new RecentFiles(dir).add('/data/a.json');
		const file = path.join(dir, 'config.json');
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({recent: ['/data/a.json']});
		expect(statSync(file).mode & 0o777).toBe(0o600);
	});

	it('starts empty when the settings file is damaged, rather than failing', () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, 'config.json'), '{"recent": [');
		const recent = new RecentFiles(dir);
		expect(recent.list()).toEqual([]);
		recent.add('/data/b.json');
		expect(recent.list()).toEqual(['/data/b.json']);
	});
});
