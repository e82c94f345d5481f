import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {collectGarbage} from '../engine/collect-garbage.js';
import {describeIoError} from '../engine/read-batches.js';
import {type FirebaseHashConfig, parseFirebaseHashConfig} from './providers/firebase-hash-config.js';
import {type PasswordExport, readPasswordExport} from './providers/password-export.js';

// The files given beside an export: Auth0's password export, Firebase's hash config. Both hold
// secrets: a fault names the file, never what it holds.

export type BesideFiles = {passwords?: string; hashConfig?: string};

async function readBeside<T>(file: string, cwd: string, read: (resolved: string) => Promise<T>): Promise<T> {
	try {
		return await read(path.resolve(cwd, file));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new Error(`${file}: ${code ? describeIoError(error) : (error as Error).message}`);
	}
}

/** Reads the files given (paths relative to `cwd`); a cancel stops reading a large password export. */
export async function readBesideFiles(
	files: BesideFiles,
	{cwd = process.cwd(), signal}: {cwd?: string; signal?: AbortSignal} = {},
): Promise<{passwords?: PasswordExport; hashConfig?: FirebaseHashConfig}> {
	const passwords =
		files.passwords === undefined ? undefined : await readBeside(files.passwords, cwd, async file => readPasswordExport(file, signal));
	const hashConfig =
		files.hashConfig === undefined
			? undefined
			: await readBeside(files.hashConfig, cwd, async file => parseFirebaseHashConfig(await readFile(file, 'utf8')));
	// Reading a million hashes leaves the file's chunks and the table's smaller sizes behind: gone
	// before the conversion's threads start, their memory is theirs to use
	if (passwords) collectGarbage();
	return {passwords, hashConfig};
}
