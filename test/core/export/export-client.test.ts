import {describe, expect, it} from 'vitest';
import {AdaptiveConcurrency} from '../../../source/core/export/adaptive-concurrency.js';
import {countClientEvent, exportClient} from '../../../source/core/export/export-client.js';

describe('countClientEvent', () => {
	it('counts a retry and tells it', () => {
		const stats = {requests: 0, retries: 0, rateLimited: 0};
		const concurrency = new AdaptiveConcurrency(4);
		const line = countClientEvent({type: 'retry', reason: 'HTTP 503', delayMs: 250, attempt: 2}, stats, concurrency);
		expect(line).toBe('retry 2 in 250 ms (HTTP 503)');
		expect(stats).toEqual({requests: 0, retries: 1, rateLimited: 0});
		expect(concurrency.current).toBe(4);
	});

	it('counts a 429, halves the requests at once and tells the new number, with Retry-After when sent', () => {
		const stats = {requests: 0, retries: 0, rateLimited: 0};
		const concurrency = new AdaptiveConcurrency(8);
		expect(countClientEvent({type: 'rateLimited', retryAfterMs: 1500}, stats, concurrency)).toBe(
			'rate limited (429, Retry-After 1.5 s): 4 at once now',
		);
		expect(countClientEvent({type: 'rateLimited', retryAfterMs: undefined}, stats, concurrency)).toBe(
			'rate limited (429): 2 at once now',
		);
		expect(stats).toEqual({requests: 0, retries: 0, rateLimited: 2});
	});
});

describe('exportClient', () => {
	it('is a client of the URL given', async () => {
		const stats = {requests: 0, retries: 0, rateLimited: 0};
		const client = exportClient(
			{apiUrl: 'http://127.0.0.1:9', out: 'x.json'},
			new AdaptiveConcurrency(2),
			() => stats,
			() => undefined,
		);
		expect(client.base.href).toBe('http://127.0.0.1:9/');
		await client.close();
	});
});
