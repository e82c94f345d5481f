import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {checkTyped, completePath, resolveTyped, shortPath, unquotePath} from '../../../source/ui/kit/file-paths.js';
import {useTempDir} from '../../helpers/temp-dir.js';

describe('file paths for the home screen', () => {
	const tempDir = useTempDir();
	function tree(): string {
		const root = tempDir();
		mkdirSync(path.join(root, 'exports'));
		mkdirSync(path.join(root, 'exports', 'march'));
		writeFileSync(path.join(root, 'exports', 'users-2026.json'), '[]');
		writeFileSync(path.join(root, 'exports', 'users-2025.ndjson'), '');
		writeFileSync(path.join(root, 'exports', '.hidden.json'), '[]');
		writeFileSync(path.join(root, 'single.json.gz'), '');
		symlinkSync(path.join(root, 'exports'), path.join(root, 'linked'));
		return root;
	}

	it('completes the one match, and a folder with a slash', async () => {
		const root = tree();
		expect(await completePath('sin', root)).toEqual({value: 'single.json.gz', candidates: []});
		expect(await completePath('exp', root)).toEqual({value: 'exports/', candidates: []});
		expect(await completePath('exports/m', root)).toEqual({value: 'exports/march/', candidates: []});
		expect(await completePath('lin', root)).toEqual({value: 'linked/', candidates: []});
	});

	it('completes several matches to their common beginning and lists them', async () => {
		const root = tree();
		expect(await completePath('exports/u', root)).toEqual({
			value: 'exports/users-202',
			candidates: ['users-2025.ndjson', 'users-2026.json'],
		});
		expect(await completePath('exports/', root)).toEqual({
			value: 'exports/',
			candidates: ['march/', 'users-2025.ndjson', 'users-2026.json'],
		});
	});

	it('offers hidden names only when asked for with a dot', async () => {
		const root = tree();
		expect((await completePath('exports/', root)).candidates).not.toContain('.hidden.json');
		expect(await completePath('exports/.h', root)).toEqual({value: 'exports/.hidden.json', candidates: []});
	});

	it('keeps the text when nothing matches or the folder does not exist', async () => {
		const root = tree();
		expect(await completePath('nope', root)).toEqual({value: 'nope', candidates: []});
		expect(await completePath('missing/x', root)).toEqual({value: 'missing/x', candidates: []});
	});

	it('reads ~ as the home folder and keeps it as typed', async () => {
		const root = tree();
		expect(await completePath('~/exports/users-2026', '/', root)).toEqual({value: '~/exports/users-2026.json', candidates: []});
		expect(await completePath('~', '/', root)).toEqual({value: '~/', candidates: []});
		expect(resolveTyped('~/a.json', '/x', '/home/ann')).toBe('/home/ann/a.json');
		expect(resolveTyped('a.json', '/x', '/home/ann')).toBe('/x/a.json');
		expect(shortPath('/home/ann/a.json', '/home/ann')).toBe('~/a.json');
		expect(shortPath('/home/anna/a.json', '/home/ann')).toBe('/home/anna/a.json');
	});

	it('checks a typed path: a file opens, anything else says why in one line', async () => {
		const root = tree();
		expect(await checkTyped('exports/users-2026.json', root)).toEqual({file: path.join(root, 'exports', 'users-2026.json')});
		expect(await checkTyped('exports', root)).toEqual({error: 'exports is a folder: type a file in it (Tab completes)'});
		expect(await checkTyped('gone.json', root)).toEqual({error: 'no such file: gone.json'});
		expect(await checkTyped('  ', root)).toEqual({error: 'type the path of a file (Tab completes)'});
	});

	it('reads a typed or pasted path as a shell reads one word: quotes, backslash escapes, spaces around', () => {
		expect(unquotePath("'/tmp/my file.json'")).toBe('/tmp/my file.json');
		expect(unquotePath('"/tmp/a b.json"')).toBe('/tmp/a b.json');
		expect(unquotePath('/tmp/my\\ file.json')).toBe('/tmp/my file.json');
		expect(unquotePath('  ~/x.json ')).toBe('~/x.json');
		expect(unquotePath('/tmp/plain.json')).toBe('/tmp/plain.json');
		// As in sh: inside single quotes a backslash is itself, inside double quotes it escapes " \\ $ ` only
		expect(unquotePath("'a\\b'")).toBe('a\\b');
		expect(unquotePath('"a\\"b\\c"')).toBe('a"b\\c');
		expect(unquotePath("it\\'s'  'here")).toBe("it's  here");
		// A quote still open (the path is being typed) ends with the text; so does a trailing backslash
		expect(unquotePath("'/tmp/my fi")).toBe('/tmp/my fi');
		expect(unquotePath('a\\')).toBe('a\\');
		expect(unquotePath("'/tmp/日本 😀.json'")).toBe('/tmp/日本 😀.json');
	});
});
