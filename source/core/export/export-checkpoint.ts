import {AtomicFile} from '../files/atomic-file.js';
import {readPrivateFile} from '../files/open-private-file.js';
import {AdminApiError} from './admin-api-error.js';
import {type ExportNotes, noNotes} from './to-import-user.js';

// How far an export is, on disk after every committed page: a killed run resumes from here. The
// partial files are good up to the byte counts it holds; anything after them is cut off on resume.

export type ExportStats = {
	requests: number;
	retries: number;
	rateLimited: number;
};

export type Checkpoint = {
	version: 2;
	/** X-Total-Count at the first page of the current walk, and whether it ever differed since. */
	walkTotal: number | null;
	totalMoved: boolean;
	/** A run of this export was interrupted: changes while it was down are invisible to the totals. */
	interrupted: boolean;
	apiUrl: string;
	perPage: number;
	raw: string | null;
	deep: boolean;
	walk: number;
	nextPage: number;
	partialBytes: number;
	rawBytes: number;
	contactBytes: number;
	startedAt: number;
	/** Exported users the API no longer has: left out of the file. */
	deleted: string[];
	/** Users too large for a file Hanko's importer (and our validator) reads: left out, and said. */
	oversize: string[];
	createdDuringRun: number;
	notes: ExportNotes;
	stats: ExportStats;
};

export type CheckpointIdentity = Pick<Checkpoint, 'apiUrl' | 'perPage' | 'raw' | 'deep'>;

export function freshCheckpoint(identity: CheckpointIdentity, startedAt: number): Checkpoint {
	return {
		version: 2,
		walkTotal: null,
		totalMoved: false,
		interrupted: false,
		...identity,
		walk: 1,
		nextPage: 1,
		partialBytes: 0,
		rawBytes: 0,
		contactBytes: 0,
		startedAt,
		deleted: [],
		oversize: [],
		createdDuringRun: 0,
		notes: noNotes(),
		stats: {requests: 0, retries: 0, rateLimited: 0},
	};
}

/** Starts walk `walk` from its first page, with no total seen yet (also a later walk resumed: its ids are not kept). */
export function startWalk(checkpoint: Checkpoint, walk: number): void {
	Object.assign(checkpoint, {walk, nextPage: 1, walkTotal: null, totalMoved: false});
}

/** Compares a page's X-Total-Count with the walk's first (kept across a resume): whether it moved is kept. */
export function recordTotal(checkpoint: Checkpoint, total: number): void {
	checkpoint.walkTotal ??= total;
	if (total !== checkpoint.walkTotal) checkpoint.totalMoved = true;
}

const describe = (saved: CheckpointIdentity) =>
	`${saved.apiUrl}, ${saved.perPage} a page${saved.raw ? `, raw ${saved.raw}` : ''}${saved.deep ? ', --deep' : ''}`;

/**
 * The checkpoint of an interrupted run of this export, or undefined. One of another export (other
 * URL, page size, raw file or depth) is refused: resuming it would mix two exports in one file.
 */
export async function loadCheckpoint(file: string, identity: CheckpointIdentity): Promise<Checkpoint | undefined> {
	let text: string | undefined;
	try {
		text = await readPrivateFile(file); // Never through a link planted at its name
	} catch (error) {
		throw new AdminApiError((error as Error).message, {restartHelps: true});
	}

	if (text === undefined) return undefined;

	let saved: Checkpoint;
	try {
		saved = JSON.parse(text) as Checkpoint;
	} catch {
		throw new AdminApiError(`${file} is damaged: discard it to start over (--restart)`, {restartHelps: true});
	}

	if (saved.version !== 2)
		throw new AdminApiError(`${file} was written by another version of hanko-tui: discard it to start over (--restart)`, {
			restartHelps: true,
		});
	const differs = (Object.keys(identity) as Array<keyof CheckpointIdentity>).some(key => saved[key] !== identity[key]);
	if (differs) {
		throw new AdminApiError(
			`${file} belongs to another export (${describe(saved)}): run it with those options, or discard it to start over (--restart)`,
			{restartHelps: true},
		);
	}

	return saved;
}

export async function saveCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
	await AtomicFile.replace(file, JSON.stringify(checkpoint), {sync: false});
}
