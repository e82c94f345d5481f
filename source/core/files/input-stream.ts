import {
	type ReadStream,
	close as closeCallback,
	createReadStream,
	fstat as fstatCallback,
	open as openCallback,
	read as readCallback,
} from 'node:fs';
import {stat} from 'node:fs/promises';
import {promisify} from 'node:util';
import type {Readable} from 'node:stream';
import {createGunzip} from 'node:zlib';
import {isGzip} from '../framing/detect-format.js';

// A file to read from start to end, through gunzip when its content (not its name) is gzip. It is
// read once, front to back, from one open handle: a pipe, a FIFO or a terminal can be read no
// other way (no seek, and a second open would wait for another writer or see nothing).

export type InputStream = {
	/** Size on disk; 0 for a pipe or FIFO, whose length is known only at its end (see `bytesRead`). */
	size: number;
	compressed: boolean;
	/** A regular file, which can be read again by position; a pipe, FIFO or terminal cannot. */
	seekable: boolean;
	/** The file itself. */
	file: ReadStream;
	/** Bytes taken from the file so far: the progress on disk. */
	bytesRead(): number;
	/** What to read: the file, or its decompressed content. */
	stream: Readable;
};

const gunzipChunk = 64 * 1024;

// On descriptors, not FileHandles: standard input has a descriptor and no handle
const open = promisify(openCallback);
const close = promisify(closeCallback);
const fstat = promisify(fstatCallback);
const read = async (fd: number, buffer: Uint8Array, offset: number, length: number, position: null) =>
	new Promise<number>((resolve, reject) => {
		readCallback(fd, buffer, offset, length, position, (error, bytesRead) => {
			if (error) reject(error);
			else resolve(bytesRead);
		});
	});

/** The path to open for `file`: `-` is standard input. */
export function sourcePath(file: string): string {
	return file === '-' ? '/dev/stdin' : file;
}

/**
 * Whether `file` can be read a second time (a regular file), as a fix must; a pipe or FIFO cannot.
 * One that cannot be looked at says yes: reading it then gives the real error.
 */
export async function canReadTwice(file: string): Promise<boolean> {
	try {
		const found = await stat(sourcePath(file));
		return found.isFile() || found.isDirectory();
	} catch {
		return true;
	}
}

/** Opens `path`; a file that cannot be opened, or a folder, throws the file system's error. */
export async function openInputStream(path: string, chunkSize: number): Promise<InputStream> {
	const fd = await openFd(path);
	let size: number;
	let seekable: boolean;
	let head: Uint8Array;
	try {
		const found = await fstat(fd);
		if (found.isDirectory()) throw Object.assign(new Error('directory'), {code: 'EISDIR'});
		size = found.isFile() ? found.size : 0;
		seekable = found.isFile();
		head = await readHead(fd, 2);
	} catch (error) {
		if (fd !== 0) await close(fd);
		throw error;
	}

	// The stream goes on where the head stopped (no position: a pipe has none), the head put back in
	// front. Standard input is left open: it is not this stream's
	const file = createReadStream('', {fd, highWaterMark: chunkSize, autoClose: fd !== 0});
	if (head.length > 0) file.unshift(Buffer.from(head));
	const compressed = isGzip(head);
	// Node's zlib drops what the step that fails had decompressed, up to one output chunk: a small one
	// keeps more of a damaged file's records (64 kB decompresses as fast as 256 kB, measured)
	const stream = compressed ? file.pipe(createGunzip({chunkSize: Math.min(chunkSize, gunzipChunk)})) : file;
	if (compressed) file.on('error', error => stream.destroy(error));
	return {size, compressed, seekable, file, bytesRead: () => head.length + file.bytesRead, stream};
}

/**
 * A descriptor of its own for `path`. Standard input is opened anew through /dev/stdin (a file
 * redirected in can then be read again); a socket cannot be opened so (ENXIO: a parent process's
 * pipe often is one), and is then read from descriptor 0 itself.
 */
async function openFd(path: string): Promise<number> {
	try {
		return await open(sourcePath(path), 'r');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENXIO' && sourcePath(path) === '/dev/stdin') return 0;
		throw error;
	}
}

/** The first `want` bytes, or fewer at the end: a pipe may hand them out one at a time. */
async function readHead(fd: number, want: number): Promise<Uint8Array> {
	const head = new Uint8Array(want);
	let length = 0;
	while (length < want) {
		const bytesRead = await read(fd, head, length, want - length, null);
		if (bytesRead === 0) break;
		length += bytesRead;
	}

	return head.subarray(0, length);
}
