import {chmodSync, type Stats, statSync} from 'node:fs';
import path from 'node:path';

// The settings remember the Admin API URL, which fills the export form where the API key is sent. Whoever
// can change that file can send the key to their own server; so the folder and file are the user's alone,
// and a remembered URL is believed only when no one else could have written it.

const uid = process.getuid?.();

/**
 * Runs `work` with group and others masked out of the umask, so the folders and files it creates are the
 * user's alone whatever the umask was (000 included). Synchronous work only: the umask is the process's.
 */
export function withPrivateUmask<T>(work: () => T): T {
	let previous: number;
	try {
		previous = process.umask(0o077);
		process.umask(previous | 0o077);
	} catch {
		return work(); // A worker thread may not set it; the modes are corrected afterwards
	}

	try {
		return work();
	} finally {
		process.umask(previous);
	}
}

/**
 * Whether no one but the user (or root) could have written the settings file: neither it nor its folder
 * belongs to another user or is writable by group or others. A missing file holds nothing to doubt.
 */
export function settingsTrusted(file: string): boolean {
	if (uid === undefined) return true; // Windows: no owners or modes to judge by
	try {
		if (!trustworthy(statSync(path.dirname(file)))) return false;
	} catch {
		return false;
	}

	try {
		return trustworthy(statSync(file));
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT';
	}
}

function trustworthy(stats: Stats): boolean {
	return (stats.uid === uid || stats.uid === 0) && (stats.mode & 0o022) === 0;
}

/**
 * Takes group and others' access away from the settings folder (0700) and file (0600) where the user owns
 * them. Returns whether both are now the user's alone.
 */
export function makeSettingsPrivate(file: string): boolean {
	if (uid === undefined) return true;
	return makePrivate(path.dirname(file), 0o700) && makePrivate(file, 0o600);
}

function makePrivate(file: string, mode: number): boolean {
	let stats: Stats;
	try {
		stats = statSync(file);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT';
	}

	if (stats.uid !== uid) return false;
	// Only group and others' access is taken away: a stricter mode the user chose stays
	if ((stats.mode & 0o077) === 0) return true;
	try {
		chmodSync(file, mode);
		return true;
	} catch {
		return false;
	}
}
