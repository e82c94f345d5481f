import {daysFromCivil, daysIn} from '../go/go-time.js';
import {KeyKind} from '../engine/unique-hash.js';
import {varcharLimit} from './import-format.js';
import {futureSlackMs} from './silent-checks.js';
import {bcryptValue} from './password-hash.js';

// Most records of a real file are written one way: ASCII (but for the odd letter in an address), no
// escapes, every field in its usual form.
// For those, every layer of the importer's rules (validate-record.ts) has nothing to say, and the only
// result is the record's unique values. This reads such a record straight from its bytes, in one pass,
// with no string or object made (measured on the bench's users: about a quarter of the CPU time of
// JSON.parse plus the rules). It accepts only what it can prove clean for every Hanko version modelled:
// a narrower shape than the rules allow, each limit below named after the rule it keeps clear of.
// Anything else (an unknown or repeated key, a null where a value is expected, a string outside
// printable ASCII, an address it cannot vouch for, bytes that are not UTF-8) it leaves to the full checks, which are the
// reference: a differential test holds this reader to them.

const enum Field {
	// The user
	UserId,
	Emails,
	Username,
	Credentials,
	Password,
	Otp,
	CreatedAt,
	UpdatedAt,
	// An email
	Address,
	IsPrimary,
	IsVerified,
	// A credential
	Id,
	Name,
	PublicKey,
	AttestationType,
	Aaguid,
	SignCount,
	LastUsedAt,
	Transports,
	BackupEligible,
	BackupState,
	MfaOnly,
	UserHandle,
	// The password and the OTP secret (created_at and updated_at as above)
	Hash,
	Secret,
}

type Names = ReadonlyArray<readonly [string, Field]>;
const userFields: Names = [
	['user_id', Field.UserId],
	['emails', Field.Emails],
	['username', Field.Username],
	['webauthn_credentials', Field.Credentials],
	['password', Field.Password],
	['otp_secret', Field.Otp],
	['created_at', Field.CreatedAt],
	['updated_at', Field.UpdatedAt],
];
const emailFields: Names = [
	['address', Field.Address],
	['is_primary', Field.IsPrimary],
	['is_verified', Field.IsVerified],
];
const credentialFields: Names = [
	['id', Field.Id],
	['name', Field.Name],
	['public_key', Field.PublicKey],
	['attestation_type', Field.AttestationType],
	['aaguid', Field.Aaguid],
	['sign_count', Field.SignCount],
	['last_used_at', Field.LastUsedAt],
	['created_at', Field.CreatedAt],
	['updated_at', Field.UpdatedAt],
	['transports', Field.Transports],
	['backup_eligible', Field.BackupEligible],
	['backup_state', Field.BackupState],
	['mfa_only', Field.MfaOnly],
	['user_handle', Field.UserHandle],
];
const passwordFields: Names = [
	['password', Field.Hash],
	['created_at', Field.CreatedAt],
	['updated_at', Field.UpdatedAt],
];
const otpFields: Names = [
	['secret', Field.Secret],
	['created_at', Field.CreatedAt],
	['updated_at', Field.UpdatedAt],
];

/** An object's keys by length, then bytes: a key is found with a compare or two. */
class KeyTable {
	private readonly byLength: Array<Array<{bytes: Uint8Array; field: Field; bit: number}>> = [];

	constructor(names: Names) {
		for (const [index, [name, field]] of names.entries()) {
			(this.byLength[name.length] ??= []).push({bytes: new TextEncoder().encode(name), field, bit: 1 << index});
		}
	}

	/** The field of the key in buf[from, to), with its bit among this object's keys; undefined if unknown. */
	find(buf: Uint8Array, from: number, to: number): {field: Field; bit: number} | undefined {
		const candidates = this.byLength[to - from];
		if (candidates === undefined) return undefined;
		for (const candidate of candidates) {
			let i = 0;
			while (i < candidate.bytes.length && buf[from + i] === candidate.bytes[i]) i++;
			if (i === candidate.bytes.length) return candidate;
		}

		return undefined;
	}
}

const enum ObjectKind {
	User,
	Email,
	Credential,
	Password,
	Otp,
}

/** By ObjectKind. */
const keyTables = [userFields, emailFields, credentialFields, passwordFields, otpFields].map(names => new KeyTable(names));

// Byte classes, as bits
const printable = 1; // Inside a string with nothing to decode: ASCII 0x20–0x7E but '"' and '\'
const localChar = 2; // An email's local part, lower case only (the validator's atext, which lower-casing leaves alone)
const labelChar = 4; // A domain label: lower-case letters, digits, '-'
const letterOrDigit = 8;
const lowerLetter = 16;
const usernameChar = 32; // What registration takes: a-z, 0-9, '_' (Go's \w, lower case)
const lowerHex = 64;
/** ß and à–ÿ but ÷ (U+00DF to U+00FF but U+00F7), in UTF-8 C3 9F to C3 BF: lower-case letters to every check. */
const latinLetter = localChar | labelChar | letterOrDigit | lowerLetter;
const byteClass = new Uint8Array(256);
for (let c = 0x20; c < 0x7f; c++) if (c !== 0x22 && c !== 0x5c) byteClass[c]! |= printable;
for (const c of "abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~") byteClass[c.charCodeAt(0)]! |= localChar;
for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789-') byteClass[c.charCodeAt(0)]! |= labelChar;
for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') byteClass[c.charCodeAt(0)]! |= letterOrDigit;
for (const c of 'abcdefghijklmnopqrstuvwxyz') byteClass[c.charCodeAt(0)]! |= lowerLetter;
for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789_') byteClass[c.charCodeAt(0)]! |= usernameChar;
for (const c of '0123456789abcdef') byteClass[c.charCodeAt(0)]! |= lowerHex;

const isBlank = new Uint8Array(256); // JSON's white space
isBlank[0x20] = 1;
isBlank[0x09] = 1;
isBlank[0x0a] = 1;
isBlank[0x0d] = 1;

const quote = 0x22;
const comma = 0x2c;
const colon = 0x3a;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const dash = 0x2d;
const dot = 0x2e;

/** Characters (code points) in the UTF-8 bytes buf[from, to). */
function characters(buf: Uint8Array, from: number, to: number): number {
	let count = 0;
	for (let i = from; i < to; i++) if ((buf[i]! & 0xc0) !== 0x80) count++;
	return count;
}

/** Most unique values a record may have here (a user with more goes to the full checks). */
const maxKeys = 64;
/** Timestamps from these years on only: none of them is an instant gobuffalo takes for blank (1754 and 2339 are). */
const firstYear = 1900;
const lastYear = 2299;

/**
 * Reads records in the plain shape. One instance a thread: it keeps its place and the unique values
 * of the last record read in fields, so that a record costs no allocation.
 */
export class PlainRecordReader {
	/** The unique values of the last record accepted, in the order forEachKey gives them: kind, slot and byte span. */
	readonly keyKinds = new Uint8Array(maxKeys);
	readonly keySlots = new Int32Array(maxKeys);
	readonly keyFrom = new Int32Array(maxKeys);
	readonly keyTo = new Int32Array(maxKeys);
	keyCount = 0;

	private buf: Uint8Array = new Uint8Array(0);
	private at = 0;
	private end = 0;
	private readonly latestMs: number;
	// Where the values of the record being read are, by kind, before they are put in order
	private userId = -1;
	private username = -1;
	private usernameEnd = -1;
	private readonly emails = new Int32Array(maxKeys * 2);
	private emailCount = 0;
	private readonly credentialIds = new Int32Array(maxKeys * 2);
	private credentialCount = 0;
	private readonly handles = new Int32Array(maxKeys * 3); // from, to, credential index
	private handleCount = 0;
	private primaries = 0;
	// The object being read: what its checks at the end need
	private verified = false;
	private address = -1;
	private addressEnd = -1;
	private id = -1;
	private idEnd = -1;
	private handle = -1;
	private handleEnd = -1;
	private mfaOnly = false;
	private publicKey = false;
	private attestation = false;
	private readonly transportSpans = new Int32Array(maxKeys * 2);
	private transportCount = 0;
	private hashSeen = false;
	private secretSeen = false;
	/** Bytes of the character charClass looked at last. */
	private width = 1;

	/** `now`: the run's clock; timestamps later than it (with the rules' slack) are left to the full checks. */
	constructor(readonly now: number) {
		this.latestMs = now + futureSlackMs;
	}

	/**
	 * Whether the record in buf[start, end) is in the plain shape, and so has no problem for any layer
	 * of the rules; then its unique values are in the key arrays.
	 */
	read(buf: Uint8Array, start: number, end: number): boolean {
		this.buf = buf;
		this.at = start;
		this.end = end;
		this.userId = -1;
		this.username = -1;
		this.emailCount = 0;
		this.credentialCount = 0;
		this.handleCount = 0;
		if (!this.user()) return false;
		this.blanks();
		return this.at === end && this.collectKeys();
	}

	private collectKeys(): boolean {
		if (this.userId < 0 || this.emailCount === 0) return false; // user-id.missing; no emails: left to the full checks
		const count = 1 + this.emailCount + (this.username >= 0 ? 1 : 0) + this.credentialCount + this.handleCount;
		if (count > maxKeys) return false;
		this.keyCount = 0;
		this.key(KeyKind.UserId, 0, this.userId, this.userId + 36);
		for (let e = 0; e < this.emailCount; e++) this.key(KeyKind.Email, e, this.emails[e * 2]!, this.emails[e * 2 + 1]!);
		if (this.username >= 0) this.key(KeyKind.Username, 0, this.username, this.usernameEnd);
		for (let c = 0; c < this.credentialCount; c++)
			this.key(KeyKind.CredentialId, c, this.credentialIds[c * 2]!, this.credentialIds[c * 2 + 1]!);
		for (let h = 0; h < this.handleCount; h++)
			this.key(KeyKind.UserHandle, this.handles[h * 3 + 2]!, this.handles[h * 3]!, this.handles[h * 3 + 1]!);
		return true;
	}

	private key(kind: KeyKind, slot: number, from: number, to: number): void {
		const k = this.keyCount++;
		this.keyKinds[k] = kind;
		this.keySlots[k] = slot;
		this.keyFrom[k] = from;
		this.keyTo[k] = to;
	}

	private blanks(): void {
		const {buf, end} = this;
		let {at} = this;
		while (at < end && isBlank[buf[at]!] === 1) at++;
		this.at = at;
	}

	/** Expects `c` (after blanks), and moves past it. */
	private take(c: number): boolean {
		this.blanks();
		if (this.at >= this.end || this.buf[this.at] !== c) return false;
		this.at++;
		return true;
	}

	/**
	 * The members of an object, each key known to the object's table and given once; each value is read
	 * by `member` (a switch, not a callback: no closure a record).
	 */
	private object(kind: ObjectKind): boolean {
		if (!this.take(openBrace)) return false;
		this.blanks();
		if (this.buf[this.at] === closeBrace) {
			this.at++;
			return true;
		}

		const keys = keyTables[kind]!;
		let seen = 0;
		for (;;) {
			const from = this.stringBody(printable);
			if (from < 0) return false;
			const found = keys.find(this.buf, from, this.at - 1);
			// field.unknown, field.key-case, field.duplicate-key
			if (found === undefined || (seen & found.bit) !== 0 || !this.take(colon)) return false;
			seen |= found.bit;
			this.blanks();
			if (!this.member(kind, found.field)) return false;
			this.blanks();
			const c = this.buf[this.at++];
			if (c === closeBrace) return true;
			if (c !== comma) return false;
			this.blanks();
		}
	}

	private member(kind: ObjectKind, field: Field): boolean {
		switch (kind) {
			case ObjectKind.User: {
				return this.userMember(field);
			}

			case ObjectKind.Email: {
				return this.emailMember(field);
			}

			case ObjectKind.Credential: {
				return this.credentialMember(field);
			}

			case ObjectKind.Password: {
				return this.passwordMember(field);
			}

			case ObjectKind.Otp: {
				return this.otpMember(field);
			}
		}
	}

	/** The elements of an array: emails, credentials or transports (strings). */
	private array(kind: ObjectKind.Email | ObjectKind.Credential | undefined): boolean {
		if (!this.take(openBracket)) return false;
		this.blanks();
		if (this.buf[this.at] === closeBracket) {
			this.at++;
			return true;
		}

		for (let index = 0; ; index++) {
			this.blanks();
			const ok =
				kind === ObjectKind.Email ? this.email(index) : kind === ObjectKind.Credential ? this.credential(index) : this.transport();
			if (!ok) return false;
			this.blanks();
			const c = this.buf[this.at++];
			if (c === closeBracket) return true;
			if (c !== comma) return false;
		}
	}

	/** A string whose bytes all have `cls`, at the cursor: returns where its body starts (it ends at `at - 1`), or -1. */
	private stringBody(cls: number): number {
		const {buf, end} = this;
		let at = this.at;
		if (buf[at] !== quote) return -1;
		const from = ++at;
		while (at < end && (byteClass[buf[at]!]! & cls) !== 0) at++;
		if (buf[at] !== quote) return -1;
		this.at = at + 1;
		return from;
	}

	/**
	 * A printable string of 1 to 255 characters with something besides spaces (field.blank,
	 * field.too-long, webauthn.missing-field); its body's start, or -1.
	 */
	private present(limit: number): number {
		const from = this.stringBody(printable);
		const to = this.at - 1;
		if (from < 0 || to === from || to - from > limit) return -1;
		for (let i = from; i < to; i++) if (this.buf[i] !== 0x20) return from;
		return -1;
	}

	private isNull(): boolean {
		const {buf, at} = this;
		if (buf[at] === 0x6e && buf[at + 1] === 0x75 && buf[at + 2] === 0x6c && buf[at + 3] === 0x6c) {
			this.at += 4;
			return true;
		}

		return false;
	}

	/** true or false: 1 or 0; -1 for anything else (a null leaves a Go bool as it was: left to the full checks). */
	private boolean(): number {
		const {buf, at} = this;
		if (buf[at] === 0x74 && buf[at + 1] === 0x72 && buf[at + 2] === 0x75 && buf[at + 3] === 0x65) {
			this.at += 4;
			return 1;
		}

		if (buf[at] === 0x66 && buf[at + 1] === 0x61 && buf[at + 2] === 0x6c && buf[at + 3] === 0x73 && buf[at + 4] === 0x65) {
			this.at += 5;
			return 0;
		}

		return -1;
	}

	/** A UUID in lower case, its body's start or -1 (user-id.invalid, user-id.uppercase; gofrs reads it as itself). */
	private uuid(): number {
		const {buf} = this;
		const from = this.at + 1;
		if (buf[this.at] !== quote || buf[from + 36] !== quote) return -1;
		for (let i = 0; i < 36; i++) {
			const c = buf[from + i]!;
			if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== dash : (byteClass[c]! & lowerHex) === 0) return -1;
		}

		this.at = from + 37;
		return from;
	}

	/** Whether the UUID whose body starts at `from` (read by `uuid`) is all zeros. */
	private isNilUuid(from: number): boolean {
		for (let i = from; i < from + 36; i++) if (this.buf[i] !== 0x30 && this.buf[i] !== dash) return false;
		return true;
	}

	/** Two decimal digits at `at`, or -1. */
	private two(at: number): number {
		const a = this.buf[at]! - 48;
		const b = this.buf[at + 1]! - 48;
		return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
	}

	/**
	 * A timestamp as "YYYY-MM-DDTHH:MM:SS[.fffffffff]Z", a real date from 1900 to 2299 (timestamp.format,
	 * timestamp.zero, timestamp.zone-dropped), or null. `future`: past the run's clock too (timestamp.future).
	 */
	private time(future: boolean): boolean {
		if (this.isNull()) return true;
		const {buf} = this;
		const s = this.at + 1;
		if (buf[this.at] !== quote || buf[s + 4] !== dash || buf[s + 7] !== dash || buf[s + 10] !== 0x54) return false;
		if (buf[s + 13] !== colon || buf[s + 16] !== colon) return false;
		const century = this.two(s);
		const yy = this.two(s + 2);
		const month = this.two(s + 5);
		const day = this.two(s + 8);
		const hour = this.two(s + 11);
		const minute = this.two(s + 14);
		const second = this.two(s + 17);
		const year = century * 100 + yy;
		if (century < 0 || yy < 0 || year < firstYear || year > lastYear || month < 1 || month > 12) return false;
		if (day < 1 || day > daysIn(month, year) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
			return false;
		let at = s + 19;
		let millis = 0;
		if (buf[at] === dot) {
			const first = ++at;
			while (at < first + 10 && buf[at]! >= 0x30 && buf[at]! <= 0x39) {
				if (at < first + 3) millis += (buf[at]! - 48) * (at === first ? 100 : at === first + 1 ? 10 : 1);
				at++;
			}

			if (at === first || at > first + 9) return false;
		}

		if (buf[at] !== 0x5a || buf[at + 1] !== quote) return false;
		this.at = at + 2;
		if (!future) return true;
		const ms = ((daysFromCivil(year, month, day) * 24 + hour) * 3600 + minute * 60 + second) * 1000 + millis;
		return ms <= this.latestMs;
	}

	private user(): boolean {
		return this.object(ObjectKind.User);
	}

	private userMember(field: Field): boolean {
		switch (field) {
			case Field.UserId: {
				const from = this.uuid();
				if (from < 0 || this.isNilUuid(from)) return false; // user-id.nil
				this.userId = from;
				return true;
			}

			case Field.Emails: {
				this.primaries = 0;
				// email.no-primary, email.multiple-primary
				return this.array(ObjectKind.Email) && this.primaries === 1;
			}

			case Field.Username: {
				return this.isNull() || this.usernameValue();
			}

			case Field.Credentials: {
				return this.isNull() || this.array(ObjectKind.Credential);
			}

			case Field.Password: {
				if (this.isNull()) return true;
				this.hashSeen = false;
				return this.object(ObjectKind.Password) && this.hashSeen; // password.hash-prefix (no hash)
			}

			case Field.Otp: {
				if (this.isNull()) return true;
				this.secretSeen = false;
				return this.object(ObjectKind.Otp) && this.secretSeen; // otp.secret-missing
			}

			case Field.CreatedAt: {
				return this.time(true);
			}

			case Field.UpdatedAt: {
				return this.time(false);
			}

			default: {
				return false;
			}
		}
	}

	/** 3 to 32 of a-z, 0-9 and '_' (username.unusual, username.login-mismatch, username.empty, field.blank). */
	private usernameValue(): boolean {
		const from = this.stringBody(usernameChar);
		const length = this.at - 1 - from;
		if (from < 0 || length < 3 || length > 32) return false;
		this.username = from;
		this.usernameEnd = this.at - 1;
		return true;
	}

	private email(index: number): boolean {
		if (index >= maxKeys) return false;
		this.verified = false;
		this.address = -1;
		if (!this.object(ObjectKind.Email) || this.address < 0 || !this.verified) return false;
		const from = this.address;
		const to = this.addressEnd;
		// email.duplicate-in-user (and duplicate values of one kind in a record, which the full checks drop)
		for (let e = 0; e < this.emailCount; e++) if (this.same(this.emails[e * 2]!, this.emails[e * 2 + 1]!, from, to)) return false;
		this.emails[this.emailCount * 2] = from;
		this.emails[this.emailCount * 2 + 1] = to;
		this.emailCount++;
		return true;
	}

	private emailMember(field: Field): boolean {
		switch (field) {
			case Field.Address: {
				this.address = this.addressValue();
				return this.address >= 0;
			}

			case Field.IsPrimary: {
				const value = this.boolean();
				if (value === 1) this.primaries++;
				return value >= 0;
			}

			case Field.IsVerified: {
				this.verified = true; // email.verified-missing
				return this.boolean() >= 0;
			}

			default: {
				return false;
			}
		}
	}

	/**
	 * An address the validator's email check takes under every version (email.invalid), that lower-casing
	 * leaves alone (email.uppercase) and that fits its column (field.too-long): a dot-atom local part of
	 * lower-case atext, '@', then two or more labels of a-z, 0-9 and '-' that start and end with a letter
	 * or digit, the last one with letters. The Latin-1 lower-case letters ß and à–ÿ (but ÷) count as
	 * letters: the validator takes them as its "wide" characters, which may be anywhere a letter may,
	 * and lower-casing leaves them alone. Its body's start, or -1.
	 */
	private addressValue(): number {
		const {buf} = this;
		if (buf[this.at] !== quote) return -1;
		const from = this.at + 1;
		let at = from;
		// Local part: atext runs joined by single dots
		for (;;) {
			const run = at;
			while ((this.charClass(at) & localChar) !== 0) at += this.width;
			if (at === run) return -1;
			if (buf[at] !== dot) break;
			at++;
		}

		if (buf[at] !== 0x40) return -1;
		at++;
		let labels = 0;
		let topStart = 0; // The classes of the last label's first and last characters
		let topEnd = 0;
		for (;;) {
			const first = this.charClass(at);
			if ((first & letterOrDigit) === 0) return -1;
			let last = first;
			for (let c = first; (c & labelChar) !== 0; c = this.charClass(at)) {
				last = c;
				at += this.width;
			}

			if ((last & letterOrDigit) === 0) return -1;
			labels++;
			topStart = first;
			topEnd = last;
			if (buf[at] !== dot) break;
			at++;
		}

		if (labels < 2 || (topStart & lowerLetter) === 0 || (topEnd & lowerLetter) === 0 || buf[at] !== quote) return -1;
		if (at - from > varcharLimit && characters(buf, from, at) > varcharLimit) return -1;
		this.addressEnd = at;
		this.at = at + 1;
		return from;
	}

	/** The classes of the character at `at` (0 for one this reader does not take), its bytes in `width`. */
	private charClass(at: number): number {
		const c = this.buf[at]!;
		this.width = 1;
		if (c < 0x80) return byteClass[c]!;
		const next = this.buf[at + 1]!;
		if (c !== 0xc3 || next < 0x9f || next > 0xbf || next === 0xb7) return 0;
		this.width = 2;
		return latinLetter;
	}

	private same(aFrom: number, aTo: number, bFrom: number, bTo: number): boolean {
		if (aTo - aFrom !== bTo - bFrom) return false;
		for (let i = 0; i < aTo - aFrom; i++) if (this.buf[aFrom + i] !== this.buf[bFrom + i]) return false;
		return true;
	}

	private credential(index: number): boolean {
		if (index >= maxKeys) return false;
		this.id = -1;
		this.handle = -1;
		this.mfaOnly = false;
		this.publicKey = false;
		this.attestation = false;
		this.transportCount = 0;
		if (!this.object(ObjectKind.Credential)) return false;
		const {id, idEnd, handle, handleEnd} = this;
		// webauthn.missing-field; webauthn.user-handle-mfa
		if (id < 0 || !this.publicKey || !this.attestation || (this.mfaOnly && handle >= 0)) return false;
		// webauthn.duplicate-id, and a handle repeated in the user (the full checks keep one value)
		for (let c = 0; c < this.credentialCount; c++) {
			if (this.same(this.credentialIds[c * 2]!, this.credentialIds[c * 2 + 1]!, id, idEnd)) return false;
		}

		this.credentialIds[this.credentialCount * 2] = id;
		this.credentialIds[this.credentialCount * 2 + 1] = idEnd;
		this.credentialCount++;
		if (handle < 0) return true;
		for (let h = 0; h < this.handleCount; h++)
			if (this.same(this.handles[h * 3]!, this.handles[h * 3 + 1]!, handle, handleEnd)) return false;
		this.handles[this.handleCount * 3] = handle;
		this.handles[this.handleCount * 3 + 1] = handleEnd;
		this.handles[this.handleCount * 3 + 2] = index;
		this.handleCount++;
		return true;
	}

	private credentialMember(field: Field): boolean {
		switch (field) {
			case Field.Id: {
				this.id = this.present(varcharLimit);
				this.idEnd = this.at - 1;
				return this.id >= 0;
			}

			case Field.Name: {
				if (this.isNull()) return true;
				const from = this.stringBody(printable);
				return from >= 0 && this.at - 1 - from <= varcharLimit;
			}

			case Field.PublicKey: {
				this.publicKey = this.present(Number.POSITIVE_INFINITY) >= 0; // A TEXT column
				return this.publicKey;
			}

			case Field.AttestationType: {
				const from = this.stringBody(printable);
				const length = this.at - 1 - from;
				this.attestation = from >= 0 && length > 0 && length <= varcharLimit;
				return this.attestation;
			}

			case Field.Aaguid: {
				// webauthn.aaguid-not-v4: the nil UUID or a v4 one
				const from = this.uuid();
				if (from < 0) return false;
				const {buf} = this;
				const variant = buf[from + 19];
				return (
					(buf[from + 14] === 0x34 && (variant === 0x38 || variant === 0x39 || variant === 0x61 || variant === 0x62)) ||
					this.isNilUuid(from)
				);
			}

			case Field.SignCount: {
				return this.signCount();
			}

			case Field.LastUsedAt:
			case Field.CreatedAt: {
				return this.time(true);
			}

			case Field.UpdatedAt: {
				return this.time(false);
			}

			case Field.Transports: {
				return this.isNull() || this.array(undefined);
			}

			case Field.BackupEligible:
			case Field.BackupState: {
				return this.boolean() >= 0;
			}

			case Field.MfaOnly: {
				const value = this.boolean();
				this.mfaOnly = value === 1;
				return value >= 0;
			}

			case Field.UserHandle: {
				if (this.isNull()) return true;
				this.handle = this.present(varcharLimit);
				this.handleEnd = this.at - 1;
				return this.handle >= 0;
			}

			default: {
				return false;
			}
		}
	}

	/** 0 to 999,999,999 as a plain integer (webauthn.sign-count-literal, -negative, -too-large). */
	private signCount(): boolean {
		const {buf} = this;
		const from = this.at;
		if (buf[from] === 0x30) {
			this.at++;
		} else {
			while (this.at < from + 10 && buf[this.at]! >= 0x30 && buf[this.at]! <= 0x39) this.at++;
			if (this.at === from || this.at > from + 9) return false;
		}

		const next = buf[this.at]!;
		return next !== dot && next !== 0x65 && next !== 0x45 && !(next >= 0x30 && next <= 0x39);
	}

	/** A transport: present, and not one of the credential's before it (webauthn.duplicate-transport, field.blank). */
	private transport(): boolean {
		const from = this.present(varcharLimit);
		if (from < 0 || this.transportCount === maxKeys) return false;
		const to = this.at - 1;
		const spans = this.transportSpans;
		for (let t = 0; t < this.transportCount; t++) if (this.same(spans[t * 2]!, spans[t * 2 + 1]!, from, to)) return false;
		spans[this.transportCount * 2] = from;
		spans[this.transportCount * 2 + 1] = to;
		this.transportCount++;
		return true;
	}

	/** The password: a bcrypt hash whose body can match a password (password.hash-prefix, -bcrypt-variant, -malformed-hash). */
	private passwordMember(field: Field): boolean {
		if (field === Field.CreatedAt) return this.time(true);
		if (field === Field.UpdatedAt) return this.time(false);
		if (field !== Field.Hash) return false;
		const {buf} = this;
		const s = this.at + 1;
		// "$2a$" + a cost of 04 to 31 + "$" + 53 characters of bcrypt's base64, the last a multiple of 4
		if (buf[this.at] !== quote || buf[s] !== 0x24 || buf[s + 1] !== 0x32 || buf[s + 2] !== 0x61 || buf[s + 3] !== 0x24) return false;
		const cost = this.two(s + 4);
		if (cost < 4 || cost > 31 || buf[s + 6] !== 0x24 || buf[s + 60] !== quote) return false;
		for (let i = s + 7; i < s + 60; i++) if (bcryptValue[buf[i]!]! < 0) return false;
		if ((bcryptValue[buf[s + 59]!]! & 3) !== 0) return false;
		this.at = s + 61;
		this.hashSeen = true;
		return true;
	}

	/** The OTP secret: present (field.blank, field.too-long). */
	private otpMember(field: Field): boolean {
		if (field === Field.CreatedAt) return this.time(true);
		if (field === Field.UpdatedAt) return this.time(false);
		if (field !== Field.Secret) return false;
		this.secretSeen = this.present(varcharLimit) >= 0;
		return this.secretSeen;
	}
}
