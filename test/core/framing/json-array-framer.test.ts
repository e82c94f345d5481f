// Cases the fuzzer found or that guard the fixes made for it; each runs in whole, 3-byte and
// 1-byte pieces.
import {describe, expect, test} from 'vitest';
import {FrameBatch} from '../../../source/core/framing/frame-types.js';
import {JsonArrayFramer} from '../../../source/core/framing/json-array-framer.js';
import {type PipelineResult, firstProblem, frame, pipelineProblems, positionAt, show, utf8} from './fuzz-support.js';

const bom = [0xef, 0xbb, 0xbf];

function bytesOf(...parts: Array<string | number[]>): Uint8Array {
	return new Uint8Array(parts.flatMap(part => (typeof part === 'string' ? [...utf8(part)] : part)));
}

/**
 * Frames the bytes in several piece sizes; all must agree. Odd sizes end pieces inside strings and
 * runs at every alignment (strings are skipped 4 bytes at a time where the buffer is aligned).
 */
function frameAll(bytes: Uint8Array): PipelineResult {
	const whole = frame(bytes, () => bytes.length);
	for (const size of [1, 3, 7, 13]) {
		const pieces = frame(bytes, () => size);
		expect(pieces.records, `pieces of ${size}`).toEqual(whole.records);
		expect(pieces.notes, `pieces of ${size}`).toEqual(whole.notes);
		expect(pieces.fatal, `pieces of ${size}`).toEqual(whole.fatal);
	}

	return whole;
}

const positions = (result: PipelineResult) => result.records.map(record => show(record));

describe('JsonArrayFramer', () => {
	test('a byte order mark before the array is skipped and not counted in columns', () => {
		const result = frameAll(bytesOf(bom, '[{"a":1}, 2,\n"é"]'));
		expect(result.fatal).toBeUndefined();
		expect(positions(result)).toEqual(['1:2', '1:11', '2:1']);
		expect(pipelineProblems(result)).toEqual([]);
	});

	test('text after the array is noted where it starts (Hanko never reads it), with the right column after a byte order mark', () => {
		const result = frameAll(bytesOf(bom, '[1]x [2]'));
		expect(result.fatal).toBeUndefined();
		expect(result.trailing).toEqual({offset: 6, line: 1, column: 4});
		expect(positions(result)).toEqual(['1:2']);
	});

	test('text after an array wrapped in an object is still a fault: the object must close', () => {
		const framer = new JsonArrayFramer(0, {line: 1, closers: 1});
		framer.scan(utf8('[1]}x'), 0, 0, new FrameBatch());
		expect(framer.fatal).toMatchObject({column: 5, message: "unexpected 'x' after the end of the array"});
	});

	test('the reader can resume at a checkpoint whose record starts a line', () => {
		// As record-reader does: a framer told where the line starts, then a '[' just before the record
		const text = utf8('[\n1,\n2]');
		const framer = new JsonArrayFramer(5);
		framer.scan(Uint8Array.of(0x5b), 0, 4, new FrameBatch(1));
		const out = new FrameBatch();
		framer.scan(text.subarray(5), 0, 5, out);
		expect(framer.fatal).toBeUndefined();
		expect([out.count, out.starts[0], out.ends[0], out.lines[0], out.columns[0]]).toEqual([1, 0, 1, 1, 1]);
	});

	test('a stray UTF-8 continuation byte between records is reported where it is', () => {
		const result = frameAll(bytesOf('[1,', [0x80], ']'));
		expect(positions(result)).toEqual(['1:2', '1:4']);
		const first = firstProblem(pipelineProblems(result))!;
		// Outside a string it is a syntax error for Go as well (inside one, Go would store U+FFFD)
		expect([show(first), first.source, first.message]).toEqual([
			'1:4',
			'record json.syntax',
			'invalid UTF-8 outside a string: the file is not UTF-8 encoded (re-encode it)',
		]);
	});

	test('a stray continuation byte after a record: noted at the byte, and counted once', () => {
		const result = frameAll(bytesOf('[1 ', [0x80], ' 2]'));
		expect(result.notes.map(note => show(note))).toEqual(['1:4', '1:5']);
		// Like any continuation byte it takes no column of its own (as in check-batch's positions)
		expect(positions(result)).toEqual(['1:2', '1:4', '1:5']);
		const first = firstProblem(pipelineProblems(result))!;
		expect(show(first)).toBe('1:4');
	});

	test('an empty element then the end: both notes point at the second comma', () => {
		const result = frameAll(utf8('[1,,]'));
		expect(result.notes.map(note => `${show(note)} ${note.message}`)).toEqual([
			"1:4 unexpected ',': an empty element",
			"1:4 trailing ',' after the last record",
		]);
	});

	test('a trailing comma after the last record is noted at the comma', () => {
		const result = frameAll(utf8('[\n  {"a": 1},\n]\n'));
		expect(result.fatal).toBeUndefined();
		expect(result.notes).toEqual([{record: 0, line: 2, column: 11, message: "trailing ',' after the last record"}]);
	});

	test('brackets that stop balancing: a fault earlier in the record is reported instead', () => {
		const result = frameAll(utf8('[{"a" 1, "b": [}]'));
		expect(result.fatal).toEqual({
			offset: 6,
			line: 1,
			column: 7,
			message:
				"expected ':' after the property name but found '1'; then the brackets of record 0 (starts at 1:2) do not balance at 1:16, so reading stopped",
		});
	});

	test('brackets that stop balancing with no earlier fault: reported at the bracket', () => {
		const result = frameAll(utf8('[{"a": [1}]'));
		expect(result.fatal).toEqual({
			offset: 9,
			line: 1,
			column: 10,
			message: "unbalanced brackets: '}' does not close the '[' before it",
		});
	});

	test('a string that never closes: the line break inside it is reported, not the end of the file', () => {
		const result = frameAll(utf8('[\n  {"name": "Ann},\n  {"name": "Bob"}\n]\n'));
		expect(result.fatal).toMatchObject({
			line: 2,
			column: 18,
			message:
				'control character U+000A inside a string (escape it); record 0 (starts at 2:3) does not end before the end of the file',
		});
	});

	test('a record cut short by the end of the file', () => {
		const result = frameAll(utf8('[{"a":1}, {"b":\n  2'));
		expect(result.fatal).toEqual({
			offset: 19,
			line: 2,
			column: 4,
			message: 'unexpected end of file inside record 1 (starts at 1:11): the file is truncated or a bracket is missing',
		});
	});

	test('a record that never ends, with invalid UTF-8 in it', () => {
		const result = frameAll(bytesOf('[{"a":"x', [0xc3], 'y"'));
		expect(result.fatal).toMatchObject({offset: 8, line: 1, column: 9});
		expect(result.fatal!.message).toMatch(/^invalid UTF-8/);
	});

	test("a deeply nested record is reported where Go's decoder gives up (10,000 levels), not a crash", () => {
		const depth = 20_000;
		const result = frameAll(utf8(`[${'['.repeat(depth)}x${']'.repeat(depth)}]`));
		expect(result.fatal).toBeUndefined();
		const first = firstProblem(pipelineProblems(result))!;
		expect([show(first), first.message]).toEqual(['1:10002', "nested more than 10,000 levels deep, which Go's decoder refuses"]);
	});

	test('a long number does not hide a later fault in its record', () => {
		const result = frameAll(utf8(`[{"n": ${'9'.repeat(600)}, "m": 1,}]`));
		const first = firstProblem(pipelineProblems(result))!;
		expect([show(first), first.message]).toEqual([`1:${8 + 600 + 8}`, "trailing ',' before '}'"]);
	});

	test("non-ASCII text before a record on its line: the record's column counts characters, and its flag is its own", () => {
		const text = '[{"é": "ü€"}, "😀", {"a": "b"}, {"ß": 1},\n  "x€", 1, {"k": ["ö"]}]';
		const result = frameAll(utf8(text));
		expect(result.fatal).toBeUndefined();
		const elements = JSON.parse(text) as unknown[];
		const starts = ['{"é"', '"😀"', '{"a"', '{"ß"', '"x€"', '1,', '{"k"'].map(start => text.indexOf(start));
		expect(positions(result)).toEqual(starts.map(start => show(positionAt(text, start))));
		const nonAscii = elements.map(element => (/[^\u0000-\u007F]/.test(JSON.stringify(element)) ? 1 : 0));
		expect(result.records.map(record => record.flags)).toEqual(nonAscii);
	});

	test('long strings with escapes, a line break and non-ASCII bytes: records after them keep their lines and columns', () => {
		const long = 'a'.repeat(37);
		const value = `${long}\\"${long}\\\\${long}é${long}\\n${long}\\u00e9`;
		const text = `[{"k": "${value}", "m": "${long}\n${long}"},\n {"n": "${long}"}, {"o": "${long}\\\\"}, 7]`;
		const result = frameAll(utf8(text));
		expect(result.fatal).toBeUndefined();
		const starts = ['{"k"', '{"n"', '{"o"', '7]'].map(start => text.indexOf(start));
		expect(positions(result)).toEqual(starts.map(start => show(positionAt(text, start))));
		// The first record has a raw line break in a string (JSON.parse refuses it), so its flag is checked alone
		expect(result.records.map(record => record.flags)).toEqual([1, 0, 0, 0]);
		expect(result.records.map(record => record.colons)).toEqual([2, 1, 1, 0]);
	});

	test("non-ASCII text in the wrapper's other members: a fault after them is at its column in characters", () => {
		const text = '[1], "x": éé]';
		const framer = new JsonArrayFramer(0, {line: 1, closers: 1});
		framer.scan(utf8(text), 0, 0, new FrameBatch());
		expect(framer.fatal).toMatchObject({
			...positionAt(text, text.lastIndexOf(']')),
			message: "unexpected ']' after the end of the array",
		});
	});

	test('an escaped quote or backslash at every alignment: the string goes on, or ends, where JSON says', () => {
		const values = Array.from({length: 8}, (_, n) => ['a'.repeat(n) + '\\"' + 'b'.repeat(9), 'c'.repeat(n + 9) + '\\\\']).flat();
		const text = `[${values.map(value => `{"v": "${value}", "w": 1}`).join(', ')}]`;
		const result = frameAll(utf8(text));
		expect(result.fatal).toBeUndefined();
		const starts = [...text.matchAll(/{"v"/g)].map(match => match.index);
		expect(positions(result)).toEqual(starts.map(start => show(positionAt(text, start))));
		expect(result.records.map(record => record.colons)).toEqual(values.map(() => 2));
	});
});
