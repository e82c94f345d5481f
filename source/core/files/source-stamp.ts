import {type BigIntStats, statSync} from 'node:fs';
import {sourcePath} from './input-stream.js';

// What says that a file is still the one that was read: its device, inode, size and time of last
// change, taken before reading it. `fix` copies the groups of records it has nothing to change as the
// bytes between two checkpoints, without framing them again; framing again is what found a file
// changed in place between the check and the write (records merged or split keep a checkpoint's
// bytes where they were). Those bytes are trusted only when the file is provably the one checked.

export type SourceStamp = {dev: bigint; ino: bigint; size: bigint; mtimeNs: bigint; takenAtNs: bigint};

/**
 * A file changed this long before it was read may have been changed again after, with the same time
 * of change: file systems keep it to 2 s at worst (FAT), 1 s or 1 ns on most. Such a file is framed again.
 */
const settledNs = 2_000_000_000n;

/** The stamp of a regular file as it is now, or undefined (not a regular file, or not there). */
export function stampOf(file: string): SourceStamp | undefined {
	const takenAtNs = BigInt(Date.now()) * 1_000_000n;
	try {
		const found = statSync(sourcePath(file), {bigint: true});
		return found.isFile() ? fromStats(found, takenAtNs) : undefined;
	} catch {
		return undefined;
	}
}

function fromStats(found: BigIntStats, takenAtNs: bigint): SourceStamp {
	return {dev: found.dev, ino: found.ino, size: found.size, mtimeNs: found.mtimeNs, takenAtNs};
}

/**
 * Whether the file open as `now` is the one stamped, unchanged since: the same device, inode, size and
 * time of change, which was at least 2 s before the stamp was taken (a change after it then has
 * another time).
 */
export function unchangedSince(stamp: SourceStamp | undefined, now: BigIntStats): boolean {
	if (!stamp || !now.isFile()) return false;
	if (stamp.mtimeNs > stamp.takenAtNs - settledNs) return false;
	return now.dev === stamp.dev && now.ino === stamp.ino && now.size === stamp.size && now.mtimeNs === stamp.mtimeNs;
}
