import {randomBytes} from 'node:crypto';
import {type FileHandle, open, rename, rm} from 'node:fs/promises';
import path from 'node:path';

const poolSize = 1 << 20;

/**
 * A file that appears whole or not at all: written to a temporary name beside the target (mode 0600,
 * created exclusively), flushed to disk, then renamed over the target. Until `commit`, a previous file
 * of that name is left as it was; `abort` removes the temporary file.
 */
export class AtomicFile {
	// Text and bytes are gathered in a buffer of a megabyte; each flush hands it to the disk and takes
	// a new one, so a write in flight is never overwritten
	private pool = Buffer.allocUnsafe(poolSize);
	private used = 0;
	private writing: Promise<unknown> = Promise.resolve();
	private finished = false;

	private constructor(readonly target: string, readonly temporary: string, private readonly handle: FileHandle) {}

	static async create(target: string): Promise<AtomicFile> {
		const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
		const handle = await open(temporary, 'wx', 0o600);
		return new AtomicFile(target, temporary, handle);
	}

	/** Adds text or bytes; returns a promise to wait for when a megabyte has gathered and goes to disk. */
	write(data: string | Uint8Array): Promise<void> | undefined {
		const length = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
		if (length > poolSize - this.used) {
			const flushed = this.flush();
			if (length > poolSize) return flushed.then(async () => this.append(typeof data === 'string' ? Buffer.from(data) : data));
			this.copy(data);
			return flushed;
		}

		this.copy(data);
		return undefined;
	}

	private copy(data: string | Uint8Array): void {
		if (typeof data === 'string') this.used += this.pool.write(data, this.used);
		else {
			this.pool.set(data, this.used);
			this.used += data.length;
		}
	}

	private async append(bytes: Uint8Array): Promise<void> {
		await this.writing;
		this.writing = this.handle.write(bytes);
		await this.writing;
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
		if (this.used === 0) return this.writing.then(() => undefined);
		const chunk = this.pool.subarray(0, this.used);
		this.pool = Buffer.allocUnsafe(poolSize);
		this.used = 0;
		const previous = this.writing;
		this.writing = previous.then(async () => this.handle.write(chunk));
		await this.writing;
	}
}
