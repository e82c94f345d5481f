import {describe, expect, it} from 'vitest';
import {emailKey, hashText, idKey, keyOfText, packHash} from '../../../../source/core/convert/providers/password-codecs.js';

const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function roundTrip(hash: string): {text: string; length: number} {
	const source = Buffer.from(hash, 'utf8');
	const into = Buffer.alloc(source.length + 8);
	const length = packHash(source, 0, source.length, into);
	return {text: hashText(into.subarray(0, length)), length};
}

const keyOf = (key: string) => {
	const into = Buffer.alloc(1024);
	return into.subarray(0, keyOfText(key, into)).toString('hex');
};

describe('password codecs', () => {
	it('packs bcrypt hashes to 43 bytes and gives back every one exactly', () => {
		let seed = 1;
		for (let n = 0; n < 2000; n++) {
			let digits = '';
			for (let i = 0; i < 53; i++) {
				seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
				digits += alphabet[(seed >>> 8) % 64];
			}

			const hash = `$2${'aby'[n % 3]}$${String(n % 32).padStart(2, '0')}$${digits}`;
			expect(roundTrip(hash)).toEqual({text: hash, length: 43});
		}

		// Every digit in every place
		for (const char of alphabet) expect(roundTrip(`$2a$10$${char.repeat(53)}`).text).toBe(`$2a$10$${char.repeat(53)}`);
	});

	it('holds any other hash as it is', () => {
		const valid = `$2a$10$${'a'.repeat(53)}`;
		for (const other of [
			'',
			'$2x$10$' + 'a'.repeat(53),
			valid.slice(0, -1),
			`${valid}a`,
			valid.slice(0, -1) + '!',
			'$2a$1a$' + 'a'.repeat(53),
			'$fbscrypt$v=1,n=14,r=8,p=1,ss=Bw==,sk=abc$salt$hash',
			'ünïcödé',
		])
			expect(roundTrip(other).text).toBe(other);
	});

	it('gives different texts different keys, an ObjectId in capitals the same as in small letters', () => {
		expect(keyOf('id:5F7C8EC7C33C6C004BBAFE82')).toBe(keyOf('id:5f7c8ec7c33c6c004bbafe82'));
		const keys = [
			'id:5f7c8ec7c33c6c004bbafe82',
			'id:5f7c8ec7c33c6c004bbafe8',
			'id:auth0|5f7c8ec7c33c6c004bbafe82',
			'email:5f7c8ec7c33c6c004bbafe82',
			'email:ann@example.com',
			'id:ann@example.com',
			'id:',
			'email:',
		];
		expect(new Set(keys.map(key => keyOf(key))).size).toBe(keys.length);
		expect(keyOf('id:5f7c8ec7c33c6c004bbafe82')).toHaveLength(26);
		expect(keyOfText('user:1', Buffer.alloc(16))).toBe(-1);
	});

	it('reads an id and an address from the export’s bytes as the converter’s text would give them', () => {
		const into = Buffer.alloc(64);
		const line = Buffer.from('auth0|5f7c8ec7c33c6c004bbafe82| \tAnn@Example.COM ');
		const id = into.subarray(0, idKey(line, 0, 30, into, true)).toString('hex');
		expect(id).toBe(keyOf('id:5f7c8ec7c33c6c004bbafe82'));
		const email = into.subarray(0, emailKey(line, 31, line.length, into, true)).toString('hex');
		expect(email).toBe(keyOf('email:ann@example.com'));
	});
});
