import path from 'node:path';

// Where pre-flight writes its delta file and verify its retry file unless told: beside the file checked.

function beside(file: string, suffix: string): string {
	const base = path.basename(file).replace(/(\.manifest)?\.json$/i, '');
	return path.join(path.dirname(file), `${base}.${suffix}.json`);
}

/** `users.fixed.json` → `users.fixed.delta.json` beside it (a manifest's `.manifest` is dropped). */
export function defaultDeltaFile(file: string): string {
	return beside(file, 'delta');
}

/** `users.fixed.json` → `users.fixed.retry.json` beside it (a manifest's `.manifest` is dropped). */
export function defaultRetryFile(file: string): string {
	return beside(file, 'retry');
}
