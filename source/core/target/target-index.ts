import type {AdminUser} from '../export/admin-user.js';

// The project's users as a pre-flight check needs them: who holds each id, address, username and
// credential id. In memory: measured at 236 bytes a user with one address
// (docs/migrate.md); a project of a million users takes about 240 MB.

export class TargetIndex {
	private readonly users = new Map<string, {primary: string | undefined}>();
	private readonly emails = new Map<string, string>();
	private readonly usernames = new Map<string, string>();
	private readonly credentials = new Map<string, string>();

	get size(): number {
		return this.users.size;
	}

	add(user: AdminUser): void {
		const emails = user.emails ?? [];
		this.users.set(user.id, {primary: emails.find(email => email.is_primary)?.address});
		for (const email of emails) this.emails.set(email.address, user.id);
		if (user.username) this.usernames.set(user.username.username, user.id);
		for (const credential of user.webauthn_credentials ?? []) this.credentials.set(credential.id, user.id);
	}

	user(id: string): {primary: string | undefined} | undefined {
		return this.users.get(id);
	}

	ownerOfEmail(address: string): string | undefined {
		return this.emails.get(address);
	}

	ownerOfUsername(username: string): string | undefined {
		return this.usernames.get(username);
	}

	ownerOfCredential(id: string): string | undefined {
		return this.credentials.get(id);
	}
}
