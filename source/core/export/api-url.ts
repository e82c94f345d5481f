import {isIP} from 'node:net';
import {AdminApiError} from './admin-api-error.js';

// Where the Admin API is and whether a key may go there. Hanko Cloud is https with a bearer key;
// self-hosted Hanko has no authentication of its own and often sits on a private network over http.

const loopbackNames = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopback(hostname: string): boolean {
	if (loopbackNames.has(hostname)) return true;
	return isIP(hostname) === 4 && hostname.startsWith('127.');
}

export type UrlPolicy = {
	/** A key will be sent: then http is refused except to this machine, unless `allowHttp`. */
	keySent: boolean;
	allowHttp?: boolean;
};

/** The API's base URL, checked and normalised (no trailing slash, query, fragment or credentials). */
export function checkApiUrl(apiUrl: string, {keySent, allowHttp = false}: UrlPolicy): URL {
	let url: URL;
	try {
		url = new URL(apiUrl.trim());
	} catch {
		// Shown without anything between // and @: that part may hold a password
		throw new AdminApiError(
			`not a URL: ${apiUrl.replace(/\/\/[^/]*@/, '//…@')} (like https://<project>.hanko.io/admin, or http://admin-host:8001 self-hosted)`,
		);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		throw new AdminApiError(`the API URL must start with https:// or http:// (got ${url.protocol})`);
	// Credentials in a URL end up in checkpoints, logs and process lists: the key has its own ways in
	if (url.username || url.password)
		throw new AdminApiError('the API URL carries a user name or password: remove it (a key goes in HANKO_API_KEY or --api-key-file)');
	if (url.protocol === 'http:' && keySent && !allowHttp && !isLoopback(url.hostname)) {
		throw new AdminApiError(
			`refusing to send the API key over plain http to ${url.hostname}: use https, or add --allow-http if that network is yours`,
		);
	}

	url.pathname = url.pathname.replace(/\/+$/, '');
	url.search = '';
	url.hash = '';
	return url;
}

/**
 * A key is one line of visible ASCII (a bearer token). A key file with a second line or a stray
 * space would otherwise reach the HTTP layer, which refuses the header without saying why.
 */
export function checkApiKey(key: string, from: string): string {
	const trimmed = key.trim();
	if (!trimmed) throw new AdminApiError(`the API key from ${from} is empty`);
	if (/[\r\n]/.test(trimmed)) throw new AdminApiError(`the API key from ${from} has more than one line: keep only the key`);
	if (!/^[\u0021-\u007E]+$/.test(trimmed))
		throw new AdminApiError(`the API key from ${from} holds spaces or characters a key cannot have: check it`);
	return trimmed;
}
