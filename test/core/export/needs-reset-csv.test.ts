import {describe, expect, it} from 'vitest';
import type {AdminUser} from '../../../source/core/export/admin-user.js';
import {defaultContactsFile, needsResetId, needsResetLine} from '../../../source/core/export/needs-reset-csv.js';

const id = '0b7e2f5c-1d2a-4c4e-9f1a-2b3c4d5e6f70';

describe('the needs-reset CSV', () => {
	it('names users with a password or an OTP secret, by their primary email, and nobody else', () => {
		const user = {
			id,
			created_at: '',
			updated_at: '',
			emails: [
				{address: 'b@example.com', is_primary: false},
				{address: 'a@example.com', is_primary: true},
			],
			password: {},
			username: {username: 'al,ice'},
		} as unknown as AdminUser;
		const line = needsResetLine(user);
		expect(line).toBe(`${id},a@example.com,"al,ice",yes,no\n`);
		expect(needsResetId(line!)).toBe(id);
		expect(needsResetLine({...user, password: undefined} as AdminUser)).toBeUndefined();
		expect(needsResetLine({...user, password: undefined, otp: {}} as unknown as AdminUser)).toBe(
			`${id},a@example.com,"al,ice",no,yes\n`,
		);
	});

	it('lies beside the export', () => {
		expect(defaultContactsFile('/x/users.json')).toBe('/x/users.needs-reset.csv');
		expect(defaultContactsFile('/x/users')).toBe('/x/users.needs-reset.csv');
	});
});
