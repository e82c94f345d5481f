import {readFile, rm, stat} from 'node:fs/promises';
import {AtomicFile} from '../files/atomic-file.js';
import type {VerifyReport} from './verify-run.js';

// Where an interrupted verify stands: every record before `next` is looked up, with what was found.
// Kept beside the retry file, rewritten after each batch (whole or not at all); a run of the same
// file (same size and time), project and --deep resumes there. Only reads are at stake (verify
// changes nothing), so a checkpoint that does not fit is simply started over.

export type VerifyCheckpoint = {
	version: 1;
	file: string;
	size: number;
	mtimeMs: number;
	target: string;
	deep: boolean;
	next: number;
	matched: number;
	missing: VerifyReport['missing'];
	mismatched: VerifyReport['mismatched'];
};

type Identity = Pick<VerifyCheckpoint, 'file' | 'size' | 'mtimeMs' | 'target' | 'deep'>;

export async function identityOf(file: string, target: string, deep: boolean): Promise<Identity> {
	const found = await stat(file);
	return {file, size: found.size, mtimeMs: found.mtimeMs, target, deep};
}

/** The checkpoint of an earlier run of the same verify, if there is one. */
export async function loadCheckpoint(path: string, identity: Identity): Promise<VerifyCheckpoint | undefined> {
	let value: Partial<VerifyCheckpoint>;
	try {
		value = JSON.parse(await readFile(path, 'utf8')) as Partial<VerifyCheckpoint>;
	} catch {
		return undefined;
	}

	const fits =
		value.version === 1 &&
		(Object.keys(identity) as Array<keyof Identity>).every(key => value[key] === identity[key]) &&
		Number.isInteger(value.next) &&
		Array.isArray(value.missing) &&
		Array.isArray(value.mismatched);
	return fits ? (value as VerifyCheckpoint) : undefined;
}

export async function saveCheckpoint(path: string, checkpoint: VerifyCheckpoint): Promise<void> {
	await AtomicFile.replace(path, JSON.stringify(checkpoint), {sync: false});
}

export async function removeCheckpoint(path: string): Promise<void> {
	await rm(path, {force: true});
}
