import {lstatSync, realpathSync, type Stats, statSync} from 'node:fs';
import path from 'node:path';

// Two output options naming one file (`--raw` and `--out`) would write over each other, however the names
// are spelled: relative or absolute, through a linked folder, in another case on a file system that
// ignores case. A run also writes beside its output (`<out>.partial`, `.checkpoint`, `.lock`), so a name
// that is one of those for the other clashes too.

const besides = ['', '.partial', '.checkpoint', '.lock'];

/** Where a path leads: the deepest folder on it that exists (its real path), and the names below it. */
type Place = {folder: string; folderStats: Stats; below: string[]};

/** Whether writing `a` and writing `b` (with the files each run writes beside them) would touch one file. */
export function sameTarget(a: string, b: string): boolean {
	const left = locate(a);
	const right = locate(b);
	return besides.some(leftSuffix => besides.some(rightSuffix => sameEntry(left, leftSuffix, right, rightSuffix)));
}

function sameEntry(left: Place, leftSuffix: string, right: Place, rightSuffix: string): boolean {
	const leftBelow = withSuffix(left.below, leftSuffix);
	const rightBelow = withSuffix(right.below, rightSuffix);
	// Both there: the file system says whether they are one (a link at the name itself is compared as
	// the link: an output replaces a link, it does not write through it)
	const leftStats = entryStats(left.folder, leftBelow);
	const rightStats = entryStats(right.folder, rightBelow);
	if (leftStats && rightStats) return leftStats.dev === rightStats.dev && leftStats.ino === rightStats.ino;
	if (left.folderStats.dev !== right.folderStats.dev || left.folderStats.ino !== right.folderStats.ino) return false;
	if (leftBelow.length !== rightBelow.length) return false;
	if (leftBelow.every((name, index) => name === rightBelow[index])) return true;
	// Names yet to be created, differing only in case, are one file where the file system ignores case
	if (!ignoresCase(left.folder, left.folderStats)) return false;
	return leftBelow.every((name, index) => fold(name) === fold(rightBelow[index]!));
}

function locate(file: string): Place {
	// Not path.resolve: it would take `link/..` as `.`, where the file system goes to the link's parent
	const absolute = path.isAbsolute(file) ? file : `${process.cwd()}${path.sep}${file}`;
	const {root} = path.parse(absolute);
	const names = absolute
		.slice(root.length)
		.split(path.sep === '/' ? '/' : /[/\\]/)
		.filter(name => name !== '' && name !== '.');
	// A path ending in `..` names a folder, no file an output could be: its spelling is all there is to go by
	if (names.at(-1) === '..') return locate(path.resolve(absolute));
	if (names.length === 0) names.push(''); // The root itself
	// The deepest existing folder holding the file; the name itself is never followed
	for (let depth = names.length - 1; depth >= 0; depth--) {
		const folder = root + names.slice(0, depth).join(path.sep);
		try {
			const real = realpathSync.native(folder);
			const folderStats = statSync(real);
			// Folders that do not exist yet cannot hold `..`: what remains is taken by its spelling
			const below = path.normalize(names.slice(depth).join(path.sep)).split(path.sep);
			return {folder: real, folderStats, below};
		} catch {}
	}

	throw new Error(`no folder of ${file} exists`); // The root at least always does
}

function entryStats(folder: string, below: string[]): Stats | undefined {
	try {
		return lstatSync(path.join(folder, ...below));
	} catch {
		return undefined;
	}
}

function withSuffix(below: string[], suffix: string): string[] {
	return suffix === '' ? below : [...below.slice(0, -1), `${below.at(-1)!}${suffix}`];
}

/**
 * Asks the file system: a folder on the way named in the other case leads to the same folder where case
 * is ignored. With no letter anywhere to try, the cautious answer is yes.
 */
function ignoresCase(folder: string, folderStats: Stats): boolean {
	let current = folder;
	let currentStats = folderStats;
	for (;;) {
		const name = path.basename(current);
		const swapped = swapCase(name);
		if (swapped !== name) {
			try {
				const other = lstatSync(path.join(path.dirname(current), swapped));
				return other.dev === currentStats.dev && other.ino === currentStats.ino;
			} catch {
				return false;
			}
		}

		const parent = path.dirname(current);
		if (parent === current) return true;
		current = parent;
		try {
			currentStats = lstatSync(current);
		} catch {
			return true;
		}
	}
}

function swapCase(text: string): string {
	return [...text].map(char => (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase())).join('');
}

function fold(name: string): string {
	return name.normalize('NFC').toLowerCase();
}
