// Firebase's password hash parameters, as the console shows them (`hash_config { algorithm: SCRYPT,
// base64_signer_key: ..., ... }`) or as JSON with the same names. The values are secrets: no message
// here ever repeats one.

export type FirebaseHashConfig = {signerKey: string; saltSeparator: string; rounds: number; memCost: number};

const base64 = /^[A-Za-z\d+/_-]*={0,2}$/;

/** The fields of a JSON object, or of the console's block: one `name: value` a line, nothing else. */
function fieldsOf(text: string): Map<string, string> {
	const fields = new Map<string, string>();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {}

	if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
		for (const [name, value] of Object.entries(json))
			fields.set(name.toLowerCase(), typeof value === 'string' || typeof value === 'number' ? String(value) : '');
		return fields;
	}

	for (const [at, raw] of text.split(/\r?\n/).entries()) {
		const line = raw
			.trim()
			.replace(/^hash_config\s*\{\s*/, '')
			.replace(/\s*\}$/, '');
		// One field a line as the console shows it, or all on one line (pasted): base64 has no comma
		for (const part of line.split(',')) {
			const field = part.trim();
			if (field === '') continue;
			// A key broken over two lines would otherwise be read as its first half: every hash would be wrong
			const match = /^"?([A-Za-z_]\w*)"?\s*:\s*"?([^",\s{}]*)"?$/.exec(field);
			if (!match) throw new Error(`line ${at + 1} of the hash config is not "name: value" (a value broken over two lines?)`);
			const name = match[1]!.toLowerCase();
			// Two values for one parameter: which one the project uses, the file cannot say
			if (fields.has(name)) throw new Error(`the hash config gives ${name} twice (line ${at + 1})`);
			fields.set(name, match[2]!);
		}
	}

	return fields;
}

export function parseFirebaseHashConfig(text: string): FirebaseHashConfig {
	const fields = fieldsOf(text);
	const algorithm = fields.get('algorithm');
	// An algorithm's name is no secret, but only a plain name is repeated
	if (algorithm !== undefined && algorithm.toUpperCase() !== 'SCRYPT')
		throw new Error(
			`the hash config's algorithm is ${/^[A-Z\d_]{1,30}$/i.test(algorithm) ? algorithm : 'not SCRYPT'}: only Firebase's SCRYPT becomes $fbscrypt$`,
		);
	const signerKey = fields.get('base64_signer_key');
	const saltSeparator = fields.get('base64_salt_separator') ?? '';
	const rounds = Number(fields.get('rounds'));
	const memCost = Number(fields.get('mem_cost'));
	const missing = [
		signerKey ? '' : 'base64_signer_key',
		// firebase-tools' auth:import takes Firebase's scrypt with rounds 1..8 and a memory cost 1..14 (accountImporter.ts)
		Number.isInteger(rounds) && rounds >= 1 && rounds <= 8 ? '' : 'rounds (1 to 8)',
		Number.isInteger(memCost) && memCost >= 1 && memCost <= 14 ? '' : 'mem_cost (1 to 14)',
	].filter(Boolean);
	if (missing.length > 0)
		throw new Error(
			`the hash config has no valid ${missing.join(', ')} (copy it from the Firebase console: Authentication, Users, ⋮, Password hash parameters)`,
		);
	if (!base64.test(signerKey!) || !base64.test(saltSeparator))
		throw new Error("the hash config's base64_signer_key or base64_salt_separator is not base64 (a space or a line break inside it?)");
	return {signerKey: signerKey!, saltSeparator, rounds, memCost};
}

/** A Firebase scrypt hash in the form Hanko verifies. */
export function fbscrypt(config: FirebaseHashConfig, salt: string, hash: string): string {
	return `$fbscrypt$v=1,n=${config.memCost},r=${config.rounds},p=1,ss=${config.saltSeparator},sk=${config.signerKey}$${salt}$${hash}`;
}
