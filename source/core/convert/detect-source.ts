import {parse} from 'csv-parse/sync';
import {maxRecordBytes} from '../engine/read-batches.js';
import {openInputStream} from '../files/input-stream.js';
import {findWrappedArray} from '../framing/wrapped-array.js';
import {isPlainObject} from '../rules/json-values.js';
import {auth0Formats, looksLikeAuth0} from './providers/auth0.js';
import {hasAuth0CsvHeader, looksLikeAuth0Csv} from './providers/auth0-csv.js';
import {clerkFormats, looksLikeClerkHeader} from './providers/clerk.js';
import {looksLikeClerkJson} from './providers/clerk-json.js';
import {cognitoFormats, looksLikeCognitoHeader} from './providers/cognito.js';
import {looksLikeCognitoUser} from './providers/cognito-list-users.js';
import {firebaseFormats, looksLikeFirebase, looksLikeFirebaseCsvRow} from './providers/firebase.js';
import {type SourceContainer, type SourceKind, type SourceLayout, layoutName, sourceNames, usersMember} from './source-kinds.js';
import {UserError} from '../errors.js';
import {looksLikeSupabase, supabaseFormats} from './providers/supabase.js';

// Which provider wrote a file, from its first bytes: the field names of the first user, or the CSV
// header row. A file in Hanko's own format is none of them.

const headBytes = 64 * 1024;

/** The first bytes of the file, decompressed when it is gzipped. */
export async function readHead(file: string, limit = headBytes): Promise<Uint8Array> {
	const input = await openInputStream(file, headBytes);
	const parts: Uint8Array[] = [];
	let size = 0;
	try {
		for await (const part of input.stream as AsyncIterable<Uint8Array>) {
			parts.push(part);
			size += part.length;
			if (size >= limit) break;
		}
	} catch (error) {
		// A damaged gzip still has a head: reading the whole file reports the damage with its place
		if (!input.compressed) throw error;
	} finally {
		input.file.destroy();
	}

	return Buffer.concat(parts, size);
}

/** The first complete JSON object of a JSON array or NDJSON head, if it parses. */
function firstObject(text: string): unknown {
	const start = text.indexOf('{');
	if (start < 0) return undefined;
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') {
			inString = true;
		} else if (c === '{' || c === '[') {
			depth++;
		} else if (c === '}' || c === ']') {
			depth--;
			if (depth === 0) {
				try {
					return JSON.parse(text.slice(start, i + 1));
				} catch {
					return undefined;
				}
			}
		}
	}

	return undefined;
}

/** The provider a JSON user comes from, by its field names. */
export function detectJsonUser(record: unknown): SourceKind | undefined {
	if (!isPlainObject(record)) return undefined;
	if (looksLikeFirebase(record)) return 'firebase';
	if (looksLikeSupabase(record)) return 'supabase';
	if (looksLikeAuth0(record)) return 'auth0';
	if (looksLikeCognitoUser(record)) return 'cognito';
	if (looksLikeClerkJson(record)) return 'clerk';
	return undefined;
}

/** The first `lines` rows (the header row and those after it), as far as the head holds them. */
function firstCsvRows(text: string, lines: number): string[][] {
	// The head may end inside a row: only the rows before its last line break are whole
	const end = text.lastIndexOf('\n');
	try {
		return parse(end < 0 ? text : text.slice(0, end), {
			bom: true,
			relax_quotes: true,
			relax_column_count: true,
			skip_empty_lines: true,
			to_line: lines,
		}) as string[][];
	} catch {
		return [];
	}
}

function detectCsv([row, next]: string[][]): SourceLayout | undefined {
	const names = row!.map(name => name.trim().toLowerCase());
	if (looksLikeCognitoHeader(names)) return {kind: 'cognito', container: 'csv'};
	if (looksLikeClerkHeader(names)) return {kind: 'clerk', container: 'csv'};
	if (names.includes('encrypted_password') || (names.includes('id') && names.includes('email_confirmed_at')))
		return {kind: 'supabase', container: 'csv'};
	if (looksLikeAuth0Csv(names, next)) return {kind: 'auth0', container: 'csv'};
	if (looksLikeFirebaseCsvRow(row!)) return {kind: 'firebase', container: 'headerless-csv'};
	return undefined;
}

/** `sure`: the provider was read from the content, not guessed from the layout alone. */
export type Peeked = {layout?: SourceLayout; container: SourceContainer; sure?: boolean};

/** Whether the head opens an object with a `key` array ("users"), whatever members come before it. */
function isUsersObject(head: Uint8Array, key = 'users'): boolean {
	const wrapped = findWrappedArray(head, key, head.length < headBytes);
	return wrapped !== undefined && !('fatal' in wrapped);
}

/** What the head of a file says: how it is laid out and, when the content tells, which provider wrote it. */
export function peekHead(head: Uint8Array): Peeked {
	const text = new TextDecoder().decode(head).replace(/^\uFEFF/, '');
	const first = /\S/.exec(text)?.[0];
	if (first === '{' && isUsersObject(head)) {
		// Firebase's `{"users": [...]}`, or GoTrue's `GET /admin/users` body (`{"users": [...], "aud": ...}`):
		// the first user tells
		const opening = /"users"\s*:\s*\[/.exec(text);
		const user = opening ? firstObject(text.slice(opening.index + opening[0].length)) : undefined;
		const kind = detectJsonUser(user);
		if (kind) return {layout: {kind, container: 'users-object'}, container: 'users-object', sure: true};
		// No whole user: Firebase's layout, whose reader says where the file is cut. A user no provider
		// writes is no Firebase user either: GoTrue's body whose first user is not read as such, say
		return {
			layout: user === undefined ? {kind: 'firebase', container: 'users-object'} : undefined,
			container: 'users-object',
			sure: false,
		};
	}

	// `aws cognito-idp list-users`: `{"Users": [...], "PaginationToken": ...}`, as AWS names its members
	if (first === '{' && isUsersObject(head, 'Users')) {
		const opening = /"Users"\s*:\s*\[/.exec(text);
		const user = opening ? firstObject(text.slice(opening.index + opening[0].length)) : undefined;
		return {layout: {kind: 'cognito', container: 'users-object'}, container: 'users-object', sure: detectJsonUser(user) === 'cognito'};
	}

	if (first === '[' || first === '{') {
		const kind = detectJsonUser(firstObject(text));
		return {layout: kind ? {kind, container: 'json'} : undefined, container: 'json', sure: kind !== undefined};
	}

	const rows = first === undefined ? [] : firstCsvRows(text, 2);
	const layout = rows.length > 0 ? detectCsv(rows) : undefined;
	return {layout, container: layout?.container ?? 'csv', sure: layout !== undefined};
}

const formats: Record<SourceKind, string> = {
	auth0: auth0Formats,
	firebase: firebaseFormats,
	supabase: supabaseFormats,
	clerk: clerkFormats,
	cognito: cognitoFormats,
};

/** A --from whose provider the content does not show: read as that provider's, its users would be wrong or lost. */
export class NotSourceError extends UserError {
	constructor(file: string, from: SourceKind) {
		super(
			`${file}: --from ${from}, but the file is not ${sourceNames[from]}'s export as this tool reads it: expected ${formats[from]}`,
		);
	}
}

/**
 * Whether the head has no user to tell a provider by: an empty file, or JSON whose first user is not
 * whole in it (cut short, or longer than the head). Reading the file then says what is wrong with it.
 */
function holdsNoUser(text: string, peeked: Peeked): boolean {
	if (text.trim() === '') return true;
	if (peeked.container === 'csv') return false;
	const opening = peeked.container === 'users-object' ? /"[Uu]sers"\s*:\s*\[/.exec(text) : undefined;
	return firstObject(opening ? text.slice(opening.index + opening[0].length) : text) === undefined;
}

// Firebase's CSV has no header to tell it by: a first row out of its place (a name whose comma split it)
// is not the whole file, so the first rows are looked at
const firebaseRowsLooked = 16;

/**
 * Whether `text` opens an object with the `member` (`users`) whose value holds no whole user: cut
 * short, or no array at all. The reader of that layout then names the fault and its place; a whole
 * user in it that no provider writes is another provider's file, refused instead.
 */
function framedWithoutUser(text: string, member: string): boolean {
	const named = new RegExp(`^\\s*\\{[^]*"${member}"\\s*:\\s*`).exec(text);
	if (!named) return false;
	const rest = text.slice(named[0].length);
	return !rest.startsWith('[') || firstObject(rest.slice(1)) === undefined;
}

export class WrongSourceError extends UserError {
	constructor(file: string, from: SourceKind, found: SourceLayout) {
		super(
			`${file}: --from ${from}, but the file reads as ${layoutName(found)}: its users would be read wrongly (leave out --from, or give the right file)`,
		);
	}
}

/** The layout to read `file` with: detected, or the container detected with the provider given by `--from`. */
export async function detectSource(file: string, from?: SourceKind): Promise<SourceLayout | undefined> {
	let head = await readHead(file);
	let peeked = peekHead(head);
	// A first user longer than the head (a large metadata object): read on until it is whole
	if (!peeked.sure && peeked.container !== 'csv' && head.length >= headBytes) {
		head = await readHead(file, maxRecordBytes + headBytes);
		peeked = peekHead(head);
	}

	if (!from) return peeked.layout;
	if (peeked.layout?.kind === from) return peeked.layout;
	// --from confirms what the content says; it does not make one provider's users read as another's
	if (peeked.sure && peeked.layout) throw new WrongSourceError(file, from, peeked.layout);
	const text = new TextDecoder().decode(head).replace(/^\uFEFF/, '');
	// A Firebase (or list-users) export cut short before its '[' is still framed as one, so the reader says what is wrong
	if ((from === 'firebase' || from === 'cognito') && framedWithoutUser(text, usersMember(from)))
		return {kind: from, container: 'users-object'};
	if (
		from === 'firebase' &&
		peeked.container === 'csv' &&
		firstCsvRows(text, firebaseRowsLooked).some(row => looksLikeFirebaseCsvRow(row))
	)
		return {kind: from, container: 'headerless-csv'};
	const [header] = peeked.container === 'csv' ? firstCsvRows(text, 1) : [];
	if (from === 'auth0' && header && hasAuth0CsvHeader(header.map(name => name.trim().toLowerCase())))
		return {kind: from, container: 'csv'};
	// --from confirms: content that is not the provider's is refused, not converted into wrong users
	if (!holdsNoUser(text, peeked)) throw new NotSourceError(file, from);
	// A forced Firebase CSV has no header row; the other providers' CSV exports always have one
	const container = peeked.container === 'csv' && from === 'firebase' ? 'headerless-csv' : peeked.container;
	return {kind: from, container};
}
