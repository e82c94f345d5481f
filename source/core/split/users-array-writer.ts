import {Buffer} from 'node:buffer';
import path from 'node:path';
import {AtomicFile} from '../files/atomic-file.js';
import {UserError} from '../errors.js';
import {type SplitManifest, readManifest, removeStaleParts} from './split-manifest.js';
import {splitNames} from './part-names.js';

// The users of an import file, written as one JSON array, or split into parts of at most a given size
// with a manifest. Records come as their JSON text and are copied as they are: only the array around
// them is written here, the same way in both cases (`[`, each record on its own line indented by two
// spaces, `]`), so a split of a file changes nothing but where its records are.

const first = '\n  ';
const next = ',\n  ';
/** What closes an array that has records. */
const close = '\n]\n';

export interface UsersArrayWriter {
	/** Where the users go, for messages: the file, or the manifest of the parts. */
	readonly target: string;
	/** Users written so far. */
	readonly users: number;
	/** Adds one record's JSON text; the promise, when there is one, says to wait for the disk. */
	add(record: string | Uint8Array): Promise<void> | undefined;
	/** Closes the array and writes everything out, ready to be placed. */
	prepare(): Promise<void>;
	/** Puts the file(s) in place: the manifest last, so that a manifest never names a part not there. */
	place(): Promise<void>;
	abort(): Promise<void>;
	/** The manifest written, for a split output. */
	readonly manifest: SplitManifest | undefined;
}

/**
 * Records joined as a converter writes a batch of them (`,\n  ` between), which never occurs inside one
 * (JSON.stringify): `count` of them. One file takes them as they are, its own separator between them.
 */
export async function addJoined(writer: UsersArrayWriter, text: string, count: number): Promise<void> {
	if (!text) return;
	if (writer instanceof SingleArrayWriter) return writer.addJoined(text, count);
	let from = 0;
	for (;;) {
		const end = text.indexOf(next, from);
		const wait = writer.add(text.slice(from, end < 0 ? text.length : end));
		if (wait) await wait;
		if (end < 0) return;
		from = end + next.length;
	}
}

/** One file. */
export class SingleArrayWriter implements UsersArrayWriter {
	users = 0;
	readonly manifest = undefined;
	private constructor(private readonly file: AtomicFile) {}

	static async create(out: string): Promise<SingleArrayWriter> {
		const file = await AtomicFile.create(out);
		file.write('[');
		return new SingleArrayWriter(file);
	}

	get target(): string {
		return this.file.target;
	}

	/** Bytes written so far (the whole file once prepared). */
	get bytes(): number {
		return this.file.bytes;
	}

	add(record: string | Uint8Array): Promise<void> | undefined {
		this.file.write(this.users++ === 0 ? first : next);
		return this.file.write(record);
	}

	/** `count` records joined by the separator this file writes between them: a batch in one write, not a write a user. */
	addJoined(text: string | Uint8Array, count: number): Promise<void> | undefined {
		this.file.write(this.users === 0 ? first : next);
		this.users += count;
		return this.file.write(text);
	}

	async prepare(): Promise<void> {
		this.file.write(this.users === 0 ? ']\n' : close);
		await this.file.prepare();
	}

	async place(): Promise<void> {
		await this.file.place();
	}

	async abort(): Promise<void> {
		await this.file.abort();
	}
}

type Part = {file: AtomicFile; users: number};

/**
 * Parts of at most `limit` bytes each, and a manifest naming them with their users, sizes and
 * SHA-256. A part is written out and closed as soon as the next record does not fit in it; all are
 * renamed into place together at the end, then the manifest, then the parts an earlier split of the
 * same name listed and this one does not are removed (a folder of parts is then always one split).
 * The next part is always opened ahead, so that a record that starts it is written at once.
 */
export class SplitArrayWriter implements UsersArrayWriter {
	users = 0;
	manifest: SplitManifest | undefined;
	private readonly names;
	private readonly parts: Part[] = [];
	private spare: AtomicFile | undefined;
	/** The next part while it is being opened: an abort meanwhile waits for it, to remove it too. */
	private opening: Promise<void> | undefined;
	private manifestFile: AtomicFile | undefined;
	private previous: SplitManifest | undefined;

	private constructor(
		readonly out: string,
		private readonly limit: number,
	) {
		this.names = splitNames(out);
	}

	static async create(out: string, limit: number): Promise<SplitArrayWriter> {
		const writer = new SplitArrayWriter(out, limit);
		try {
			await writer.openSpare();
			writer.startPart();
			await writer.openSpare();
		} catch (error) {
			await writer.abort();
			throw error;
		}

		return writer;
	}

	get target(): string {
		return this.names.manifest;
	}

	/** A promise returned means: wait for it before adding more (the next part is being opened). */
	add(record: string | Uint8Array): Promise<void> | undefined {
		const length = typeof record === 'string' ? Buffer.byteLength(record) : record.length;
		let part = this.parts.at(-1)!;
		let wait: Promise<void> | undefined;
		if (part.file.bytes + (part.users === 0 ? first.length : next.length) + length + close.length > this.limit) {
			if (part.users === 0 || 1 + first.length + length + close.length > this.limit) {
				throw new UserError(
					`entry ${this.users + 1} is ${length.toLocaleString('en-US')} bytes: it does not fit in a part of ${this.limit.toLocaleString('en-US')} bytes (choose a larger --split)`,
				);
			}

			const full = part;
			part = this.startPart();
			wait = Promise.all([this.finishPart(full), this.openSpare()]).then(() => undefined);
		}

		part.file.write(part.users === 0 ? first : next);
		this.users++;
		part.users++;
		const written = part.file.write(record);
		return wait && written ? Promise.all([wait, written]).then(() => undefined) : (wait ?? written);
	}

	async prepare(): Promise<void> {
		await this.spare?.abort();
		this.spare = undefined;
		await this.finishPart(this.parts.at(-1)!);
		this.manifest = {
			users: this.users,
			parts: this.parts.map(part => ({
				file: path.basename(part.file.target),
				users: part.users,
				bytes: part.file.bytes,
				sha256: part.file.sha256!,
			})),
		};
		this.previous = await readManifest(this.names.manifest).catch(() => undefined);
		this.manifestFile = await AtomicFile.create(this.names.manifest);
		this.manifestFile.write(`${JSON.stringify(this.manifest, null, 2)}\n`);
		await this.manifestFile.prepare();
	}

	async place(): Promise<void> {
		for (const part of this.parts) await part.file.place();
		await this.manifestFile!.place();
		if (this.previous) await removeStaleParts(this.names.manifest, this.previous, this.manifest!, this.names.isPart);
	}

	async abort(): Promise<void> {
		// A part that fails to close fails the add that started the next one, whose file may still be on
		// its way: left behind, it would stay on disk with its handle open
		await this.opening?.catch(() => undefined);
		await Promise.all([...this.parts.map(async part => part.file.abort()), this.spare?.abort(), this.manifestFile?.abort()]);
	}

	private async openSpare(): Promise<void> {
		const opening = AtomicFile.create(this.names.part(this.parts.length + 1), {sha256: true}).then(file => {
			this.spare = file;
		});
		this.opening = opening;
		try {
			await opening;
		} finally {
			if (this.opening === opening) this.opening = undefined;
		}
	}

	private startPart(): Part {
		if (!this.spare) throw new Error('a record was added before the previous one was waited for');
		const part = {file: this.spare, users: 0};
		this.spare = undefined;
		part.file.write('[');
		this.parts.push(part);
		return part;
	}

	private async finishPart(part: Part): Promise<void> {
		part.file.write(part.users === 0 ? ']\n' : close);
		await part.file.prepare();
	}
}
