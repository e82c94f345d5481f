import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {AdminClient, type ClientEvent, checkApiUrl} from '../../../source/core/export/admin-client.js';
import {AdminApiError} from '../../../source/core/export/admin-api-error.js';
import {checkApiKey} from '../../../source/core/export/api-url.js';
import {Cancelled} from '../../../source/core/errors.js';
import {MockAdminApi} from '../../../source/mock-api/mock-admin-api.js';

describe('Admin API client', () => {
	const closers: Array<() => Promise<unknown>> = [];
	afterEach(async () => {
		for (const close of closers.splice(0)) await close();
	});

	async function mockAt(options: ConstructorParameters<typeof MockAdminApi>[0]) {
		const mock = new MockAdminApi(options);
		const url = await mock.listen();
		closers.push(async () => mock.close());
		return {mock, url};
	}

	function client(apiUrl: string, apiKey = 'k', events: ClientEvent[] = []) {
		const created = new AdminClient({apiUrl, apiKey, backoffMs: 1, retries: 6, timeoutMs: 2000, onEvent: event => events.push(event)});
		closers.push(async () => created.close());
		return created;
	}

	it('sends a key over https, or plain http to this machine only unless allowed; without a key, http anywhere', () => {
		const withKey = {keySent: true};
		expect(checkApiUrl('https://tenant.hanko.io/admin/', withKey).href).toBe('https://tenant.hanko.io/admin');
		expect(checkApiUrl('http://127.0.0.1:8001', withKey).hostname).toBe('127.0.0.1');
		expect(checkApiUrl('http://localhost:8001/admin', withKey).pathname).toBe('/admin');
		expect(() => checkApiUrl('http://tenant.hanko.io/admin', withKey)).toThrow(
			'refusing to send the API key over plain http to tenant.hanko.io',
		);
		expect(checkApiUrl('http://10.0.0.5:8001', {keySent: true, allowHttp: true}).host).toBe('10.0.0.5:8001');
		expect(checkApiUrl('http://hanko-admin.internal:8001/4d5b4e1f-3b1c-4c47-9a2e-0b5f2f2b9c11', {keySent: false}).pathname).toBe(
			'/4d5b4e1f-3b1c-4c47-9a2e-0b5f2f2b9c11',
		);
		expect(() => checkApiUrl('https://user:secret@tenant.hanko.io/admin', withKey)).toThrow('carries a user name or password');
		expect(() => checkApiUrl('http://user:pw@[bad/', withKey)).toThrow('not a URL: http://…@[bad/');
		expect(() => checkApiUrl('ftp://x', withKey)).toThrow('must start with https://');
		expect(() => checkApiUrl('nope', withKey)).toThrow('not a URL');
	});

	it('refuses a key of more than one line or with spaces, without showing it', () => {
		expect(checkApiKey('  abc.def_123\n', 'HANKO_API_KEY')).toBe('abc.def_123');
		expect(() => checkApiKey('secret-one\nsecret-two\n', 'the file k')).toThrow(
			'the API key from the file k has more than one line: keep only the key',
		);
		expect(() => checkApiKey('secret one', 'HANKO_API_KEY')).toThrow('holds spaces');
		expect(() => checkApiKey(' \n', 'HANKO_API_KEY')).toThrow('is empty');
		try {
			checkApiKey('secret-one\nsecret-two', 'x');
		} catch (error) {
			expect((error as Error).message).not.toContain('secret');
		}
	});

	it('reads a page and the total, retrying 429 (with Retry-After), 5xx, resets and cut bodies', async () => {
		const {mock, url} = await mockAt({
			users: 300,
			key: 'k',
			faults: {rate429: 0.3, retryAfter: 0, rate5xx: 0.15, rateReset: 0.1, rateTruncated: 0.1},
		});
		const events: ClientEvent[] = [];
		const api = client(url, 'k', events);
		for (let page = 1; page <= 8; page++) {
			const result = await api.listPage(page, 40);
			expect(result.total).toBe(mock.listedUsers().length);
			expect(result.users.map(user => user.id)).toEqual(
				mock
					.listedUsers()
					.slice((page - 1) * 40, page * 40)
					.map(user => user.id),
			);
		}

		expect(events.filter(event => event.type === 'retry').length).toBeGreaterThan(0);
		expect(events.some(event => event.type === 'rateLimited')).toBe(true);
	});

	it('says what to do on a refused key, a wrong URL, an unknown host; never shows the key', async () => {
		const {url} = await mockAt({users: 5, key: 'right'});
		const refused = client(url, 'wrong-secret-key').listPage(1, 10);
		await expect(refused).rejects.toThrow('HTTP 401: the API key was refused: check the API key (HANKO_API_KEY or --api-key-file)');
		await refused.catch((error: Error) => expect(error.message).not.toContain('wrong-secret-key'));
		await expect(client(`${url}/nothing-here`, 'right').listPage(1, 10)).rejects.toThrow(
			"no Admin API there: Hanko Cloud's URL ends with /admin",
		);
		await expect(client('https://no-such-host.invalid/admin').listPage(1, 10)).rejects.toThrow(
			'cannot resolve no-such-host.invalid: check the API URL',
		);
	});

	it('gives up after its retries with the reason, and times out a silent server', async () => {
		const server = createServer(() => undefined); // Never answers
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		closers.push(
			async () =>
				new Promise(resolve => {
					server.closeAllConnections();
					server.close(resolve);
				}),
		);
		const silent = new AdminClient({
			apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
			apiKey: 'k',
			timeoutMs: 200,
			retries: 1,
			backoffMs: 1,
		});
		closers.push(async () => silent.close());
		await expect(silent.listPage(1, 10)).rejects.toThrow(/still failing after 2 attempts \(timed out\)/);
	});

	it('a request cut short by its signal is Cancelled, not an API failure', async () => {
		const server = createServer(() => undefined); // Never answers
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		closers.push(
			async () =>
				new Promise(resolve => {
					server.closeAllConnections();
					server.close(resolve);
				}),
		);
		const silent = new AdminClient({
			apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
			apiKey: 'k',
			timeoutMs: 5000,
			retries: 1,
			backoffMs: 1,
		});
		closers.push(async () => silent.close());
		const aborter = new AbortController();
		setTimeout(() => aborter.abort(), 50);
		const error = await silent.listPage(1, 10, aborter.signal).catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(Cancelled);
		expect(error).not.toBeInstanceOf(AdminApiError);
	});
});
