import {constants, type Stats} from 'node:fs';
import {type FileHandle, lstat, open} from 'node:fs/promises';
import {OneLineError} from './one-line-error.js';

// Work files a run keeps between sessions (the partial output, the checkpoint) sit where the person
// pointed `--out`, often a shared folder. A link or a named pipe put there must not redirect or stall
// the run, and what the files hold (users, e-mail addresses) is for the user only.

/** A work file that cannot be used safely; the message is one line, for the terminal. */
export class PrivateFileError extends OneLineError {
	constructor(
		message: string,
		readonly file: string,
		readonly code?: string,
	) {
		super(message);
	}
}

// Both are 0 where the platform lacks them (Windows): the lstat check before opening is then the only guard
const noFollow = constants.O_NOFOLLOW ?? 0;
// A FIFO swapped in after the check would hold an open for writing until a reader came; O_NONBLOCK makes
// that fail at once instead, and changes nothing for a regular file
const noBlock = constants.O_NONBLOCK ?? 0;

type Use = 'read' | 'write';

export type OpenPrivateOptions = {
	/** `append` (the default): every write goes to the end. `update`: read and write anywhere. */
	mode?: 'append' | 'update';
	/** Create the file when it is missing (the default); otherwise a missing file is an error. */
	create?: boolean;
};

/**
 * Opens a work file for writing without following a link at its last component, refusing anything but a
 * regular file, and makes it mode 0600 whatever it had before.
 */
export async function openPrivateFile(file: string, {mode = 'append', create = true}: OpenPrivateOptions = {}): Promise<FileHandle> {
	await refuseOddEntry(file, 'write');
	const access = mode === 'append' ? constants.O_WRONLY | constants.O_APPEND : constants.O_RDWR;
	const flags = access | (create ? constants.O_CREAT : 0) | noFollow | noBlock;
	const handle = await open(file, flags, 0o600).catch((error: unknown) => {
		throw explain(error, file, 'write');
	});
	try {
		requireRegular(await handle.stat(), file, 'write');
		// Through the handle, so it is this file that changes, whatever the name points to by now
		await handle.chmod(0o600);
		return handle;
	} catch (error) {
		await handle.close().catch(() => undefined);
		throw explain(error, file, 'write');
	}
}

/**
 * Cuts an open file back to `length` bytes through its handle: a truncate by path would follow a link put
 * in the file's place. Refuses a file shorter than `length` (truncating would pad it with zeros). Returns
 * the size it had.
 */
export async function truncateHandle(handle: FileHandle, length: number, file: string): Promise<number> {
	if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`cannot cut ${file} to ${length} bytes`);
	const {size} = await handle.stat();
	if (size < length) throw new PrivateFileError(`${file} is shorter (${size} bytes) than the ${length} bytes to keep`, file);
	if (size > length) await handle.truncate(length);
	return size;
}

/**
 * Reads a small work file (like a checkpoint) as UTF-8 without following a link at its last component;
 * undefined when there is no such file. Refuses anything but a regular file, and one over `maxBytes`.
 */
export async function readPrivateFile(file: string, {maxBytes = 16 << 20}: {maxBytes?: number} = {}): Promise<string | undefined> {
	await refuseOddEntry(file, 'read');
	let handle: FileHandle;
	try {
		handle = await open(file, constants.O_RDONLY | noFollow | noBlock);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw explain(error, file, 'read');
	}

	try {
		requireRegular(await handle.stat(), file, 'read');
		// Read to the end rather than trusting the size: the file may have grown since
		const chunks: Buffer[] = [];
		let total = 0;
		for (;;) {
			const room = Math.min(1 << 16, maxBytes + 1 - total);

			const {bytesRead, buffer} = await handle.read(Buffer.allocUnsafe(room), 0, room, null);
			if (bytesRead === 0) break;
			chunks.push(buffer.subarray(0, bytesRead));
			total += bytesRead;
			if (total > maxBytes) throw new PrivateFileError(`${file} is larger than ${maxBytes} bytes: not a file this tool wrote`, file);
		}

		return Buffer.concat(chunks, total).toString('utf8');
	} catch (error) {
		throw explain(error, file, 'read');
	} finally {
		await handle.close().catch(() => undefined);
	}
}

/**
 * Looks at the name before opening it, so a FIFO or a device is never opened at all (opening one can
 * block or act). A missing file passes: the open decides what that means.
 */
async function refuseOddEntry(file: string, use: Use): Promise<void> {
	let stats: Stats;
	try {
		stats = await lstat(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
		throw explain(error, file, use);
	}

	if (stats.isSymbolicLink()) throw linkError(file, use);
	requireRegular(stats, file, use);
}

function requireRegular(stats: Stats, file: string, use: Use): void {
	if (stats.isFile()) return;
	const kind = stats.isDirectory()
		? 'a folder'
		: stats.isFIFO()
			? 'a named pipe'
			: stats.isSocket()
				? 'a socket'
				: stats.isCharacterDevice() || stats.isBlockDevice()
					? 'a device'
					: 'something else';
	throw new PrivateFileError(`${file} is ${kind}, not a regular file: refusing to ${use === 'write' ? 'write to' : 'read'} it`, file);
}

function linkError(file: string, use: Use): PrivateFileError {
	return new PrivateFileError(`${file} is a symbolic link: refusing to ${use} through it (remove it)`, file, 'ELOOP');
}

const reasons: Record<string, string> = {
	EACCES: 'permission denied',
	EPERM: 'not permitted (is it owned by another user?)',
	ENOENT: 'no such file or folder',
	ENOTDIR: 'a folder on its path is a file',
	EROFS: 'the file system is read-only',
	ENOSPC: 'no space left on the device',
	EDQUOT: 'the disk quota is used up',
	EFBIG: 'the file size limit is reached (ulimit -f)',
	EIO: 'an input/output error',
};

/** A one-line reason for a failed file operation, without the stack. */
export function ioReason(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return (code ? reasons[code] : undefined) ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error));
}

function explain(error: unknown, file: string, use: Use): Error {
	if (error instanceof PrivateFileError || error instanceof RangeError) return error;
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	// ELOOP on Linux and macOS, EMLINK on FreeBSD: the last component is a link and O_NOFOLLOW said no
	if (code === 'ELOOP' || code === 'EMLINK') return linkError(file, use);
	// A FIFO with no reader (or a device) opened without blocking, after the check said regular file
	if (code === 'ENXIO' || code === 'ENODEV')
		return new PrivateFileError(`${file} is not a regular file: refusing to ${use === 'write' ? 'write to' : 'read'} it`, file, code);
	if (code === 'EISDIR')
		return new PrivateFileError(
			`${file} is a folder, not a regular file: refusing to ${use === 'write' ? 'write to' : 'read'} it`,
			file,
			code,
		);
	return new PrivateFileError(`cannot ${use} ${file}: ${ioReason(error)}`, file, code);
}
