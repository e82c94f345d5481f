// Firebase's password hash parameters, as the console shows them (`hash_config { algorithm: SCRYPT,
// base64_signer_key: ..., ... }`) or as JSON with the same names. The values are secrets: no message
// here ever repeats one.

export type FirebaseHashConfig = {signerKey: string; saltSeparator: string; rounds: number; memCost: number};

const base64 = /^[A-Za-z\d+/_-]*={0,2}$/;

export function parseFirebaseHashConfig(text: string): FirebaseHashConfig {
	const fields = new Map<string, string>();
	// A value runs to the end of its line, a comma or a brace; a space inside it is a copy-paste fault, not part of a key
	for (const match of text.matchAll(/"?([A-Za-z_]\w*)"?\s*[:=]\s*"?([^",\n}]*?)"?\s*(?=[,\n}]|$)/g)) fields.set(match[1]!.toLowerCase(), match[2]!.trim());
	const algorithm = fields.get('algorithm');
	if (algorithm !== undefined && algorithm.toUpperCase() !== 'SCRYPT') throw new Error(`the hash config's algorithm is ${algorithm.replaceAll(/[^\w-]/g, '?').slice(0, 30)}: only Firebase's SCRYPT becomes $fbscrypt$`);
	const signerKey = fields.get('base64_signer_key');
	const saltSeparator = fields.get('base64_salt_separator') ?? '';
	const rounds = Number(fields.get('rounds'));
	const memCost = Number(fields.get('mem_cost'));
	const missing = [signerKey ? '' : 'base64_signer_key', Number.isInteger(rounds) && rounds > 0 ? '' : 'rounds', Number.isInteger(memCost) && memCost > 0 ? '' : 'mem_cost'].filter(Boolean);
	if (missing.length > 0) throw new Error(`the hash config has no valid ${missing.join(', ')} (copy it from the Firebase console: Authentication, Users, ⋮, Password hash parameters)`);
	if (!base64.test(signerKey!) || !base64.test(saltSeparator)) throw new Error('the hash config\'s base64_signer_key or base64_salt_separator is not base64 (a space or a line break inside it?)');
	return {signerKey: signerKey!, saltSeparator, rounds, memCost};
}

/** A Firebase scrypt hash in the form Hanko verifies. */
export function fbscrypt(config: FirebaseHashConfig, salt: string, hash: string): string {
	return `$fbscrypt$v=1,n=${config.memCost},r=${config.rounds},p=1,ss=${config.saltSeparator},sk=${config.signerKey}$${salt}$${hash}`;
}
