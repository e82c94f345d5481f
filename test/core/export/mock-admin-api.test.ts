import {afterEach, describe, expect, it} from 'vitest';
import {MockAdminApi} from '../../../source/core/export/mock-admin-api.js';

describe('mock Admin API', () => {
	let mock: MockAdminApi | undefined;
	afterEach(async () => {
		await mock?.close();
	});

	async function start(options: ConstructorParameters<typeof MockAdminApi>[0]) {
		mock = new MockAdminApi(options);
		return mock.listen();
	}

	it('lists users by created_at with X-Total-Count and Link, leaving out users with neither email nor username', async () => {
		const url = await start({users: 250, key: 'k'});
		const response = await fetch(`${url}/users?page=2&per_page=50&sort_direction=asc`, {headers: {authorization: 'Bearer k'}});
		expect(response.status).toBe(200);
		const users = await response.json() as Array<{created_at: string; emails?: unknown[]; username?: unknown}>;
		const total = Number(response.headers.get('x-total-count'));
		expect(total).toBe(mock!.listedUsers().length);
		expect(total).toBeLessThan(250); // Some are passkey-only
		expect(users).toHaveLength(50);
		expect(users.every(user => (user.emails?.length ?? 0) > 0 || user.username !== undefined)).toBe(true);
		expect(users.map(user => user.created_at)).toEqual(users.map(user => user.created_at).toSorted());
		const link = response.headers.get('link')!;
		expect(link).toContain('page=3&per_page=50&sort_direction=asc>; rel="next"');
		expect(link).toContain('page=1&per_page=50&sort_direction=asc>; rel="prev"');
		expect(link).toContain(`page=${Math.ceil(total / 50)}&per_page=50&sort_direction=asc>; rel="last"`);
	});

	it('shares created_at among many users, as an import batch does', () => {
		mock = new MockAdminApi({users: 300});
		const times = mock.listedUsers().map(user => user.created_at);
		const shared = times.filter(time => time === '2024-03-01T09:00:00Z').length;
		expect(shared).toBeGreaterThan(50);
	});

	it('checks the bearer key, answers single users, and speaks JSON errors', async () => {
		const url = await start({users: 20, key: 'k'});
		expect(await (await fetch(`${url}/users`)).json()).toEqual({code: 401, message: 'Unauthorized'});
		const id = mock!.listedUsers()[0]!.id;
		const auth = {headers: {authorization: 'Bearer k'}};
		expect(await (await fetch(`${url}/users/${id}`, auth)).json()).toMatchObject({id});
		const missing = await fetch(`${url}/users/00000000-0000-4000-8000-000000000000`, auth);
		expect([missing.status, await missing.json()]).toEqual([404, {code: 404, message: 'user not found'}]);
		expect((await fetch(`${url}/users/nope`, auth)).status).toBe(400);
	});

	it('injects 429s with and without Retry-After, and 5xx', async () => {
		const url = await start({users: 20, faults: {rate429: 0.5, rate5xx: 0.5, retryAfter: 2}});
		const statuses = new Map<number, number>();
		let withRetryAfter = 0;
		for (let i = 0; i < 60; i++) {
			// eslint-disable-next-line no-await-in-loop
			const response = await fetch(`${url}/users`);
			statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
			if (response.headers.get('retry-after') === '2') withRetryAfter++;
		}

		expect(statuses.get(429)).toBeGreaterThan(5);
		expect([...statuses.keys()].some(status => status >= 500)).toBe(true);
		expect(withRetryAfter).toBeGreaterThan(0);
		expect(withRetryAfter).toBeLessThan(statuses.get(429)!);
	});

	it('creates and deletes users on demand and while listing (churn)', async () => {
		const url = await start({users: 50, faults: {rateChurn: 1}});
		for (let i = 0; i < 10; i++) await fetch(`${url}/users`); // eslint-disable-line no-await-in-loop
		expect(mock!.created.length + mock!.deleted.length).toBe(10);
	});
});
