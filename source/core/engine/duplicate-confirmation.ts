import type {RuleCode} from '../rules/catalogue.js';
import type {RuleContext, UniqueKeys} from '../rules/validate-record.js';
import {type KeyReading, readRecordKeys, uniqueKeysOf} from './record-keys.js';
import type {RecordReader} from './record-reader.js';
import {KeyKind, keyEntries} from './unique-hash.js';

// Duplicates are found by 64-bit hashes of the values. Equal hashes almost always mean equal values;
// this makes it always: both records of each pair are read again, and where the values differ (a hash
// collision) one more pass finds the record that really had the value first, if any. Records read
// again are decoded as the checker decodes them (RecordReader: Go's U+FFFD for each byte that is not
// UTF-8), so the values compared are the ones that were hashed.

/**
 * A duplicate found by hash, to be confirmed against the real values before the run ends. `problem`
 * is its index in the store, -1 when the store was full, or undefined while it is not stored yet
 * (found at the end, from the spilled hashes).
 */
export type Candidate = {
	record: number;
	earlier: number;
	kind: KeyKind;
	slot: number;
	problem: number | undefined;
	code: RuleCode;
	line: number;
	column: number;
	dropped?: boolean;
};

export const duplicateCodes: Record<KeyKind, RuleCode> = {
	[KeyKind.UserId]: 'duplicate.user-id',
	[KeyKind.Email]: 'duplicate.email',
	[KeyKind.Username]: 'duplicate.username',
	[KeyKind.CredentialId]: 'duplicate.credential-id',
	[KeyKind.UserHandle]: 'duplicate.user-handle',
};

export const duplicateMessages: Record<KeyKind, string> = {
	[KeyKind.UserId]: 'user_id already used by record {ref}: give one of them a new ID or merge them',
	[KeyKind.Email]:
		'address already used by record {ref} (compared lower-cased, as Hanko stores it): remove it from one of them or merge them',
	[KeyKind.Username]: 'username already used by record {ref}: rename or merge',
	[KeyKind.CredentialId]: 'credential id already used by record {ref}: a passkey can belong to one user only; remove it from one of them',
	[KeyKind.UserHandle]:
		"user_handle already used by record {ref}: Hanko links it to that user and this passkey's insert fails; keep it in one user only",
};

/** The value a duplicate candidate is about, from the later record's keys. */
function valueOf(keys: UniqueKeys | undefined, candidate: Candidate): string | undefined {
	if (!keys) return undefined;
	return keyEntries(keys).find(entry => entry.kind === candidate.kind && entry.slot === candidate.slot)?.value;
}

function hasValue(keys: UniqueKeys | undefined, kind: KeyKind, value: string): boolean {
	return keys !== undefined && keyEntries(keys).some(entry => entry.kind === kind && entry.value === value);
}

export function duplicatePointer(kind: KeyKind, slot: number): string {
	switch (kind) {
		case KeyKind.UserId: {
			return '/user_id';
		}

		case KeyKind.Username: {
			return '/username';
		}

		case KeyKind.Email: {
			return `/emails/${slot}/address`;
		}

		case KeyKind.CredentialId: {
			return `/webauthn_credentials/${slot}/id`;
		}

		case KeyKind.UserHandle: {
			return `/webauthn_credentials/${slot}/user_handle`;
		}
	}
}

/**
 * Reads the records of every pair again. Returns only the pairs whose values differ: mapped to the
 * record that really had the value first, or to undefined when no earlier record had it.
 */
export async function findCollisions(
	reader: RecordReader,
	candidates: readonly Candidate[],
	context: RuleContext,
	/** How the records of the pairs are read (the run has its reader worker read them). */
	readKeys: KeyReading = async records => readRecordKeys(reader, records, context, false),
): Promise<Map<Candidate, number | undefined>> {
	const corrections = new Map<Candidate, number | undefined>();
	const values = await readKeys(candidates.flatMap(candidate => [candidate.record, candidate.earlier]));
	const keysOf = (record: number) => values.get(record)?.keys;
	const collided = candidates.filter(candidate => {
		const value = valueOf(keysOf(candidate.record), candidate);
		// A record's values of one kind are distinct: "earlier" being the record itself is two of its
		// values (of two kinds) with one hash
		return (
			value !== undefined && (candidate.earlier === candidate.record || !hasValue(keysOf(candidate.earlier), candidate.kind, value))
		);
	});
	if (collided.length === 0) return corrections;

	const firstSeen = new Map<string, number>();
	const label = (kind: KeyKind, value: string) => `${kind}:${value}`;
	for (const candidate of collided) firstSeen.set(label(candidate.kind, valueOf(keysOf(candidate.record), candidate)!), -1);
	const last = Math.max(...collided.map(candidate => candidate.record));
	await reader.forEach(0, last, ({index, text}) => {
		const keys = uniqueKeysOf(text, context);
		if (!keys) return;
		for (const {kind, value} of keyEntries(keys)) {
			if (firstSeen.get(label(kind, value)) === -1) firstSeen.set(label(kind, value), index);
		}
	});
	for (const candidate of collided) {
		const first = firstSeen.get(label(candidate.kind, valueOf(keysOf(candidate.record), candidate)!))!;
		corrections.set(candidate, first >= 0 && first < candidate.record ? first : undefined);
	}

	return corrections;
}
