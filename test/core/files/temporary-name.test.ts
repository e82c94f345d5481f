import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseTemporaryName, temporaryPathFor} from '../../../source/core/files/temporary-name.js';

describe('temporary names', () => {
	it('puts a hidden name with the pid beside the target, different each time', () => {
		const first = temporaryPathFor('/data/users.json', 4242);
		expect(path.dirname(first)).toBe('/data');
		expect(path.basename(first)).toMatch(/^\.users\.json\.4242-[\da-f]{12}\.partial$/);
		expect(temporaryPathFor('/data/users.json', 4242)).not.toBe(first);
	});

	it('reads back the pid of its own names', () => {
		const name = path.basename(temporaryPathFor('/data/users.json', 4242));
		expect(parseTemporaryName(name, 'users.json')).toEqual({pid: 4242});
	});

	it('recognises the older names without a pid', () => {
		expect(parseTemporaryName('.users.json.0123456789ab.partial', 'users.json')).toEqual({pid: undefined});
	});

	it('recognises nothing else', () => {
		for (const name of [
			'users.json.partial', // The export's own partial file
			'.users.json.partial',
			'.users.json.4242-0123456789ab.partial.x',
			'.users.json.4242-0123456789AB.partial',
			'.users.json.4242-0123456789a.partial',
			'.users.json.x-0123456789ab.partial',
			'.users.json.lock.4242-0123456789ab.partial', // Another target's
			'.other.json.4242-0123456789ab.partial',
			'.users.json.0123456789abc.partial',
		])
			expect(parseTemporaryName(name, 'users.json'), name).toBeUndefined();
		// And a target named like a temporary file does not take its neighbour's
		expect(parseTemporaryName('.users.json.lock.4242-0123456789ab.partial', 'users.json.lock')).toEqual({pid: 4242});
	});
});
