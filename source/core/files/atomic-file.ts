import {randomBytes} from 'node:crypto';
import {type FileHandle, open, rename, rm} from 'node:fs/promises';
import path from 'node:path';

const flushAt = 256 * 1024;

/**
 * A file that appears whole or not at all: written to a temporary name beside the target (mode 0600,
 * created exclusively), flushed to disk, then renamed over the target. Until `commit`, a previous file
 * of that name is left as it was; `abort` removes the temporary file.
 */
export class AtomicFile {
	private buffered: string[] = [];
	private bufferedLength = 0;
	private finished = false;

	private constructor(readonly target: string, readonly temporary: string, private readonly handle: FileHandle) {}

	static async create(target: string): Promise<AtomicFile> {
		const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
		const handle = await open(temporary, 'wx', 0o600);
		return new AtomicFile(target, temporary, handle);
	}

	/** Adds text; returns a promise to wait for when enough is buffered to go to disk. */
	write(text: string): Promise<void> | undefined {
		this.buffered.push(text);
		this.bufferedLength += text.length;
		return this.bufferedLength >= flushAt ? this.flush() : undefined;
	}

	async commit(): Promise<void> {
		await this.flush();
		await this.handle.sync();
		await this.handle.close();
		this.finished = true;
		await rename(this.temporary, this.target);
	}

	async abort(): Promise<void> {
		if (this.finished) return;
		this.finished = true;
		await this.handle.close().catch(() => undefined);
		await rm(this.temporary, {force: true});
	}

	private async flush(): Promise<void> {
		if (this.bufferedLength === 0) return;
		const text = this.buffered.join('');
		this.buffered = [];
		this.bufferedLength = 0;
		await this.handle.write(text);
	}
}
