import {type IncomingMessage, type Server, type ServerResponse, createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {AdminUser} from './admin-user.js';
import {generateAdminUser, prng} from './generate-admin-users.js';

// A real HTTP server on 127.0.0.1 that behaves like Hanko's Admin API where an exporter can tell:
// GET /users ordered by created_at only (ties in an order that changes from time to time), offset
// paging, X-Total-Count and Link headers, GET /users/{id}, the bearer key, JSON errors, and faults on
// demand. Tests, the demo and the bench run it; `hanko-tui mock-api` starts it by hand.

export type Faults = {
	/** Share of requests answered 429; half of them carry Retry-After. */
	rate429?: number;
	/** Seconds in Retry-After when it is sent. */
	retryAfter?: number;
	/** Share of requests answered 500/502/503. */
	rate5xx?: number;
	/** Share of requests whose connection is reset without an answer. */
	rateReset?: number;
	/** Share of requests whose body is cut halfway. */
	rateTruncated?: number;
	/** Added to every request (ms). */
	latencyMs?: number;
	/** Share of requests that are slow, and by how much (ms). */
	rateSlow?: number;
	slowMs?: number;
	/** Share of list requests during which a user is created or deleted. */
	rateChurn?: number;
	/** Requests after which users with the same created_at change their order. */
	tieEpoch?: number;
};

export type MockOptions = {
	users?: number;
	seed?: number;
	/** The API key the server expects as a bearer token; none: any request is let in. */
	key?: string;
	faults?: Faults;
};

const uuidPattern = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

function listed(user: AdminUser): boolean {
	// Users with neither an email nor a username are left out of the list, as Hanko does
	return (user.emails?.length ?? 0) > 0 || user.username !== undefined;
}

export class MockAdminApi {
	readonly faults: Faults;
	/** Every user, ordered by created_at (ties in insertion order). */
	private users: AdminUser[];
	private readonly byId = new Map<string, AdminUser>();
	private readonly random: () => number;
	private server: Server | undefined;
	private next: number;
	private visible: AdminUser[] | undefined;
	requests = 0;
	/** The `page` of every list request, in order (tests check what a resumed export fetches). */
	readonly listedPages: number[] = [];
	readonly created: string[] = [];
	readonly deleted: string[] = [];

	constructor(private readonly options: MockOptions = {}) {
		this.faults = options.faults ?? {};
		this.random = prng(options.seed ?? 1);
		const generate = prng((options.seed ?? 1) + 7919);
		this.users = Array.from({length: options.users ?? 100}, (_, index) => generateAdminUser(index, generate));
		this.next = this.users.length;
		this.users.sort((a, b) => (a.created_at < b.created_at ? -1 : (a.created_at > b.created_at ? 1 : 0)));
		for (const user of this.users) this.byId.set(user.id, user);
	}

	/** Where each listed user's run of equal created_at starts and ends. */
	private ties: {starts: Int32Array; ends: Int32Array} | undefined;

	/** The users the list shows, in created_at order. */
	listedUsers(): readonly AdminUser[] {
		if (!this.visible) {
			const visible = this.users.filter(user => listed(user));
			const starts = new Int32Array(visible.length);
			const ends = new Int32Array(visible.length);
			for (let i = 0; i < visible.length; i++) starts[i] = i > 0 && visible[i - 1]!.created_at === visible[i]!.created_at ? starts[i - 1]! : i;
			for (let i = visible.length - 1; i >= 0; i--) ends[i] = i < visible.length - 1 && visible[i + 1]!.created_at === visible[i]!.created_at ? ends[i + 1]! : i + 1;
			this.visible = visible;
			this.ties = {starts, ends};
		}

		return this.visible;
	}

	addUser(): AdminUser {
		const user = generateAdminUser(this.next++, this.random, new Date().toISOString());
		this.users.push(user);
		this.byId.set(user.id, user);
		this.visible = undefined;
		this.created.push(user.id);
		return user;
	}

	deleteUser(id: string): void {
		if (!this.byId.delete(id)) return;
		this.users = this.users.filter(user => user.id !== id);
		this.visible = undefined;
		this.deleted.push(id);
	}

	async listen(port = 0): Promise<string> {
		this.server = createServer((request, response) => {
			void this.handle(request, response);
		});
		this.server.keepAliveTimeout = 5000;
		await new Promise<void>(resolve => this.server!.listen(port, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise(resolve => this.server!.close(resolve));
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		this.requests++;
		const {faults} = this;
		const delay = (faults.latencyMs ?? 0) + (this.random() < (faults.rateSlow ?? 0) ? faults.slowMs ?? 1000 : 0);
		if (delay > 0) await new Promise(resolve => setTimeout(resolve, delay));
		if (response.destroyed) return;
		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			const text = JSON.stringify(body);
			response.writeHead(status, {'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers});
			response.end(text);
		};

		if (this.options.key !== undefined && request.headers.authorization !== `Bearer ${this.options.key}`) {
			send(401, {code: 401, message: 'Unauthorized'});
			return;
		}

		if (this.random() < (faults.rateReset ?? 0)) {
			request.socket.destroy();
			return;
		}

		if (this.random() < (faults.rate429 ?? 0)) {
			send(429, {code: 429, message: 'Too Many Requests'}, this.random() < 0.5 ? {'Retry-After': String(faults.retryAfter ?? 1)} : {});
			return;
		}

		if (this.random() < (faults.rate5xx ?? 0)) {
			const status = [500, 502, 503][Math.floor(this.random() * 3)]!;
			send(status, {code: status, message: 'upstream trouble'});
			return;
		}

		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		if (request.method !== 'GET') {
			send(405, {code: 405, message: 'Method Not Allowed'});
			return;
		}

		if (url.pathname === '/users') {
			if (this.random() < (faults.rateChurn ?? 0)) this.churn();
			const {body, headers} = this.list(url);
			if (this.random() < (faults.rateTruncated ?? 0)) {
				// Headers promise the whole body; half of it arrives, then the connection drops
				response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers});
				response.write(body.slice(0, Math.floor(body.length / 2)));
				setTimeout(() => request.socket.destroy(), 5);
				return;
			}

			response.writeHead(200, {'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers});
			response.end(body);
			return;
		}

		const single = /^\/users\/([^/]+)$/.exec(url.pathname);
		if (single) {
			const id = decodeURIComponent(single[1]!);
			if (!uuidPattern.test(id)) send(400, {code: 400, message: 'failed to parse userId as uuid'});
			else if (this.byId.has(id)) send(200, this.byId.get(id));
			else send(404, {code: 404, message: 'user not found'});
			return;
		}

		send(404, {code: 404, message: 'Not Found'});
	}

	private churn(): void {
		const visible = this.listedUsers();
		if (this.random() < 0.5 || visible.length === 0) this.addUser();
		else this.deleteUser(visible[Math.floor(this.random() * visible.length)]!.id);
	}

	private list(url: URL): {body: string; headers: Record<string, string>} {
		const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
		const perPage = Math.max(1, Number.parseInt(url.searchParams.get('per_page') ?? '20', 10) || 20);
		const direction = url.searchParams.get('sort_direction') === 'asc' ? 'asc' : 'desc';
		this.listedPages.push(page);
		const users = this.listedUsers();
		const total = users.length;
		const last = Math.max(1, Math.ceil(total / perPage));
		const from = (page - 1) * perPage;
		const items: AdminUser[] = [];
		for (let i = from; i < Math.min(total, from + perPage); i++) items.push(users[this.position(direction === 'asc' ? i : total - 1 - i)]!);
		const link = (target: number, rel: string) => `<${url.pathname}?page=${target}&per_page=${perPage}&sort_direction=${direction}>; rel="${rel}"`;
		const links = [link(1, 'first'), link(last, 'last'), ...(page < last ? [link(page + 1, 'next')] : []), ...(page > 1 ? [link(page - 1, 'prev')] : [])];
		return {body: JSON.stringify(items), headers: {'X-Total-Count': String(total), Link: links.join(', ')}};
	}

	/**
	 * Where the i-th user of the list is today: within a run of equal created_at, the order is a
	 * permutation that changes every `tieEpoch` requests, as a database without a tie-breaker may do.
	 */
	private position(i: number): number {
		const start = this.ties!.starts[i]!;
		const size = this.ties!.ends[i]! - start;
		if (size < 2) return i;
		const epoch = Math.floor(this.requests / (this.faults.tieEpoch ?? 1000));
		let step = 1 + ((epoch * 7919) % size);
		while (gcd(step, size) !== 1) step++;
		return start + (((i - start) * step) + epoch) % size;
	}
}

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}
