import {openInputStream} from '../../files/input-stream.js';
import {isPlainObject} from '../../rules/json-values.js';
import type {PasswordLookups} from '../converted-user.js';
import {Cancelled} from '../../errors.js';

// Auth0's password-hash export (gzipped or not): NDJSON lines with `_id` (`{"$oid": ...}`, the user_id after
// `auth0|`), `email` and `passwordHash`. A million users' hashes are held while their users are
// converted: the hashes sit in long strings (one object per user would cost about twice the memory),
// and only the keys are strings of their own.

const hashesPerPage = 4096;

/** Hashes by `id:<oid>` (and `id:<alt_id>`), and by `email:<lowercased address>`. */
export class PasswordExport implements PasswordLookups {
	private readonly where = new Map<string, number>();
	private readonly pages: string[] = [];
	private readonly starts: number[] = [];
	private pending: string[] = [];
	private count = 0;
	private finished = false;

	get size(): number {
		return this.where.size;
	}

	add(key: string, hash: string): void {
		if (this.finished) throw new Error('the password export is complete');
		if (this.where.has(key)) return; // The first line for a user wins, as a join would find it
		this.where.set(key, this.count++);
		this.pending.push(hash);
		if (this.pending.length === hashesPerPage) this.seal();
	}

	/** No more hashes: the last page is joined too. */
	finish(): void {
		this.seal();
		this.finished = true;
	}

	get(key: string): string | undefined {
		const entry = this.where.get(key);
		if (entry === undefined) return undefined;
		const page = this.pages[Math.floor(entry / hashesPerPage)];
		// Still gathering its page
		if (page === undefined) return this.pending[entry % hashesPerPage];
		const last = (entry + 1) % hashesPerPage === 0 || entry + 1 === this.starts.length;
		return page.slice(this.starts[entry], last ? page.length : this.starts[entry + 1]);
	}

	/** Joins the hashes gathered into one string, where each is found by its start: a full page, or the last. */
	private seal(): void {
		if (this.pending.length === 0) return;
		let offset = 0;
		for (const hash of this.pending) {
			this.starts.push(offset);
			offset += hash.length;
		}

		this.pages.push(this.pending.join(''));
		this.pending = [];
	}
}

/** The string value of `"key":"..."` in a line, when it needs no unescaping; undefined otherwise. */
function plainField(line: string, key: string): string | undefined {
	const at = line.indexOf(key);
	if (at < 0) return undefined;
	let start = at + key.length;
	while (line.charCodeAt(start) === 0x20) start++;
	if (line.charCodeAt(start) !== 0x3a) return undefined; // ':'
	start++;
	while (line.charCodeAt(start) === 0x20) start++;
	if (line.charCodeAt(start) !== 0x22) return undefined; // '"'
	const end = line.indexOf('"', start + 1);
	const value = line.slice(start + 1, end);
	return end < 0 || value.includes('\\') ? undefined : value;
}

/**
 * A copy of `text` that holds its own characters. A piece cut from a line is a view of the whole
 * megabyte read with it, which a key in the map would keep alive: 150 MB for a million users.
 */
const flat = (text: string) => Buffer.from(text, 'utf16le').toString('utf16le');

/**
 * Reads the export. A million lines take seconds with JSON.parse each: the usual line shape is read
 * by looking for its three keys; JSON.parse takes the others.
 */
export async function readPasswordExport(file: string, signal?: AbortSignal): Promise<PasswordExport> {
	const hashes = new PasswordExport();
	// Every way a user may be found: the id after `auth0|` (an `$oid` written with the prefix too), the
	// custom database's own id (`alt_id`, where `_id` is Auth0's), and the address, also when an id is
	// there (an id that does not match the user export's must not cost the password)
	const add = (ids: unknown[], email: unknown, hash: unknown) => {
		if (typeof hash !== 'string') return;
		for (const id of ids) if (typeof id === 'string' && id) hashes.add(flat(`id:${id.replace(/^auth0\|/, '')}`), hash);
		if (typeof email === 'string' && email.trim()) hashes.add(flat(`email:${email.trim().toLowerCase()}`), hash);
	};
	const read = (line: string) => {
		if (line.trim() === '') return;
		const hash = plainField(line, '"passwordHash"');
		const oid = plainField(line, '"$oid"');
		if (hash !== undefined && (oid !== undefined || !line.includes('"_id"'))) {
			add([oid, plainField(line, '"alt_id"')], plainField(line, '"email"'), hash);
			return;
		}

		try {
			const entry = JSON.parse(line) as {_id?: unknown; alt_id?: unknown; email?: unknown; passwordHash?: unknown};
			add([isPlainObject(entry._id) ? entry._id.$oid : entry._id, entry.alt_id], entry.email, entry.passwordHash);
		} catch {} // A damaged line costs that user's password only: the report counts them
	};
	let rest = '';
	let lines = 0;
	const {file: raw, stream: input} = await openInputStream(file, 1 << 20);
	input.setEncoding('utf8');
	for await (const chunk of input as AsyncIterable<string>) {
		if (signal?.aborted) {
			raw.destroy();
			throw new Cancelled();
		}

		const parts = (rest + chunk).split('\n');
		rest = parts.pop()!;
		lines += parts.length;
		for (const line of parts) read(line);
	}

	read(rest);
	hashes.finish();
	// A file of lines without one hash is not this export (the user export given by mistake, say)
	if (hashes.size === 0)
		throw new Error(
			lines + (rest.trim() ? 1 : 0) > 0
				? "no line holds a passwordHash: expected Auth0's password export, NDJSON with _id, email and passwordHash"
				: 'the password export is empty',
		);
	return hashes;
}
