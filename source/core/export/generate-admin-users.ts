import type {AdminCredential, AdminUser} from './admin-user.js';

// Users for the mock Admin API, the same for the same seed: emails, usernames, passkeys (some with
// AAGUIDs that are not of the v4 form), password and OTP markers, many users sharing one created_at
// (an import batch), and a few with neither email nor username (the list leaves those out).

export function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

export function uuidFrom(random: () => number, version = 4): string {
	const hex = Array.from({length: 32}, () => Math.floor(random() * 16).toString(16));
	hex[12] = String(version);
	hex[16] = '89ab'[Math.floor(random() * 4)]!;
	const text = hex.join('');
	return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

const batchTime = '2024-03-01T09:00:00Z';
const start = Date.parse('2023-01-01T00:00:00Z');

export function generateAdminUser(index: number, random: () => number, createdAt?: string): AdminUser {
	// A third of the users came in one import batch: they share one created_at (no tie-breaker in the API)
	const created = createdAt ?? (random() < 0.33 ? batchTime : new Date(start + Math.floor(random() * 3e10)).toISOString());
	const id = uuidFrom(random);
	const user: AdminUser = {id, created_at: created, updated_at: created};
	const hidden = random() < 0.02; // Passkey-only: neither email nor username
	if (!hidden) {
		const count = random() < 0.2 ? 2 : 1;
		user.emails = Array.from({length: count}, (_, n) => ({
			id: uuidFrom(random), address: `user${index}${n === 0 ? '' : `.alt${n}`}@example.com`, is_verified: random() < 0.8, is_primary: n === 0, created_at: created, updated_at: created,
		}));
		if (random() < 0.5) user.username = {id: uuidFrom(random), username: `user${index}`, created_at: created, updated_at: created};
	}

	if (hidden || random() < 0.2) {
		const credential: AdminCredential = {
			id: `cred-${index}`, public_key: `pk-${index}`, attestation_type: 'none',
			// Real authenticators' AAGUIDs are often not of the v4 form
			aaguid: random() < 0.5 ? uuidFrom(random) : uuidFrom(random, 1), created_at: created, transports: ['internal', 'hybrid'],
			backup_eligible: true, backup_state: true, mfa_only: false,
		};
		user.webauthn_credentials = [credential];
	}

	if (random() < 0.6) user.password = {id: uuidFrom(random), created_at: created, updated_at: created};
	if (random() < 0.1) user.otp = {id: uuidFrom(random), created_at: created};
	return user;
}

export function generateAdminUsers(count: number, seed = 1): AdminUser[] {
	const random = prng(seed);
	return Array.from({length: count}, (_, index) => generateAdminUser(index, random));
}
