import {constants} from 'node:fs';
import {access, readdir, stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';

// What a path field needs: the typed text read as a shell would read it, Tab completion of file names
// (the home screen's path input, the export and convert forms), and a check of the typed path before a
// run starts on it. No React or Ink import: tested on a temp folder.

/**
 * A path as typed or pasted, read as a shell reads one word: `'/tmp/my file.json'`, `"/tmp/a b.json"`
 * and `/tmp/my\ file.json` are all `/tmp/my file.json` (a path copied from a shell or a file manager
 * comes quoted). Inside double quotes a backslash escapes only `"`, `\`, `$` and `` ` ``, as in sh; a
 * quote left open (a path still being typed) closes at the end. Spaces around the path are dropped;
 * `~` is left for `resolveTyped`.
 */
export function unquotePath(text: string): string {
	let out = '';
	let quote: "'" | '"' | undefined;
	const chars = [...text.trim()];
	for (let index = 0; index < chars.length; index++) {
		const char = chars[index]!;
		if (quote === "'") {
			if (char === "'") quote = undefined;
			else out += char;
		} else if (quote === '"') {
			if (char === '"') quote = undefined;
			else if (char === '\\' && index + 1 < chars.length && '"\\$`'.includes(chars[index + 1]!)) out += chars[++index];
			else out += char;
		} else if (char === "'" || char === '"') {
			quote = char;
		} else if (char === '\\' && index + 1 < chars.length) {
			out += chars[++index];
		} else {
			out += char;
		}
	}

	return out;
}

/** `~` and `~/x` mean the home folder, as in a shell; anything else is resolved against `cwd`. */
export function resolveTyped(typed: string, cwd: string, home = homedir()): string {
	if (typed === '~') return home;
	if (typed.startsWith('~/')) return path.join(home, typed.slice(2));
	return path.resolve(cwd, typed);
}

/** A path for display: the home folder shortened to `~`. */
export function shortPath(file: string, home = homedir()): string {
	return file === home || file.startsWith(`${home}${path.sep}`) ? `~${file.slice(home.length)}` : file;
}

export type Completion = {
	/** The input after Tab: the one match, or the matches' longest common beginning. */
	value: string;
	/** Every match (folders end with `/`) when there is more than one. */
	candidates: string[];
};

function commonPrefix(names: readonly string[]): string {
	let prefix = names[0] ?? '';
	for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
	return prefix;
}

/**
 * Tab completion as a shell does it: the typed text is kept as typed (`~`, relative), the last part is
 * completed from its folder's entries. Hidden entries are offered only when the part starts with `.`.
 */
export async function completePath(typed: string, cwd: string, home = homedir()): Promise<Completion> {
	if (typed === '~') return {value: '~/', candidates: []};
	const slash = typed.lastIndexOf('/');
	const folderPart = slash === -1 ? '' : typed.slice(0, slash + 1);
	const namePart = typed.slice(slash + 1);
	const folder = resolveTyped(folderPart === '' ? '.' : folderPart, cwd, home);
	let entries;
	try {
		entries = await readdir(folder, {withFileTypes: true});
	} catch {
		return {value: typed, candidates: []};
	}

	const named = entries.filter(entry => entry.name.startsWith(namePart) && (namePart.startsWith('.') || !entry.name.startsWith('.')));
	const matches = await Promise.all(
		named.map(async entry => {
			// A link to a folder completes like a folder
			const isFolder =
				entry.isDirectory() ||
				(entry.isSymbolicLink() &&
					(await stat(path.join(folder, entry.name)).then(
						info => info.isDirectory(),
						() => false,
					)));
			return isFolder ? `${entry.name}/` : entry.name;
		}),
	);
	matches.sort((a, b) => a.localeCompare(b));
	if (matches.length === 0) return {value: typed, candidates: []};
	if (matches.length === 1) return {value: folderPart + matches[0]!, candidates: []};
	return {value: folderPart + commonPrefix(matches), candidates: matches};
}

export type CheckedPath = {file: string} | {error: string};

/** The typed path as a file to check, or a one-line reason it is not one. */
export async function checkTyped(typed: string, cwd: string, home = homedir()): Promise<CheckedPath> {
	if (typed.trim() === '') return {error: 'type the path of a file (Tab completes)'};
	const file = resolveTyped(typed, cwd, home);
	try {
		const info = await stat(file);
		if (info.isDirectory()) return {error: `${typed} is a folder: type a file in it (Tab completes)`};
		await access(file, constants.R_OK);
		return {file};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return {error: `no such file: ${typed}`};
		if (code === 'EACCES') return {error: `not allowed to read ${typed}`};
		return {error: `cannot open ${typed} (${code ?? 'unknown error'})`};
	}
}
