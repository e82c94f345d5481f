import {Buffer} from 'node:buffer';
import {createCipheriv, scryptSync} from 'node:crypto';

// Firebase's scrypt, written here from its description (firebase/scrypt, issue 2): scrypt of the
// password with the user's salt and the project's salt separator as salt (N = 2^mem_cost, r = rounds,
// p = 1), the first 32 bytes of it as an AES-256-CTR key (zero IV) over the project's signer key. Tests
// use it to make real hashes and to check that a written `$fbscrypt$` verifies against its password;
// it is itself checked against the example of Firebase's README.

export type ScryptParameters = {signerKey: string; saltSeparator: string; rounds: number; memCost: number};

export function firebaseScrypt(password: string, salt: string, parameters: ScryptParameters): string {
	const key = scryptSync(
		Buffer.from(password),
		Buffer.concat([Buffer.from(salt, 'base64'), Buffer.from(parameters.saltSeparator, 'base64')]),
		32,
		{N: 2 ** parameters.memCost, r: parameters.rounds, p: 1, maxmem: 256 * 1024 * 1024},
	);
	const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
	return Buffer.concat([cipher.update(Buffer.from(parameters.signerKey, 'base64')), cipher.final()]).toString('base64');
}

/** Whether `password` matches a `$fbscrypt$v=1,n=…,r=…,p=1,ss=…,sk=…$salt$hash` as Hanko reads it. */
export function fbscryptMatches(fbscrypt: string, password: string): boolean {
	const match = /^\$fbscrypt\$v=1,n=(\d+),r=(\d+),p=1,ss=([^,$]*),sk=([^,$]*)\$([^$]*)\$([^$]*)$/.exec(fbscrypt);
	if (!match) return false;
	const [, memCost, rounds, saltSeparator, signerKey, salt, hash] = match;
	return (
		firebaseScrypt(password, salt!, {
			signerKey: signerKey!,
			saltSeparator: saltSeparator!,
			rounds: Number(rounds),
			memCost: Number(memCost),
		}) === hash
	);
}
