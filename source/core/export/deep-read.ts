import type {AdminClient} from './admin-client.js';
import type {AdminUser} from './admin-user.js';
import type {Limiter} from './limiter.js';

// `--deep`: each listed user read again with `GET /users/{id}`, the only answer that says whether the
// user has a password or an OTP secret. A limiter shared by every page keeps the requests in flight
// to the export's concurrency.

/** Each user's full object, in the same order; undefined for users deleted since the list was read. */
export async function readDeep(
	client: AdminClient,
	users: readonly AdminUser[],
	limiter: Limiter,
	signal: AbortSignal | undefined,
	onRequest: () => void,
): Promise<Array<AdminUser | undefined>> {
	return Promise.all(
		users.map(async user =>
			limiter.run(async () => {
				onRequest();
				return client.getUser(user.id, signal);
			}),
		),
	);
}

/** The full objects of the listed users not `known` yet, by id; users deleted meanwhile are absent. */
export async function readFull(
	client: AdminClient,
	users: readonly AdminUser[],
	known: (id: string) => boolean,
	limiter: Limiter,
	signal: AbortSignal | undefined,
	onRequest: () => void,
): Promise<Map<string, AdminUser>> {
	const full = await readDeep(
		client,
		users.filter(user => !known(user.id)),
		limiter,
		signal,
		onRequest,
	);
	return new Map(full.filter(user => user !== undefined).map(user => [user.id, user]));
}
