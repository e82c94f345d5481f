import {isIP} from 'node:net';
import {Agent, errors, request} from 'undici';
import type {AdminUser} from './admin-user.js';

// Hanko's Admin API over undici with keep-alive: a page of users, one user, with retries (exponential
// backoff with jitter, Retry-After honoured) and time-outs. Errors say what to do in one line and never
// carry the API key.

export class AdminApiError extends Error {
	constructor(message: string, readonly status?: number) {
		super(message);
	}
}

export type ClientEvent =
	| {type: 'retry'; reason: string; delayMs: number; attempt: number}
	| {type: 'rateLimited'; retryAfterMs: number | undefined};

export type ClientOptions = {
	apiUrl: string;
	apiKey: string;
	/** Time allowed for the headers and for the body of one response. */
	timeoutMs?: number;
	/** Attempts after the first one before a request fails. */
	retries?: number;
	/** Base of the exponential backoff. */
	backoffMs?: number;
	connections?: number;
	onEvent?: (event: ClientEvent) => void;
};

export type Page = {users: AdminUser[]; total: number};

const loopbackNames = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopback(hostname: string): boolean {
	if (loopbackNames.has(hostname)) return true;
	return isIP(hostname) === 4 && hostname.startsWith('127.');
}

/** The API's base URL, checked: https, or http to this machine only (the key must not cross a network in clear). */
export function checkApiUrl(apiUrl: string): URL {
	let url: URL;
	try {
		url = new URL(apiUrl);
	} catch {
		throw new AdminApiError(`not a URL: ${apiUrl} (like https://<tenant>.hanko.io/admin)`);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AdminApiError(`the API URL must start with https:// (got ${url.protocol})`);
	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		throw new AdminApiError(`refusing to send the API key over plain http to ${url.hostname}: use https (http is allowed to this machine only)`);
	}

	url.pathname = url.pathname.replace(/\/+$/, '');
	url.search = '';
	url.hash = '';
	return url;
}

class Retryable extends Error {
	constructor(message: string, readonly retryAfterMs?: number, readonly rateLimited = false) {
		super(message);
	}
}

/** Waits `ms`, or less when `signal` aborts (a cancel does not sit out a backoff). */
const sleep = async (ms: number, signal?: AbortSignal) => new Promise<void>(resolve => {
	const timer = setTimeout(done, ms);
	function done() {
		clearTimeout(timer);
		signal?.removeEventListener('abort', done);
		resolve();
	}

	signal?.addEventListener('abort', done, {once: true});
});

function networkMessage(error: unknown, url: URL): AdminApiError | Retryable {
	const code = (error as {code?: string}).code ?? (error as {cause?: {code?: string}}).cause?.code ?? '';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new AdminApiError(`cannot resolve ${url.hostname}: check the API URL`);
	if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') {
		return new AdminApiError(`TLS with ${url.hostname} failed (${code}): check the URL, or the machine's certificates`);
	}

	if (error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) return new Retryable('timed out');
	return new Retryable(code || (error instanceof Error ? error.message : 'network error'));
}

export class AdminClient {
	readonly base: URL;
	private readonly agent: Agent;

	constructor(private readonly options: ClientOptions) {
		this.base = checkApiUrl(options.apiUrl);
		const timeout = options.timeoutMs ?? 30_000;
		this.agent = new Agent({keepAliveTimeout: 10_000, connections: options.connections ?? 8, headersTimeout: timeout, bodyTimeout: timeout, connect: {timeout}});
	}

	async close(): Promise<void> {
		await this.agent.close();
	}

	/** One page of `GET /users`, in created_at order. */
	async listPage(page: number, perPage: number, direction: 'asc' | 'desc' = 'asc', signal?: AbortSignal): Promise<Page> {
		const {body, headers} = await this.get(`/users?page=${page}&per_page=${perPage}&sort_direction=${direction}`, true, signal);
		if (!Array.isArray(body)) throw new AdminApiError('GET /users did not return a list: is this Hanko\'s Admin API?');
		const total = Number(headers['x-total-count']);
		return {users: body as AdminUser[], total: Number.isFinite(total) ? total : Number.NaN};
	}

	/** `GET /users/{id}`, or undefined when the user does not exist (any more). */
	async getUser(id: string): Promise<AdminUser | undefined> {
		try {
			return (await this.get(`/users/${encodeURIComponent(id)}`, false)).body as AdminUser;
		} catch (error) {
			if (error instanceof AdminApiError && error.status === 404) return undefined;
			throw error;
		}
	}

	private async get(path: string, listing: boolean, signal?: AbortSignal): Promise<{body: unknown; headers: Record<string, string | string[] | undefined>}> {
		const url = new URL(`${this.base.pathname.replace(/\/$/, '')}${path}`, this.base);
		const retries = this.options.retries ?? 8;
		for (let attempt = 0; ; attempt++) {
			try {
				// eslint-disable-next-line no-await-in-loop
				return await this.once(url, listing, signal);
			} catch (error) {
				if (signal?.aborted) throw new AdminApiError('cancelled');
				if (!(error instanceof Retryable) || attempt >= retries) {
					if (error instanceof Retryable) throw new AdminApiError(`${url.pathname}: still failing after ${retries + 1} attempts (${error.message})`);
					throw error;
				}

				if (error.rateLimited) this.options.onEvent?.({type: 'rateLimited', retryAfterMs: error.retryAfterMs});
				// Full jitter: a random wait up to the exponential bound, unless the server said how long
				const bound = Math.min(15_000, (this.options.backoffMs ?? 250) * (2 ** attempt));
				const delayMs = error.retryAfterMs ?? Math.round(Math.random() * bound);
				this.options.onEvent?.({type: 'retry', reason: error.message, delayMs, attempt: attempt + 1});
				// eslint-disable-next-line no-await-in-loop
				await sleep(delayMs, signal);
			}
		}
	}

	private async once(url: URL, listing: boolean, signal?: AbortSignal): Promise<{body: unknown; headers: Record<string, string | string[] | undefined>}> {
		let response;
		try {
			response = await request(url, {dispatcher: this.agent, method: 'GET', signal, headers: {authorization: `Bearer ${this.options.apiKey}`, accept: 'application/json'}});
		} catch (error) {
			throw networkMessage(error, url);
		}

		let text: string;
		try {
			text = await response.body.text();
		} catch (error) {
			throw networkMessage(error, url); // A body cut short
		}

		const {statusCode: status} = response;
		const headers = response.headers as Record<string, string | string[] | undefined>;
		if (status === 429) {
			const seconds = Number(headers['retry-after']);
			throw new Retryable('HTTP 429', Number.isFinite(seconds) ? Math.min(60_000, seconds * 1000) : undefined, true);
		}

		if (status >= 500) throw new Retryable(`HTTP ${status}`);
		if (status === 401 || status === 403) throw new AdminApiError(`HTTP ${status}: the API key was refused: check the API key (HANKO_API_KEY or --api-key-file)`, status);
		if (status === 404 && listing) throw new AdminApiError(`HTTP 404 at ${url.origin}${url.pathname}: no Admin API there; the API URL should end with /admin`, status);
		if (status >= 400) throw new AdminApiError(`HTTP ${status} for ${url.pathname}: ${messageOf(text)}`, status);
		try {
			return {body: JSON.parse(text), headers};
		} catch {
			throw new Retryable('a response that is not JSON (cut short?)');
		}
	}
}

function messageOf(text: string): string {
	try {
		const parsed = JSON.parse(text) as {message?: unknown};
		if (typeof parsed.message === 'string') return parsed.message;
	} catch {}

	return text.slice(0, 200);
}
