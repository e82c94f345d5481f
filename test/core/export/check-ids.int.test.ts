import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {AdminClient} from '../../../source/core/export/admin-client.js';
import {findGone} from '../../../source/core/export/check-ids.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('findGone', () => {
	const closers: Array<() => Promise<unknown>> = [];
	afterEach(async () => {
		for (const close of closers.splice(0)) await close();
	});

	/** A list that knows the even users; answers after `delayMs`, or fails from the `failFrom`th request on. */
	async function serve(options: {delayMs: number; failFrom?: number}) {
		const seen = {requests: 0, inFlight: 0, most: 0};
		const server = createServer((request, response) => {
			const number = ++seen.requests;
			seen.most = Math.max(seen.most, ++seen.inFlight);
			setTimeout(() => {
				seen.inFlight--;
				if (options.failFrom !== undefined && number >= options.failFrom) {
					response.writeHead(400, {'content-type': 'application/json'}).end('{"code":400,"message":"bad request"}');
					return;
				}

				const ids = (new URL(request.url!, 'http://x').searchParams.get('user_id') ?? '').split(',');
				const users = ids
					.filter(id => Number(id.slice(-12)) % 2 === 0)
					.map(id => ({id, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z'}));
				response
					.writeHead(200, {'content-type': 'application/json', 'x-total-count': String(users.length)})
					.end(JSON.stringify(users));
			}, options.delayMs);
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		const client = new AdminClient({
			apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
			apiKey: 'k',
			retries: 0,
			backoffMs: 1,
			connections: 8,
		});
		closers.push(
			async () => client.close(),
			async () =>
				new Promise(resolve => {
					server.closeAllConnections();
					server.close(resolve);
				}),
		);
		return {client, seen};
	}

	it('asks in batches, at most `concurrency` at once, and finds the ids the list no longer has', async () => {
		const {client, seen} = await serve({delayMs: 20});
		const ids = Array.from({length: 95}, (_, index) => uuid(index));
		const progress: number[] = [];
		const gone = await findGone(client, ids, {batch: 10, concurrency: 3, onProgress: ({checked}) => progress.push(checked)});
		expect([...gone!].sort()).toEqual(ids.filter((_, index) => index % 2 === 1));
		expect(seen.requests).toBe(10);
		expect(seen.most).toBe(3);
		expect(progress.at(-1)).toBe(95);
	});

	it('stops asking after a failure and says why', async () => {
		const {client, seen} = await serve({delayMs: 10, failFrom: 2});
		const ids = Array.from({length: 100}, (_, index) => uuid(index));
		await expect(findGone(client, ids, {batch: 10, concurrency: 1})).rejects.toThrow('400');
		expect(seen.requests).toBe(2);
	});

	it('is undefined when cancelled before every batch was asked', async () => {
		const {client} = await serve({delayMs: 30});
		const aborter = new AbortController();
		setTimeout(() => aborter.abort(), 45);
		expect(
			await findGone(
				client,
				Array.from({length: 100}, (_, index) => uuid(index)),
				{batch: 10, concurrency: 1, signal: aborter.signal},
			),
		).toBeUndefined();
	});
});
