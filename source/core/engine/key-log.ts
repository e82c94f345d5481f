import {closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

// The unique values of a file's records, as their 64-bit hashes in the order they came: 16 bytes a
// value (record, kind|slot, hash a, hash b), never the value itself. Up to a budget they stay in
// memory; past it everything goes to one temporary file (mode 0600, its name removed at once), read
// back in chunks. A fix reads them to know which values the records it copies unchanged bring into its
// output.

const words = 4;
const chunkEntries = 4096;
const entriesPerTurn = 65_536; // Visited between two turns of the event loop

/** Folders of logs not disposed yet: removed when the process exits, however it exits normally. */
const liveFolders = new Set<string>();
let exitHooked = false;

function removeAtExit(folder: string): void {
	liveFolders.add(folder);
	if (exitHooked) return;
	exitHooked = true;
	process.once('exit', () => {
		for (const live of liveFolders) rmSync(live, {recursive: true, force: true});
		liveFolders.clear();
	});
}

export type KeyLogVisitor = (record: number, kindSlot: number, a: number, b: number) => void;

export class KeyLog {
	/** Full chunks held in memory (until the log spills). */
	private chunks: Uint32Array[] = [];
	private current = new Uint32Array(chunkEntries * words);
	private fill = 0;
	private folder: string | undefined;
	private fd: number | undefined;
	/** Bytes in the file. */
	private written = 0;
	private disposed = false;
	/** Values added. */
	count = 0;

	/** `budget`: values kept in memory before the log goes to a temporary file in `tempRoot`. */
	constructor(
		private readonly budget = 1 << 18,
		private readonly tempRoot = tmpdir(),
	) {}

	get spilled(): boolean {
		return this.fd !== undefined;
	}

	/** Whether the values can still be read (not disposed). */
	get available(): boolean {
		return !this.disposed;
	}

	add(record: number, kindSlot: number, a: number, b: number): void {
		if (this.disposed) return;
		const at = this.fill * words;
		const chunk = this.current;
		chunk[at] = record;
		chunk[at + 1] = kindSlot;
		chunk[at + 2] = a;
		chunk[at + 3] = b;
		this.count++;
		if (++this.fill === chunkEntries) this.seal();
	}

	/**
	 * Visits every value in the order it was added; with `only` (a bit a value of the low bits of the
	 * hash's first half, in a power of two of words), only the values whose bit is set. Values added
	 * meanwhile may or may not be visited; yields to the event loop now and then (a long log is read
	 * on the thread that draws the screen).
	 */
	async forEach(visit: KeyLogVisitor, only?: Uint32Array): Promise<void> {
		if (this.disposed) throw new Error('the unique values of this run were released');
		let sinceTurn = 0;
		const mask = only ? only.length - 1 : 0;
		const visitChunk = async (chunk: Uint32Array, entries: number) => {
			for (let e = 0; e < entries; e++) {
				const at = e * words;
				const a = chunk[at + 2]!;
				// Tested here, not by a call for every value: most values of a long log are passed over
				if (only && (only[(a >>> 5) & mask]! & (1 << (a & 31))) === 0) continue;
				visit(chunk[at]!, chunk[at + 1]!, a, chunk[at + 3]!);
			}

			sinceTurn += entries;
			if (sinceTurn >= entriesPerTurn) {
				sinceTurn = 0;
				await new Promise(resolve => {
					setImmediate(resolve);
				});
			}
		};

		if (this.fd !== undefined) {
			const end = this.written;
			const buffer = new Uint32Array(chunkEntries * words);
			const bytes = new Uint8Array(buffer.buffer);
			for (let position = 0; position < end;) {
				// Positional reads: the file's own position is where the next chunk is written
				let read = 0;
				const want = Math.min(bytes.length, end - position);
				while (read < want) {
					const got = readSync(this.fd, bytes, read, want - read, position + read);
					if (got === 0) throw new Error('the temporary file of unique values was cut short');
					read += got;
				}

				position += read;
				await visitChunk(buffer, read / (words * 4));
			}
		}

		for (const chunk of [...this.chunks]) await visitChunk(chunk, chunkEntries);
		await visitChunk(this.current, this.fill);
	}

	/** Removes the temporary file and lets the memory go; the log is empty from then on. */
	dispose(): void {
		this.disposed = true;
		this.chunks = [];
		this.current = new Uint32Array(0);
		this.fill = 0;
		if (this.fd !== undefined) closeSync(this.fd);
		this.fd = undefined;
		if (this.folder) {
			rmSync(this.folder, {recursive: true, force: true});
			liveFolders.delete(this.folder);
		}

		this.folder = undefined;
	}

	private seal(): void {
		if (this.fd === undefined && (this.chunks.length + 1) * chunkEntries > this.budget) this.spill();
		if (this.fd === undefined) {
			this.chunks.push(this.current);
			this.current = new Uint32Array(chunkEntries * words);
		} else {
			this.write(this.current, this.fill);
		}

		this.fill = 0;
	}

	private spill(): void {
		const folder = mkdtempSync(path.join(this.tempRoot, 'hanko-tui-keys-'));
		const file = path.join(folder, 'keys.bin');
		this.fd = openSync(file, 'w+', 0o600);
		try {
			// Only the open descriptor is used: with no name left, the file is gone when the process ends,
			// even a killed one. Where an open file cannot be removed, it goes on dispose or exit instead
			rmSync(file);
			rmSync(folder, {recursive: true});
		} catch {
			this.folder = folder;
			removeAtExit(folder);
		}

		for (const chunk of this.chunks) this.write(chunk, chunkEntries);
		this.chunks = [];
	}

	private write(chunk: Uint32Array, entries: number): void {
		const length = entries * words * 4;
		let done = 0;
		while (done < length) done += writeSync(this.fd!, chunk, done, length - done, this.written + done);
		this.written += length;
	}
}
