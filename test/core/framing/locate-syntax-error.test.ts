import {describe, expect, test} from 'vitest';
import {locateSyntaxError} from '../../../source/core/framing/locate-syntax-error.js';
import {jsonParseFailure} from './fuzz-support.js';

/** The fault as "index: message". */
function fault(text: string): string | undefined {
	const found = locateSyntaxError(text);
	return found && `${found.index}: ${found.message}`;
}

describe('locateSyntaxError', () => {
	test('valid JSON has no fault', () => {
		for (const text of [
			'{}',
			'[]',
			'{"a":[1,-2.5e+3,{"b":null}],"c":"\\u00e9\\n\\"","d":true,"e":false}',
			' \r\n\t"x" ',
			'0',
			'-0.0E-0',
			'"\\ud800"',
		]) {
			expect(fault(text), text).toBeUndefined();
		}
	});

	test('trailing comma: reported at the comma', () => {
		expect(fault('{"a":1,}')).toBe("6: trailing ',' before '}'");
		expect(fault('{\n  "a": 1,\n}')).toBe("10: trailing ',' before '}'");
		expect(fault('[1,2, ]')).toBe("4: trailing ',' before ']'");
		expect(fault('{"a":[{},]}')).toBe("8: trailing ',' before ']'");
		// A comma then the wrong bracket is a bracket fault, at the bracket (as V8 says)
		expect(fault('[1,}')).toBe("3: expected a value but found '}'");
		expect(fault('{"a":1,]')).toBe("7: expected a double-quoted property name but found ']'");
	});

	test('unquoted or single-quoted property name', () => {
		expect(fault('{a:1}')).toBe("1: expected a double-quoted property name but found 'a'");
		expect(fault('{"a":1, b:2}')).toBe("8: expected a double-quoted property name but found 'b'");
		expect(fault("{'a':1}")).toBe("1: expected a double-quoted property name but found '''");
		expect(fault('{,}')).toBe("1: expected a double-quoted property name but found ','");
	});

	test('missing comma or colon', () => {
		expect(fault('{"a":1 "b":2}')).toBe("7: expected ',' or '}' but found '\"'");
		expect(fault('{"a":1\n"b":2}')).toBe("7: expected ',' or '}' but found '\"'");
		expect(fault('[1 2]')).toBe("3: expected ',' or ']' but found '2'");
		expect(fault('[{} {}]')).toBe("4: expected ',' or ']' but found '{'");
		expect(fault('{"a" 1}')).toBe("5: expected ':' after the property name but found '1'");
		expect(fault('{"a"}')).toBe("4: expected ':' after the property name but found '}'");
		expect(fault('{"a":}')).toBe("5: expected a value but found '}'");
	});

	test('unterminated string: at the end of the record', () => {
		expect(fault('{"a":"abc')).toBe('9: unterminated string');
		expect(fault('"abc\\"')).toBe('6: unterminated string');
		expect(fault('"abc\\')).toBe('5: unterminated string');
	});

	test('control character in a string', () => {
		expect(fault('{"a":"x\ny"}')).toBe('7: control character U+000A inside a string (escape it)');
		expect(fault('"a\tb"')).toBe('2: control character U+0009 inside a string (escape it)');
		expect(fault('"\u0000"')).toBe('1: control character U+0000 inside a string (escape it)');
		expect(fault('"\u001f"')).toBe('1: control character U+001F inside a string (escape it)');
		// DEL and U+2028 are allowed
		expect(fault('"\u007f\u2028"')).toBeUndefined();
	});

	test('bad escapes: at the character after the backslash, or the first bad hex digit', () => {
		expect(fault('"\\x"')).toBe("2: bad escape sequence in a string: 'x' cannot follow '\\'");
		expect(fault('"\\\'"')).toBe("2: bad escape sequence in a string: ''' cannot follow '\\'");
		expect(fault('"\\\n"')).toBe("2: bad escape sequence in a string: control character U+000A cannot follow '\\'");
		expect(fault('"\\u12G4"')).toBe('5: bad \\u escape: four hex digits expected');
		expect(fault('"\\u12"')).toBe('5: bad \\u escape: four hex digits expected');
		expect(fault('"\\u')).toBe('3: bad \\u escape: four hex digits expected');
	});

	test('numbers: at the character that is wrong or missing', () => {
		expect(fault('01')).toBe('1: a number cannot have leading zeros');
		expect(fault('[-012]')).toBe('3: a number cannot have leading zeros');
		expect(fault('1.')).toBe('2: expected a digit after the decimal point but found end of record');
		expect(fault('[1.e5]')).toBe("3: expected a digit after the decimal point but found 'e'");
		expect(fault('[-]')).toBe("2: expected a digit after '-' but found ']'");
		expect(fault('1e+')).toBe('3: expected a digit in the exponent but found end of record');
		expect(fault('[.5]')).toBe("1: expected a value but found '.'");
		expect(fault('[+1]')).toBe("1: expected a value but found '+'");
		expect(fault('0x10')).toBe("1: expected the end of the record but found 'x'");
	});

	test('misspelt literals and unquoted words: at the first letter', () => {
		expect(fault('{"a":tru}')).toBe("5: expected a value (strings need double quotes) but found 't'");
		expect(fault('{"name":nobody}')).toBe("8: expected a value (strings need double quotes) but found 'n'");
		expect(fault('[True]')).toBe("1: expected a value but found 'T'");
		expect(fault('[NaN]')).toBe("1: expected a value but found 'N'");
		expect(fault('[nulll]')).toBe("5: expected ',' or ']' but found 'l'");
	});

	test('mismatched brackets and extra text', () => {
		expect(fault('[1}')).toBe("2: expected ',' or ']' but found '}'");
		expect(fault('{"a":[1}')).toBe("7: expected ',' or ']' but found '}'");
		expect(fault('{"a":1}}')).toBe("7: expected the end of the record but found '}'");
		expect(fault('{"a":1} x')).toBe("8: expected the end of the record but found 'x'");
		expect(fault('')).toBe('0: expected a value but found end of record');
		expect(fault('{"a":1 😀}')).toBe("7: expected ',' or '}' but found '😀'");
	});

	test('the index is where V8 reports the fault (apart from trailing commas and misspelt literals)', () => {
		const samples = [
			'{a:1}',
			'{"a":1 "b":2}',
			'[1 2]',
			'{"a" 1}',
			'{"a":}',
			'{"a":"abc',
			'{"a":"x\ny"}',
			'"\\x"',
			'"\\u12G4"',
			'01',
			'1.',
			'[-]',
			'1e+',
			'[1}',
			'{"a":1}}',
			'{"a":[1}',
			'[1.e5]',
			'"\\u',
			'[.5]',
		];
		for (const text of samples) expect(locateSyntaxError(text)?.index, text).toBe(jsonParseFailure(text)?.index);
	});

	test('deep nesting does not overflow the stack', () => {
		expect(fault(`${'['.repeat(100_000)}x`)).toBe("100000: expected a value but found 'x'");
		expect(fault(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`)).toBeUndefined();
		expect(fault(`${'[{"a":'.repeat(30_000)}1]`)).toBe(`${30_000 * 6 + 1}: expected ',' or '}' but found ']'`);
	});

	test('a long number is read whole', () => {
		expect(fault(`[${'1'.repeat(1000)},]`)).toBe("1001: trailing ',' before ']'");
		expect(fault(`[0.${'5'.repeat(500)}e${'9'.repeat(500)} x]`)).toBe("1005: expected ',' or ']' but found 'x'");
	});
});
