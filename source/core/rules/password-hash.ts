// Whether a hash the importer accepts can ever verify a password at sign-in
// (backend/flow_api/services/password.go): `$2a$` goes to golang.org/x/crypto/bcrypt's
// CompareHashAndPassword, `$fbscrypt` to ParseFirebaseScryptString and scrypt + AES-CTR. The importer
// checks only the prefix, so a hash with a malformed body imports and then fails every sign-in.

const bcryptAlphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/**
 * Each byte's (or character code's below 256) value in bcrypt's base64, or -1 (every hash is checked:
 * a table beats a regex). The plain reader reads hashes from their bytes with it.
 */
export const bcryptValue = new Int8Array(256).fill(-1);
for (const [value, char] of [...bcryptAlphabet].entries()) bcryptValue[char.charCodeAt(0)] = value;

/** Whether text[from, to) is all bcrypt base64. */
function isBcryptBase64(text: string, from: number, to: number): boolean {
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c >= 128 || bcryptValue[c]! < 0) return false;
	}

	return true;
}

/** What `strconv.Atoi` reads from the two characters of the cost (it takes a sign), or NaN. */
function bcryptCost(hash: string): number {
	const tens = hash.charCodeAt(4) - 48;
	const ones = hash.charCodeAt(5) - 48;
	// Two digits, as almost every hash has: no string or regex needed
	if (tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9) return tens * 10 + ones;
	const text = hash.slice(4, 6);
	return /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * bcrypt as x/crypto reads it: the version, two characters `strconv.Atoi` reads as a cost of 4 to 31
 * (the byte after them is skipped unchecked), a 22-character salt in bcrypt's base64 alphabet, and
 * the rest compared with the 31 characters bcrypt computes: so exactly 60 ASCII characters.
 */
function bcryptFault(hash: string): string | undefined {
	if (hash.length !== 60) return `it has ${hash.length} characters, bcrypt's have 60`;
	// The byte after the cost is skipped unchecked, but a character of several bytes would shift the rest
	if (hash.charCodeAt(6) >= 0x80) return 'it has characters outside ASCII';
	const cost = bcryptCost(hash);
	if (!(cost >= 4 && cost <= 31)) return `its cost "${hash.slice(4, 6)}" is not 04 to 31`;
	if (!isBcryptBase64(hash, 7, 60)) return "it has characters outside bcrypt's base64 alphabet";
	// 31 characters encode 23 bytes: the last one's two low bits are always zero in a real digest
	if ((bcryptValue[hash.charCodeAt(59)]! & 3) !== 0) return 'its last character cannot end a bcrypt digest';
	return undefined;
}

const fbscryptPattern = /^\$fbscrypt\$v=([0-9]+),n=([0-9]+),r=([0-9]+),p=([0-9]+)(?:,ss=([^,]+))?(?:,sk=([^$]+))?\$([^$]+)\$([^\n]+)$/;
const maxInt = (1n << 63n) - 1n;

/** Go's base64.StdEncoding.DecodeString: the byte length, or -1 when it fails (\r and \n are skipped). */
function base64Length(text: string): number {
	const clean = text.replaceAll(/[\r\n]/g, '');
	if (clean.length % 4 !== 0) return -1;
	if (!/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean)) return -1;
	const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
	return (clean.length / 4) * 3 - padding;
}

function fbscryptFault(hash: string): string | undefined {
	// Past VARCHAR(255) the insert fails anyway; the regex is not run on longer (possibly hostile) text
	if (hash.length > 1000) return undefined;
	const match = fbscryptPattern.exec(hash);
	if (!match) return 'it does not read as $fbscrypt$v=…,n=…,r=…,p=…[,ss=…][,sk=…]$salt$hash';
	const [, version, n, r, p, ss = '', sk = '', salt, digest] = match;
	if (version !== '1') return `its version is ${version}, not 1`;
	const [memCost, rounds, parallelism] = [n, r, p].map(value => BigInt(value!));
	if ([memCost, rounds, parallelism].some(value => value! <= 0n || value! > maxInt)) return 'n, r and p must be positive 64-bit integers';
	if (memCost! >= 63n) return `n=${n} is out of range (1 to 62)`;
	const cost = 1n << memCost!;
	// scrypt.Key's parameter checks
	if (
		rounds! * parallelism! >= 1n << 30n ||
		rounds! > maxInt / 128n / parallelism! ||
		rounds! > maxInt / 256n ||
		cost > maxInt / 128n / rounds!
	)
		return 'r and p are too large for scrypt';
	const lengths = [digest, salt, sk, ss].map(part => base64Length(part!));
	if (lengths.includes(-1)) return 'its salt, hash, signer key or salt separator is not standard base64';
	const [digestLength, , keyLength] = lengths;
	if (digestLength === 0 && keyLength === 0) return 'its hash and signer key are empty, so any password would be accepted';
	if (digestLength !== keyLength) return `its hash has ${digestLength} bytes and its signer key ${keyLength}: they never match`;
	return undefined;
}

/** Why no password can ever match `hash` (which starts with a prefix the importer accepts), if so. */
export function malformedHashReason(hash: string): string | undefined {
	if (hash.startsWith('$fbscrypt')) return fbscryptFault(hash);
	if (hash.startsWith('$2a$')) return bcryptFault(hash);
	return undefined;
}
