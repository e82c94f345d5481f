import {chmodSync, chownSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {Settings} from '../../../../source/ui/app/settings/settings.js';
import {useTempDir} from '../../../helpers/temp-dir.js';

const url = 'https://example.hanko.io/admin';
const mode = (file: string) => statSync(file).mode & 0o777;

describe('Settings', () => {
	const temp = useTempDir();

	it('remembers the API URL and the Hanko version between runs', () => {
		new Settings(temp()).set('hankoVersion', '2.7');
		new Settings(temp()).set('apiUrl', url);
		const again = new Settings(temp());
		expect([again.get('hankoVersion'), again.get('apiUrl')]).toEqual(['2.7', url]);
	});

	it('reads nothing from a damaged settings file, without failing', () => {
		writeFileSync(path.join(temp(), 'config.json'), '{not json');
		expect(new Settings(temp()).get('hankoVersion')).toBe('');
	});

	describe('under umask 000', () => {
		let previous: number;
		beforeEach(() => {
			previous = process.umask(0);
		});
		afterEach(() => {
			process.umask(previous);
		});

		it('creates its folders 0700 and its file 0600, and leaves the umask as it was', () => {
			const dir = path.join(temp(), 'config', 'hanko-tui');
			const settings = new Settings(dir);
			settings.set('apiUrl', url);
			expect(process.umask()).toBe(0);
			expect([mode(path.join(temp(), 'config')), mode(dir), mode(path.join(dir, 'config.json'))]).toEqual([0o700, 0o700, 0o600]);
			expect(new Settings(dir).get('apiUrl')).toBe(url);
		});

		it("makes a readable folder and file the user's alone, and still believes them", () => {
			const dir = path.join(temp(), 'hanko-tui');
			new Settings(dir).set('apiUrl', url);
			chmodSync(dir, 0o755);
			chmodSync(path.join(dir, 'config.json'), 0o644);
			expect(new Settings(dir).get('apiUrl')).toBe(url);
			expect([mode(dir), mode(path.join(dir, 'config.json'))]).toEqual([0o700, 0o600]);
		});

		it('leaves a stricter mode the user chose', () => {
			const dir = path.join(temp(), 'hanko-tui');
			new Settings(dir).set('apiUrl', url);
			chmodSync(path.join(dir, 'config.json'), 0o400);
			expect(new Settings(dir).get('apiUrl')).toBe(url);
			expect(mode(path.join(dir, 'config.json'))).toBe(0o400);
		});

		for (const [what, loosen] of [
			['a folder others may write to', (dir: string) => chmodSync(dir, 0o777)],
			['a folder the group may write to', (dir: string) => chmodSync(dir, 0o770)],
			['a file others may write to', (dir: string) => chmodSync(path.join(dir, 'config.json'), 0o646)],
			['a file the group may write to', (dir: string) => chmodSync(path.join(dir, 'config.json'), 0o620)],
		] as const) {
			it(`ignores the remembered URL in ${what}, then makes it private and forgets the URL`, () => {
				const dir = path.join(temp(), 'hanko-tui');
				const first = new Settings(dir);
				first.set('apiUrl', url);
				first.set('hankoVersion', '2.7');
				loosen(dir);
				const doubtful = new Settings(dir);
				expect(doubtful.get('apiUrl')).toBe('');
				expect(doubtful.get('hankoVersion')).toBe('2.7');
				expect([mode(dir), mode(path.join(dir, 'config.json'))]).toEqual([0o700, 0o600]);
				// The doubtful URL is gone for good; one the user gives now is believed
				const later = new Settings(dir);
				expect(later.get('apiUrl')).toBe('');
				later.set('apiUrl', 'https://mine.example/admin');
				expect(new Settings(dir).get('apiUrl')).toBe('https://mine.example/admin');
			});
		}
	});

	it.runIf(process.getuid?.() === 0)('ignores the remembered URL in a file another user owns, and leaves that file alone', () => {
		const dir = path.join(temp(), 'hanko-tui');
		mkdirSync(dir, {mode: 0o700});
		const file = path.join(dir, 'config.json');
		writeFileSync(file, JSON.stringify({apiUrl: 'https://attacker.example/admin'}), {mode: 0o600});
		chownSync(file, 12_345, 12_345);
		expect(new Settings(dir).get('apiUrl')).toBe('');
		expect(statSync(file).uid).toBe(12_345);
		expect(readFileSync(file, 'utf8')).toContain('attacker');
		chownSync(dir, 12_345, 12_345);
		chownSync(file, 0, 0);
		expect(new Settings(dir).get('apiUrl')).toBe(''); // The folder's owner could have replaced it
	});
});
