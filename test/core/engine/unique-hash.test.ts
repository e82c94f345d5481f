import {describe, expect, it} from 'vitest';
import {KeyKind, hashPair} from '../../../source/core/engine/unique-hash.js';

function hashOf(text: string, kind = KeyKind.Email): string {
	const out = new Uint32Array(2);
	hashPair(text, kind, out, 0);
	return `${out[0]}:${out[1]}`;
}

describe('hashPair (two 32-bit hashes of a unique value, read two UTF-16 units at a time)', () => {
	it('gives the same pair for the same text and kind', () => {
		expect(hashOf('anna@example.com')).toBe(hashOf('anna@example.com'));
		expect(hashOf('')).toBe(hashOf(''));
	});

	it('tells apart texts that share their words, odd lengths, a last unit of 0 and kinds', () => {
		const texts = [
			'',
			'a',
			'a\0',
			'ab',
			'ba',
			'abc',
			'abd',
			'abc\0',
			'bca',
			'Ä',
			'ä',
			'😀',
			'a😀',
			'anna@example.com',
			'anna@example.con',
		];
		const pairs = new Set(texts.map(text => hashOf(text)));
		expect(pairs.size).toBe(texts.length);
		expect(hashOf('anna', KeyKind.Email)).not.toBe(hashOf('anna', KeyKind.Username));
	});

	it('spreads the low bits of the first hash and the high bits of the second (they choose shards and partitions)', () => {
		const shards = new Array<number>(64).fill(0);
		const partitions = new Array<number>(32).fill(0);
		const out = new Uint32Array(2);
		const pairs = new Set<string>();
		for (let i = 0; i < 64_000; i++) {
			hashPair(`user${i}@example.com`, KeyKind.Email, out, 0);
			shards[out[0]! & 63]!++;
			partitions[out[1]! >>> 27]!++;
			pairs.add(`${out[0]}:${out[1]}`);
		}

		expect(pairs.size).toBe(64_000);
		expect(Math.min(...shards)).toBeGreaterThan(800);
		expect(Math.max(...shards)).toBeLessThan(1200);
		expect(Math.min(...partitions)).toBeGreaterThan(1700);
		expect(Math.max(...partitions)).toBeLessThan(2300);
	});
});
