import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readPasswordExport, refusals} from '../../../../source/core/convert/providers/password-export.js';
import {useTempDir} from '../../../helpers/temp-dir.js';

// The export's usual lines are read from their bytes, the others by JSON.parse: both must find what a
// plain JSON.parse of every line finds (this test's own reading of Auth0's format).

// A line is found by its address only when no other line has the address; an ObjectId is hex, in
// capitals or not
function reference(lines: string[]): Map<string, string | {refused: string}> {
	const found = new Map<string, string | {refused: string}>();
	for (const line of lines) {
		let entry: Record<string, unknown>;
		try {
			entry = JSON.parse(line) as Record<string, unknown>;
		} catch {
			continue;
		}

		if (typeof entry.passwordHash !== 'string') continue;
		const id = typeof entry._id === 'object' && entry._id !== null ? (entry._id as Record<string, unknown>).$oid : entry._id;
		for (const given of [id, entry.alt_id])
			if (typeof given === 'string' && given !== '') {
				const plain = given.replace(/^auth0\|/, '');
				const key = `id:${/^[\da-f]{24}$/i.test(plain) ? plain.toLowerCase() : plain}`;
				if (!found.has(key)) found.set(key, entry.passwordHash);
			}

		if (typeof entry.email === 'string' && entry.email.trim() !== '') {
			const key = `email:${entry.email.trim().toLowerCase()}`;
			found.set(key, found.has(key) ? {refused: refusals.severalLines} : entry.passwordHash);
		}
	}

	return found;
}

function randomLines(count: number, seed: number): string[] {
	let state = seed;
	const random = (n: number) => {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		return (state >>> 8) % n;
	};

	const hex = (n: number) => Array.from({length: n}, () => '0123456789abcdef'[random(16)]).join('');
	const lines: string[] = [];
	for (let i = 0; i < count; i++) {
		const oid = random(10) === 0 ? `auth0|${hex(24)}` : random(20) === 0 ? hex(24).toUpperCase() : hex(24);
		const email = `${['ann', 'Bob', ' cid ', 'dée', 'ÉVA', 'x\\u0041y'][random(6)]}${random(50)}@example.com`;
		const hash = random(8) === 0 ? `$2b$10$${hex(10)}` : `$2${'aby'[random(3)]}$1${random(10)}$${hex(53).replaceAll('f', '.')}`;
		const fields = [
			`"_id":${random(15) === 0 ? `"${oid}"` : `{"$oid":"${oid}"}`}`,
			`"email":"${email}"`,
			`"passwordHash":${random(30) === 0 ? '12' : `"${hash}"`}`,
			'"tenant":"t","connection":"Username-Password-Authentication"',
			'"password_set_date":{"$date":"2023-01-01T00:00:00.000Z"}',
		];
		if (random(6) === 0) fields.push(`"alt_id":"legacy-${random(100)}"`);
		if (random(25) === 0) fields.push(`"email":"second${random(9)}@example.com"`); // Named twice: the last counts
		if (random(25) === 0) fields.push(`"profile":{"email":"nested@example.com","$oid":"${hex(24)}"}`);
		if (random(25) === 0) fields.push(`"em\\u0061il":"escaped-name@example.com"`);
		if (random(25) === 0) fields.push(`"note":"a \\"email\\": text"`);
		if (random(30) === 0) fields.splice(2, 1); // No hash
		const order = random(2) === 0 ? fields : fields.reverse();
		const spaced = random(4) === 0;
		let line = `{${order.join(spaced ? ', ' : ',')}}`;
		if (spaced) line = line.replaceAll('":', '" : ');
		if (random(40) === 0) line = line.slice(0, -5); // Damaged
		lines.push(random(20) === 0 ? `${line}\r` : line, ...(random(50) === 0 ? [''] : []));
	}

	return lines;
}

describe('reading the password export’s lines', () => {
	const temp = useTempDir();

	it.each([1, 2, 3])('finds what JSON.parse finds, line for line (seed %i)', async seed => {
		const lines = randomLines(3000, seed);
		const file = path.join(temp(), 'passwords.ndjson');
		writeFileSync(file, lines.join('\n'));
		const hashes = await readPasswordExport(file);
		const expected = reference(lines.map(line => line.replace(/\r$/, '')));
		expect(hashes.size).toBe(expected.size);
		for (const [key, hash] of expected) expect(hashes.get(key), key).toEqual(hash);
	});
});
