import {Agent, request} from 'undici';
import {AdminApiError} from './admin-api-error.js';
import type {AdminUser} from './admin-user.js';
import {usersOf} from './admin-user-shape.js';
import {checkApiKey, checkApiUrl} from './api-url.js';
import {type Answer, Retryable, networkFailure, statusFailure} from './http-failure.js';
import {BodyTooLarge, readBody} from './read-body.js';
import {Cancelled} from '../errors.js';

// Hanko's Admin API over undici with keep-alive: a page of users, users by id, one user. Busy servers
// and network blips are retried (exponential backoff with jitter, Retry-After honoured); anything
// that cannot succeed on a second try ends at once. Redirects are never followed, bodies are capped
// in size and in time, and no message carries the key.

export {AdminApiError} from './admin-api-error.js';
export {checkApiUrl} from './api-url.js';

export type ClientEvent =
	{type: 'retry'; reason: string; delayMs: number; attempt: number} | {type: 'rateLimited'; retryAfterMs: number | undefined};

export type ClientOptions = {
	apiUrl: string;
	/** Sent as a bearer token; none: no Authorization header at all (self-hosted Hanko has no auth). */
	apiKey?: string;
	/** Plain http to another machine although a key is sent. */
	allowHttp?: boolean;
	/** Time allowed for the headers of one response. */
	timeoutMs?: number;
	/** Time allowed for a whole response, headers and body: a server trickling bytes cannot hold a page. */
	deadlineMs?: number;
	/** The largest body taken. */
	maxBodyBytes?: number;
	/** Attempts after the first one before a request fails. */
	retries?: number;
	/** Base of the exponential backoff. */
	backoffMs?: number;
	connections?: number;
	onEvent?: (event: ClientEvent) => void;
};

/** A page of the list; `total` is X-Total-Count, undefined when the server did not send one. */
export type Page = {users: AdminUser[]; total: number | undefined};

/** A page of a thousand users is about a megabyte; a user larger than 16 MB is refused anyway. */
export const defaultMaxBodyBytes = 64 << 20;

/** Waits `ms`, or less when `signal` aborts (a cancel does not sit out a backoff). */
const sleep = async (ms: number, signal?: AbortSignal) =>
	new Promise<void>(resolve => {
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}

		signal?.addEventListener('abort', done, {once: true});
	});

export class AdminClient {
	readonly base: URL;
	private readonly agent: Agent;
	private readonly key: string | undefined;
	private reached = false;

	constructor(private readonly options: ClientOptions) {
		this.key = options.apiKey ? checkApiKey(options.apiKey, 'the key given') : undefined;
		this.base = checkApiUrl(options.apiUrl, {keySent: this.key !== undefined, allowHttp: options.allowHttp});
		const timeout = options.timeoutMs ?? 30_000;
		this.agent = new Agent({
			keepAliveTimeout: 10_000,
			connections: options.connections ?? 8,
			headersTimeout: timeout,
			bodyTimeout: timeout,
			connect: {timeout},
		});
	}

	async close(): Promise<void> {
		await this.agent.close();
	}

	/** One page of `GET /users`, in created_at order. */
	async listPage(page: number, perPage: number, signal?: AbortSignal): Promise<Page> {
		const path = `/users?page=${page}&per_page=${perPage}&sort_direction=asc`;
		const {body, headers} = await this.get(path, true, signal);
		const users = this.checked(() => usersOf(body, `GET /users page ${page}`));
		const header = headers['x-total-count'];
		const total = typeof header === 'string' && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
		return {users, total};
	}

	/** The users of `ids` the list still holds (`GET /users?user_id=a,b,…`): one request for many look-ups. */
	async listByIds(ids: readonly string[], signal?: AbortSignal): Promise<AdminUser[]> {
		const path = `/users?user_id=${ids.join(',')}&per_page=${ids.length}&page=1&sort_direction=asc`;
		const {body} = await this.get(path, true, signal);
		return this.checked(() => usersOf(body, 'GET /users by id'));
	}

	/**
	 * The users whose address contains `address` (`GET /users?email=…`: Hanko matches a lower-cased
	 * substring): the caller picks the exact match. At most `limit` of them.
	 */
	async listByEmail(address: string, limit = 100, signal?: AbortSignal): Promise<AdminUser[]> {
		const path = `/users?email=${encodeURIComponent(address)}&per_page=${limit}&page=1&sort_direction=asc`;
		const {body} = await this.get(path, true, signal);
		return this.checked(() => usersOf(body, 'GET /users by email'));
	}

	/** `GET /users/{id}` (password, OTP, identities, metadata included), or undefined when it does not exist. */
	async getUser(id: string, signal?: AbortSignal): Promise<AdminUser | undefined> {
		try {
			const {body} = await this.get(`/users/${encodeURIComponent(id)}`, false, signal);
			const [user] = this.checked(() => usersOf([body], `GET /users/${id}`));
			return user;
		} catch (error) {
			if (error instanceof AdminApiError && error.status === 404 && !error.message.includes('tenant not found')) return undefined;
			throw error;
		}
	}

	/**
	 * `PATCH path` with a JSON body (`/users/{id}`, `/users/{id}/metadata`): the answer, undefined for a
	 * 204. Retried as reads are: both set values, so a second try after a lost answer changes nothing.
	 */
	async patch(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
		const {body: answer} = await this.get(path, false, signal, JSON.stringify(body));
		return answer;
	}

	private checked<T>(read: () => T): T {
		try {
			return read();
		} catch (error) {
			throw new AdminApiError(this.redact((error as Error).message));
		}
	}

	/**
	 * A message with the key taken out, wherever a server may have echoed it. Keys of a few characters
	 * (tests, demos) would blank out ordinary words, and are no secret worth it.
	 */
	private redact(text: string): string {
		const withoutKey = this.key && this.key.length >= 8 ? text.split(this.key).join('[the API key]') : text;
		// A header echoed back whole, whatever key it carries (another's, or ours cut short)
		return withoutKey.replaceAll(/(bearer)\s+(?!\[the API key\])[^\s"',;]+/gi, '$1 [the API key]');
	}

	/** GET `path`, or PATCH it with `patch` as the body. */
	private async get(
		path: string,
		listing: boolean,
		signal?: AbortSignal,
		patch?: string,
	): Promise<{body: unknown; headers: Record<string, string | string[] | undefined>}> {
		const url = new URL(`${this.base.pathname.replace(/\/+$/, '')}${path}`, this.base);
		const retries = this.options.retries ?? 8;
		for (let attempt = 0; ; attempt++) {
			try {
				const result = await this.once(url, listing, signal, patch);
				this.reached = true;
				return result;
			} catch (error) {
				if (signal?.aborted) throw new Cancelled();
				if (error instanceof AdminApiError) throw new AdminApiError(this.redact(error.message), {status: error.status});
				if (!(error instanceof Retryable)) throw error;
				if (attempt >= retries)
					throw new AdminApiError(this.redact(`${url.pathname}: still failing after ${retries + 1} attempts (${error.message})`));
				if (error.rateLimited) this.options.onEvent?.({type: 'rateLimited', retryAfterMs: error.retryAfterMs});
				// Full jitter: a random wait up to the exponential bound, unless the server said how long
				const bound = Math.min(15_000, (this.options.backoffMs ?? 250) * 2 ** attempt);
				const delayMs = error.retryAfterMs ?? Math.round(Math.random() * bound);
				this.options.onEvent?.({type: 'retry', reason: this.redact(error.message), delayMs, attempt: attempt + 1});

				await sleep(delayMs, signal);
			}
		}
	}

	private async once(
		url: URL,
		listing: boolean,
		signal?: AbortSignal,
		patch?: string,
	): Promise<{body: unknown; headers: Record<string, string | string[] | undefined>}> {
		const deadlineMs = this.options.deadlineMs ?? 120_000;
		const deadline = AbortSignal.timeout(deadlineMs);
		const both = signal ? AbortSignal.any([signal, deadline]) : deadline;
		const limit = this.options.maxBodyBytes ?? defaultMaxBodyBytes;
		const headers: Record<string, string> = {accept: 'application/json'};
		if (this.key) headers.authorization = `Bearer ${this.key}`;
		if (patch !== undefined) headers['content-type'] = 'application/json';
		let text: string;
		let answer;
		try {
			answer = await request(url, {
				dispatcher: this.agent,
				method: patch === undefined ? 'GET' : 'PATCH',
				body: patch,
				signal: both,
				headers,
			});
			text = await readBody(answer.body, limit, answer.headers['content-length']);
		} catch (error) {
			if (signal?.aborted) throw error;
			if (error instanceof BodyTooLarge) {
				throw new AdminApiError(
					`the answer to ${url.pathname} is larger than ${limit >> 20} MB (${error.message} bytes): the server is not behaving like Hanko; if it is, use a smaller --per-page`,
				);
			}

			if (deadline.aborted) {
				throw new AdminApiError(
					`${url.pathname}: no whole answer within ${deadlineMs / 1000} s: the server is too slow or stalling; a smaller --per-page asks for less at a time`,
				);
			}

			throw networkFailure(error, url, this.reached);
		}

		const status = answer.statusCode;
		const responseHeaders = answer.headers as Record<string, string | string[] | undefined>;
		if (status < 200 || status >= 300) {
			// The whole text is cleaned before any of it is cut for a message: a cut key is not recognised
			const full: Answer = {status, headers: responseHeaders, text: this.redact(text), keySent: this.key !== undefined};
			throw statusFailure(full, url, listing);
		}

		if (patch !== undefined && text === '') return {body: undefined, headers: responseHeaders};
		try {
			return {body: JSON.parse(text), headers: responseHeaders};
		} catch {
			// A body cut short fails while it is read; a whole body that is not JSON will not become JSON
			throw new AdminApiError(
				`${url.pathname} answered ${status} with something that is not JSON (${JSON.stringify(this.redact(text).slice(0, 40))}): is this Hanko's Admin API?`,
			);
		}
	}
}
