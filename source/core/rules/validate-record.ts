import {decodeGoJson, maxNestingDepth} from '../go/json-decode.js';
import {decodeGoJsonFast, notParsed} from '../go/json-fast-path.js';
import type {GoType} from '../go/go-types.js';
import {locateSyntaxError} from '../framing/locate-syntax-error.js';
import {defaultRules} from './hanko-versions.js';
import {addDecodeProblems} from './decode-problems.js';
import {checkDatabase} from './database-checks.js';
import {type ImportEntry, entryType} from './import-format.js';
import {checkModels} from './model-checks.js';
import {Findings, type RecordResult, type RuleContext} from './record-check.js';
import {checkSilent} from './silent-checks.js';
import {checkStruct} from './struct-checks.js';

export type {DecodePath, RecordProblem, RecordResult, RuleContext, UniqueKeys} from './record-check.js';

const entryStruct = entryType as GoType & {kind: 'struct'};

/**
 * Checks one record's text the way Hanko's importer takes it, layer by layer: Go's JSON decoder, the
 * struct's validator tags, the models' checks at insert, PostgreSQL's columns; then what would be
 * imported but changed. Values that must be unique across users come back as `keys`. `parsed` is
 * what JSON.parse made of `text`, when the caller has it already (it is changed), and `colons` the
 * framer's count of colons outside strings.
 */
export function checkRecordText(text: string, context: RuleContext, parsed: unknown = notParsed, colons = -1): RecordResult {
	const findings = new Findings();
	const decoded =
		(context.decodePath === 'exact' ? undefined : decodeGoJsonFast(text, entryStruct, parsed, colons)) ?? decodeGoJson(text, entryType);
	if (!decoded.ok) {
		if (decoded.depth) {
			findings.problems.push({
				pointer: '',
				code: 'json.syntax',
				message: `nested more than ${maxNestingDepth.toLocaleString('en-US')} levels deep, which Go's decoder refuses`,
				index: decoded.index,
			});
		} else {
			const fault = locateSyntaxError(text);
			findings.problems.push({
				pointer: '',
				code: 'json.syntax',
				message: fault?.message ?? 'not valid JSON',
				index: fault?.index ?? decoded.index,
			});
		}

		return findings;
	}

	addDecodeProblems(decoded.faults, findings);
	if (findings.isMistyped('')) return findings; // Not a user object: nothing else applies
	const entry = ofOneShape(decoded.value as ImportEntry);
	findings.entry = entry;
	checkStruct(entry, findings, context);
	checkModels(entry, findings);
	checkDatabase(entry, findings);
	checkSilent(entry, findings, context);
	return findings;
}

/**
 * The entry with its fields in one order. Decoded in place, it keeps the key order of its record, and
 * files mix many orders: the checks read its fields some thirty times, and reads from objects of more
 * than four shapes take V8's slow (megamorphic) path. One copy here is cheaper (measured).
 */
function ofOneShape(entry: ImportEntry): ImportEntry {
	return {
		user_id: entry.user_id,
		emails: entry.emails,
		username: entry.username,
		webauthn_credentials: entry.webauthn_credentials,
		password: entry.password,
		otp_secret: entry.otp_secret,
		created_at: entry.created_at,
		updated_at: entry.updated_at,
	};
}

/** The same for a value (tests, fixes): checked as the JSON text it serialises to. */
export function checkRecordValue(value: unknown, context: RuleContext): RecordResult {
	return checkRecordText(JSON.stringify(value) ?? 'null', context);
}

/** A context with the default Hanko version. */
export function ruleContext(now: number, rules = defaultRules()): RuleContext {
	return {now, rules};
}
