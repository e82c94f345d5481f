// Two independent 32-bit hashes of a string (64 bits together). The duplicate index keeps only these,
// not the strings, so memory stays bounded; equal hashes are confirmed against the real values later.

export const enum KeyKind {
	UserId = 0,
	Email = 1,
	Username = 2,
}

export function hashPair(text: string, kind: KeyKind, out: Uint32Array, at: number): void {
	let a = 0x81_1c_9d_c5 ^ kind; // FNV-1a
	let b = 0x9e_37_79_b9 + kind; // Murmur-style multiply and rotate
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01_00_01_93);
		b = Math.imul(b ^ c, 0xcc_9e_2d_51);
		b = (b << 15) | (b >>> 17);
		b = Math.imul(b, 0x1b_87_35_93);
	}

	b ^= text.length;
	b = Math.imul(b ^ (b >>> 16), 0x85_eb_ca_6b);
	b = Math.imul(b ^ (b >>> 13), 0xc2_b2_ae_35);
	b ^= b >>> 16;
	out[at] = a >>> 0;
	out[at + 1] = b >>> 0;
}
