import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Settings} from '../../source/ui/settings.js';
import {useTempDir} from '../helpers/temp-dir.js';

describe('Settings', () => {
	const temp = useTempDir();

	it('remembers the API URL and the Hanko version between runs', () => {
		new Settings(temp()).set('hankoVersion', '2.7');
		new Settings(temp()).set('apiUrl', 'https://example.hanko.io/admin');
		const again = new Settings(temp());
		expect([again.get('hankoVersion'), again.get('apiUrl')]).toEqual(['2.7', 'https://example.hanko.io/admin']);
	});

	it('reads nothing from a damaged settings file, without failing', () => {
		writeFileSync(path.join(temp(), 'config.json'), '{not json');
		expect(new Settings(temp()).get('hankoVersion')).toBe('');
	});
});
