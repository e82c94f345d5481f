import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {UuidSet} from '../../../source/core/export/uuid-set.js';

describe('UuidSet', () => {
	it('holds what was added, in any case, through growth, and other ids beside', () => {
		const set = new UuidSet(4);
		const ids = Array.from({length: 5000}, () => randomUUID());
		for (const id of ids) expect(set.add(id)).toBe(true);
		expect(set.add(ids[10]!.toUpperCase())).toBe(false);
		expect(ids.every(id => set.has(id))).toBe(true);
		expect(set.has(randomUUID())).toBe(false);
		expect(set.add('auth0|123')).toBe(true);
		expect(set.add('auth0|123')).toBe(false);
		expect(set.add('00000000-0000-0000-0000-000000000000')).toBe(true);
		expect(set.has('00000000-0000-0000-0000-000000000000')).toBe(true);
		expect(set.size).toBe(5002);
	});
});
