import {openInputStream} from '../../files/input-stream.js';
import {isPlainObject} from '../../rules/json-values.js';
import type {PasswordLookups} from '../converted-user.js';
import {Cancelled} from '../../errors.js';
import {ByteKeyedStore, type SharedStore, maxItemBytes} from './byte-keyed-store.js';
import {readExportLine} from './password-export-line.js';
import {emailTag, hashText, keyOfText, packHash} from './password-codecs.js';

// Auth0's password-hash export (gzipped or not): NDJSON lines with `_id` (`{"$oid": ...}`, the user_id after
// `auth0|`), `email` and `passwordHash`. A million users' hashes are held while their users are
// converted, as packed bytes (byte-keyed-store.ts, password-codecs.ts): a Map of strings took 280 MB.

const keyBytes = Buffer.allocUnsafeSlow(maxItemBytes * 3 + 16);
const hashBytes = Buffer.allocUnsafeSlow(maxItemBytes * 3 + 16);
const textBytes = Buffer.allocUnsafeSlow(maxItemBytes * 3 + 16);

/** Where an address's key points when several lines have it: no value is there. */
const severalLines = 0xff_ff_ff_ff;
const isEmailKey = (key: Uint8Array) => key[0] === emailTag;

export const refusals = {
	severalLines: 'its address is on several lines of the password export',
	anotherUsers: "its address is on the password export's line of another user (that user's id)",
};

/**
 * Hashes by `id:<oid>` (and `id:<alt_id>`), and by `email:<lowercased address>`. A line is found by
 * its address only when the address is on that line alone, and when no user of the export has the
 * line's id (`claim`): another user's line must never give its hash away.
 */
export class PasswordExport implements PasswordLookups {
	constructor(
		private store = new ByteKeyedStore(),
		/** One bit per place a value may start: set for the lines a user of the export has by its id. */
		private claimed?: Uint8Array,
	) {}
	private finished = false;
	/** The line's packed hash, and where the store holds it once a key of the line is new. */
	private hash: Uint8Array = new Uint8Array(0);
	private hashLength = 0;
	private held: number | undefined;

	/** Keys held. */
	get size(): number {
		return this.store.size;
	}

	/** Memory held, in bytes. */
	get bytes(): number {
		return this.store.bytes;
	}

	/**
	 * One line's hash under each of its keys (`id:…`, `email:…`): the first line for an id wins, as a
	 * join would find it; an address on several lines finds none of them.
	 */
	add(keys: readonly string[], hash: string): void {
		if (hash.length > maxItemBytes) return;
		this.line(hashBytes, packHash(textBytes, 0, textBytes.write(hash, 'utf8'), hashBytes));
		for (const key of keys) {
			const length = keyOfText(key, keyBytes);
			if (length >= 0) this.key(keyBytes, length);
		}
	}

	/** A line's packed hash, for the keys given next with `key`. */
	line(hash: Uint8Array, length: number): void {
		if (this.finished) throw new Error('the password export is complete');
		this.hash = hash;
		this.hashLength = length;
		this.held = undefined;
	}

	/** A key of the line (as password-codecs makes them). */
	key(key: Uint8Array, length: number): void {
		if (isEmailKey(key)) {
			const earlier = this.store.valueOf(key, length);
			// Another line with this address: which of them is the user's, the address cannot say
			if (earlier >= 0) {
				if (earlier !== this.held) this.store.repoint(key, length, severalLines);
				return;
			}
		}

		this.held = this.store.add(key, length, this.hash, this.hashLength, this.held);
	}

	/** A user of the export has this id key: the line that has it is that user's, never found by an address. */
	claim(key: Uint8Array, length: number): void {
		const value = this.store.valueOf(key, length);
		if (value < 0 || value === severalLines) return;
		this.claimed ??= new Uint8Array(new SharedArrayBuffer(Math.ceil(this.store.valueBytes / 8)));
		this.claimed[value >>> 3]! |= 1 << (value & 7);
	}

	private isClaimed(value: number): boolean {
		return this.claimed !== undefined && (this.claimed[value >>> 3]! & (1 << (value & 7))) !== 0;
	}

	finish(): void {
		this.finished = true;
	}

	/** The hashes for the conversion threads to look up, shared, not copied (`passwordsOf` there). */
	share(): SharedPasswords {
		return {store: this.store.share(), claimed: this.claimed?.buffer as SharedArrayBuffer | undefined};
	}

	/** Lets go of the hashes (once every user is converted): look-ups find none after it. */
	release(): void {
		this.store = new ByteKeyedStore();
		this.claimed = undefined;
	}

	get(key: string): string | {refused: string} | undefined {
		const length = keyOfText(key, keyBytes);
		const value = length < 0 ? -1 : this.store.valueOf(keyBytes, length);
		if (value < 0) return undefined;
		if (isEmailKey(keyBytes)) {
			if (value === severalLines) return {refused: refusals.severalLines};
			if (this.isClaimed(value)) return {refused: refusals.anotherUsers};
		}

		return this.store.read(value, hashText);
	}
}

/** The password export as the conversion threads get it. */
export type SharedPasswords = {store: SharedStore; claimed?: SharedArrayBuffer};

const opened = new WeakMap<SharedPasswords, PasswordExport>();

/** The hashes another thread shared, opened once for all the batches that look them up. */
export function passwordsOf(shared: SharedPasswords): PasswordLookups {
	let hashes = opened.get(shared);
	if (!hashes) {
		hashes = new PasswordExport(new ByteKeyedStore(shared.store), shared.claimed && new Uint8Array(shared.claimed));
		hashes.finish();
		opened.set(shared, hashes);
	}

	return hashes;
}

/**
 * Reads the export. The usual line is read from its bytes, its fields found by their names; any other
 * (escapes, other characters than ASCII, another shape) by JSON.parse.
 */
export async function readPasswordExport(file: string, signal?: AbortSignal): Promise<PasswordExport> {
	const {file: raw, stream: input, size, compressed} = await openInputStream(file, 1 << 20);
	// About 80 bytes a key in Auth0's lines (an id and an address each, in about 160 bytes)
	const hashes = new PasswordExport(new ByteKeyedStore(undefined, compressed ? 0 : size / 80));
	// Every way a user may be found: the id after `auth0|` (an `$oid` written with the prefix too), the
	// custom database's own id (`alt_id`, where `_id` is Auth0's), and the address, also when an id is
	// there (an id that does not match the user export's must not cost the password)
	const parsed = (line: string) => {
		try {
			const entry = JSON.parse(line) as {_id?: unknown; alt_id?: unknown; email?: unknown; passwordHash?: unknown};
			if (typeof entry.passwordHash !== 'string') return;
			const id = isPlainObject(entry._id) ? entry._id.$oid : entry._id;
			const keys = [id, entry.alt_id]
				.filter((given): given is string => typeof given === 'string' && given !== '')
				.map(given => `id:${given.replace(/^auth0\|/, '')}`);
			if (typeof entry.email === 'string' && entry.email.trim()) keys.push(`email:${entry.email.trim().toLowerCase()}`);
			hashes.add(keys, entry.passwordHash);
		} catch {} // A damaged line costs that user's password only: the report counts them
	};

	let rest: Buffer | undefined;
	let lines = 0;
	const read = (bytes: Buffer, start: number, end: number) => {
		if (end > start && bytes[end - 1] === 0x0d) end--;
		if (!readExportLine(bytes, start, end, hashes, keyBytes)) {
			const line = bytes.toString('utf8', start, end);
			if (line.trim() !== '') parsed(line);
		}
	};

	for await (const chunk of input as AsyncIterable<Buffer>) {
		if (signal?.aborted) {
			raw.destroy();
			throw new Cancelled();
		}

		let start = 0;
		let end = chunk.indexOf(0x0a);
		if (rest) {
			// Only the line cut between the chunks is joined: joining whole chunks copies the file once more
			if (end < 0) {
				rest = Buffer.concat([rest, chunk]);
				continue;
			}

			const line = Buffer.concat([rest, chunk.subarray(0, end)]);
			read(line, 0, line.length);
			lines++;
			start = end + 1;
			end = chunk.indexOf(0x0a, start);
		}

		for (; end >= 0; end = chunk.indexOf(0x0a, start)) {
			read(chunk, start, end);
			lines++;
			start = end + 1;
		}

		rest = start < chunk.length ? Buffer.from(chunk.subarray(start)) : undefined;
	}

	if (rest) read(rest, 0, rest.length);
	hashes.finish();
	// A file of lines without one hash is not this export (the user export given by mistake, say)
	if (hashes.size === 0)
		throw new Error(
			lines + (rest && rest.toString().trim() ? 1 : 0) > 0
				? "no line holds a passwordHash: expected Auth0's password export, NDJSON with _id, email and passwordHash"
				: 'the password export is empty',
		);
	return hashes;
}
