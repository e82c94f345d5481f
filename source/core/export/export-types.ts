import type {ClientOptions} from './admin-client.js';
import type {ExportStats} from './export-checkpoint.js';

// What an export is given and what it tells while it runs.

export type ExportOptions = {
	apiUrl: string;
	/** None: no Authorization header (self-hosted Hanko has no authentication of its own). */
	apiKey?: string;
	allowHttp?: boolean;
	out: string;
	/** Also write the Admin API objects, as NDJSON. */
	raw?: string;
	/** Read every user with `GET /users/{id}` to count passwords and OTP secrets exactly. */
	deep?: boolean;
	/** With `deep`: the users who must reset a password or re-enrol OTP, as CSV (default beside `out`). */
	contacts?: string;
	perPage?: number;
	concurrency?: number;
	/** Discard a checkpoint of an earlier run instead of resuming it. */
	restart?: boolean;
	/** Walks before giving up on agreement (default 10). */
	maxWalks?: number;
	client?: Partial<ClientOptions>;
};

export type ExportPhase = 'walk' | 'check' | 'write';

export type ExportProgress = ExportStats & {
	phase: ExportPhase;
	walk: number;
	page: number;
	pages: number;
	users: number;
	/** X-Total-Count; undefined when the server sends none. */
	total: number | undefined;
	/** In the check phase: users looked up so far, of how many. */
	checked: number;
	toCheck: number;
	concurrency: number;
	usersPerSecond: number;
	elapsedMs: number;
	paused: boolean;
};

/** Emitted as `committed` after each page's users and the checkpoint are on disk. */
export type CommittedPage = {walk: number; page: number};
