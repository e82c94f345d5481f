import type {GoTime} from '../go/go-time.js';
import {decodeGoJson} from '../go/json-decode.js';
import type {GoType} from '../go/go-types.js';
import {foldKey} from '../go/json-decode.js';
import {nilUuid} from '../go/uuid-text.js';
import {type ImportCredential, type ImportEntry, entryType} from '../rules/import-format.js';
import type {Fields} from './record-fixes.js';

// A record written again as Hanko's decoder reads it: one key a field (repeated keys merged as Go
// merges them), canonical names, times as Go holds them. Unknown fields of the user, which Go drops,
// are kept after the known ones (as JSON.parse has them); those inside emails or passkeys are not.

function two(value: number): string {
	return String(value).padStart(2, '0');
}

/** A time as RFC 3339, in the zone it was written in, with every nanosecond Go kept. */
export function formatGoTime(time: GoTime): string {
	const local = new Date((time.seconds + time.offset) * 1000);
	const year = String(local.getUTCFullYear()).padStart(4, '0');
	const fraction = time.nanos === 0 ? '' : `.${String(time.nanos).padStart(9, '0').replace(/0+$/, '')}`;
	const minutes = Math.abs(time.offset) / 60;
	const zone = time.zulu ? 'Z' : `${time.offset < 0 ? '-' : '+'}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
	return `${year}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}${fraction}${zone}`;
}

function times(into: Fields, from: {created_at: GoTime | null; updated_at: GoTime | null}): void {
	if (from.created_at) into.created_at = formatGoTime(from.created_at);
	if (from.updated_at) into.updated_at = formatGoTime(from.updated_at);
}

function credential(value: ImportCredential): Fields {
	const out: Fields = {id: value.id};
	if (value.name !== null) out.name = value.name;
	out.public_key = value.public_key;
	out.attestation_type = value.attestation_type;
	if (value.aaguid !== nilUuid) out.aaguid = value.aaguid;
	// Counters beyond a double are refused anyway (above 2,147,483,647): the number only has to be one
	out.sign_count = typeof value.sign_count === 'bigint' ? Number(value.sign_count) : value.sign_count;
	if (value.last_used_at) out.last_used_at = formatGoTime(value.last_used_at);
	times(out, value);
	if (value.transports !== null) out.transports = value.transports;
	out.backup_eligible = value.backup_eligible;
	out.backup_state = value.backup_state;
	out.mfa_only = value.mfa_only;
	if (value.user_handle !== null) out.user_handle = value.user_handle;
	return out;
}

function toFields(entry: ImportEntry): Fields {
	const out: Fields = {};
	if (entry.user_id !== '') out.user_id = entry.user_id;
	if (entry.emails !== null)
		out.emails = entry.emails.map(email => ({address: email.address, is_primary: email.is_primary, is_verified: email.is_verified}));
	if (entry.username !== null) out.username = entry.username;
	if (entry.webauthn_credentials !== null) out.webauthn_credentials = entry.webauthn_credentials.map(value => credential(value));
	if (entry.password) {
		out.password = {password: entry.password.password};
		times(out.password as Fields, entry.password);
	}

	if (entry.otp_secret) {
		out.otp_secret = {secret: entry.otp_secret.secret};
		times(out.otp_secret as Fields, entry.otp_secret);
	}

	times(out, entry);
	return out;
}

/**
 * The record as Hanko reads it, or undefined when Go would not decode it (a syntax or type error:
 * then nothing can be said of its values).
 */
export function recordAsHankoReadsIt(text: string): Fields | undefined {
	const decoded = decodeGoJson(text, entryType);
	if (
		!decoded.ok ||
		decoded.faults.some(fault => fault.kind !== 'unknown-key' && fault.kind !== 'folded-key' && fault.kind !== 'duplicate-key')
	)
		return undefined;
	const out = toFields(decoded.value as ImportEntry);
	const known = new Set((entryType as GoType & {kind: 'struct'}).fields.map(field => foldKey(field.json)));
	const parsed = JSON.parse(text) as Fields;
	for (const [key, value] of Object.entries(parsed)) if (!known.has(foldKey(key))) out[key] = value;
	return out;
}
