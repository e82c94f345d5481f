import type {FileHandle} from 'node:fs/promises';

/**
 * Writes every byte: a write may take only part of them (at a file size limit, on some file systems
 * when the disk fills), and the next attempt is what reports the error. Taking a short write as done
 * leaves a truncated file that looks whole.
 */
export async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
	let offset = 0;
	while (offset < bytes.length) {
		const {bytesWritten} = await handle.write(bytes, offset, bytes.length - offset);
		offset += bytesWritten;
	}
}
