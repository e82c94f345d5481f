import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';

/** A fresh temporary folder per test, removed afterwards. */
export function useTempDir(): () => string {
	let dir: string | undefined;
	afterEach(() => {
		if (dir) rmSync(dir, {recursive: true, force: true});
		dir = undefined;
	});
	return () => {
		dir ??= mkdtempSync(path.join(tmpdir(), 'hanko-tui-test-'));
		return dir;
	};
}
