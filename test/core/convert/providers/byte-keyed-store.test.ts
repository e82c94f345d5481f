import {describe, expect, it} from 'vitest';
import {ByteKeyedStore, maxItemBytes} from '../../../../source/core/convert/providers/byte-keyed-store.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

function add(store: ByteKeyedStore, keys: string[], value: string): void {
	let held: number | undefined;
	const valueBytes = bytes(value);
	for (const key of keys) {
		const keyBytes = bytes(key);
		held = store.add(keyBytes, keyBytes.length, valueBytes, valueBytes.length, held);
	}
}

const get = (store: ByteKeyedStore, key: string) => {
	const keyBytes = bytes(key);
	const value = store.valueOf(keyBytes, keyBytes.length);
	return value < 0 ? undefined : store.read(value, (chunk, start, end) => chunk.toString('utf8', start, end));
};

describe('ByteKeyedStore', () => {
	it('finds what a Map finds, across many table growths and chunks, keys that are prefixes of others included', () => {
		const store = new ByteKeyedStore();
		const reference = new Map<string, string>();
		let seed = 7;
		const random = () => {
			seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
			return seed;
		};

		// About 3 MB of keys and values: more than one chunk of each
		for (let line = 0; line < 40_000; line++) {
			const id = (random() % 30_000).toString(36);
			const keys = [`id:${id}`, `id:${id}x`, `email:${id}@é.example`];
			const value = `$2a$10$${'v'.repeat(random() % 50)}${line}`;
			add(store, keys, value);
			for (const key of keys) if (!reference.has(key)) reference.set(key, value);
		}

		expect(store.size).toBe(reference.size);
		for (const [key, value] of reference) expect(get(store, key)).toBe(value);
		for (const absent of ['id:', 'id:zzzzzzzz', 'email:', 'x']) expect(get(store, absent)).toBeUndefined();
	});

	it('keeps the first value of a key and holds a line’s value once for all its keys', () => {
		const store = new ByteKeyedStore();
		add(store, ['a', 'b'], 'first');
		const before = store.bytes;
		add(store, ['a'], 'second');
		add(store, ['b', 'c'], 'third');
		expect([get(store, 'a'), get(store, 'b'), get(store, 'c')]).toEqual(['first', 'first', 'third']);
		expect(store.bytes).toBe(before); // Nothing new needed a chunk
	});

	it('holds no key or value too long, and finds no key that was not held', () => {
		const store = new ByteKeyedStore();
		const long = 'k'.repeat(maxItemBytes + 1);
		add(store, [long, 'short'], 'value');
		add(store, ['other'], 'v'.repeat(maxItemBytes + 1));
		expect(get(store, long)).toBeUndefined();
		expect(get(store, 'short')).toBe('value');
		expect(get(store, 'other')).toBeUndefined();
		expect(store.size).toBe(1);
	});
});
