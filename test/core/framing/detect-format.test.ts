import {Buffer} from 'node:buffer';
import {describe, expect, test} from 'vitest';
import {detectFormat, isGzip, topLevelObjectMessage} from '../../../source/core/framing/detect-format.js';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(text)]);

describe('isGzip', () => {
	test('recognises the gzip magic number', () => {
		expect(isGzip(new Uint8Array([0x1f, 0x8b, 0x08, 0x00]))).toBe(true);
		expect(isGzip(new Uint8Array([0x1f, 0x8b]))).toBe(true);
	});

	test('anything else is not gzip', () => {
		expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
		expect(isGzip(new Uint8Array([0x8b, 0x1f]))).toBe(false);
		expect(isGzip(new Uint8Array([]))).toBe(false);
		expect(isGzip(bytes('[{"id":1}]'))).toBe(false);
	});
});

describe('detectFormat', () => {
	test('an array is a JSON array, after any whitespace', () => {
		expect(detectFormat(bytes('[{"a":1}]'), true)).toEqual({format: 'json-array', bomLength: 0});
		expect(detectFormat(bytes(' \r\n\t\n  [\n]'), true)).toEqual({format: 'json-array', bomLength: 0});
		expect(detectFormat(bytes('['), false)).toEqual({format: 'json-array', bomLength: 0});
	});

	test('a byte order mark is skipped and its length given', () => {
		expect(detectFormat(withBom('[]'), true)).toEqual({format: 'json-array', bomLength: 3});
		expect(detectFormat(withBom('{"a":1}\n{"a":2}\n'), true)).toEqual({format: 'ndjson', bomLength: 3});
	});

	test('a head that ends inside the byte order mark waits for more bytes', () => {
		expect(detectFormat(new Uint8Array([0xef]), false)).toBeUndefined();
		expect(detectFormat(new Uint8Array([0xef, 0xbb]), false)).toBeUndefined();
		expect(detectFormat(new Uint8Array([0xef, 0xbb, 0xbf]), false)).toBeUndefined();
		// The whole file: a broken mark is not JSON, a lone mark is an empty file
		expect(detectFormat(new Uint8Array([0xef, 0xbb]), true)).toEqual({
			fatal: {offset: 0, line: 1, column: 1, message: "not JSON: expected '[' or '{' but found byte 0xef"},
		});
		expect(detectFormat(new Uint8Array([0xef, 0xbb, 0xbf]), true)).toEqual({
			fatal: {offset: 3, line: 1, column: 1, message: 'the file is empty'},
		});
	});

	test('objects one a line are NDJSON', () => {
		expect(detectFormat(bytes('{"username":1}\n{"a":2}\n'), true)).toEqual({format: 'ndjson', bomLength: 0});
		expect(detectFormat(bytes('{"username":1}\r\n'), true)).toEqual({format: 'ndjson', bomLength: 0});
		// Braces and escaped quotes inside strings do not count
		expect(detectFormat(bytes('{"username":"}\\"{\\\\"}\n{"a":2}'), true)).toEqual({format: 'ndjson', bomLength: 0});
		// A first record broken over two lines, but the next line starts a record: still NDJSON
		expect(detectFormat(bytes('{"a":\n{"a":2}\n'), true)).toEqual({format: 'ndjson', bomLength: 0});
		// A record broken at a user's array, the next line starting a record: NDJSON too
		expect(detectFormat(bytes('{"user_id": "x", "emails": [\n{"a":2}\n'), true)).toEqual({format: 'ndjson', bomLength: 0});
		// The first line goes on past the head: more is asked for, up to a megabyte; then it is taken as NDJSON
		expect(detectFormat(bytes('{"a":"very long'), false)).toBeUndefined();
		expect(detectFormat(bytes(`{"a":"${'x'.repeat(1 << 20)}`), false)).toEqual({format: 'ndjson', bomLength: 0});
		expect(detectFormat(bytes('{"a":"cut short'), true)).toEqual({format: 'ndjson', bomLength: 0});
	});

	test('a one-line object that wraps users, or is all the file holds and no user, is refused like a pretty-printed one', () => {
		const message = topLevelObjectMessage;
		expect(detectFormat(bytes('{"users": [{"localId": "a", "email": "a@x.io"}]}'), true)).toEqual({
			fatal: {offset: 0, line: 1, column: 1, message},
		});
		expect(detectFormat(bytes('{"Users": []}\n'), true)).toEqual({fatal: {offset: 0, line: 1, column: 1, message}});
		expect(detectFormat(bytes('{"note": "nothing here"}\n'), true)).toEqual({fatal: {offset: 0, line: 1, column: 1, message}});
		// Firebase's own layout: the wrapper's first line holds '{"users": [' only
		expect(detectFormat(bytes('{"users": [\n  {"localId": "a"},\n  {"localId": "b"}\n]}\n'), true)).toEqual({
			fatal: {offset: 0, line: 1, column: 1, message},
		});
		// One line, no line break at its end, and the head not known to be the whole file
		expect(detectFormat(bytes('{"users":[{"user_id":"a"}]}'), false)).toEqual({fatal: {offset: 0, line: 1, column: 1, message}});
		// One line longer than a megabyte: its start shows the wrapper
		const users = Array.from({length: 20_000}, (_, i) => `{"localId":"user-${i}","email":"u${i}@example.com"}`).join(',');
		expect(detectFormat(bytes(`{"users":[${users}]}\n`).subarray(0, (1 << 20) + 10), false)).toEqual({
			fatal: {offset: 0, line: 1, column: 1, message},
		});
		// A user on the first line is NDJSON, also when it is the only one, and whatever its keys' case
		expect(detectFormat(bytes('{"USERNAME": "ann", "tags": []}'), true)).toEqual({format: 'ndjson', bomLength: 0});
		expect(detectFormat(bytes('{"note": "x"}\n{"username": "ann"}\n'), true)).toEqual({format: 'ndjson', bomLength: 0});
	});

	test('a pretty-printed single object is refused', () => {
		const message = topLevelObjectMessage;
		expect(detectFormat(bytes('{\n  "id": "x",\n  "emails": []\n}\n'), true)).toEqual({
			fatal: {offset: 0, line: 1, column: 1, message},
		});
		expect(detectFormat(bytes('\n\n   {\n  "id": "x"\n}'), true)).toEqual({fatal: {offset: 5, line: 3, column: 4, message}});
		expect(detectFormat(withBom('{\n"id": "x"}'), true)).toEqual({fatal: {offset: 3, line: 1, column: 1, message}});
	});

	test('an object cut right after its first line break waits for the next line before deciding', () => {
		expect(detectFormat(bytes('{\n'), false)).toBeUndefined();
		expect(detectFormat(bytes('{\n  '), false)).toBeUndefined();
		expect(detectFormat(bytes('{\n  "users": []'), false)).toMatchObject({
			fatal: {message: expect.stringContaining('top-level value is an object')},
		});
	});

	test('an empty file', () => {
		expect(detectFormat(bytes(''), true)).toEqual({fatal: {offset: 0, line: 1, column: 1, message: 'the file is empty'}});
		expect(detectFormat(bytes(' \n\t\n  '), true)).toEqual({
			fatal: {offset: 6, line: 3, column: 3, message: 'the file holds no JSON, only 6 bytes of whitespace'},
		});
		// Not yet known while more may come
		expect(detectFormat(bytes(''), false)).toBeUndefined();
		expect(detectFormat(bytes('  \n '), false)).toBeUndefined();
	});

	test('not JSON', () => {
		expect(detectFormat(bytes('id,email\n1,a@b.c\n'), true)).toEqual({
			fatal: {offset: 0, line: 1, column: 1, message: "not JSON: expected '[' or '{' but found 'i'"},
		});
		expect(detectFormat(bytes('\n  "users"'), true)).toEqual({
			fatal: {offset: 3, line: 2, column: 3, message: "not JSON: expected '[' or '{' but found '\"'"},
		});
		expect(detectFormat(new Uint8Array([0x00, 0x5b]), true)).toEqual({
			fatal: {offset: 0, line: 1, column: 1, message: "not JSON: expected '[' or '{' but found byte 0x00"},
		});
		expect(detectFormat(withBom('<xml/>'), true)).toEqual({
			fatal: {offset: 3, line: 1, column: 1, message: "not JSON: expected '[' or '{' but found '<'"},
		});
		// A UTF-16 file (its BOM is FF FE)
		expect(detectFormat(new Uint8Array([0xff, 0xfe, 0x5b, 0x00]), true)).toEqual({
			fatal: {offset: 0, line: 1, column: 1, message: "not JSON: expected '[' or '{' but found byte 0xff"},
		});
	});
});
