import {describe, expect, it} from 'vitest';
import {malformedHashReason} from '../../../source/core/rules/password-hash.js';

const bcrypt = '$2a$12$mFbud0mLsD/q.WG7/9pNQemlAHs3H4o8zAv44gsUF1v1awsdqTh7.';

describe('malformedHashReason (can any password ever match at sign-in?)', () => {
	it('passes well-formed bcrypt and $fbscrypt$ hashes', () => {
		expect(malformedHashReason(bcrypt)).toBeUndefined();
		expect(malformedHashReason('$2a$+5$mFbud0mLsD/q.WG7/9pNQemlAHs3H4o8zAv44gsUF1v1awsdqTh7.')).toBeUndefined(); // strconv.Atoi takes the sign
		expect(
			malformedHashReason('$fbscrypt$v=1,n=14,r=8,p=1,ss=Bw==,sk=c2lnbmVyLWtleS0xMjM0NTY3ODkw$c2FsdA==$aGFzaC1oYXNoLWhhc2gtaGFzaDEy'),
		).toBeUndefined();
	});

	it.each([
		['$2a$12$short', /60/],
		[`${bcrypt}x`, /60/],
		['$2a$03$mFbud0mLsD/q.WG7/9pNQemlAHs3H4o8zAv44gsUF1v1awsdqTh7.', /cost/],
		['$2a$1x$mFbud0mLsD/q.WG7/9pNQemlAHs3H4o8zAv44gsUF1v1awsdqTh7.', /cost "1x"/],
		['$2a$-5$mFbud0mLsD/q.WG7/9pNQemlAHs3H4o8zAv44gsUF1v1awsdqTh7.', /cost "-5"/],
		['$2a$12$mFbud0mLsD/q.WG7/9pNQemlAHs3H4o8zAv44gsUF1v1awsdqTh7/', /last character/],
		['$2a$12$mFbud0mLsD/q.WG7/9pNQemlAHs3H4o8zAv44gsUF1v1aws!qTh7.', /alphabet/],
		['$fbscrypt$v=2,n=14,r=8,p=1,sk=c2s=$c2FsdA==$aGFzaA==', /version/],
		['$fbscrypt$v=1,n=63,r=8,p=1,sk=c2s=$c2FsdA==$aGFzaA==', /n=63/],
		['$fbscrypt$v=1,n=14,r=8,p=1,sk=c2s=$c2FsdA=$aGFzaA==', /base64/],
		['$fbscrypt$v=1,n=14,r=8,p=1$c2FsdA==$aGFzaA==', /never match/],
		['$fbscrypt$v=1,n=14,r=8,p=0,sk=aGFzaA==$c2FsdA==$aGFzaA==', /positive/],
		['$fbscrypt$salt$hash', /does not read/],
	])('refuses %s', (hash, reason) => {
		expect(malformedHashReason(hash)).toMatch(reason);
	});

	it('says nothing of prefixes it does not check (the importer refuses those)', () => {
		expect(malformedHashReason('$2b$12$x')).toBeUndefined();
	});
});
