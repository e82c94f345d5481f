import {hash} from 'node:crypto';

// The variant nibble for each hex digit of the hash: its low two bits under the 10xx variant bits
const variant = '89ab89ab89ab89ab';

/**
 * A UUID in the v4 form derived from `seed` (the old id): the same seed always gives the same UUID,
 * so running the fix again on the same file gives the same ids. The version and variant bits are set
 * as a random v4 UUID has them, which is what Hanko's check needs. Worked on the hex text of the hash
 * (one call, no buffer): converters call this once a user, on millions of users.
 */
export function stableUuid(seed: string): string {
	const hex = hash('sha256', `hanko-tui user_id\u0000${seed}`, 'hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant[Number.parseInt(hex[16]!, 16)]!}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
