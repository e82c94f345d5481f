import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultConvertFiles} from '../../../source/core/convert/convert-files.js';
import {checkConvertPaths, checkTargets} from '../../../source/core/convert/convert-paths.js';
import {useTempDir} from '../../helpers/temp-dir.js';

describe('convert paths', () => {
	const temp = useTempDir();

	it('names the outputs beside the source, or after --out', () => {
		expect(defaultConvertFiles('/x/users.json.gz')).toEqual({
			out: '/x/users.hanko.json',
			rejects: '/x/users.hanko.rejects.ndjson',
			map: '/x/users.hanko.id-map.csv',
		});
		expect(defaultConvertFiles('/x/users.csv', '/y/out.json')).toEqual({
			out: '/y/out.json',
			rejects: '/y/out.rejects.ndjson',
			map: '/y/out.id-map.csv',
		});
	});

	it('never writes over the source or a file beside it, even through a link, nor one output over another', () => {
		const dir = temp();
		const source = path.join(dir, 'users.json');
		writeFileSync(source, '[]');
		const linked = path.join(dir, 'linked');
		symlinkSync(dir, linked);
		const files = defaultConvertFiles(source);
		expect(() => checkConvertPaths(source, files)).not.toThrow();
		expect(() => checkConvertPaths(source, {...files, out: path.join(linked, 'users.json')})).toThrow(
			'--out names a file the conversion reads',
		);
		expect(() =>
			checkConvertPaths(source, {...files, map: path.join(dir, 'passwords.json')}, [path.join(dir, 'passwords.json')]),
		).toThrow('--map names a file the conversion reads');
		expect(() => checkConvertPaths(source, {...files, rejects: files.map})).toThrow('--rejects and --map name the same file');
	});

	it('wants files that can be replaced, in folders that exist', async () => {
		const dir = temp();
		const files = defaultConvertFiles(path.join(dir, 'users.json'));
		await expect(checkTargets(files)).resolves.toBeUndefined();
		mkdirSync(files.out);
		await expect(checkTargets(files)).rejects.toThrow('is a directory, not a file');
		await expect(checkTargets({...files, out: path.join(dir, 'missing', 'out.json')})).rejects.toThrow('does not exist');
	});
});
