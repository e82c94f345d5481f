import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {AdminApiError} from '../../../source/core/export/admin-api-error.js';
import {AdminClient, type ClientEvent} from '../../../source/core/export/admin-client.js';
import {ExportRun} from '../../../source/core/export/export-run.js';
import {listUsers, sendJson, useHostileServers} from '../../helpers/hostile-server.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const key = 'a-long-secret-api-key-0123456789';

describe('the export against a server that does not behave like Hanko', () => {
	const serve = useHostileServers();
	const temp = useTempDir();
	const client = (url: string, options: Partial<ConstructorParameters<typeof AdminClient>[0]> = {}, events: ClientEvent[] = []) =>
		new AdminClient({apiUrl: url, apiKey: key, backoffMs: 1, retries: 5, onEvent: event => events.push(event), ...options});

	const fatal: Array<[string, (response: import('node:http').ServerResponse) => void, string]> = [
		[
			'400',
			response => sendJson(response, 400, {code: 400, message: 'parse parameters: bad page'}),
			'HTTP 400 for /users: parse parameters: bad page',
		],
		['404 (not an Admin API)', response => sendJson(response, 404, {code: 404, message: 'Not Found'}), 'no Admin API there'],
		[
			'404 tenant not found',
			response => sendJson(response, 404, {code: 404, message: 'tenant not found'}),
			'HTTP 404: tenant not found: check the tenant id in the API URL',
		],
		['a body that is not a list', response => sendJson(response, 200, {users: []}), 'did not return a list'],
		['a login page', response => sendJson(response, 200, '<html>sign in</html>'), 'something that is not JSON'],
		[
			'a redirect',
			response => sendJson(response, 302, [], {location: 'http://127.0.0.2:9/admin/users'}),
			'HTTP 302 for /users: the server redirects to http://127.0.0.2:9; redirects are not followed',
		],
		[
			'an id that is not a UUID',
			response => sendJson(response, 200, [{id: '../../users', created_at: '2024-01-01T00:00:00Z'}], {'x-total-count': '1'}),
			'item 1 is not a Hanko user (its id is not a UUID)',
		],
	];
	for (const [name, answer, message] of fatal) {
		it(`stops at once, without retries, on ${name}`, async () => {
			const server = await serve((_request, response) => answer(response));
			const events: ClientEvent[] = [];
			const api = client(server.url, {}, events);
			await expect(api.listPage(1, 10)).rejects.toThrow(message);
			await api.close();
			expect(server.seen).toHaveLength(1);
			expect(events).toEqual([]);
		});
	}

	it('stops at once on a host that does not resolve and on TLS to a server that speaks plain http', async () => {
		await expect(client('https://no-such-host.invalid/admin').listPage(1, 10)).rejects.toThrow('cannot resolve no-such-host.invalid');
		const server = await serve((_request, response) => sendJson(response, 200, []));
		const events: ClientEvent[] = [];
		await expect(client(server.url.replace('http:', 'https:'), {}, events).listPage(1, 10)).rejects.toThrow(
			/TLS with 127\.0\.0\.1:\d+ failed/,
		);
		expect(events).toEqual([]);
	});

	it('never sends the key to the origin a redirect names', async () => {
		const elsewhere = await serve((_request, response) => sendJson(response, 200, []));
		const server = await serve((_request, response) => sendJson(response, 307, [], {location: `${elsewhere.url}/users`}));
		await expect(client(server.url).listPage(1, 10)).rejects.toThrow('redirects are not followed');
		expect(server.seen[0]!.headers.authorization).toBe(`Bearer ${key}`);
		expect(elsewhere.seen).toEqual([]);
	});

	it('takes the key out before a message is cut, so no prefix of it shows either', async () => {
		const padded = await serve((request, response) =>
			sendJson(response, 400, {code: 400, message: `${'x'.repeat(190)} ${request.headers.authorization}`}),
		);
		const cut = await client(padded.url)
			.listPage(1, 10)
			.then(
				() => new Error('no error'),
				(error: unknown) => error as Error,
			);
		expect(cut.message).not.toContain(key.slice(0, 4));
		const html = await serve((request, response) => sendJson(response, 200, `${'x'.repeat(25)}${request.headers.authorization}`));
		const notJson = await client(html.url)
			.listPage(1, 10)
			.then(
				() => new Error('no error'),
				(error: unknown) => error as Error,
			);
		expect(notJson.message).toContain('not JSON');
		expect(notJson.message).not.toContain(key.slice(0, 4));
	});

	it('takes the key out of a message that echoes the request headers', async () => {
		const server = await serve((request, response) =>
			sendJson(response, 400, {code: 400, message: `bad request \u001B]0;owned\u0007 with ${JSON.stringify(request.headers)}`}),
		);
		const failure = await client(server.url)
			.listPage(1, 10)
			.catch((error: unknown) => error as AdminApiError);
		expect(failure).toBeInstanceOf(AdminApiError);
		expect((failure as Error).message).toContain('[the API key]');
		expect((failure as Error).message).not.toContain(key);
	});

	it('sends no Authorization header at all without a key, over http to another host too', async () => {
		const server = await serve((_request, response) => sendJson(response, 200, listUsers(0, 2), {'x-total-count': '2'}));
		const page = await new AdminClient({apiUrl: server.url}).listPage(1, 10);
		expect(page).toMatchObject({total: 2});
		expect(server.seen[0]!.headers).not.toHaveProperty('authorization');
		expect(() => new AdminClient({apiUrl: 'http://10.1.2.3:8001'})).not.toThrow();
		expect(() => new AdminClient({apiUrl: 'http://10.1.2.3:8001', apiKey: key})).toThrow(
			'refusing to send the API key over plain http',
		);
	});

	it('refuses a body over the size limit, declared or streamed, and one slower than the whole-response deadline', async () => {
		const declared = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json', 'content-length': String(5 << 20)});
			response.write('[');
		});
		await expect(client(declared.url, {maxBodyBytes: 1 << 20}).listPage(1, 10)).rejects.toThrow('is larger than 1 MB');
		const streamed = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.write(`[${' '.repeat(2 << 20)}`);
		});
		await expect(client(streamed.url, {maxBodyBytes: 1 << 20}).listPage(1, 10)).rejects.toThrow('is larger than 1 MB');
		const slow = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.write('[');
			const drip = setInterval(() => response.write(' '), 20); // A byte at a time: each one resets an idle timer
			response.on('close', () => clearInterval(drip));
		});
		const started = Date.now();
		await expect(client(slow.url, {deadlineMs: 400, timeoutMs: 10_000}).listPage(1, 10)).rejects.toThrow(
			'no whole answer within 0.4 s',
		);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(slow.seen).toHaveLength(1);
	});

	it('ends a walk whose server sends full pages past X-Total-Count, with one clear error', async () => {
		let next = 0;
		const server = await serve((_request, response) => {
			sendJson(response, 200, listUsers(next, 10), {'x-total-count': '3'});
			next += 10;
		});
		const run = new ExportRun({
			apiUrl: server.url,
			apiKey: key,
			out: path.join(temp(), 'users.json'),
			perPage: 10,
			client: {backoffMs: 1},
		});
		await expect(run.run()).rejects.toThrow('the server keeps sending full pages past the end (page 5, while X-Total-Count 3 makes 1)');
		expect(server.seen.length).toBeLessThanOrEqual(6);
	});

	it('ends a walk whose pages repeat for ever', async () => {
		const server = await serve((_request, response) => sendJson(response, 200, listUsers(0, 10), {'x-total-count': '1000000'}));
		const run = new ExportRun({
			apiUrl: server.url,
			apiKey: key,
			out: path.join(temp(), 'users.json'),
			perPage: 10,
			client: {backoffMs: 1},
		});
		await expect(run.run()).rejects.toThrow('pages 2 to 4 repeat earlier pages: the server goes round in circles');
		// The requests already in flight or waiting in the window, no more: 200 pages of 10 users
		expect(server.seen.length).toBeLessThanOrEqual(4 + 200);
	});

	it('asks for no page past the last one the total allows; a missing or ever-growing X-Total-Count ends the walk', async () => {
		const pages: number[] = [];
		const server = await serve((request, response) => {
			const page = Number(new URL(request.url!, 'http://x').searchParams.get('page'));
			pages.push(page);
			sendJson(response, 200, listUsers((page - 1) * 10, page <= 2 ? 10 : page === 3 ? 5 : 0), {'x-total-count': '25'});
		});
		const summary = await new ExportRun({
			apiUrl: server.url,
			apiKey: key,
			out: path.join(temp(), 'users.json'),
			perPage: 10,
			concurrency: 4,
		}).run();
		expect(summary).toMatchObject({verified: true, users: 25});
		expect(Math.max(...pages)).toBe(3);
		const silent = await serve((request, response) => {
			const page = Number(new URL(request.url!, 'http://x').searchParams.get('page'));
			sendJson(response, 200, listUsers((page - 1) * 10, 10));
		});
		await expect(
			new ExportRun({apiUrl: silent.url, apiKey: key, out: path.join(temp(), 'other.json'), perPage: 10}).run(),
		).rejects.toThrow('the server sent no X-Total-Count with the list');
		expect(silent.seen).toHaveLength(1);
		let total = 30;
		const growing = await serve((request, response) => {
			const page = Number(new URL(request.url!, 'http://x').searchParams.get('page'));
			total += 20; // Always two pages more than there are
			sendJson(response, 200, listUsers((page - 1) * 10, 10), {'x-total-count': String(total)});
		});
		await expect(
			new ExportRun({apiUrl: growing.url, apiKey: key, out: path.join(temp(), 'third.json'), perPage: 10}).run(),
		).rejects.toThrow(/X-Total-Count keeps growing \(50 at the walk's first page, \d+ at page \d+\)/);
		expect(growing.seen.length).toBeLessThan(30);
	});

	it('a fatal answer in the middle of a walk ends it at once: nothing retried, nothing more asked', async () => {
		const events: string[] = [];
		const server = await serve((request, response) => {
			const page = Number(new URL(request.url!, 'http://x').searchParams.get('page'));
			if (page === 5) sendJson(response, 400, {code: 400, message: 'bad'});
			else sendJson(response, 200, listUsers((page - 1) * 10, 10), {'x-total-count': '100000'});
		});
		const run = new ExportRun({
			apiUrl: server.url,
			apiKey: key,
			out: path.join(temp(), 'users.json'),
			perPage: 10,
			concurrency: 4,
			client: {backoffMs: 1},
		});
		run.on('event', (event: string) => events.push(event));
		await expect(run.run()).rejects.toThrow('HTTP 400 for /users: bad');
		const asked = server.seen.length;
		expect(events.filter(event => event.startsWith('retry'))).toEqual([]);
		// Whatever was in the window when page 5 failed, and not one request after the walk ended
		expect(asked).toBeLessThanOrEqual(5 + 4 + 200);
		expect(server.seen).toHaveLength(asked);
	});

	it('leaves out a user too large for an import file, by id, and does not call the export verified', async () => {
		const [small, huge] = listUsers(0, 2);
		huge!.webauthn_credentials = [
			{
				id: 'c',
				public_key: 'A'.repeat(17 << 20),
				attestation_type: 'none',
				aaguid: '00000000-0000-0000-0000-000000000000',
				created_at: '2024-01-01T00:00:00Z',
				transports: [],
				backup_eligible: false,
				backup_state: false,
				mfa_only: false,
			},
		];
		const server = await serve((_request, response) => sendJson(response, 200, [small, huge], {'x-total-count': '2'}));
		const out = path.join(temp(), 'users.json');
		const summary = await new ExportRun({apiUrl: server.url, apiKey: key, out, perPage: 10}).run();
		expect(summary).toMatchObject({verified: false, users: 1, oversize: [huge!.id]});
		expect(summary.reasons.join(' ')).toContain('1 users are larger than 16 MB in the import format and were left out');
		expect((JSON.parse(readFileSync(out, 'utf8')) as Array<{user_id: string}>).map(user => user.user_id)).toEqual([small!.id]);
	});

	it('a cancel while its answer trickles in ends at once', async () => {
		let arrived!: () => void;
		const requested = new Promise<void>(resolve => {
			arrived = resolve;
		});
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.write('[');
			arrived();
		});
		const run = new ExportRun({apiUrl: server.url, apiKey: key, out: path.join(temp(), 'users.json'), perPage: 10});
		const done = run.run();
		await requested;
		run.cancel();
		expect(server.seen).toHaveLength(1);
		expect(await done).toMatchObject({cancelled: true, verified: false});
	});
});
