import {type Stats} from 'node:fs';
import {lstat, readdir, unlink} from 'node:fs/promises';
import path from 'node:path';
import {isProcessAlive} from './process-alive.js';
import {parseTemporaryName} from './temporary-name.js';

// A killed run leaves its AtomicFile temporaries beside the target (a signal handler removes them; a
// SIGKILL or a power cut does not). They are removed on a later run, but never one still being written:
// a name carrying a pid is removed only when that process is gone; an older name without one only when it
// has not changed for `maxAgeMs`.

export type LeftoverOptions = {
	/** Age after which an older temporary name (without a pid) counts as left over. An hour by default. */
	maxAgeMs?: number;
	/** The time to judge age against, in ms since the epoch. */
	now?: number;
};

/** Removes the leftover temporary files of `target`; returns their paths. Links and other files are left. */
export async function removeLeftoverTemps(
	target: string,
	{maxAgeMs = 60 * 60 * 1000, now = Date.now()}: LeftoverOptions = {},
): Promise<string[]> {
	const folder = path.dirname(target);
	const base = path.basename(target);
	let names: string[];
	try {
		names = await readdir(folder);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}

	const removed: string[] = [];
	for (const name of names) {
		const parsed = parseTemporaryName(name, base);
		if (!parsed) continue;
		const file = path.join(folder, name);
		let stats: Stats;
		try {
			stats = await lstat(file);
		} catch {
			continue; // Gone already
		}

		// A link or anything but a regular file under such a name is not ours to remove
		if (!stats.isFile()) continue;
		const leftOver = parsed.pid === undefined ? now - stats.mtimeMs >= maxAgeMs : !isProcessAlive(parsed.pid);
		if (!leftOver) continue;
		try {
			// Unlink removes the name, never what a link there would point to

			await unlink(file);
			removed.push(file);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
	}

	return removed;
}
