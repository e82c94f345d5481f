import type {RuleCode} from '../rules/catalogue.js';
import {type UniqueKeys, validateRecord} from '../rules/validate-record.js';
import type {RecordReader} from './record-reader.js';
import {KeyKind} from './unique-hash.js';

// Duplicates are found by 64-bit hashes of the values. Equal hashes almost always mean equal values;
// this makes it always: both records of each pair are read again, and where the values differ (a hash
// collision) one more pass finds the record that really had the value first, if any.

/**
 * A duplicate found by hash, to be confirmed against the real values before the run ends. `problem`
 * is its index in the store, -1 when the store was full, or undefined while it is not stored yet
 * (found at the end, from the spilled hashes).
 */
export type Candidate = {record: number; earlier: number; kind: KeyKind; slot: number; problem: number | undefined; code: RuleCode; line: number; column: number; dropped?: boolean};

export const duplicateCodes: Record<KeyKind, RuleCode> = {
	[KeyKind.UserId]: 'duplicate.user-id',
	[KeyKind.Email]: 'duplicate.email',
	[KeyKind.Username]: 'duplicate.username',
};

export const duplicateMessages: Record<KeyKind, string> = {
	[KeyKind.UserId]: 'user_id already used by record {ref}: give one of them a new ID or merge them',
	[KeyKind.Email]: 'address already used by record {ref} (compared in lower case): remove it from one of them or merge them',
	[KeyKind.Username]: 'username already used by record {ref}: rename or merge',
};

function uniqueKeysOf(text: string | undefined, now: number): UniqueKeys | undefined {
	if (text === undefined) return undefined;
	try {
		return validateRecord(JSON.parse(text), now).keys;
	} catch {
		return undefined;
	}
}

/** The value a duplicate candidate is about, from the later record's keys. */
function valueOf(keys: UniqueKeys | undefined, candidate: Candidate): string | undefined {
	if (!keys) return undefined;
	if (candidate.kind === KeyKind.UserId) return keys.userId;
	if (candidate.kind === KeyKind.Username) return keys.username;
	return keys.emails.find(email => email.index === candidate.slot)?.address;
}

function hasValue(keys: UniqueKeys | undefined, kind: KeyKind, value: string): boolean {
	if (!keys) return false;
	if (kind === KeyKind.UserId) return keys.userId === value;
	if (kind === KeyKind.Username) return keys.username === value;
	return keys.emails.some(email => email.address === value);
}

export function duplicatePointer(kind: KeyKind, slot: number): string {
	if (kind === KeyKind.UserId) return '/user_id';
	if (kind === KeyKind.Username) return '/username';
	return `/emails/${slot}/address`;
}

/**
 * Reads the records of every pair again. Returns only the pairs whose values differ: mapped to the
 * record that really had the value first, or to undefined when no earlier record had it.
 */
export async function findCollisions(reader: RecordReader, candidates: readonly Candidate[], now: number): Promise<Map<Candidate, number | undefined>> {
	const corrections = new Map<Candidate, number | undefined>();
	const texts = await reader.readMany(candidates.flatMap(candidate => [candidate.record, candidate.earlier]));
	const keysOf = (record: number) => uniqueKeysOf(texts.get(record)?.text, now);
	const collided = candidates.filter(candidate => {
		const value = valueOf(keysOf(candidate.record), candidate);
		return value !== undefined && !hasValue(keysOf(candidate.earlier), candidate.kind, value);
	});
	if (collided.length === 0) return corrections;

	const firstSeen = new Map<string, number>();
	const label = (kind: KeyKind, value: string) => `${kind}:${value}`;
	for (const candidate of collided) firstSeen.set(label(candidate.kind, valueOf(keysOf(candidate.record), candidate)!), -1);
	const last = Math.max(...collided.map(candidate => candidate.record));
	await reader.forEach(0, last, ({index, text}) => {
		const keys = uniqueKeysOf(text, now);
		if (!keys) return;
		const values: Array<[KeyKind, string | undefined]> = [[KeyKind.UserId, keys.userId], [KeyKind.Username, keys.username], ...keys.emails.map(email => [KeyKind.Email, email.address] as [KeyKind, string])];
		for (const [kind, value] of values) {
			if (value !== undefined && firstSeen.get(label(kind, value)) === -1) firstSeen.set(label(kind, value), index);
		}
	});
	for (const candidate of collided) {
		const first = firstSeen.get(label(candidate.kind, valueOf(keysOf(candidate.record), candidate)!))!;
		corrections.set(candidate, first >= 0 && first < candidate.record ? first : undefined);
	}

	return corrections;
}
