import {constants} from 'node:fs';
import {type FileHandle, open, rm} from 'node:fs/promises';
import {openPrivateFile, truncateHandle} from '../files/open-private-file.js';
import {writeAll} from '../files/write-all.js';
import {createInterface} from 'node:readline';
import {AdminApiError} from './admin-api-error.js';

// The work file of one output of an export: `<file>.partial`, appended to page by page and good up to
// the byte count the checkpoint holds. Work files are opened without following a link at their name
// and always end up 0600, whatever was there before.

export class PartialOutput {
	readonly partial: string;
	private handle: FileHandle | undefined;

	constructor(readonly target: string) {
		this.partial = `${target}.partial`;
	}

	/** Opens the partial file cut back to `goodBytes` (what the checkpoint vouches for). */
	async open(goodBytes: number, resumed: boolean): Promise<void> {
		try {
			this.handle = await openPrivateFile(this.partial, {mode: 'append'});
		} catch (error) {
			throw new AdminApiError((error as Error).message);
		}

		const {size} = await this.handle.stat();
		if (resumed && size < goodBytes) {
			throw new AdminApiError(
				`${this.partial} is shorter than its checkpoint says: discard the interrupted export to start over (--restart)`,
				{restartHelps: true},
			);
		}

		await truncateHandle(this.handle, resumed ? goodBytes : 0, this.partial);
	}

	/** Appends; the bytes written. */
	async append(text: string): Promise<number> {
		if (!text) return 0;
		const buffer = Buffer.from(text);
		await writeAll(this.handle!, buffer);
		return buffer.length;
	}

	/** Every line of the good part, in order. */
	async *lines(goodBytes: number): AsyncGenerator<string> {
		if (goodBytes === 0) return;
		const handle = await open(this.partial, constants.O_RDONLY | constants.O_NOFOLLOW);
		try {
			const input = handle.createReadStream({encoding: 'utf8', end: goodBytes - 1, autoClose: false});
			for await (const line of createInterface({input, crlfDelay: Number.POSITIVE_INFINITY})) {
				if (line) yield line;
			}
		} finally {
			await handle.close();
		}
	}

	async close(): Promise<void> {
		await this.handle?.close();
		this.handle = undefined;
	}

	async remove(): Promise<void> {
		await this.close();
		await rm(this.partial, {force: true});
	}
}

// The id each line of a partial file starts with: import records begin with user_id, raw objects with id
const userIdAtStart = /^\{"user_id":"([^"]*)"/;
const idAtStart = /^\{"id":"([^"]*)"/;

/** The user a line of the export's partial file (import records) is for. */
export function importRecordId(line: string): string | undefined {
	return userIdAtStart.exec(line)?.[1];
}

/** The user a line of the raw objects' partial file is. */
export function rawObjectId(line: string): string | undefined {
	return idAtStart.exec(line)?.[1];
}
