import {describe, expect, it} from 'vitest';
import {decodeGoUtf8} from '../../../source/core/go/go-utf8.js';

describe('decodeGoUtf8', () => {
	it('gives one U+FFFD for each byte Go cannot start a character with', () => {
		// A cut three-byte character: two bytes, two U+FFFD (the WHATWG decoder gives one)
		expect(decodeGoUtf8(Uint8Array.of(0x61, 0xe2, 0x82, 0x62), 0, 4)).toEqual({text: 'a\uFFFD\uFFFDb', firstInvalid: 1});
		expect(new TextDecoder().decode(Uint8Array.of(0x61, 0xe2, 0x82, 0x62))).toBe('a\uFFFDb');
		expect(decodeGoUtf8(Uint8Array.of(0xed, 0xa0, 0x80), 0, 3).text).toBe('\uFFFD'.repeat(3));
		expect(decodeGoUtf8(Uint8Array.of(0xe9, 0x74, 0xe9), 0, 3).text).toBe('\uFFFDt\uFFFD');
	});

	it('decodes valid UTF-8 as it is', () => {
		const bytes = new TextEncoder().encode('jürgen 😀');
		expect(decodeGoUtf8(bytes, 0, bytes.length)).toEqual({text: 'jürgen 😀', firstInvalid: -1});
	});
});
