import {existsSync, linkSync, mkdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {sameTarget} from '../../../source/core/files/same-file.js';
import {useTempDir} from '../../helpers/temp-dir.js';

describe('sameTarget', () => {
	const temp = useTempDir();
	const at = (...names: string[]) => path.join(temp(), ...names);

	it('sees one file however it is spelled, whether it exists yet or not', () => {
		for (const exists of [false, true]) {
			mkdirSync(at('sub'), {recursive: true});
			if (exists) writeFileSync(at('users.json'), '');
			const file = at('users.json');
			expect(sameTarget(file, file)).toBe(true);
			expect(sameTarget(file, path.relative(process.cwd(), file))).toBe(true);
			expect(sameTarget(file, `${temp()}/./sub/../users.json`)).toBe(true);
			expect(sameTarget(file, `${temp()}//users.json`)).toBe(true);
		}
	});

	it('tells different files apart', () => {
		writeFileSync(at('a.json'), '');
		for (const [left, right] of [
			['a.json', 'b.json'],
			['a.json', 'a.json.bak'],
			['a.json', 'sub/a.json'],
			['x.json', 'y.json'],
		])
			expect(sameTarget(at(left!), at(right!)), `${left} ${right}`).toBe(false);
	});

	it('sees a file the other run writes beside its output: partial, checkpoint, lock', () => {
		for (const suffix of ['.partial', '.checkpoint', '.lock']) {
			expect(sameTarget(at('users.json'), at(`users.json${suffix}`))).toBe(true);
			expect(sameTarget(at(`users.json${suffix}`), at('users.json'))).toBe(true);
		}

		writeFileSync(at('users.json.partial'), '');
		expect(sameTarget(at('users.json.partial'), at('users.json'))).toBe(true);
	});

	it('follows linked folders on the way, and goes up from a link as the file system does', () => {
		mkdirSync(at('real', 'deep'), {recursive: true});
		symlinkSync(at('real'), at('link'));
		symlinkSync(at('real', 'deep'), at('deep-link'));
		expect(sameTarget(at('link', 'users.json'), at('real', 'users.json'))).toBe(true);
		// `deep-link/..` is real/, not the temporary folder the spelling suggests
		expect(sameTarget(`${at('deep-link')}/../users.json`, at('real', 'users.json'))).toBe(true);
		expect(sameTarget(`${at('deep-link')}/../users.json`, at('users.json'))).toBe(false);
	});

	it('compares folders yet to be created by their spelling below the deepest one that exists', () => {
		symlinkSync(temp(), at('here'));
		expect(sameTarget(at('new', 'deeper', 'users.json'), at('here', 'new', '.', 'deeper', 'users.json'))).toBe(true);
		expect(sameTarget(at('new', 'deeper', 'users.json'), at('new', 'other', 'users.json'))).toBe(false);
	});

	it('takes a link at the name itself as the link: the output replaces it and never writes through it', () => {
		writeFileSync(at('real.json'), '');
		symlinkSync(at('real.json'), at('link.json'));
		expect(sameTarget(at('link.json'), at('real.json'))).toBe(false);
	});

	it('takes two names of one file (a hard link) as the same', () => {
		writeFileSync(at('a.json'), '');
		linkSync(at('a.json'), at('b.json'));
		expect(sameTarget(at('a.json'), at('b.json'))).toBe(true);
	});

	it('sees names differing in case as one file exactly where the file system ignores case', () => {
		writeFileSync(at('probe'), '');
		const ignoresCase = existsSync(at('PROBE'));
		rmSync(at('probe'));
		expect(sameTarget(at('Users.json'), at('users.json'))).toBe(ignoresCase);
		expect(sameTarget(at('New', 'Users.json'), at('new', 'users.json'))).toBe(ignoresCase);
		writeFileSync(at('Users.json'), '');
		expect(sameTarget(at('Users.json'), at('users.json'))).toBe(ignoresCase);
	});
});
