import {Buffer} from 'node:buffer';
import {type IncomingMessage, type Server, type ServerResponse, createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {encodeGoQuery, goEscapedPath, goUnescape, parseGoInt, parseGoQuery} from '../core/go/go-url.js';
import {goToLower} from '../core/go/go-text.js';
import {parseGofrsUuid} from '../core/go/uuid-text.js';
import type {AdminUser} from '../core/export/admin-user.js';
import {type StoredCredential, type StoredUser, generateAdminUser, prng} from './generate-admin-users.js';
import {type PatchAnswer, patchMetadata, patchUser} from './mock-patch.js';

// A real HTTP server on 127.0.0.1 that behaves like Hanko's Admin API where an exporter can tell
// (backend/handler/user_admin.go, persistence/user_persister.go, pagination/header.go, dto/admin/):
// GET /users ordered by created_at only (ties in an order that changes from time to time), offset
// paging, Hanko's query parsing and errors, list items without password, otp, identities and metadata,
// X-Total-Count and Link headers, GET /users/{id} with everything, PATCH /users/{id} and
// /users/{id}/metadata (mock-patch.ts), an optional tenant in the path, an optional bearer key (Hanko
// itself has none), and faults on demand. Tests, the demo and the bench run
// it; `hanko-tui mock-api` starts it by hand.

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
	/** Share of requests answered 302, to `redirectTo` plus the request's path, with a JSON array body. */
	redirect?: number;
	/** The origin a redirect points to (default http://redirect.invalid, which never resolves). */
	redirectTo?: string;
};

export type MockOptions = {
	users?: number;
	seed?: number;
	/** The API key the server expects as a bearer token; none: no authentication, as a self-hosted Hanko. */
	key?: string;
	/** A tenant id (any form gofrs reads): every route is then under `/<tenant>/`, as with multitenancy. */
	tenant?: string;
	faults?: Faults;
};

/** The tenant of a Hanko without multitenancy (config.DefaultTenantID): a password's tenant_id then. */
export const defaultTenantId = '00000000-0000-0000-0000-000000000001';

function listed(user: StoredUser): boolean {
	// Users with neither an email nor a username are left out of the list, as Hanko does
	return (user.emails?.length ?? 0) > 0 || user.username !== undefined;
}

/** A passkey as the API shows it (dto.WebauthnCredentialResponse): never sign_count, updated_at or user_handle. */
function credentialJson(credential: StoredCredential) {
	return {
		id: credential.id,
		...(credential.name === undefined ? {} : {name: credential.name}),
		public_key: credential.public_key,
		attestation_type: credential.attestation_type,
		aaguid: credential.aaguid,
		...(credential.last_used_at === undefined ? {} : {last_used_at: credential.last_used_at}),
		created_at: credential.created_at,
		transports: credential.transports,
		backup_eligible: credential.backup_eligible,
		backup_state: credential.backup_state,
		mfa_only: credential.mfa_only,
	};
}

/**
 * A user as admin.FromUserModel gives it, in its field order. The list loads emails, username and
 * passkeys only (so password, otp, identities and metadata are absent there); `GET /users/{id}` loads
 * everything. Empty lists and empty names are left out (omitempty).
 */
export function userJson(user: StoredUser, detail: boolean, tenantId = defaultTenantId): AdminUser {
	const credentials = user.webauthn_credentials ?? [];
	const emails = user.emails ?? [];
	const json: Record<string, unknown> = {id: user.id};
	if (credentials.length > 0) json.webauthn_credentials = credentials.map(credential => credentialJson(credential));
	if (emails.length > 0) {
		json.emails = emails.map(email => ({
			id: email.id,
			address: email.address,
			is_verified: email.is_verified,
			is_primary: email.is_primary,
			created_at: email.created_at,
			updated_at: email.updated_at,
		}));
	}

	if (user.username)
		json.username = {
			id: user.username.id,
			username: user.username.username,
			created_at: user.username.created_at,
			updated_at: user.username.updated_at,
		};
	json.created_at = user.created_at;
	json.updated_at = user.updated_at;
	if (detail) {
		if (user.password)
			json.password = {
				id: user.password.id,
				tenant_id: user.password.tenant_id ?? tenantId,
				created_at: user.password.created_at,
				updated_at: user.password.updated_at,
			};
		if (user.identities && user.identities.length > 0) {
			json.identities = user.identities.map(identity => ({
				id: identity.id,
				provider_id: identity.provider_id,
				provider_name: identity.provider_name,
				email_id: identity.email_id,
				created_at: identity.created_at,
				updated_at: identity.updated_at,
			}));
		}

		if (user.otp) json.otp = {id: user.otp.id, created_at: user.otp.created_at};
		const metadata = user.metadata;
		if (metadata && (metadata.public_metadata ?? metadata.private_metadata ?? metadata.unsafe_metadata) !== undefined) {
			json.metadata = {
				...(metadata.public_metadata === undefined ? {} : {public_metadata: metadata.public_metadata}),
				...(metadata.private_metadata === undefined ? {} : {private_metadata: metadata.private_metadata}),
				...(metadata.unsafe_metadata === undefined ? {} : {unsafe_metadata: metadata.unsafe_metadata}),
			};
		}
	}

	for (const key of ['given_name', 'family_name', 'name', 'picture'] as const) if (user[key]) json[key] = user[key];
	return json as AdminUser;
}

/** JSON as Go's encoder writes it for echo: `<`, `>`, `&`, U+2028 and U+2029 escaped, and a newline. */
function goJson(value: unknown): string {
	return `${JSON.stringify(value).replaceAll(/[<>&\u2028\u2029]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

const escapeRegExp = (text: string) => text.replaceAll(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** A Postgres LIKE pattern (`%` any run, `_` any one character, `\` quotes the next) as a regular expression. */
function likePattern(pattern: string): RegExp {
	let source = '';
	const chars = [...pattern];
	for (let i = 0; i < chars.length; i++) {
		const char = chars[i]!;
		if (char === '\\' && i + 1 < chars.length) source += escapeRegExp(chars[++i]!);
		else if (char === '%') source += '.*';
		else if (char === '_') source += '.';
		else source += escapeRegExp(char);
	}

	return new RegExp(`^${source}$`, 'su');
}

/** A byte string (from an unescaped query) as text, each byte that is not UTF-8 a U+FFFD. */
function bytesToText(bytes: string): string {
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** A key as Go's strings.EqualFold compares it with the (ASCII) field names: `ſ` is `s` and the Kelvin sign `k` there. */
function foldKey(bytes: string): string {
	return bytesToText(bytes)
		.replaceAll('\u017F', 's')
		.replaceAll('\u212A', 'k')
		.replaceAll(/[A-Z]/g, char => char.toLowerCase());
}

/** The value echo's binder takes for a query field: the first of the exact key, else of a key equal but for case. */
function queryField(query: ReadonlyMap<string, readonly string[]>, name: string): string | undefined {
	const exact = query.get(name);
	if (exact) return exact[0];
	for (const [key, values] of query) if (foldKey(key) === name) return values[0];
	return undefined;
}

type HttpError = {status: number; message: string};

type ListQuery = {page: bigint; perPage: bigint; direction: 'asc' | 'desc'; userIds?: Set<string>; email: string; username: string};

/** The list's query as UserHandlerAdmin.List reads it, or the error it answers, in its order of checks. */
function parseListQuery(query: ReadonlyMap<string, readonly string[]>): ListQuery | HttpError {
	// The binder fills UserListRequest's fields in their order: per_page, then page; "" is 0
	const numbers: bigint[] = [];
	for (const name of ['per_page', 'page']) {
		const parsed = parseGoInt(queryField(query, name) || '0');
		if ('error' in parsed) return {status: 400, message: parsed.error};
		numbers.push(parsed.value);
	}

	const [perPage, page] = numbers as [bigint, bigint];
	let userIds: Set<string> | undefined;
	const userIdText = queryField(query, 'user_id') ?? '';
	if (userIdText !== '') {
		userIds = new Set();
		for (const text of userIdText.split(',')) {
			const id = parseGofrsUuid(text);
			if (id === undefined) return {status: 400, message: 'failed to parse user_id as uuid'};
			userIds.add(id);
		}
	}

	const direction = queryField(query, 'sort_direction') || 'desc';
	if (direction !== 'desc' && direction !== 'asc') return {status: 400, message: 'sort_direction must be desc or asc'};
	return {
		page: page === 0n ? 1n : page,
		perPage: perPage === 0n ? 20n : perPage,
		direction,
		userIds,
		email: goToLower(bytesToText(queryField(query, 'email') ?? '')),
		username: goToLower(bytesToText(queryField(query, 'username') ?? '')),
	};
}

/** Whether a listed user passes the list's filters (addQueryParamsToSqlQuery: email OR username when both are given). */
function matcher(query: ListQuery): ((user: StoredUser) => boolean) | undefined {
	const {userIds} = query;
	const email = query.email === '' ? undefined : likePattern(`%${query.email}%`);
	const username = query.username === '' ? undefined : likePattern(`%${query.username}%`);
	if (!userIds && !email && !username) return undefined;
	const emailMatches = (user: StoredUser) => Boolean(email && user.emails?.some(item => email.test(item.address)));
	const usernameMatches = (user: StoredUser) => Boolean(username && user.username && username.test(user.username.username));
	return user => {
		if (userIds && !userIds.has(user.id)) return false;
		if (email && username) return emailMatches(user) || usernameMatches(user);
		if (email) return emailMatches(user);
		if (username) return usernameMatches(user);
		return true;
	};
}

/**
 * pagination.CreateHeader: `first` when page != 1 or page == last, `last` when page != last, `next`
 * when page < last, `prev` when page > 1, joined by "," with no space; each URL the request's own with
 * page and per_page set and the query re-encoded (keys sorted). Go's int division truncates, as BigInt's.
 */
export function linkHeader(
	base: string,
	query: ReadonlyMap<string, readonly string[]>,
	total: bigint,
	page: bigint,
	perPage: bigint,
): string {
	let last = total % perPage === 0n ? total / perPage : total / perPage + 1n;
	if (last === 0n) last = 1n;
	const link = (rel: string, target: bigint) => {
		const values = new Map(query);
		values.set('page', [String(target)]);
		values.set('per_page', [String(perPage)]);
		return `<${base}?${encodeGoQuery(values)}>; rel="${rel}"`;
	};

	const links: string[] = [];
	if (page !== 1n || page === last) links.push(link('first', 1n));
	if (page !== last) links.push(link('last', last));
	if (page < last) links.push(link('next', page + 1n));
	if (page > 1n) links.push(link('prev', page - 1n));
	return links.join(',');
}

/** echo's Context.Scheme() on a plain connection: the forwarding headers, else http. */
function requestScheme(request: IncomingMessage): string {
	const header = (name: string) => {
		const value = request.headers[name];
		return (Array.isArray(value) ? value[0] : value) ?? '';
	};

	return (
		header('x-forwarded-proto') ||
		header('x-forwarded-protocol') ||
		(header('x-forwarded-ssl') === 'on' ? 'https' : '') ||
		header('x-url-scheme') ||
		'http'
	);
}

export class MockAdminApi {
	readonly faults: Faults;
	/** The tenant in canonical form, or undefined without multitenancy. */
	readonly tenant: string | undefined;
	/** Every user, ordered by created_at (ties in insertion order). */
	private users: StoredUser[];
	private readonly byId = new Map<string, StoredUser>();
	private readonly random: () => number;
	private server: Server | undefined;
	private next: number;
	private visible: StoredUser[] | undefined;
	requests = 0;
	/** Requests not yet answered (or dropped): a test knows when everything sent has landed. */
	inFlight = 0;
	/** The `page` of every list request, in order (tests check what a resumed export fetches). */
	readonly listedPages: number[] = [];
	readonly created: string[] = [];
	/** PATCHes applied (answered 2xx), by `users/<id>` and `users/<id>/metadata`: a test counts what a run set. */
	readonly patched = new Map<string, number>();
	/** PATCHes waiting, unapplied, while `holdPatches()` holds them: a test kills a client with requests under way. */
	held = 0;
	private hold: Promise<void> | undefined;
	private release: (() => void) | undefined;
	readonly deleted: string[] = [];

	constructor(private readonly options: MockOptions = {}) {
		this.faults = options.faults ?? {};
		if (options.tenant !== undefined) {
			this.tenant = parseGofrsUuid(options.tenant);
			if (this.tenant === undefined) throw new Error(`tenant: "${options.tenant}" is not a UUID`);
		}

		this.random = prng(options.seed ?? 1);
		const generate = prng((options.seed ?? 1) + 7919);
		this.users = Array.from({length: options.users ?? 100}, (_, index) => generateAdminUser(index, generate));
		this.next = this.users.length;
		this.users.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
		for (const user of this.users) this.byId.set(user.id, user);
	}

	/** Where each listed user's run of equal created_at starts and ends. */
	private ties: {starts: Int32Array; ends: Int32Array} | undefined;
	/** Each listed user's index in `listedUsers()`. */
	private indexById: Map<string, number> | undefined;

	/** The users the list shows, in created_at order, as stored (with all they have). */
	listedUsers(): readonly StoredUser[] {
		if (!this.visible) {
			const visible = this.users.filter(user => listed(user));
			const starts = new Int32Array(visible.length);
			const ends = new Int32Array(visible.length);
			for (let i = 0; i < visible.length; i++)
				starts[i] = i > 0 && visible[i - 1]!.created_at === visible[i]!.created_at ? starts[i - 1]! : i;
			for (let i = visible.length - 1; i >= 0; i--)
				ends[i] = i < visible.length - 1 && visible[i + 1]!.created_at === visible[i]!.created_at ? ends[i + 1]! : i + 1;
			this.visible = visible;
			this.ties = {starts, ends};
			this.indexById = new Map(visible.map((user, index) => [user.id, index]));
		}

		return this.visible;
	}

	/** Every user, listed or not (passkey-only users too), in created_at order, as stored. */
	allUsers(): readonly StoredUser[] {
		return this.users;
	}

	/** The stored user with this id (canonical form), listed or not. */
	storedUser(id: string): StoredUser | undefined {
		return this.byId.get(id);
	}

	/** The base URL a client uses: the server's address, plus `/<tenant>` with multitenancy. */
	apiUrl(origin: string): string {
		return this.tenant === undefined ? origin : `${origin}/${this.tenant}`;
	}

	addUser(): StoredUser {
		const user = generateAdminUser(this.next++, this.random, new Date().toISOString());
		this.users.push(user);
		this.byId.set(user.id, user);
		this.visible = undefined;
		this.created.push(user.id);
		return user;
	}

	/**
	 * Adds users as an import of a whole file does: all of them, or none when one of them holds an id,
	 * address, username or credential id the project has (the import's transaction rolls back).
	 */
	importUsers(users: readonly StoredUser[]): void {
		const taken = new Set<string>();
		const keys = (user: StoredUser) => [
			`id:${user.id}`,
			...(user.emails ?? []).map(email => `email:${email.address}`),
			...(user.username ? [`username:${user.username.username}`] : []),
			...(user.webauthn_credentials ?? []).map(credential => `credential:${credential.id}`),
		];
		for (const user of this.users) for (const key of keys(user)) taken.add(key);
		for (const user of users) {
			for (const key of keys(user)) {
				if (taken.has(key)) throw new Error(`the import fails: ${key.replace(':', ' ')} exists already`);
				taken.add(key);
			}
		}

		for (const user of users) {
			this.users.push(user);
			this.byId.set(user.id, user);
			this.created.push(user.id);
		}

		this.users.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
		this.visible = undefined;
	}

	deleteUser(id: string): void {
		if (!this.byId.delete(id)) return;
		this.users = this.users.filter(user => user.id !== id);
		this.visible = undefined;
		this.deleted.push(id);
	}

	/** Starts the server on 127.0.0.1; returns its origin (without the tenant: see `apiUrl`). */
	async listen(port = 0): Promise<string> {
		this.server = createServer((request, response) => {
			void this.handle(request, response);
		});
		this.server.keepAliveTimeout = 5000;
		const server = this.server;
		// A port in use is an error event: without a listener it would end the process with a stack trace
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise(resolve => this.server!.close(resolve));
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		this.requests++;
		this.inFlight++;
		response.once('close', () => {
			this.inFlight--;
		});
		const {faults} = this;
		const delay = (faults.latencyMs ?? 0) + (this.random() < (faults.rateSlow ?? 0) ? (faults.slowMs ?? 1000) : 0);
		if (delay > 0) await new Promise(resolve => setTimeout(resolve, delay));
		if (response.destroyed) return;
		const sendText = (status: number, text: string, headers: Record<string, string> = {}) => {
			response.writeHead(status, {
				'Content-Type': 'application/json; charset=utf-8',
				'Content-Length': Buffer.byteLength(text),
				...headers,
			});
			response.end(text);
		};

		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			sendText(status, goJson(body), headers);
		};

		const fail = (error: HttpError) => {
			send(error.status, {code: error.status, message: error.message});
		};

		if (this.options.key !== undefined && request.headers.authorization !== `Bearer ${this.options.key}`) {
			send(401, {code: 401, message: 'Unauthorized'});
			return;
		}

		if (this.random() < (faults.rateReset ?? 0)) {
			request.socket.destroy();
			return;
		}

		if (this.random() < (faults.redirect ?? 0)) {
			// Somewhere else, with a body that looks like an (empty) answer: a client must neither follow it with the key nor take it
			sendText(302, '[]\n', {Location: `${faults.redirectTo ?? 'http://redirect.invalid'}${request.url ?? '/'}`});
			return;
		}

		if (this.random() < (faults.rate429 ?? 0)) {
			send(
				429,
				{code: 429, message: 'Too Many Requests'},
				this.random() < 0.5 ? {'Retry-After': String(faults.retryAfter ?? 1)} : {},
			);
			return;
		}

		if (this.random() < (faults.rate5xx ?? 0)) {
			const status = [500, 502, 503][Math.floor(this.random() * 3)]!;
			send(status, {code: status, message: 'upstream trouble'});
			return;
		}

		const target = request.url ?? '/';
		const queryAt = target.indexOf('?');
		const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
		const rawQuery = queryAt < 0 ? '' : target.slice(queryAt + 1);
		const escapedPath = goEscapedPath(rawPath);
		const segments = rawPath
			.split('/')
			.slice(1)
			.map(segment => goUnescape(segment, 'path'));
		if (escapedPath === undefined || segments.includes(undefined)) {
			// Go's net/http refuses a path that does not unescape before echo sees it
			response.writeHead(400, {'Content-Type': 'text/plain; charset=utf-8', Connection: 'close'});
			response.end('400 Bad Request');
			return;
		}

		let route = segments as string[];
		if (this.tenant !== undefined && !(route.length === 1 && route[0] === '')) {
			// TenantMiddlewareMultitenancy, on every route under /:tenant_id
			const tenantError = this.checkTenant(route[0]!);
			if (tenantError) {
				fail(tenantError);
				return;
			}

			route = route.slice(1);
		}

		if (request.method === 'PATCH' && route[0] === 'users' && (route.length === 2 || (route.length === 3 && route[2] === 'metadata'))) {
			this.answerPatch(request, response, route, send);
			return;
		}

		if (request.method !== 'GET') {
			send(405, {code: 405, message: 'Method Not Allowed'});
			return;
		}

		if (route.length === 1 && route[0] === 'users') {
			if (this.random() < (faults.rateChurn ?? 0)) this.churn();
			const query = parseGoQuery(rawQuery);
			const parsed = parseListQuery(query);
			if ('status' in parsed) {
				fail(parsed);
				return;
			}

			const {items, total} = this.list(parsed);
			const body = goJson(items.map(user => userJson(user, false, this.tenant)));
			const base = `${requestScheme(request)}://${request.headers.host ?? ''}${escapedPath}`;
			const headers = {'X-Total-Count': String(total), Link: linkHeader(base, query, BigInt(total), parsed.page, parsed.perPage)};
			if (this.random() < (faults.rateTruncated ?? 0)) {
				// Headers promise the whole body; half of it arrives, then the connection drops
				response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers});
				response.write(body.slice(0, Math.floor(body.length / 2)));
				setTimeout(() => request.socket.destroy(), 5);
				return;
			}

			sendText(200, body, headers);
			return;
		}

		if (route.length === 2 && route[0] === 'users') {
			const id = parseGofrsUuid(route[1]!);
			const user = id === undefined ? undefined : this.byId.get(id);
			if (id === undefined) fail({status: 400, message: 'failed to parse userId as uuid'});
			else if (user) send(200, userJson(user, true, this.tenant));
			else fail({status: 404, message: 'user not found'});
			return;
		}

		fail({status: 404, message: 'Not Found'});
	}

	/** From now on, PATCHes wait unapplied until `releasePatches()`; one whose client went away meanwhile is dropped. */
	holdPatches(): void {
		this.hold ??= new Promise(resolve => {
			this.release = resolve;
		});
	}

	releasePatches(): void {
		this.release?.();
		this.hold = undefined;
		this.release = undefined;
	}

	/** PATCH /users/{id} and /users/{id}/metadata (mock-patch.ts), once the body is in. */
	private answerPatch(
		request: IncomingMessage,
		response: ServerResponse,
		route: string[],
		send: (status: number, body: unknown) => void,
	): void {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', async () => {
			if (this.hold) {
				this.held++;
				await this.hold;
				this.held--;
				if (response.destroyed || request.socket.destroyed) return;
			}

			const text = Buffer.concat(chunks).toString('utf8');
			const metadata = route.length === 3;
			const id = parseGofrsUuid(route[1]!);
			const type = request.headers['content-type'] ?? '';
			let answer: PatchAnswer;
			if (id === undefined)
				answer = {status: 400, body: {code: 400, message: metadata ? 'invalid user id' : 'failed to parse userId as uuid'}};
			else if (text !== '' && !type.startsWith('application/json'))
				answer = {status: 415, body: {code: 415, message: 'Unsupported Media Type'}};
			else {
				const user = this.byId.get(id);
				answer = metadata
					? patchMetadata(user, text)
					: patchUser(
							user,
							text,
							patched => userJson(patched, true, this.tenant),
							name => this.users.find(other => other.username?.username === name),
						);
				if (answer.status < 300) {
					const key = `users/${id}${metadata ? '/metadata' : ''}`;
					this.patched.set(key, (this.patched.get(key) ?? 0) + 1);
				}
			}

			if (answer.body === undefined) response.writeHead(answer.status).end();
			else send(answer.status, answer.body);
		});
	}

	private checkTenant(segment: string): HttpError | undefined {
		if (segment === '') return {status: 400, message: 'tenant ID required'};
		const id = parseGofrsUuid(segment);
		if (id === undefined) return {status: 400, message: 'invalid tenant ID format'};
		if (id !== this.tenant) return {status: 404, message: 'tenant not found'};
		return undefined;
	}

	private churn(): void {
		const visible = this.listedUsers();
		if (this.random() < 0.5 || visible.length === 0) this.addUser();
		else this.deleteUser(visible[Math.floor(this.random() * visible.length)]!.id);
	}

	/** One page of the list and the total (X-Total-Count): pop's Paginate reads a page below 1 as 1 and a per_page below 1 as 20. */
	private list(query: ListQuery): {items: StoredUser[]; total: number} {
		const page = query.page < 1n ? 1n : query.page;
		const perPage = query.perPage < 1n ? 20n : query.perPage;
		this.listedPages.push(Number(page));
		const users = this.listedUsers();
		const matches = matcher(query);
		// The list in today's order (ties permuted), filtered
		let order: StoredUser[] | undefined;
		if (matches && query.userIds && query.email === '' && query.username === '') {
			// Ids only (batched look-ups): those users, in their places of today's order, without a scan
			const slots: number[] = [];
			for (const id of query.userIds) {
				const index = this.indexById!.get(id);
				if (index !== undefined) slots.push(this.slot(index));
			}

			order = slots.sort((a, b) => a - b).map(slot => users[this.position(slot)]!);
		} else if (matches) {
			order = [];
			for (let i = 0; i < users.length; i++) {
				const user = users[this.position(i)]!;
				if (matches(user)) order.push(user);
			}
		}

		const total = order ? order.length : users.length;
		const from = (page - 1n) * perPage;
		if (from >= BigInt(total)) return {items: [], total};
		const end = Math.min(total, Number(from + perPage));
		const items: StoredUser[] = [];
		for (let i = Number(from); i < end; i++) {
			const at = query.direction === 'asc' ? i : total - 1 - i;
			items.push(order ? order[at]! : users[this.position(at)]!);
		}

		return {items, total};
	}

	/**
	 * Where the i-th user of the list is today: within a run of equal created_at, the order is a
	 * permutation that changes every `tieEpoch` requests, as a database without a tie-breaker may do.
	 */
	private position(i: number): number {
		const start = this.ties!.starts[i]!;
		const size = this.ties!.ends[i]! - start;
		if (size < 2) return i;
		const {step, epoch} = this.shuffle(size);
		return start + (((i - start) * step + epoch) % size);
	}

	/** The inverse of `position`: where the user stored at `index` (of the listed users) is in today's order. */
	private slot(index: number): number {
		const start = this.ties!.starts[index]!;
		const size = this.ties!.ends[index]! - start;
		if (size < 2) return index;
		const {step, epoch} = this.shuffle(size);
		return start + ((modulo(index - start - epoch, size) * inverse(step, size)) % size);
	}

	/** Today's permutation of a run of `size` equal created_at: i goes to (i * step + epoch) mod size. */
	private shuffle(size: number): {step: number; epoch: number} {
		const epoch = Math.floor(this.requests / (this.faults.tieEpoch ?? 1000));
		let step = 1 + ((epoch * 7919) % size);
		while (gcd(step, size) !== 1) step++;
		return {step, epoch};
	}
}

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

function modulo(a: number, m: number): number {
	return ((a % m) + m) % m;
}

/** The inverse of `a` modulo `m` (they are coprime), by the extended Euclidean algorithm. */
function inverse(a: number, m: number): number {
	let [oldR, r] = [a, m];
	let [oldS, s] = [1, 0];
	while (r !== 0) {
		const q = Math.floor(oldR / r);
		[oldR, r] = [r, oldR - q * r];
		[oldS, s] = [s, oldS - q * s];
	}

	return modulo(oldS, m);
}
