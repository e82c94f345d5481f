import {describe, expect, it} from 'vitest';
import type {AdminUser} from '../../../source/core/export/admin-user.js';
import {fetchedPage, fingerprintOf} from '../../../source/core/export/fetched-page.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const listed = (n: number) =>
	({
		id: uuid(n),
		created_at: '2024-01-01T00:00:00Z',
		updated_at: '2024-01-01T00:00:00Z',
		emails: [{id: uuid(100 + n), address: `u${n}@example.com`, is_primary: true, is_verified: true}],
	}) as unknown as AdminUser;

describe('fetchedPage', () => {
	it('turns each user into its lines; with --deep a new user missing from the full objects is gone, a known one is not', () => {
		const users = [listed(1), listed(2), listed(3)];
		const full = new Map([[uuid(1), {...listed(1), password: {}} as unknown as AdminUser]]);
		const page = fetchedPage(users, 3, {known: id => id === uuid(3), full, raw: true});
		expect(page).toMatchObject({total: 3, count: 3, fingerprint: fingerprintOf(users)});
		expect(page.items.map(item => item.gone)).toEqual([false, true, false]);
		expect(JSON.parse(page.items[0]!.line!)).toMatchObject({user_id: uuid(1)});
		expect(page.items[0]!.contact).toMatch(/^0{8}-.*,u1@example\.com,,yes,no\n$/);
		expect(page.items[1]).toMatchObject({line: undefined, raw: undefined, contact: undefined});
		expect(JSON.parse(page.items[2]!.raw!)).toMatchObject({id: uuid(3)});
	});

	it('without --deep nobody is gone, and raw lines are made only when asked', () => {
		const page = fetchedPage([listed(1)], 1, {known: () => false, full: undefined, raw: false});
		expect(page.items[0]).toMatchObject({gone: false, raw: undefined, contact: undefined});
	});

	it('tells a page sent again by its fingerprint, and the same users in another order apart', () => {
		const page = [listed(1), listed(2)];
		expect(fingerprintOf(page)).toBe(fingerprintOf([listed(1), listed(2)]));
		expect(fingerprintOf(page)).not.toBe(fingerprintOf(page.toReversed()));
	});
});
