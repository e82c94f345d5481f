import {Buffer} from 'node:buffer';
import type {AdminCredential, AdminUser} from '../core/export/admin-user.js';

// Users for the mock Admin API, the same for the same seed: emails, usernames, passkeys (some with
// AAGUIDs that are not of the v4 form), password and OTP markers, many users sharing one created_at
// (an import batch), and a few with neither email nor username (the list leaves those out). Beside
// them, from a generator seeded by each user's id (so the users above stay what they were): names and
// pictures, social identities, metadata, and what Hanko stores of a passkey but never returns (its
// sign_count, its updated_at, and for about one passkey in twenty a custom user_handle).

/** A passkey as the mock stores it: the API's fields and those the API never returns. */
export type StoredCredential = AdminCredential & {sign_count: number; updated_at: string; user_handle?: string};

/** A user as the mock stores it: everything, for `GET /users/{id}`; the list leaves out a part of it. */
export type StoredUser = Omit<AdminUser, 'webauthn_credentials'> & {webauthn_credentials?: StoredCredential[]};

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

/** A 32-bit FNV-1a hash of `text`: the seed of a user's extras. */
function hashText(text: string): number {
	let hash = 0x81_1c_9d_c5;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01_00_01_93);
	return hash >>> 0;
}

const givenNames = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Ken'];
const familyNames = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Thompson'];
const providers = ['google', 'github', 'apple', 'microsoft'];
const deviceNames = ['iPhone', 'YubiKey 5', 'Pixel 8', 'Windows Hello'];

function base64Url(random: () => number, bytes: number): string {
	return Buffer.from(Array.from({length: bytes}, () => Math.floor(random() * 256))).toString('base64url');
}

export function generateAdminUser(index: number, random: () => number, createdAt?: string): StoredUser {
	// A third of the users came in one import batch: they share one created_at (no tie-breaker in the API)
	const created = createdAt ?? (random() < 0.33 ? batchTime : new Date(start + Math.floor(random() * 3e10)).toISOString());
	const id = uuidFrom(random);
	const user: StoredUser = {id, created_at: created, updated_at: created};
	const hidden = random() < 0.02; // Passkey-only: neither email nor username
	if (!hidden) {
		const count = random() < 0.2 ? 2 : 1;
		user.emails = Array.from({length: count}, (_, n) => ({
			id: uuidFrom(random),
			address: `user${index}${n === 0 ? '' : `.alt${n}`}@example.com`,
			is_verified: random() < 0.8,
			is_primary: n === 0,
			created_at: created,
			updated_at: created,
		}));
		if (random() < 0.5) user.username = {id: uuidFrom(random), username: `user${index}`, created_at: created, updated_at: created};
	}

	if (hidden || random() < 0.2) {
		const credential: StoredCredential = {
			id: `cred-${index}`,
			public_key: `pk-${index}`,
			attestation_type: 'none',
			// Real authenticators' AAGUIDs are often not of the v4 form
			aaguid: random() < 0.5 ? uuidFrom(random) : uuidFrom(random, 1),
			created_at: created,
			transports: ['internal', 'hybrid'],
			backup_eligible: true,
			backup_state: true,
			mfa_only: false,
			sign_count: 0,
			updated_at: created,
		};
		user.webauthn_credentials = [credential];
	}

	if (random() < 0.6) user.password = {id: uuidFrom(random), created_at: created, updated_at: created};
	if (random() < 0.1) user.otp = {id: uuidFrom(random), created_at: created};
	addExtras(user, index);
	return user;
}

/** Names, identities, metadata and the passkeys' hidden fields, from a generator seeded by the user's id. */
function addExtras(user: StoredUser, index: number): void {
	const extra = prng(hashText(user.id));
	const created = Date.parse(user.created_at);
	for (const credential of user.webauthn_credentials ?? []) {
		credential.sign_count = Math.floor(extra() * 500);
		if (extra() < 0.05) credential.user_handle = base64Url(extra, 16);
		if (extra() < 0.5) credential.name = deviceNames[Math.floor(extra() * deviceNames.length)]!;
		if (extra() < 0.5) {
			credential.last_used_at = new Date(created + Math.floor(extra() * 1e10)).toISOString().replace('.000Z', 'Z');
			credential.updated_at = credential.last_used_at;
		}
	}

	if (extra() < 0.15) {
		user.given_name = givenNames[Math.floor(extra() * givenNames.length)]!;
		user.family_name = familyNames[Math.floor(extra() * familyNames.length)]!;
		user.name = `${user.given_name} ${user.family_name}`;
		if (extra() < 0.5) user.picture = `https://example.com/avatars/${index}.png`;
	}

	const email = user.emails?.[0];
	if (email && extra() < 0.1) {
		user.identities = [
			{
				id: uuidFrom(extra),
				provider_id: String(Math.floor(extra() * 1e15)),
				provider_name: providers[Math.floor(extra() * providers.length)]!,
				email_id: email.id,
				created_at: user.created_at,
				updated_at: user.created_at,
			},
		];
	}

	if (extra() < 0.1) {
		user.metadata = {public_metadata: {plan: extra() < 0.5 ? 'free' : 'pro'}};
		if (extra() < 0.5) user.metadata.private_metadata = {crm_id: `crm-${index}`};
		if (extra() < 0.5) user.metadata.unsafe_metadata = {theme: 'dark'};
	}
}
