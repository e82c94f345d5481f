import {fixesFor} from '../../core/fixes/fix-catalogue.js';
import type {RuleCode} from '../../core/rules/catalogue.js';
import type {PendingFix} from './fixes-state.js';
import {entry} from '../kit/format.js';
import {count} from '../../core/text/count.js';

// What the fix menu offers: for each rule of the record, each fix for it, on this record or on every
// problem of that rule; for a missing or doubled primary email, also each address of the record.

export type FixChoice = Omit<PendingFix, 'id'> & {label: string};

type Source = {
	/** The record shown, or undefined when the menu is for a rule (from the counts by rule). */
	record: number | undefined;
	/** The rules of the record's problems, in order (a rule once). */
	codes: readonly RuleCode[];
	/** Problems per rule in the whole file. */
	counts: Readonly<Record<string, {count: number}>>;
	/** The record's addresses, for picking the primary one. */
	addresses?: readonly string[];
};

export function fixChoices({record, codes, counts, addresses}: Source): FixChoice[] {
	const choices: FixChoice[] = [];
	for (const code of new Set(codes)) {
		const all = counts[code]?.count ?? 0;
		for (const fix of fixesFor(code)) {
			if (record !== undefined) {
				choices.push({
					fix: fix.id,
					code,
					record,
					problems: 1,
					label: `${fix.id} on ${entry(record)}, for ${code}: ${fix.description}`,
				});
				if (fix.id === 'email.mark-primary') {
					for (const address of addresses ?? []) {
						choices.push({
							fix: fix.id,
							code,
							record,
							problems: 1,
							primaryPick: address,
							label: `${fix.id} on ${entry(record)}, for ${code}: make ${address} primary`,
						});
					}
				}
			}

			choices.push({
				fix: fix.id,
				code,
				record: undefined,
				problems: all,
				label: `${fix.id} on all ${count(all)} problems of ${code}: ${fix.description}`,
			});
		}
	}

	return choices;
}

/** The addresses of a record, as the picker lists them. */
export function addressesOf(record: unknown): string[] {
	if (typeof record !== 'object' || record === null || Array.isArray(record)) return [];
	const emails = (record as Record<string, unknown>).emails;
	if (!Array.isArray(emails)) return [];
	return emails.map(email => {
		const address = typeof email === 'object' && email !== null ? (email as Record<string, unknown>).address : undefined;
		return typeof address === 'string' ? address : '(no address)';
	});
}
