import {describe, expect, it} from 'vitest';
import {lineOf, prettyLines} from '../../../source/ui/validation/pretty-record.js';

describe('prettyLines', () => {
	const record = {user_id: 'x', emails: [{address: 'a@x.io', is_primary: true}], 'a/b': {}};

	it('prints like JSON.stringify with two spaces', () => {
		expect(
			prettyLines(record)
				.map(line => line.text)
				.join('\n'),
		).toBe(JSON.stringify(record, null, 2));
	});

	it('knows the pointer of each line and finds the line of a pointer', () => {
		const lines = prettyLines(record);
		expect(lines[lineOf(lines, '/emails/0/address')]!.text).toBe('      "address": "a@x.io",');
		expect(lines[lineOf(lines, '/emails')]!.text).toBe('  "emails": [');
		expect(lines[lineOf(lines, '/a~1b')]!.text).toBe('  "a/b": {}');
		expect(lineOf(lines, '/nope')).toBe(-1);
	});
});

describe('prettyLines on deep values', () => {
	const nested = (depth: number) => {
		let value: unknown = [];
		for (let i = 1; i < depth; i++) value = [value];
		return value;
	};

	it('prints what lies below 64 levels on one line, so a record Go still reads gives few lines', () => {
		const lines = prettyLines({user_id: 'x', x: nested(1000)});
		expect(lines).toHaveLength(2 + 63 + 1 + 63 + 1);
		expect(lines[65]).toEqual({text: `${' '.repeat(128)}${JSON.stringify(nested(1000 - 63))}`, pointer: `/x${'/0'.repeat(63)}`});
	});

	it('names a value too deep for JSON.stringify instead of overflowing the stack', () => {
		const lines = prettyLines({user_id: 'x', x: nested(1_000_000)});
		expect(lines[65]!.text).toBe(`${' '.repeat(128)}(nested too deep to show)`);
		expect(lines.at(-1)).toEqual({text: '}', pointer: ''});
	});
});
