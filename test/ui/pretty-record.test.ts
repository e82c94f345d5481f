import {describe, expect, it} from 'vitest';
import {lineOf, prettyLines} from '../../source/ui/pretty-record.js';

describe('prettyLines', () => {
	const record = {user_id: 'x', emails: [{address: 'a@x.io', is_primary: true}], 'a/b': {}};

	it('prints like JSON.stringify with two spaces', () => {
		expect(prettyLines(record).map(line => line.text).join('\n')).toBe(JSON.stringify(record, null, 2));
	});

	it('knows the pointer of each line and finds the line of a pointer', () => {
		const lines = prettyLines(record);
		expect(lines[lineOf(lines, '/emails/0/address')]!.text).toBe('      "address": "a@x.io",');
		expect(lines[lineOf(lines, '/emails')]!.text).toBe('  "emails": [');
		expect(lines[lineOf(lines, '/a~1b')]!.text).toBe('  "a/b": {}');
		expect(lineOf(lines, '/nope')).toBe(-1);
	});
});
