import {errors} from 'undici';
import {AdminApiError} from './admin-api-error.js';

// What a failed request means: worth another try (the server is busy or the network blipped), or
// final (a wrong URL, key, tenant or certificate: repeating the request cannot help).

export class Retryable extends Error {
	constructor(
		message: string,
		readonly retryAfterMs?: number,
		readonly rateLimited = false,
	) {
		super(message);
	}
}

const tlsCodes = /^(ERR_TLS|ERR_SSL|EPROTO$)|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;
/** Network errors that mean "nobody is there" once nothing has worked yet (a wrong host or port). */
const absentCodes = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

function codeOf(error: unknown): string {
	const direct = (error as {code?: unknown}).code;
	if (typeof direct === 'string') return direct;
	const cause = (error as {cause?: {code?: unknown}}).cause?.code;
	return typeof cause === 'string' ? cause : '';
}

/** A request that threw before or while its answer came. `reachedBefore`: an earlier request worked. */
export function networkFailure(error: unknown, url: URL, reachedBefore: boolean): AdminApiError | Retryable {
	const code = codeOf(error);
	if (code === 'ENOTFOUND') return new AdminApiError(`cannot resolve ${url.hostname}: check the API URL`);
	if (tlsCodes.test(code))
		return new AdminApiError(
			`TLS with ${url.host} failed (${code}): check that the URL's scheme and port are right, or the machine's certificates`,
		);
	if (!reachedBefore && absentCodes.has(code))
		return new AdminApiError(`nothing answers at ${url.host} (${code}): check the API URL and that the server runs`);
	if (
		error instanceof errors.HeadersTimeoutError ||
		error instanceof errors.BodyTimeoutError ||
		error instanceof errors.ConnectTimeoutError
	)
		return new Retryable('timed out');
	return new Retryable(code || (error instanceof Error ? error.message : 'network error'));
}

/** Seconds, or an HTTP date, as milliseconds to wait (capped at a minute). */
export function retryAfterMs(value: string | string[] | undefined): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (text === undefined || text.trim() === '') return undefined;
	const seconds = Number(text);
	const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(text) - Date.now();
	return Number.isFinite(ms) ? Math.min(60_000, Math.max(0, ms)) : undefined;
}

export type Answer = {status: number; headers: Record<string, string | string[] | undefined>; text: string; keySent: boolean};

/** An answer that is not a 2xx: what it means, said in one line. */
export function statusFailure(answer: Answer, url: URL, listing: boolean): AdminApiError | Retryable {
	const {status, headers, text, keySent} = answer;
	const where = `${url.pathname}`;
	if (status === 429) return new Retryable('HTTP 429', retryAfterMs(headers['retry-after']), true);
	if (status >= 500 || status === 408) return new Retryable(`HTTP ${status}`);
	if (status >= 300 && status < 400) {
		// Never followed: the key would travel to wherever the Location points
		const location = headers.location;
		const to = typeof location === 'string' ? originOf(location, url) : 'elsewhere';
		return new AdminApiError(
			`HTTP ${status} for ${where}: the server redirects to ${to}; redirects are not followed (the key would go along): put the final address in the API URL`,
			{status},
		);
	}

	const message = messageOf(text);
	if (status === 401 || status === 403) {
		return new AdminApiError(
			keySent
				? `HTTP ${status}: the API key was refused: check the API key (HANKO_API_KEY or --api-key-file)`
				: `HTTP ${status}: this Admin API wants a key: set HANKO_API_KEY or pass --api-key-file`,
			{status},
		);
	}

	if (status === 404 && /tenant not found/i.test(message)) {
		return new AdminApiError(
			`HTTP 404: tenant not found: check the tenant id in the API URL (${url.origin}${url.pathname.replace(/\/users.*$/, '')})`,
			{status},
		);
	}

	if (status === 404 && listing) {
		return new AdminApiError(
			`HTTP 404 at ${url.origin}${where}: no Admin API there: Hanko Cloud's URL ends with /admin; a self-hosted admin server is its own address (port 8001 by default), under /<tenant_id> with multitenancy`,
			{status},
		);
	}

	return new AdminApiError(`HTTP ${status} for ${where}${message ? `: ${message}` : ''}`, {status});
}

function originOf(location: string, base: URL): string {
	try {
		const target = new URL(location, base);
		return target.origin === base.origin ? `${target.origin}${target.pathname}` : target.origin;
	} catch {
		return 'an address that is not a URL';
	}
}

/** Hanko's `{"code", "message"}`, or the start of whatever else came. */
export function messageOf(text: string): string {
	try {
		const parsed = JSON.parse(text) as {message?: unknown};
		if (typeof parsed.message === 'string') return parsed.message.slice(0, 200);
	} catch {}

	return text.slice(0, 200).trim();
}
