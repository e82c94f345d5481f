// How Auth0's password export is held in bytes (byte-keyed-store.ts): most of a million users' keys
// are an id of 24 lower-case hex digits (a MongoDB ObjectId), most hashes bcrypt's 60 characters.
// Packed, they take 13 and 43 bytes instead of 27 and 60. Every other key or hash is held as its UTF-8
// bytes behind a tag no packed form starts with, so two different texts never share bytes. The line
// reader packs straight from the file's bytes; look-ups pack the keys the converter gives as text.

const tag = {packed: 1, email: 2, id: 3} as const;
/** The first byte of every address's key. */
export const emailTag = tag.email;
// An ObjectId is hex: one written in capitals is the same id
const isHexDigit = (byte: number) => (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66);
const isSpace = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
const nibble = (byte: number) => (byte <= 0x39 ? byte - 0x30 : (byte | 0x20) - 0x57);
const auth0Prefix = Buffer.from('auth0|');

// Loops, not subarray views: a view is an object, and there are millions of keys
function startsWith(source: Uint8Array, start: number, end: number, prefix: Uint8Array): boolean {
	if (end - start < prefix.length) return false;
	for (let i = 0; i < prefix.length; i++) if (source[start + i] !== prefix[i]) return false;
	return true;
}

function copy(source: Uint8Array, start: number, end: number, into: Uint8Array, at: number): void {
	for (let i = start; i < end; i++) into[at + i - start] = source[i]!;
}

/**
 * The key of the id in `source[start, end)` (UTF-8, no escapes) into `into`; its length. An id from
 * the export itself (`stripPrefix`) may be written with Auth0's `auth0|` before it, which users do not have.
 */
export function idKey(source: Uint8Array, start: number, end: number, into: Buffer, stripPrefix: boolean): number {
	if (stripPrefix && startsWith(source, start, end, auth0Prefix)) start += auth0Prefix.length;
	let hex = end - start === 24;
	for (let i = start; hex && i < end; i++) hex = isHexDigit(source[i]!);
	if (hex) {
		into[0] = tag.packed;
		for (let i = 0; i < 12; i++) into[i + 1] = (nibble(source[start + 2 * i]!) << 4) | nibble(source[start + 2 * i + 1]!);
		return 13;
	}

	into[0] = tag.id;
	copy(source, start, end, into, 1);
	return end - start + 1;
}

/**
 * The key of the address in `source[start, end)` into `into`; its length. `lowerAscii` trims and
 * lower-cases an address of ASCII bytes, as `trim().toLowerCase()` would.
 */
export function emailKey(source: Uint8Array, start: number, end: number, into: Buffer, lowerAscii: boolean): number {
	if (lowerAscii) {
		while (start < end && isSpace(source[start]!)) start++;
		while (end > start && isSpace(source[end - 1]!)) end--;
	}

	into[0] = tag.email;
	for (let i = start; i < end; i++) {
		const byte = source[i]!;
		into[i - start + 1] = lowerAscii && byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
	}

	return end - start + 1;
}

const textBytes = Buffer.allocUnsafeSlow(0x1_00_00);

/** The key for `id:<id>` or `email:<address>` as the converter writes them (trimmed, lower-cased); -1 for another. */
export function keyOfText(key: string, into: Buffer): number {
	const email = key.startsWith('email:');
	if (!email && !key.startsWith('id:')) return -1;
	const from = email ? 6 : 3;
	if ((key.length - from) * 3 >= textBytes.length) return -1;
	const length = textBytes.write(key.slice(from), 'utf8');
	return email ? emailKey(textBytes, 0, length, into, false) : idKey(textBytes, 0, length, into, false);
}

const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alphabetBytes = Buffer.from(alphabet, 'latin1');
const digitOf = new Int8Array(256).fill(-1);
for (const [at, char] of [...alphabet].entries()) digitOf[char.charCodeAt(0)] = at;
const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;

/** Whether `source[start, end)` is `$2a$`, `$2b$` or `$2y$`, two digits of cost, `$`, and 53 digits of bcrypt's alphabet. */
function isBcrypt(source: Uint8Array, start: number, end: number): boolean {
	if (end - start !== 60) return false;
	const variant = source[start + 2];
	if (source[start] !== 0x24 || source[start + 1] !== 0x32 || source[start + 3] !== 0x24 || source[start + 6] !== 0x24) return false;
	if ((variant !== 0x61 && variant !== 0x62 && variant !== 0x79) || !isDigit(source[start + 4]!) || !isDigit(source[start + 5]!))
		return false;
	for (let i = start + 7; i < end; i++) if (digitOf[source[i]!]! < 0) return false;
	return true;
}

/** The hash in `source[start, end)` (UTF-8, no escapes) into `into`, bcrypt's packed; its length. */
export function packHash(source: Uint8Array, start: number, end: number, into: Buffer): number {
	if (!isBcrypt(source, start, end)) {
		into[0] = 0;
		copy(source, start, end, into, 1);
		return end - start + 1;
	}

	into[0] = tag.packed;
	into[1] = source[start + 2]!;
	into[2] = (source[start + 4]! - 0x30) * 10 + source[start + 5]! - 0x30;
	let bits = 0;
	let held = 0;
	let at = 3;
	for (let i = start + 7; i < end; i++) {
		bits = ((bits << 6) | digitOf[source[i]!]!) & 0x3f_ff;
		held += 6;
		if (held >= 8) {
			held -= 8;
			into[at++] = (bits >> held) & 0xff;
		}
	}

	into[at] = (bits << (8 - held)) & 0xff; // 53 digits are 318 bits: the last byte holds 6 of them
	return at + 1;
}

const hashChars = Buffer.allocUnsafeSlow(60);

/** The hash `packHash` packed in `bytes[start, end)`, as text (made in bytes: 53 digits added to a string are 53 strings of garbage). */
export function hashText(bytes: Buffer, start = 0, end = bytes.length): string {
	if (bytes[start] !== tag.packed) return bytes.toString('utf8', start + 1, end);
	hashChars.write('$2', 0, 'latin1');
	hashChars[2] = bytes[start + 1]!;
	hashChars.write(`$${String(bytes[start + 2]).padStart(2, '0')}$`, 3, 'latin1');
	let bits = 0;
	let held = 0;
	let at = start + 3;
	for (let digit = 7; digit < 60; digit++) {
		if (held < 6) {
			bits = ((bits << 8) | bytes[at++]!) & 0xff_ff;
			held += 8;
		}

		held -= 6;
		hashChars[digit] = alphabetBytes[(bits >> held) & 0x3f]!;
	}

	return hashChars.toString('latin1');
}
