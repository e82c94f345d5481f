import {type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach} from 'vitest';

export type Seen = {url: string; headers: IncomingHttpHeaders};

export type Hostile = {url: string; seen: Seen[]};

/**
 * Small HTTP servers on 127.0.0.1 that misbehave as each test says, recording every request (path
 * and headers), closed after each test.
 */
export function useHostileServers(): (
	handle: (request: IncomingMessage, response: ServerResponse, seen: Seen[]) => void,
) => Promise<Hostile> {
	const closers: Array<() => Promise<void>> = [];
	afterEach(async () => {
		for (const close of closers.splice(0)) await close();
	});
	return async handle => {
		const seen: Seen[] = [];
		const server = createServer((request, response) => {
			seen.push({url: request.url ?? '', headers: request.headers});
			handle(request, response, seen);
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		closers.push(
			async () =>
				new Promise(resolve => {
					server.closeAllConnections();
					server.close(() => resolve());
				}),
		);
		return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen};
	};
}

/** A JSON answer with Hanko's headers. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	response.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers});
	response.end(text);
}

/** `count` users of Hanko's list shape, ids from `start`. */
export function listUsers(start: number, count: number): Array<Record<string, unknown>> {
	return Array.from({length: count}, (_, index) => {
		const n = start + index;
		return {
			id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
			created_at: '2024-01-01T00:00:00Z',
			updated_at: '2024-01-01T00:00:00Z',
			emails: [
				{
					id: `10000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
					address: `u${n}@example.com`,
					is_verified: true,
					is_primary: true,
					created_at: '2024-01-01T00:00:00Z',
					updated_at: '2024-01-01T00:00:00Z',
				},
			],
		};
	});
}
