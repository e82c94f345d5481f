import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {RecordReader} from '../../../source/core/engine/record-reader.js';
import {useTempDir} from '../../helpers/temp-dir.js';

describe('RecordReader.readMany', () => {
	const temp = useTempDir();

	it('keeps each record it returns in bytes of its own, not in a view of the piece it was read in', async () => {
		const users = Array.from({length: 2000}, (_, i) => ({
			user_id: `u${i}`,
			emails: [{address: `user${i}@example.com`, is_primary: true}],
		}));
		const file = path.join(temp(), 'users.json');
		const text = JSON.stringify(users, null, 2);
		writeFileSync(file, text);
		// One checkpoint: the first record, on line 2, column 3
		const reader = new RecordReader(file, {format: 'json-array', compressed: false, bytes: text.length, seekable: true, bom: false}, [
			0,
			text.indexOf('{'),
			2,
			3,
		]);
		const found = await reader.readMany([5, 1500]);
		expect([...found.keys()]).toEqual([5, 1500]);
		for (const [index, record] of found) {
			expect(JSON.parse(record.text)).toEqual(users[index]);
			// Holding 20,000 such records must not hold 20,000 pieces of the file
			expect(record.bytes.buffer.byteLength).toBe(record.bytes.length);
		}
	});
});
