import type {UniqueKeys} from '../rules/record-check.js';

// Two independent 32-bit hashes of a string (64 bits together). The duplicate index keeps only these,
// not the strings, so memory stays bounded; equal hashes are confirmed against the real values later.

/** The values that must be unique across users. A key carries its kind and the index (slot) of the email or credential it came from. */
export const enum KeyKind {
	UserId = 0,
	Email = 1,
	Username = 2,
	CredentialId = 3,
	UserHandle = 4,
}

const kindBits = 3;

export function packKind(kind: KeyKind, slot: number): number {
	return kind | (slot << kindBits);
}

export function kindOf(packed: number): KeyKind {
	return (packed & ((1 << kindBits) - 1)) as KeyKind;
}

export function slotOf(packed: number): number {
	return packed >>> kindBits;
}

export type KeyEntry = {kind: KeyKind; slot: number; value: string};

/** Takes the unique values of records one at a time (an object, not a closure, so none is made per record). */
export type KeyVisitor = {
	visit(kind: KeyKind, slot: number, value: string): void;
};

/** Every value of a record that must be unique, in a fixed order (the order duplicates are reported in). */
export function forEachKey(keys: UniqueKeys, visitor: KeyVisitor): void {
	if (keys.userId !== undefined) visitor.visit(KeyKind.UserId, 0, keys.userId);
	for (const email of keys.emails) visitor.visit(KeyKind.Email, email.index, email.address);
	if (keys.username !== undefined) visitor.visit(KeyKind.Username, 0, keys.username);
	for (const credential of keys.credentialIds) visitor.visit(KeyKind.CredentialId, credential.index, credential.id);
	for (const handle of keys.userHandles) visitor.visit(KeyKind.UserHandle, handle.index, handle.handle);
}

/** The same as a list. */
export function keyEntries(keys: UniqueKeys): KeyEntry[] {
	const entries: KeyEntry[] = [];
	forEachKey(keys, {visit: (kind, slot, value) => entries.push({kind, slot, value})});
	return entries;
}

/**
 * Two 32-bit hashes of `text` (with its kind), read two UTF-16 units at a time as one 32-bit word:
 * half the multiplications of a character at a time, and every thread computes the same. For a fixed
 * word each step is a bijection of the state, so texts of one length that differ in a single word never
 * collide; the final mixes spread every bit over the low ones (they choose the index's shard).
 */
export function hashPair(text: string, kind: KeyKind, out: Uint32Array, at: number): void {
	let a = seedA(kind);
	let b = seedB(kind);
	const {length} = text;
	let i = 0;
	for (; i + 1 < length; i += 2) {
		const word = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
		a = stepA(a, word);
		b = stepB(b, word);
	}

	if (i < length) {
		a = stepA(a, text.charCodeAt(i));
		b = stepB(b, text.charCodeAt(i));
	}

	finish(a, b, length, out, at);
}

/** FNV-1a on words. */
function seedA(kind: KeyKind): number {
	return 0x81_1c_9d_c5 ^ kind;
}

/** Murmur3's block mix. */
function seedB(kind: KeyKind): number {
	return 0x9e_37_79_b9 + kind;
}

/** Both hashes of a text of `length` UTF-16 units, each mixed, into out[at] and out[at + 1]. */
function finish(a: number, b: number, length: number, out: Uint32Array, at: number): void {
	out[at] = mix(a ^ length) >>> 0;
	out[at + 1] = mix(b ^ length) >>> 0;
}

function stepA(a: number, word: number): number {
	return Math.imul(a ^ word, 0x01_00_01_93);
}

function stepB(b: number, word: number): number {
	const mixed = Math.imul(b ^ word, 0xcc_9e_2d_51);
	return Math.imul((mixed << 15) | (mixed >>> 17), 0x1b_87_35_93);
}

/**
 * hashPair of the text that the UTF-8 bytes buf[from, to) spell, for values read straight from a
 * file's bytes (plain-record.ts): the same hash without making the string. Characters of one or two
 * bytes only (to U+07FF, one UTF-16 unit each): the plain reader takes no others.
 */
export function hashUtf8Pair(buf: Uint8Array, from: number, to: number, kind: KeyKind, out: Uint32Array, at: number): void {
	let a = seedA(kind);
	let b = seedB(kind);
	let units = 0;
	let pending = -1; // The first unit of a word
	for (let i = from; i < to;) {
		// Two ASCII bytes make a word at once: most values are ASCII
		if (pending < 0 && i + 1 < to && (buf[i]! | buf[i + 1]!) < 0x80) {
			const word = buf[i]! | (buf[i + 1]! << 16);
			a = stepA(a, word);
			b = stepB(b, word);
			units += 2;
			i += 2;
			continue;
		}

		let unit = buf[i]!;
		if (unit < 0x80) {
			i++;
		} else {
			unit = ((unit & 0x1f) << 6) | (buf[i + 1]! & 0x3f);
			i += 2;
		}

		units++;
		if (pending < 0) {
			pending = unit;
		} else {
			const word = pending | (unit << 16);
			a = stepA(a, word);
			b = stepB(b, word);
			pending = -1;
		}
	}

	if (pending >= 0) {
		a = stepA(a, pending);
		b = stepB(b, pending);
	}

	finish(a, b, units, out, at);
}

/** Murmur3's finaliser: every input bit reaches every output bit. */
function mix(h: number): number {
	h = Math.imul(h ^ (h >>> 16), 0x85_eb_ca_6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2_b2_ae_35);
	return h ^ (h >>> 16);
}
