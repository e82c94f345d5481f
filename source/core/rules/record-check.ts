import type {RuleCode} from './catalogue.js';
import type {HankoRules} from './hanko-versions.js';
import type {ImportEntry} from './import-format.js';

/** One problem found inside a record; where the record is in the file is added by the caller. */
export type RecordProblem = {
	pointer: string;
	code: RuleCode;
	message: string;
	/** For a duplicate: the record that has the value first. */
	ref?: number;
	/** Where in the record's text the problem is, when it is a place rather than a field (a syntax error). */
	index?: number;
};

/** Values that must be unique across the file (and the target project), each once per record. */
export type UniqueKeys = {
	/** Canonical lower case when it is a UUID; as written otherwise. */
	userId?: string;
	username?: string;
	/** Addresses lower-cased as Hanko stores them, with their index in `emails`. */
	emails: Array<{address: string; index: number}>;
	/** With the index of the first credential that has it. */
	credentialIds: Array<{id: string; index: number}>;
	userHandles: Array<{handle: string; index: number}>;
};

export type RecordResult = {
	problems: RecordProblem[];
	keys: UniqueKeys;
	/** The record as Hanko's decoder gave it (undefined when it is not JSON or not an object). */
	entry: ImportEntry | undefined;
};

/**
 * How a record's text is decoded: `quick` is JSON.parse (of a whole batch at once, in a run) with Go's
 * rules applied to its value, leaving what it cannot be sure of to the exact decoder; `exact` is the
 * exact decoder alone, which reads the text as Go's scanner does. Not given (the product): in a run,
 * the plain reader (plain-record.ts) first, then `quick` for the records it leaves. The differential
 * tests hold them to the same results.
 */
export type DecodePath = 'quick' | 'exact';

export type RuleContext = {
	/** The run's clock (ms since the epoch), for "in the future". */
	now: number;
	rules: HankoRules;
	/** Set only in the tests that compare the paths; see DecodePath. */
	decodePath?: DecodePath;
};

/** What the email check of layer 2 found for an address, for the layers after it. */
export type EmailVerdict = {
	/** As Hanko stores it: lower-cased by Go's strings.ToLower. */
	lower: string;
	/** Whether the validator's email check passed it. */
	valid: boolean;
};

/** The pointer to `base`, then `name`, then `sub` below it: checks pass the parts and build it only for a problem. */
export function pointerBelow(base: string, name?: string | number, sub?: string | number): string {
	return name === undefined ? base : sub === undefined ? `${base}/${name}` : `${base}/${name}/${sub}`;
}

/** What the checks of one record collect. */
export class Findings {
	readonly problems: RecordProblem[] = [];
	/** Every field from the start (undefined until known): adding one later would reshape the object for each record. */
	readonly keys: UniqueKeys = {userId: undefined, username: undefined, emails: [], credentialIds: [], userHandles: []};
	entry: ImportEntry | undefined = undefined;
	/** By index in `emails`; undefined for an email that is not an object. */
	readonly emails: Array<EmailVerdict | undefined> = [];
	/** Pointers of values the decoder could not store: checks after decoding stay quiet about them. */
	private mistyped: Set<string> | undefined;

	add(pointer: string, code: RuleCode, message: string): void {
		this.problems.push({pointer, code, message});
	}

	markMistyped(pointer: string): void {
		(this.mistyped ??= new Set()).add(pointer);
	}

	/**
	 * Whether the value at `base` (then `name`, then `sub` below it) was of the wrong type; the pointer
	 * is built only when some value was.
	 */
	isMistyped(base: string, name?: string | number, sub?: string | number): boolean {
		if (this.mistyped === undefined) return false;
		return this.mistyped.has(pointerBelow(base, name, sub));
	}
}
