import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {stableUuid} from '../../../source/core/fixes/stable-uuid.js';

// The definition: the first 16 bytes of SHA-256 over a fixed prefix and the seed, with the v4 version
// and variant bits set
function reference(seed: string): string {
	const bytes = createHash('sha256').update('hanko-tui user_id\u0000').update(seed).digest().subarray(0, 16);
	bytes[6] = (bytes[6]! & 0x0f) | 0x40;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe('stableUuid', () => {
	it("is the v4-form UUID of the seed's SHA-256, the same on every call", () => {
		const seeds = [...Array.from({length: 3000}, (_, i) => `id:auth0|${i.toString(16)}`), '', 'ümlaut', 'id:user_2a'];
		for (const seed of seeds) expect(stableUuid(seed)).toBe(reference(seed));
		expect(new Set(seeds.map(seed => stableUuid(seed))).size).toBe(seeds.length);
		expect(stableUuid('id:auth0|001')).toMatch(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
	});
});
