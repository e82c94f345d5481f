import {type ReadStream, createReadStream} from 'node:fs';
import {open} from 'node:fs/promises';
import type {Readable} from 'node:stream';
import {createGunzip} from 'node:zlib';
import {isGzip} from '../framing/detect-format.js';

// A file to read from start to end, through gunzip when its content (not its name) is gzip.

export type InputStream = {
	/** Size on disk. */
	size: number;
	compressed: boolean;
	/** The file itself: its `bytesRead` is the progress on disk. */
	file: ReadStream;
	/** What to read: the file, or its decompressed content. */
	stream: Readable;
};

const gunzipChunk = 64 * 1024;

/** Opens `path`; a file that cannot be opened, or a folder, throws the file system's error. */
export async function openInputStream(path: string, chunkSize: number): Promise<InputStream> {
	const handle = await open(path, 'r');
	let size: number;
	let compressed: boolean;
	try {
		const stat = await handle.stat();
		if (stat.isDirectory()) throw Object.assign(new Error('directory'), {code: 'EISDIR'});
		size = stat.size;
		const head = new Uint8Array(2);
		await handle.read(head, 0, 2, 0);
		compressed = isGzip(head);
	} finally {
		await handle.close();
	}

	const file = createReadStream(path, {highWaterMark: chunkSize});
	// Node's zlib drops what the step that fails had decompressed, up to one output chunk: a small one
	// keeps more of a damaged file's records (64 kB decompresses as fast as 256 kB, measured)
	const stream = compressed ? file.pipe(createGunzip({chunkSize: Math.min(chunkSize, gunzipChunk)})) : file;
	if (compressed) file.on('error', error => stream.destroy(error));
	return {size, compressed, file, stream};
}
