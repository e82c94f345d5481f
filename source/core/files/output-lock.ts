import {randomBytes} from 'node:crypto';
import {closeSync, constants, fstatSync, openSync, readFileSync, unlinkSync} from 'node:fs';
import {link, lstat, open, rename, unlink, writeFile} from 'node:fs/promises';
import {hostname} from 'node:os';
import {OneLineError} from './one-line-error.js';
import {PrivateFileError, readPrivateFile} from './open-private-file.js';
import {isProcessAlive} from './process-alive.js';
import {temporaryPathFor} from './temporary-name.js';

// Two runs on one `--out` would append to the same partial file and replace each other's checkpoint.
// `<out>.lock` says who writes it: {pid, host, startedAt, nonce}. A lock whose process is gone (killed,
// machine restarted) is stale and taken over; one from another machine cannot be judged, so it is obeyed.

/** The output is locked by a run that may still be going, or the lock cannot be taken. One line. */
export class OutputLockError extends OneLineError {}

type Owner = {pid: number; host: string; startedAt: string};

/** Identifies the thing at a name: the same inode holding the same text. */
type Identity = {dev: number; ino: number; text: string | undefined};

type Found =
	| {kind: 'missing'}
	| {kind: 'held'; owner: Owner; ours: boolean}
	| {kind: 'elsewhere'; owner: Owner}
	| {kind: 'folder'}
	| {kind: 'stale'; identity: Identity};

const noFollow = constants.O_NOFOLLOW ?? 0;
const noBlock = constants.O_NONBLOCK ?? 0;

// Hard links are how a lock appears whole; where the file system has none, it is written in place
const noHardLinks = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

const attempts = 8;

/** Locks this process holds, for `releaseAllSync` when it ends. */
const held = new Set<OutputLock>();
/** The text of every lock this process holds or is taking: a lock with our pid is ours only if listed here. */
const claimed = new Set<string>();
let exitHook = false;

export class OutputLock {
	/** Removes every lock this process still holds; for an exit or signal handler, so synchronous. */
	static releaseAllSync(): void {
		for (const lock of held) {
			try {
				if (readLockSync(lock.file) === lock.text) unlinkSync(lock.file);
			} catch {}

			claimed.delete(lock.text);
		}

		held.clear();
	}

	/** `text` is what the lock file holds while it is this lock. */
	private constructor(
		readonly file: string,
		readonly text: string,
	) {}

	/** Takes `<out>.lock`, or throws OutputLockError naming the run that holds it. */
	static async acquire(out: string): Promise<OutputLock> {
		const file = `${out}.lock`;
		// The nonce tells apart two locks this process takes in the same millisecond
		const text = `${JSON.stringify({pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), nonce: randomBytes(6).toString('hex')})}\n`;
		claimed.add(text);
		try {
			return await OutputLock.take(out, file, text);
		} catch (error) {
			claimed.delete(text);
			throw error;
		}
	}

	private static async take(out: string, file: string, text: string): Promise<OutputLock> {
		for (let attempt = 0; attempt < attempts; attempt++) {
			if (await createExclusively(file, text)) {
				const lock = new OutputLock(file, text);
				hold(lock);
				return lock;
			}

			const found = await inspect(file);
			switch (found.kind) {
				case 'held': {
					const {pid, startedAt} = found.owner;
					if (found.ours) throw new OutputLockError(`${out} is already being written by this run (${file})`);
					throw new OutputLockError(
						`${out} is being written by another run (pid ${pid}, started ${startedAt}): wait for it to end or stop it; if no such run exists, remove ${file}`,
					);
				}

				case 'elsewhere': {
					const {pid, host, startedAt} = found.owner;
					throw new OutputLockError(
						`${out} is locked by a run on ${host} (pid ${pid}, started ${startedAt}), which cannot be checked from here: if it has ended, remove ${file}`,
					);
				}

				case 'folder': {
					throw new OutputLockError(`${file} is a folder, not a lock: remove it`);
				}

				case 'stale': {
					await takeOver(file, found.identity);
					break;
				}

				case 'missing': {
					break; // Removed since: try again
				}
			}
		}

		throw new OutputLockError(`${file} keeps changing (another run starting?): try again`);
	}

	/** Removes the lock, only if it is still this one (never a lock another run has taken since). */
	async release(): Promise<void> {
		if (!held.delete(this)) return;
		const text = await readPrivateFile(this.file, {maxBytes: 4096}).catch(() => undefined);
		if (text === this.text) await unlink(this.file).catch(() => undefined);
		claimed.delete(this.text);
	}
}

function hold(lock: OutputLock): void {
	held.add(lock);
	if (exitHook) return;
	exitHook = true;
	// 'exit' listeners run on a normal end and on process.exit (a signal handler's too)
	process.on('exit', () => OutputLock.releaseAllSync());
}

/**
 * Creates the lock only if there is none, and whole: written to a temporary name first, then hard-linked
 * to the lock's name, which fails when the name is taken (by anything: a link there is not followed).
 * A run reading the lock never sees it half-written.
 */
async function createExclusively(file: string, text: string): Promise<boolean> {
	const temporary = temporaryPathFor(file);
	await writeFile(temporary, text, {flag: 'wx', mode: 0o600}).catch((error: unknown) => {
		throw cannot(file, error);
	});
	try {
		await link(temporary, file);
		return true;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? '';
		if (code === 'EEXIST') return false;
		if (noHardLinks.has(code)) return createInPlace(file, text);
		throw cannot(file, error);
	} finally {
		await unlink(temporary).catch(() => undefined);
	}
}

/**
 * Without hard links: created exclusively and then written, so for a moment the lock is empty. A run
 * judging it then sees no owner and takes it over; both would run. The moment is one small write long.
 */
async function createInPlace(file: string, text: string): Promise<boolean> {
	let handle;
	try {
		handle = await open(file, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | noFollow, 0o600);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw cannot(file, error);
	}

	try {
		await handle.write(text);
	} finally {
		await handle.close();
	}

	return true;
}

/** What holds the lock's name now. Never follows a link there: a link is no lock. */
async function inspect(file: string): Promise<Found> {
	const identity = await identify(file);
	if (!identity) return {kind: 'missing'};
	if (identity === 'folder') return {kind: 'folder'};
	const owner = parseOwner(identity.text);
	if (!owner) return {kind: 'stale', identity};
	if (owner.host !== hostname()) return {kind: 'elsewhere', owner};
	// Our own pid on a lock we do not hold is an earlier run's that had our pid (in a container every run
	// can be pid 1): stale, not ours
	if (owner.pid === process.pid) return claimed.has(identity.text!) ? {kind: 'held', owner, ours: true} : {kind: 'stale', identity};
	return isProcessAlive(owner.pid) ? {kind: 'held', owner, ours: false} : {kind: 'stale', identity};
}

async function identify(file: string): Promise<Identity | 'folder' | undefined> {
	let stats;
	try {
		stats = await lstat(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw cannot(file, error);
	}

	if (stats.isDirectory()) return 'folder';
	// Only a regular file is read; a link, a pipe or a device there is judged by its inode alone
	let text: string | undefined;
	if (stats.isFile()) {
		text = await readPrivateFile(file, {maxBytes: 4096}).catch((error: unknown) => {
			if (error instanceof PrivateFileError) return undefined;
			throw error;
		});
	}

	return {dev: stats.dev, ino: stats.ino, text};
}

function parseOwner(text: string | undefined): Owner | undefined {
	if (text === undefined) return undefined;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}

	if (typeof value !== 'object' || value === null) return undefined;
	const {pid, host, startedAt} = value as Partial<Record<keyof Owner, unknown>>;
	if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0 || typeof host !== 'string' || typeof startedAt !== 'string')
		return undefined;
	return {pid, host, startedAt};
}

/**
 * Removes a stale lock, and only that one. Unlinking by name could remove a fresh lock another run took
 * after we judged the old one stale; so the name is first renamed aside (atomic: whatever is there moves,
 * once), and what moved is compared with what was judged. If it is not the stale lock, it is a fresh one,
 * and it is put back.
 *
 * The race left: while a fresh lock is aside, a third run can find the name free and lock it; putting the
 * fresh one back then replaces the third's, and two runs go on. It takes three runs starting together on
 * an output with a stale lock.
 */
async function takeOver(file: string, stale: Identity): Promise<void> {
	const aside = temporaryPathFor(file);
	try {
		await rename(file, aside);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // Another run moved it first
		throw cannot(file, error);
	}

	const moved = await identify(aside);
	if (moved !== undefined && moved !== 'folder' && moved.dev === stale.dev && moved.ino === stale.ino && moved.text === stale.text) {
		await unlink(aside).catch(() => undefined);
		return;
	}

	await rename(aside, file).catch((error: unknown) => {
		throw cannot(file, error);
	});
}

function readLockSync(file: string): string | undefined {
	const fd = openSync(file, constants.O_RDONLY | noFollow | noBlock);
	try {
		return fstatSync(fd).isFile() ? readFileSync(fd, 'utf8') : undefined;
	} finally {
		closeSync(fd);
	}
}

function cannot(file: string, error: unknown): OneLineError {
	if (error instanceof OneLineError) return error;
	const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
	return new OutputLockError(`cannot lock ${file}: ${reason}`);
}
