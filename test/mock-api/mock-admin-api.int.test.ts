import {request} from 'undici';
import {afterEach, describe, expect, it} from 'vitest';
import {MockAdminApi} from '../../source/mock-api/mock-admin-api.js';
import type {StoredUser} from '../../source/mock-api/generate-admin-users.js';

type Json = Record<string, unknown>;

describe('mock Admin API', () => {
	let mock: MockAdminApi | undefined;
	afterEach(async () => {
		await mock?.close();
		mock = undefined;
	});

	async function start(options: ConstructorParameters<typeof MockAdminApi>[0]) {
		mock = new MockAdminApi(options);
		return mock.listen();
	}

	async function get(url: string, headers: Record<string, string> = {}) {
		const response = await fetch(url, {headers});
		return {status: response.status, headers: response.headers, body: (await response.json()) as unknown};
	}

	it('rejects listen on a port in use instead of leaving the error event unheard', async () => {
		const origin = await start({users: 1});
		const second = new MockAdminApi({users: 1});
		await expect(second.listen(Number(new URL(origin).port))).rejects.toMatchObject({code: 'EADDRINUSE'});
	});

	/** Every listed user through the API, in one page. */
	async function listAll(url: string, query = '') {
		const response = await get(`${url}/users?per_page=100000${query}`);
		expect(response.status).toBe(200);
		return {users: response.body as Json[], total: Number(response.headers.get('x-total-count'))};
	}

	const passkeyOnly = (user: StoredUser) => (user.emails?.length ?? 0) === 0 && user.username === undefined;

	it('lists users by created_at with X-Total-Count, leaving out users with neither email nor username', async () => {
		const url = await start({users: 250, key: 'k'});
		const response = await get(`${url}/users?page=2&per_page=50&sort_direction=asc`, {authorization: 'Bearer k'});
		expect(response.status).toBe(200);
		const users = response.body as Array<{created_at: string; emails?: unknown[]; username?: unknown}>;
		const total = Number(response.headers.get('x-total-count'));
		expect(total).toBe(mock!.listedUsers().length);
		expect(total).toBe(250 - mock!.allUsers().filter(user => passkeyOnly(user)).length);
		expect(total).toBeLessThan(250); // Some are passkey-only
		expect(users).toHaveLength(50);
		expect(users.every(user => (user.emails?.length ?? 0) > 0 || user.username !== undefined)).toBe(true);
		expect(users.map(user => user.created_at)).toEqual(users.map(user => user.created_at).toSorted());
		const descending = (await get(`${url}/users?per_page=50`, {authorization: 'Bearer k'})).body as Array<{created_at: string}>;
		expect(descending.map(user => user.created_at)).toEqual(
			descending
				.map(user => user.created_at)
				.toSorted()
				.toReversed(),
		);
	});

	it('shares created_at among many users, as an import batch does', () => {
		mock = new MockAdminApi({users: 300});
		const times = mock.listedUsers().map(user => user.created_at);
		const shared = times.filter(time => time === '2024-03-01T09:00:00Z').length;
		expect(shared).toBeGreaterThan(50);
	});

	it('lists only the list fields; GET /users/{id} adds password, otp, identities and metadata', async () => {
		const url = await start({users: 600});
		const stored = mock!.allUsers();
		// The generator gives some users each of these, and some passkeys a custom user_handle
		for (const field of ['password', 'otp', 'identities', 'metadata', 'name', 'picture'] as const) {
			expect(stored.filter(user => user[field] !== undefined).length).toBeGreaterThan(5);
		}

		const passkeys = stored.flatMap(user => user.webauthn_credentials ?? []);
		const handles = passkeys.filter(credential => credential.user_handle !== undefined).length;
		expect(handles).toBeGreaterThan(0);
		expect(handles / passkeys.length).toBeLessThan(0.15);

		const {users} = await listAll(url);
		expect(users).toHaveLength(mock!.listedUsers().length);
		const keys = new Set(users.flatMap(user => Object.keys(user)));
		expect([...keys].toSorted()).toEqual([
			'created_at',
			'emails',
			'family_name',
			'given_name',
			'id',
			'name',
			'picture',
			'updated_at',
			'username',
			'webauthn_credentials',
		]);
		for (const user of users) {
			const original = mock!.storedUser(user.id as string)!;
			expect(user.name).toBe(original.name);
			expect(user.username).toEqual(original.username);
			expect((user.emails as unknown[] | undefined)?.length).toBe(original.emails?.length);
		}

		const credentialKeys = new Set(
			users.flatMap(user => ((user.webauthn_credentials as Json[] | undefined) ?? []).flatMap(credential => Object.keys(credential))),
		);
		expect(credentialKeys).not.toContain('sign_count');
		expect(credentialKeys).not.toContain('updated_at');
		expect(credentialKeys).not.toContain('user_handle');
		expect(credentialKeys).toContain('last_used_at');

		for (const original of stored
			.filter(user => user.password && user.otp)
			.slice(0, 3)
			.concat(stored.filter(user => user.identities && user.metadata).slice(0, 3))) {
			const detail = (await get(`${url}/users/${original.id}`)).body as Json;
			const password = original.password && {
				id: original.password.id,
				tenant_id: '00000000-0000-0000-0000-000000000001',
				created_at: original.password.created_at,
				updated_at: original.password.updated_at,
			};
			expect(detail.password).toEqual(password);
			expect(detail.otp).toEqual(original.otp && {id: original.otp.id, created_at: original.otp.created_at});
			expect(detail.identities).toEqual(original.identities);
			expect(detail.metadata).toEqual(original.metadata);
			const item = users.find(user => user.id === original.id)!;
			expect(
				Object.keys(detail)
					.filter(key => !(key in item))
					.toSorted(),
			).toEqual(['identities', 'metadata', 'otp', 'password'].filter(key => detail[key] !== undefined));
		}

		const withHandle = stored.find(user => user.webauthn_credentials?.some(credential => credential.user_handle !== undefined))!;
		const detail = (await get(`${url}/users/${withHandle.id}`)).body as {webauthn_credentials: Json[]};
		expect(detail.webauthn_credentials).toHaveLength(withHandle.webauthn_credentials!.length);
		for (const credential of detail.webauthn_credentials) {
			expect(credential).not.toHaveProperty('user_handle');
			expect(credential).not.toHaveProperty('sign_count');
			expect(credential).not.toHaveProperty('updated_at');
		}
	});

	it('leaves passkey-only users out of the list and the count, but answers GET /users/{id} for them', async () => {
		const url = await start({users: 400});
		const hidden = mock!.allUsers().filter(user => passkeyOnly(user));
		expect(hidden.length).toBeGreaterThan(0);
		const {users, total} = await listAll(url);
		const listedIds = new Set(users.map(user => user.id));
		expect(total).toBe(400 - hidden.length);
		expect(listedIds.size).toBe(total);
		for (const user of hidden) {
			expect(listedIds.has(user.id)).toBe(false);

			const detail = await get(`${url}/users/${user.id}`);
			expect(detail.status).toBe(200);
			expect(detail.body).toMatchObject({id: user.id, webauthn_credentials: [{id: user.webauthn_credentials![0]!.id}]});
			expect(detail.body).not.toHaveProperty('emails');
		}
	});

	it("answers bad parameters with 400 and Hanko's messages, and reads 0 and absent as the defaults", async () => {
		const url = await start({users: 60});
		const cases: Array<[string, string]> = [
			['page=abc', 'strconv.ParseInt: parsing "abc": invalid syntax'],
			['per_page=1.5', 'strconv.ParseInt: parsing "1.5": invalid syntax'],
			['page=2&per_page=x', 'strconv.ParseInt: parsing "x": invalid syntax'],
			['page=99999999999999999999', 'strconv.ParseInt: parsing "99999999999999999999": value out of range'],
			['sort_direction=ASC', 'sort_direction must be desc or asc'],
			['sort_direction=up', 'sort_direction must be desc or asc'],
			['user_id=123', 'failed to parse user_id as uuid'],
			[`user_id=${mock!.listedUsers()[0]!.id},`, 'failed to parse user_id as uuid'],
		];
		for (const [query, message] of cases) {
			const response = await get(`${url}/users?${query}`);
			expect([query, response.status, response.body]).toEqual([query, 400, {code: 400, message}]);
		}

		const single = async (id: string) => get(`${url}/users/${id}`);
		expect(await single('nope')).toMatchObject({status: 400, body: {code: 400, message: 'failed to parse userId as uuid'}});
		expect(await single('00000000-0000-4000-8000-000000000000')).toMatchObject({
			status: 404,
			body: {code: 404, message: 'user not found'},
		});

		const ids = async (query: string) => ((await get(`${url}/users?${query}`)).body as Json[]).map(user => user.id);
		const defaults = await ids('sort_direction=desc');
		expect(defaults).toHaveLength(20);
		expect(await ids('page=0&per_page=0')).toEqual(defaults);
		expect(await ids('page=&per_page=')).toEqual(defaults);
		expect(await ids('')).toEqual(defaults);
		expect(await ids('page=2')).not.toEqual(defaults);
		expect(await ids('per_page=1000')).toHaveLength(mock!.listedUsers().length); // No maximum
	});

	it('filters by user_id in any form gofrs reads, still leaving out passkey-only users', async () => {
		const url = await start({users: 300});
		const listed = mock!.listedUsers();
		const [a, b, c, d] = [listed[3]!, listed[70]!, listed[150]!, listed[200]!];
		const hidden = mock!.allUsers().find(user => passkeyOnly(user))!;
		const forms = [a.id.toUpperCase(), b.id.replaceAll('-', ''), `{${c.id}}`, `urn:uuid:${d.id}`, hidden.id];
		const response = await get(`${url}/users?user_id=${encodeURIComponent(forms.join(','))}&per_page=100`);
		expect(response.status).toBe(200);
		expect(response.headers.get('x-total-count')).toBe('4');
		expect((response.body as Json[]).map(user => user.id).toSorted()).toEqual([a.id, b.id, c.id, d.id].toSorted());
	});

	it('gives users filtered by user_id in the order of the whole list, equal created_at included', async () => {
		const url = await start({users: 300, faults: {tieEpoch: 2}});
		const batch = mock!.listedUsers().filter(user => user.created_at === '2024-03-01T09:00:00Z');
		expect(batch.length).toBeGreaterThan(50);
		const picked = batch.filter((_, index) => index % 7 === 3).toReversed();
		for (let round = 0; round < 3; round++) {
			// Two requests in one epoch of the tie order (it changes every 2 requests here)
			if (mock!.requests % 2 === 0) await fetch(`${url}/users?per_page=1`);
			const whole = (await listAll(url, '&sort_direction=asc')).users.map(user => user.id as string);
			const filtered = await get(`${url}/users?sort_direction=asc&per_page=100&user_id=${picked.map(user => user.id).join(',')}`);
			const wanted = new Set(picked.map(user => user.id));
			expect((filtered.body as Json[]).map(user => user.id)).toEqual(whole.filter(id => wanted.has(id)));
		}
	});

	it('filters email and username as lower-cased LIKE %…% substrings, counting the same way', async () => {
		const url = await start({users: 300});
		const expected = (test: (user: StoredUser) => boolean) =>
			mock!
				.listedUsers()
				.filter(user => test(user))
				.map(user => user.id)
				.toSorted();
		const check = async (query: string, test: (user: StoredUser) => boolean) => {
			const {users, total} = await listAll(url, `&${query}`);
			const want = expected(test);
			expect(want.length).toBeGreaterThan(0);
			expect(want.length).toBeLessThan(mock!.listedUsers().length);
			expect([query, users.map(user => user.id).toSorted()]).toEqual([query, want]);
			expect(total).toBe(want.length);
		};

		await check('email=USER1', user => user.emails?.some(email => email.address.includes('user1')) ?? false);
		await check('email=alt1%40', user => user.emails?.some(email => email.address.includes('alt1@')) ?? false);
		// `_` is LIKE's any-character
		await check('email=r2_%40', user => user.emails?.some(email => /r2.@/.test(email.address)) ?? false);
		await check('username=Er4', user => user.username?.username.includes('er4') ?? false);
		// Both: either matches
		await check(
			'email=user7&username=user9',
			user =>
				(user.emails?.some(email => email.address.includes('user7')) ?? false) ||
				(user.username?.username.includes('user9') ?? false),
		);
	});

	describe('Link header, as pagination/header.go builds it', () => {
		const link = (origin: string, query: string, rel: string) => `<${origin}/users?${query}>; rel="${rel}"`;

		it('on the first, a middle, the last and a single page', async () => {
			const url = await start({users: 100});
			const total = mock!.listedUsers().length;
			const last = Math.ceil(total / 20);
			expect(last).toBeGreaterThan(3);
			const linkOf = async (query: string) => (await get(`${url}/users?${query}`)).headers.get('link');
			const q = (page: number, perPage = 20) => `page=${page}&per_page=${perPage}&sort_direction=asc`;
			expect(await linkOf('sort_direction=asc')).toBe([link(url, q(last), 'last'), link(url, q(2), 'next')].join(','));
			expect(await linkOf('page=1&per_page=20&sort_direction=asc')).toBe(
				[link(url, q(last), 'last'), link(url, q(2), 'next')].join(','),
			);
			expect(await linkOf('page=3&per_page=20&sort_direction=asc')).toBe(
				[link(url, q(1), 'first'), link(url, q(last), 'last'), link(url, q(4), 'next'), link(url, q(2), 'prev')].join(','),
			);
			expect(await linkOf(`page=${last}&per_page=20&sort_direction=asc`)).toBe(
				[link(url, q(1), 'first'), link(url, q(last - 1), 'prev')].join(','),
			);
			expect(await linkOf('per_page=500&sort_direction=asc')).toBe(link(url, q(1, 500), 'first'));
			// Past the end: first, last and prev, no next
			expect(await linkOf(`page=${last + 2}&per_page=20&sort_direction=asc`)).toBe(
				[link(url, q(1), 'first'), link(url, q(last), 'last'), link(url, q(last + 1), 'prev')].join(','),
			);
		});

		it('keeps the other parameters, keys sorted and escaped as Go encodes them', async () => {
			const url = await start({users: 100});
			const response = await get(`${url}/users?sort_direction=asc&username=user&email=user&per_page=5&page=2&x=a%2Cb+c`);
			expect(response.headers.get('link')!.split(',<')[0]).toBe(
				link(url, 'email=user&page=1&per_page=5&sort_direction=asc&username=user&x=a%2Cb+c', 'first'),
			);
			const filtered = await get(`${url}/users?user_id=${mock!.listedUsers()[0]!.id},${mock!.listedUsers()[1]!.id}`);
			const id = (n: number) => mock!.listedUsers()[n]!.id;
			expect(filtered.headers.get('link')).toBe(link(url, `page=1&per_page=20&user_id=${id(0)}%2C${id(1)}`, 'first'));
		});

		it("builds absolute URLs from the request's Host header and scheme", async () => {
			const url = await start({users: 30});
			const response = await request(`${url}/users?per_page=10`, {
				headers: {host: 'admin.example.test:8001', 'x-forwarded-proto': 'https'},
			});
			await response.body.dump();
			const header = String(response.headers.link);
			expect(header.startsWith('<https://admin.example.test:8001/users?page=')).toBe(true);
			expect(header).not.toContain('127.0.0.1');
		});
	});

	describe('multitenancy', () => {
		const tenant = '3f1b7c5e-8d2a-4e6f-9b0c-1a2b3c4d5e6f';

		it('serves every route under /<tenant>/ and answers another tenant with "tenant not found"', async () => {
			const origin = await start({users: 50, tenant: tenant.toUpperCase()});
			const url = mock!.apiUrl(origin);
			expect(url).toBe(`${origin}/${tenant}`);
			const list = await get(`${url}/users?per_page=5&page=2`);
			expect(list.status).toBe(200);
			expect(list.body).toHaveLength(5);
			expect(list.headers.get('link')).toContain(`<${origin}/${tenant}/users?page=1&per_page=5>; rel="first"`);
			// Any form gofrs reads names the tenant
			expect((await get(`${origin}/${tenant.replaceAll('-', '').toUpperCase()}/users`)).status).toBe(200);

			const user = mock!.listedUsers().find(item => item.password)!;
			const detail = await get(`${url}/users/${user.id}`);
			expect(detail.status).toBe(200);
			expect(detail.body).toMatchObject({id: user.id, password: {tenant_id: tenant}});

			expect(await get(`${origin}/00000000-0000-4000-8000-000000000000/users`)).toMatchObject({
				status: 404,
				body: {code: 404, message: 'tenant not found'},
			});
			expect(await get(`${origin}/00000000-0000-4000-8000-000000000000/users/${user.id}`)).toMatchObject({
				status: 404,
				body: {code: 404, message: 'tenant not found'},
			});
			expect(await get(`${origin}/users`)).toMatchObject({status: 400, body: {code: 400, message: 'invalid tenant ID format'}});
			expect(await get(`${origin}/users/${user.id}`)).toMatchObject({
				status: 400,
				body: {code: 400, message: 'invalid tenant ID format'},
			});
		});

		it('serves routes at the root without a tenant', async () => {
			const url = await start({users: 20});
			expect(mock!.apiUrl(url)).toBe(url);
			expect((await get(`${url}/users`)).status).toBe(200);
			expect(await get(`${url}/${tenant}/users`)).toMatchObject({status: 404, body: {code: 404, message: 'Not Found'}});
		});

		it('refuses a tenant that is not a UUID', () => {
			expect(() => new MockAdminApi({tenant: 'acme'})).toThrow(/not a UUID/);
		});
	});

	it('checks the bearer key when it has one, and has no authentication without one', async () => {
		const keyed = await start({users: 20, key: 'k'});
		expect(await get(`${keyed}/users`)).toMatchObject({status: 401, body: {code: 401, message: 'Unauthorized'}});
		expect((await get(`${keyed}/users`, {authorization: 'Bearer wrong'})).status).toBe(401);
		const id = mock!.listedUsers()[0]!.id;
		expect((await get(`${keyed}/users/${id}`)).status).toBe(401);
		expect(await get(`${keyed}/users/${id}`, {authorization: 'Bearer k'})).toMatchObject({status: 200, body: {id}});
		await mock!.close();

		const open = await start({users: 20});
		const list = await fetch(`${open}/users`);
		expect(list.status).toBe(200);
		expect(await list.json()).toHaveLength(20);
		expect(await get(`${open}/users/${id}`)).toMatchObject({status: 200, body: {id}});
		// A key sent anyway is ignored
		expect((await get(`${open}/users`, {authorization: 'Bearer anything'})).status).toBe(200);
	});

	it('injects 429s with and without Retry-After, and 5xx', async () => {
		const url = await start({users: 20, faults: {rate429: 0.5, rate5xx: 0.5, retryAfter: 2}});
		const statuses = new Map<number, number>();
		let withRetryAfter = 0;
		for (let i = 0; i < 60; i++) {
			const response = await fetch(`${url}/users`);
			statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
			if (response.headers.get('retry-after') === '2') withRetryAfter++;
		}

		expect(statuses.get(429)).toBeGreaterThan(5);
		expect([...statuses.keys()].some(status => status >= 500)).toBe(true);
		expect(withRetryAfter).toBeGreaterThan(0);
		expect(withRetryAfter).toBeLessThan(statuses.get(429)!);
	});

	it('redirects to another origin with a JSON array body on demand', async () => {
		const url = await start({users: 20, key: 'k', faults: {redirect: 1, redirectTo: 'http://elsewhere.invalid:9'}});
		const response = await fetch(`${url}/users?page=2`, {headers: {authorization: 'Bearer k'}, redirect: 'manual'});
		expect(response.status).toBe(302);
		expect(response.headers.get('location')).toBe('http://elsewhere.invalid:9/users?page=2');
		expect(await response.json()).toEqual([]);
		await mock!.close();
		const plain = await start({users: 20, faults: {redirect: 1}});
		expect((await fetch(`${plain}/users`, {redirect: 'manual'})).headers.get('location')).toBe('http://redirect.invalid/users');
	});

	it('creates and deletes users on demand and while listing (churn)', async () => {
		const url = await start({users: 50, faults: {rateChurn: 1}});
		for (let i = 0; i < 10; i++) await fetch(`${url}/users`);
		expect(mock!.created.length + mock!.deleted.length).toBe(10);
	});
});
