import {describe, expect, it} from 'vitest';
import {maxRecordBytes} from '../../../source/core/engine/read-batches.js';
import {freshCheckpoint} from '../../../source/core/export/export-checkpoint.js';
import type {FetchedUser} from '../../../source/core/export/fetched-page.js';
import {pageLines} from '../../../source/core/export/page-users.js';
import {noNotes} from '../../../source/core/export/to-import-user.js';
import {UuidSet} from '../../../source/core/export/uuid-set.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const started = Date.parse('2024-06-01T00:00:00Z');
const user = (n: number, extra: Partial<FetchedUser> = {}): FetchedUser => ({
	id: uuid(n),
	createdAt: '2024-01-01T00:00:00Z',
	line: `{"user_id":"${uuid(n)}"}`,
	raw: `{"id":"${uuid(n)}"}`,
	contact: undefined,
	gone: false,
	notes: {...noNotes(), passkeys: 1},
	...extra,
});

describe('pageLines', () => {
	it('writes each new user once, and leaves out deleted and oversize ones by id in the checkpoint', () => {
		const checkpoint = freshCheckpoint({apiUrl: 'http://127.0.0.1/', perPage: 10, raw: null, deep: false}, started);
		const ids = new UuidSet();
		ids.add(uuid(1)); // Exported from an earlier page
		const seen = new UuidSet();
		const items = [
			user(1),
			user(2),
			user(3, {gone: true, line: undefined}),
			user(4, {line: `{"user_id":"${uuid(4)}","x":"${'a'.repeat(maxRecordBytes)}"}`}),
			user(5, {createdAt: '2024-07-01T00:00:00Z', contact: 'c\n'}),
			user(2),
		];
		const lines = pageLines({total: 6, count: items.length, fingerprint: 0, items}, checkpoint, ids, seen);
		expect(lines).toEqual({
			lines: `${user(2).line}\n${user(5).line}\n`,
			rawLines: `${user(2).raw}\n${user(5).raw}\n`,
			contactLines: 'c\n',
		});
		expect(checkpoint).toMatchObject({deleted: [uuid(3)], oversize: [uuid(4)], createdDuringRun: 1, notes: {passkeys: 2}});
		expect(ids.size).toBe(5);
		expect(seen.size).toBe(5);
	});
});
