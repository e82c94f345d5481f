import path from 'node:path';
import {realpathSync} from 'node:fs';
import {stat} from 'node:fs/promises';
import {sameTarget} from '../files/same-file.js';
import type {ConvertFiles} from './convert-files.js';

// The outputs of a conversion are checked before anything is read: the export is never overwritten,
// and no output may be another one or something that cannot be replaced.

/**
 * Refuses output paths that would overwrite the export or a file given beside it, or each other:
 * the source is never changed.
 */
export function checkConvertPaths(source: string, files: ConvertFiles, beside: readonly string[] = []): void {
	const inputs = [source, ...beside];
	const outputs: Array<[string, string]> = [
		['--out', files.out],
		['--rejects', files.rejects],
		['--map', files.map],
		...(files.profile === undefined ? [] : [['--profile', files.profile] as [string, string]]),
	];
	for (const [flag, file] of outputs) {
		if (inputs.some(input => sameFile(input, file)))
			throw new Error(`${file}: ${flag} names a file the conversion reads: the export and the files beside it are never overwritten`);
		const same = outputs.find(([other, next]) => other !== flag && sameFile(next, file));
		if (same) throw new Error(`${file}: ${flag} and ${same[0]} name the same file`);
	}
}

/**
 * One file under two names: through links in its folders or at its name (real paths), or as a hard
 * link (device and inode).
 */
function sameFile(a: string, b: string): boolean {
	return realPath(a) === realPath(b) || sameTarget(a, b);
}

/** Where a path really leads, through links in its folders and in itself, whether or not it exists yet. */
function realPath(file: string): string {
	const absolute = path.resolve(file);
	try {
		return realpathSync(absolute);
	} catch {
		try {
			return path.join(realpathSync(path.dirname(absolute)), path.basename(absolute));
		} catch {
			return absolute;
		}
	}
}

/** The outputs must be files that can be replaced, in folders that exist. */
export async function checkTargets(files: ConvertFiles): Promise<void> {
	for (const target of [files.out, files.rejects, files.map, ...(files.profile === undefined ? [] : [files.profile])]) {
		const found = await stat(target).catch(() => undefined);
		if (found?.isDirectory()) throw new Error(`${target}: is a directory, not a file: name the output file`);
		const folder = await stat(path.dirname(path.resolve(target))).catch(() => undefined);
		if (!folder?.isDirectory()) throw new Error(`${target}: the folder ${path.dirname(path.resolve(target))} does not exist`);
	}
}
