import {statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openSettingsStore} from '../../../../source/ui/app/settings/settings-store.js';
import {useTempDir} from '../../../helpers/temp-dir.js';

describe('settings store', () => {
	const temp = useTempDir();

	it('keeps the recent files and the settings in one private file, read again by the next session', () => {
		const first = openSettingsStore(temp());
		first.recent.add('/data/a.json');
		first.settings.set('apiUrl', 'https://example.hanko.io/admin');
		const again = openSettingsStore(temp());
		expect(again.recent.list()).toEqual(['/data/a.json']);
		expect(again.settings.get('apiUrl')).toBe('https://example.hanko.io/admin');
		expect(statSync(path.join(temp(), 'config.json')).mode & 0o077).toBe(0);
	});
});
