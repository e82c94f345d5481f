import {describe, expect, it} from 'vitest';
import {fbscrypt, parseFirebaseHashConfig} from '../../../../source/core/convert/providers/firebase-hash-config.js';

const signerKey = 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==';

// What the Firebase console shows under Authentication, Users, ⋮, Password hash parameters
const consoleBlock = `hash_config {
  algorithm: SCRYPT,
  base64_signer_key: ${signerKey},
  base64_salt_separator: Bw==,
  rounds: 8,
  mem_cost: 14,
}
`;

/** The error `parse` throws, checked to be one line that never repeats the signer key. */
function failure(text: string): string {
	let message: string | undefined;
	try {
		parseFirebaseHashConfig(text);
	} catch (error) {
		message = (error as Error).message;
	}

	expect(message).toBeDefined();
	expect(message).not.toContain('\n');
	expect(message).not.toContain(signerKey);
	expect(message).not.toContain(signerKey.slice(0, 12));
	return message!;
}

describe('Firebase hash config', () => {
	it("reads the console's text block", () => {
		expect(parseFirebaseHashConfig(consoleBlock)).toEqual({signerKey, saltSeparator: 'Bw==', rounds: 8, memCost: 14});
		// Copied without the outer block, or with Windows line ends
		expect(parseFirebaseHashConfig(consoleBlock.split('\n').slice(1, -2).join('\r\n'))).toEqual({
			signerKey,
			saltSeparator: 'Bw==',
			rounds: 8,
			memCost: 14,
		});
	});

	it('reads the block pasted on one line, which is no value broken over two', () => {
		const oneLine = consoleBlock.replaceAll(/\s*\n\s*/g, ' ');
		expect(oneLine).not.toContain('\n');
		expect(parseFirebaseHashConfig(oneLine)).toEqual({signerKey, saltSeparator: 'Bw==', rounds: 8, memCost: 14});
	});

	it('reads JSON with the same names', () => {
		const json = JSON.stringify(
			{algorithm: 'SCRYPT', base64_signer_key: signerKey, base64_salt_separator: 'Bw==', rounds: 8, mem_cost: 14},
			null,
			2,
		);
		expect(parseFirebaseHashConfig(json)).toEqual({signerKey, saltSeparator: 'Bw==', rounds: 8, memCost: 14});
		expect(
			parseFirebaseHashConfig(
				JSON.stringify({base64_signer_key: signerKey, base64_salt_separator: 'Bw==', rounds: '8', mem_cost: '14'}),
			),
		).toEqual({signerKey, saltSeparator: 'Bw==', rounds: 8, memCost: 14});
	});

	it('gives the $fbscrypt$ form Hanko verifies', () => {
		expect(fbscrypt(parseFirebaseHashConfig(consoleBlock), 'c2FsdA==', 'aGFzaA==')).toBe(
			`$fbscrypt$v=1,n=14,r=8,p=1,ss=Bw==,sk=${signerKey}$c2FsdA==$aGFzaA==`,
		);
	});

	it('names what is missing or invalid, in one line that never holds the key', () => {
		expect(failure(consoleBlock.replace(/ {2}base64_signer_key.*\n/, ''))).toMatch(
			/^the hash config has no valid base64_signer_key \(copy it from the Firebase console/,
		);
		expect(failure(consoleBlock.replace(/ {2}rounds.*\n/, '').replace(/ {2}mem_cost.*\n/, ''))).toMatch(
			/^the hash config has no valid rounds \(1 to 8\), mem_cost \(1 to 14\) /,
		);
		// Beyond what Firebase's scrypt takes (auth:import refuses them too), and a parameter given twice
		expect(failure(consoleBlock.replace('rounds: 8', 'rounds: 9'))).toMatch(/^the hash config has no valid rounds \(1 to 8\) /);
		expect(failure(consoleBlock.replace('mem_cost: 14', 'mem_cost: 40'))).toMatch(
			/^the hash config has no valid mem_cost \(1 to 14\) /,
		);
		expect(failure(consoleBlock.replace('rounds: 8', 'rounds: 8\n  rounds: 7'))).toMatch(
			/^the hash config gives rounds twice \(line \d+\)$/,
		);
		expect(failure(consoleBlock.replace('rounds: 8', 'rounds: eight'))).toMatch(/^the hash config has no valid rounds /);
		expect(failure(consoleBlock.replace('mem_cost: 14', 'mem_cost: 0'))).toMatch(/^the hash config has no valid mem_cost /);
		expect(failure('')).toBe(
			'the hash config has no valid base64_signer_key, rounds (1 to 8), mem_cost (1 to 14) (copy it from the Firebase console: Authentication, Users, ⋮, Password hash parameters)',
		);
		expect(
			failure(
				consoleBlock.replace(
					`base64_signer_key: ${signerKey}`,
					`base64_signer_key: ${signerKey.slice(0, 20)}$!${signerKey.slice(20)}`,
				),
			),
		).toBe("the hash config's base64_signer_key or base64_salt_separator is not base64 (a space or a line break inside it?)");
		// A key broken by a space or over two lines (a copy-paste) is refused, not cut where it breaks
		expect(
			failure(
				consoleBlock.replace(
					`base64_signer_key: ${signerKey}`,
					`base64_signer_key: ${signerKey.slice(0, 20)} ${signerKey.slice(20)}`,
				),
			),
		).toMatch(/^line \d of the hash config is not "name: value" \(a value broken over two lines\?\)$/);
		expect(
			failure(
				consoleBlock.replace(
					`base64_signer_key: ${signerKey}`,
					`base64_signer_key: ${signerKey.slice(0, 20)}\n${signerKey.slice(20)}`,
				),
			),
		).toMatch(/^line \d of the hash config is not "name: value"/);
	});

	it('refuses an algorithm other than SCRYPT, naming it but not the key', () => {
		expect(failure(consoleBlock.replace('SCRYPT', 'HMAC_SHA256'))).toBe(
			"the hash config's algorithm is HMAC_SHA256: only Firebase's SCRYPT becomes $fbscrypt$",
		);
		expect(failure(JSON.stringify({algorithm: 'BCRYPT', base64_signer_key: signerKey, rounds: 8, mem_cost: 14}))).toMatch(
			/^the hash config's algorithm is BCRYPT:/,
		);
		// The lower-case spelling is the same algorithm
		expect(parseFirebaseHashConfig(consoleBlock.replace('SCRYPT', 'scrypt')).memCost).toBe(14);
	});
});
