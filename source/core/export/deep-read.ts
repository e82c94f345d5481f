import type {AdminClient} from './admin-client.js';
import type {AdminUser} from './admin-user.js';

// `--deep`: each listed user read again with `GET /users/{id}`, the only answer that says whether the
// user has a password or an OTP secret. A limiter shared by every page keeps the requests in flight
// to the export's concurrency.

export class Limiter {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private readonly limit: number) {}

	async run<T>(task: () => Promise<T>): Promise<T> {
		// A finished task hands its slot straight to the next in line, so the limit holds at every moment
		if (this.active >= this.limit) await new Promise<void>(resolve => this.waiting.push(resolve));
		else this.active++;
		try {
			return await task();
		} finally {
			const next = this.waiting.shift();
			if (next) next();
			else this.active--;
		}
	}
}

/** Each user's full object, in the same order; undefined for users deleted since the list was read. */
export async function readDeep(client: AdminClient, users: readonly AdminUser[], limiter: Limiter, signal: AbortSignal | undefined, onRequest: () => void): Promise<Array<AdminUser | undefined>> {
	return Promise.all(users.map(async user => limiter.run(async () => {
		onRequest();
		return client.getUser(user.id, signal);
	})));
}
