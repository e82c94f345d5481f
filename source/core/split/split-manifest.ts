import {readFile, rm} from 'node:fs/promises';
import path from 'node:path';

// The manifest of a split output: which parts, in which order, each with its users, bytes and SHA-256.
// Its `file` names are plain file names in the manifest's own folder; nothing else is ever read or
// removed through it.

export type SplitPart = {file: string; users: number; bytes: number; sha256: string};
export type SplitManifest = {users: number; parts: SplitPart[]};

function isPart(value: unknown): value is SplitPart {
	const part = value as Partial<SplitPart> | null;
	return (
		typeof part === 'object' &&
		part !== null &&
		typeof part.file === 'string' &&
		part.file === path.basename(part.file) &&
		part.file !== '..' &&
		typeof part.users === 'number' &&
		typeof part.bytes === 'number' &&
		typeof part.sha256 === 'string'
	);
}

/** Whether the parsed JSON is a manifest this tool wrote (a users file is an array, never this). */
export function isSplitManifest(value: unknown): value is SplitManifest {
	const manifest = value as Partial<SplitManifest> | null;
	return (
		typeof manifest === 'object' &&
		manifest !== null &&
		!Array.isArray(manifest) &&
		typeof manifest.users === 'number' &&
		Array.isArray(manifest.parts) &&
		manifest.parts.every(part => isPart(part))
	);
}

/** The manifest at `file`, or undefined when the file is not one. */
export async function readManifest(file: string): Promise<SplitManifest | undefined> {
	const text = await readFile(file, 'utf8');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}

	return isSplitManifest(value) ? value : undefined;
}

/** The parts' paths, beside the manifest. */
export function partPaths(manifestFile: string, manifest: SplitManifest): string[] {
	return manifest.parts.map(part => path.join(path.dirname(manifestFile), part.file));
}

/**
 * Removes the parts an earlier split listed that the new one does not (they would be imported twice),
 * only those named as this split names its parts (`isPartName`): a manifest is no licence to remove
 * any other file.
 */
export async function removeStaleParts(
	manifestFile: string,
	previous: SplitManifest,
	current: SplitManifest,
	isPartName: (file: string) => boolean,
): Promise<void> {
	const kept = new Set(current.parts.map(part => part.file));
	const stale = previous.parts.filter(part => !kept.has(part.file) && isPartName(part.file));
	await Promise.all(stale.map(async part => rm(path.join(path.dirname(manifestFile), part.file), {force: true})));
}
