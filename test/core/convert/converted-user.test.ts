import {describe, expect, it} from 'vitest';
import {hashOutcome} from '../../../source/core/convert/converted-user.js';

const digits = `${'abcdefghijklmnopqrstuvwxyz'.repeat(3).slice(0, 52)}.`;

describe('hashOutcome', () => {
	it('keeps a bcrypt hash a password can match, $2b$/$2y$ rewritten to $2a$', () => {
		expect(hashOutcome(`$2a$10$${digits}`)).toEqual({hash: `$2a$10$${digits}`, outcome: {kind: 'kept'}});
		expect(hashOutcome(`$2y$12$${digits}`)).toEqual({hash: `$2a$12$${digits}`, outcome: {kind: 'converted'}});
	});

	it('writes no bcrypt hash that no password can match: the user must reset, and the report says why', () => {
		for (const malformed of ['$2b$10$short', `$2b$32$${digits}`, `$2a$10$${digits.slice(0, -1)}n`])
			expect(hashOutcome(malformed)).toEqual({outcome: {kind: 'reset', reason: 'a malformed bcrypt hash'}});
	});
});
