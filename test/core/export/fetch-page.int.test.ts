import {afterEach, describe, expect, it} from 'vitest';
import {AdminClient} from '../../../source/core/export/admin-client.js';
import {fetchPage} from '../../../source/core/export/fetch-page.js';
import {Limiter} from '../../../source/core/export/limiter.js';
import {MockAdminApi} from '../../../source/mock-api/mock-admin-api.js';

describe('fetchPage', () => {
	const closers: Array<() => Promise<unknown>> = [];
	afterEach(async () => {
		for (const close of closers.splice(0)) await close();
	});

	async function source(deep: boolean, known: (id: string) => boolean = () => false) {
		const mock = new MockAdminApi({users: 5});
		const url = await mock.listen();
		closers.push(async () => mock.close());
		const client = new AdminClient({apiUrl: url});
		closers.push(async () => client.close());
		const requests: number[] = [];
		const settings = {client, perPage: 3, deep, raw: true, limiter: new Limiter(2), known, signal: new AbortController().signal};
		return {settings: {...settings, onRequest: () => requests.push(1)}, requests};
	}

	it('fetches a page of the list, releases its slot once answered, and shapes it (one request without --deep)', async () => {
		const {settings, requests} = await source(false);
		let released = 0;
		const page = await fetchPage(2, () => released++, settings);
		expect(released).toBe(1);
		expect(page).toMatchObject({total: 5, count: 2});
		expect(page.items.every(item => item.line !== undefined && item.raw !== undefined && item.contact === undefined)).toBe(true);
		expect(requests).toHaveLength(1);
	});

	it('with --deep, reads the users not known yet in full', async () => {
		const first = await source(false);
		const ids = (await fetchPage(1, () => undefined, first.settings)).items.map(item => item.id);
		const {settings, requests} = await source(true, id => id === ids[0]);
		const page = await fetchPage(1, () => undefined, settings);
		expect(page.count).toBe(3);
		expect(requests).toHaveLength(1 + 2);
	});
});
