import {type Hash, createHash} from 'node:crypto';
import {rmSync} from 'node:fs';
import {type FileHandle, open, rename, rm} from 'node:fs/promises';
import {temporaryPathFor} from './temporary-name.js';
import {writeAll} from './write-all.js';
import {removeLeftoverTemps} from './leftover-temps.js';

const poolSize = 1 << 20;
/**
 * A large file goes to disk while it is written, not all at `prepare`: the kernel keeps the bytes in
 * memory until then, and the flush of a fixed file of 1M users held its end by a quarter of a second.
 */
const syncEvery = 64 << 20;

/**
 * A file that appears whole or not at all: written to a temporary name beside the target (mode 0600,
 * created exclusively, naming this process: see temporary-name.ts), flushed to disk, then renamed over
 * the target. Until `commit`, a previous file of that name is left as it was; `abort` removes the
 * temporary file.
 */
export class AtomicFile {
	/** Temporary files not yet renamed or removed, for a signal handler to remove before the process ends. */
	private static readonly live = new Set<string>();
	/** Targets whose leftovers from killed runs were removed by this process. */
	private static readonly cleaned = new Set<string>();

	/** Removes every temporary file still open (a signal is ending the process: nothing half-written stays). */
	static removeLeftoversSync(): void {
		for (const temporary of AtomicFile.live) rmSync(temporary, {force: true});
		AtomicFile.live.clear();
	}

	// Text and bytes are gathered in a buffer of a megabyte; each flush hands it to the disk and takes
	// a new one, so a write in flight is never overwritten
	private pool = Buffer.allocUnsafe(poolSize);
	/** Buffers whose bytes are on disk, for the next flushes. */
	private readonly spares: Array<typeof this.pool> = [];
	private used = 0;
	/** Bytes written so far (gathered or on disk). */
	bytes = 0;
	/** The SHA-256 of what was written, when asked for (a split's manifest lists it). */
	private hash: Hash | undefined;
	/** That SHA-256 in hex, once `prepare` has written everything. */
	sha256: string | undefined;
	private writing: Promise<unknown> = Promise.resolve();
	/** The latest flush of a full buffer, which the next one waits for. */
	private lastFlush: Promise<void> = Promise.resolve();
	private finished = false;
	private closed = false;
	/** Bytes written to the handle since the last flush to disk began. */
	private unsynced = 0;
	/** A flush to disk under way while writing goes on; its failure is the file's (see `prepare`). */
	private syncing: Promise<unknown> | undefined;

	private constructor(
		readonly target: string,
		readonly temporary: string,
		private readonly handle: FileHandle,
	) {}

	/**
	 * `sync: false` skips the flush to disk before the rename: still whole or absent after a killed
	 * process, not after a power cut. For files rewritten often, like a checkpoint.
	 */
	static async create(target: string, {sync = true, sha256 = false} = {}): Promise<AtomicFile> {
		// Once a process, before its first file of a name: what killed runs left beside it goes
		if (!AtomicFile.cleaned.has(target)) {
			AtomicFile.cleaned.add(target);
			await removeLeftoverTemps(target).catch(() => undefined);
		}

		const temporary = temporaryPathFor(target);
		const handle = await open(temporary, 'wx', 0o600);
		AtomicFile.live.add(temporary);
		const file = new AtomicFile(target, temporary, handle);
		file.sync = sync;
		if (sha256) file.hash = createHash('sha256');
		return file;
	}

	/** Writes `text` to `target` whole, or leaves what was there. */
	static async replace(target: string, text: string, options?: {sync?: boolean}): Promise<void> {
		const file = await AtomicFile.create(target, options);
		try {
			file.write(text);
			await file.commit();
		} catch (error) {
			await file.abort();
			throw error;
		}
	}

	private sync = true;

	/**
	 * Adds text or bytes; when a megabyte has gathered and goes to disk, returns a promise to wait for:
	 * the megabyte before it on disk. The caller fills the next buffer while one is written (waiting for
	 * the write just started left the thread idle at every megabyte).
	 */
	write(data: string | Uint8Array): Promise<void> | undefined {
		const length = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
		this.bytes += length;
		if (length <= poolSize - this.used) {
			this.copy(data);
			return undefined;
		}

		const flushed = this.flush();
		if (length <= poolSize) {
			this.copy(data);
			const before = this.lastFlush;
			this.lastFlush = flushed;
			// Not waited for when the caller stops before the next flush: its failure shows at commit
			flushed.catch(() => undefined);
			return before;
		}

		// Larger than the pool: written on its own, in its turn after what was gathered before it
		const bytes = typeof data === 'string' ? Buffer.from(data) : data;
		this.hash?.update(bytes);
		return this.enqueue(async () => {
			await writeAll(this.handle, bytes);
			this.written(bytes.length);
		});
	}

	private copy(data: string | Uint8Array): void {
		if (typeof data === 'string') {
			this.used += this.pool.write(data, this.used);
		} else {
			this.pool.set(data, this.used);
			this.used += data.length;
		}
	}

	/** Every write to the handle goes through one queue: the file gets the bytes in the order they came. */
	private async enqueue(work: () => Promise<unknown>): Promise<void> {
		this.writing = this.writing.then(work);
		const done = this.writing.then(() => undefined);
		// A caller may not wait for every write: a failure then shows at the next one it waits for, or at commit
		done.catch(() => undefined);
		return done;
	}

	/** Puts the file in place; when that fails, the temporary file is removed and the target left as it was. */
	async commit(): Promise<void> {
		await this.prepare();
		await this.place();
	}

	/** The first half of `commit`: everything written, flushed to disk and closed, ready to be renamed. */
	async prepare(): Promise<void> {
		try {
			await this.flush();
			this.sha256 = this.hash?.digest('hex');
			await this.syncing;
			if (this.sync) await this.handle.sync();
			await this.handle.close();
			this.closed = true;
		} catch (error) {
			await this.abort();
			throw error;
		}
	}

	/** The second half of `commit`: the rename, which is quick; several files prepared first appear together. */
	async place(): Promise<void> {
		try {
			await rename(this.temporary, this.target);
			this.finished = true;
			AtomicFile.live.delete(this.temporary);
		} catch (error) {
			await this.abort();
			throw error;
		}
	}

	async abort(): Promise<void> {
		if (this.finished) return;
		this.finished = true;
		if (!this.closed) await this.handle.close().catch(() => undefined);
		await rm(this.temporary, {force: true});
		AtomicFile.live.delete(this.temporary);
	}

	private async flush(): Promise<void> {
		if (this.used === 0) return this.enqueue(async () => undefined);
		const full = this.pool;
		const chunk = full.subarray(0, this.used);
		this.hash?.update(chunk);
		this.pool = this.spares.pop() ?? Buffer.allocUnsafe(poolSize);
		this.used = 0;
		return this.enqueue(async () => {
			await writeAll(this.handle, chunk);
			// Written: the buffer takes the next megabytes (a new one each time is garbage at disk speed)
			if (this.spares.length < 2) this.spares.push(full);
			this.written(chunk.length);
		});
	}

	/** Bytes now written to the handle: every `syncEvery` of them go to disk meanwhile. */
	private written(length: number): void {
		this.unsynced += length;
		if (this.sync && this.unsynced >= syncEvery && !this.syncing) {
			this.unsynced = 0;
			// Beside the writes, not in their queue; a failure is kept, not dropped: a flush that failed
			// may not fail again at the last one (the kernel reports a lost write once)
			const syncing = this.handle.datasync().then(() => {
				if (this.syncing === syncing) this.syncing = undefined;
			});
			syncing.catch(() => undefined);
			this.syncing = syncing;
		}
	}
}

/**
 * Prepares every file side by side (each flush waits for its own disk, not for the others), and waits
 * for all of them: the first that failed, with why, or undefined. The caller aborts them all then.
 */
export async function prepareAll<T extends Pick<AtomicFile, 'prepare'>>(
	files: readonly T[],
): Promise<{file: T; reason: unknown} | undefined> {
	const outcomes = await Promise.allSettled(files.map(async file => file.prepare()));
	const failed = outcomes.findIndex(outcome => outcome.status === 'rejected');
	return failed < 0 ? undefined : {file: files[failed]!, reason: (outcomes[failed] as PromiseRejectedResult).reason};
}
