import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {AdminClient} from '../../../source/core/export/admin-client.js';
import {freshCheckpoint} from '../../../source/core/export/export-checkpoint.js';
import {PartialOutput} from '../../../source/core/export/partial-output.js';
import {reconcile} from '../../../source/core/export/reconcile.js';
import {UuidSet} from '../../../source/core/export/uuid-set.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('reconcile after a first walk', () => {
	const temp = useTempDir();

	async function check(
		users: number,
		total: number | undefined,
		change: (checkpoint: ReturnType<typeof freshCheckpoint>) => void = () => undefined,
	) {
		const checkpoint = freshCheckpoint({apiUrl: 'http://127.0.0.1:9/', perPage: 10, raw: null, deep: false}, 0);
		change(checkpoint);
		const ids = new UuidSet();
		for (let n = 0; n < users; n++) ids.add(uuid(n));
		// A first walk asks the server nothing: this client is never used
		const client = new AdminClient({apiUrl: 'http://127.0.0.1:9'});
		try {
			return await reconcile({
				client,
				out: new PartialOutput(path.join(temp(), 'out.json')),
				checkpoint,
				ids,
				seen: undefined,
				total,
				concurrency: 2,
				signal: new AbortController().signal,
				onRequest: () => undefined,
				onCheckStart: () => undefined,
				onChecked: () => undefined,
			});
		} finally {
			await client.close();
		}
	}

	it('agrees when the users match X-Total-Count and nothing can have moved', async () => {
		expect(await check(5, 5)).toEqual({agree: true, reasons: []});
	});

	it('says why it does not agree', async () => {
		expect((await check(4, 5)).reasons).toEqual([
			'1 users missing: the list shifted under the walk (ties on created_at, or users created or deleted meanwhile)',
		]);
		expect((await check(6, 5)).reasons).toEqual(['1 users more than X-Total-Count: users deleted meanwhile']);
		// Deleted users are not counted as listed
		expect((await check(6, 5, checkpoint => checkpoint.deleted.push(uuid(0)))).agree).toBe(true);
		expect((await check(5, 5, checkpoint => Object.assign(checkpoint, {totalMoved: true}))).reasons).toEqual([
			'X-Total-Count moved during the walk',
		]);
		expect((await check(5, 5, checkpoint => Object.assign(checkpoint, {interrupted: true}))).reasons).toEqual([
			'the export was interrupted: a walk over every page confirms it',
		]);
		const oversize = await check(5, 5, checkpoint => checkpoint.oversize.push(uuid(1), uuid(2), uuid(3), uuid(4)));
		expect(oversize.agree).toBe(false);
		expect(oversize.reasons[0]).toMatch(/^4 users are larger than 16 MB in the import format and were left out \(.*, …\)$/);
	});
});
