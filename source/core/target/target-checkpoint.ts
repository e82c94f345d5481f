import {readFile, rm, stat} from 'node:fs/promises';
import {AtomicFile} from '../files/atomic-file.js';

// Where an interrupted preflight, verify or apply-profile stands: every user before `next` is done, with
// what was found. Kept beside the file the command writes, rewritten whole as it goes; a run of the same
// command on the same file (same size and time), project and options goes on from there. A checkpoint
// that does not fit is simply started over: preflight and verify only read the project, and
// apply-profile's requests set values, so sending one again changes nothing.

export type CheckpointIdentity = {
	kind: 'preflight' | 'verify' | 'apply-profile';
	file: string;
	size: number;
	mtimeMs: number;
	target: string;
	/** What else the results depend on (verify's --deep). */
	options: string;
};

export type TargetCheckpoint<State> = CheckpointIdentity & {version: 1; next: number; state: State};

export async function identityOf(
	kind: CheckpointIdentity['kind'],
	file: string,
	target: string,
	options = '',
): Promise<CheckpointIdentity> {
	const found = await stat(file);
	return {kind, file, size: found.size, mtimeMs: found.mtimeMs, target, options};
}

/** The checkpoint of an earlier run of the same command, if there is one. */
export async function loadCheckpoint<State>(path: string, identity: CheckpointIdentity): Promise<TargetCheckpoint<State> | undefined> {
	let value: Partial<TargetCheckpoint<State>>;
	try {
		value = JSON.parse(await readFile(path, 'utf8')) as Partial<TargetCheckpoint<State>>;
	} catch {
		return undefined;
	}

	const fits =
		value.version === 1 &&
		(Object.keys(identity) as Array<keyof CheckpointIdentity>).every(key => value[key] === identity[key]) &&
		Number.isInteger(value.next) &&
		typeof value.state === 'object' &&
		value.state !== null;
	return fits ? (value as TargetCheckpoint<State>) : undefined;
}

export async function saveCheckpoint<State>(path: string, identity: CheckpointIdentity, next: number, state: State): Promise<void> {
	await AtomicFile.replace(path, JSON.stringify({version: 1, ...identity, next, state}), {sync: false});
}

export async function removeCheckpoint(path: string): Promise<void> {
	await rm(path, {force: true});
}
