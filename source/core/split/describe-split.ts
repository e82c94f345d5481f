import path from 'node:path';
import {count} from '../text/count.js';
import {splitNames} from './part-names.js';
import type {SplitManifest} from './split-manifest.js';

/** The parts of a split output, a line each, after a line naming the manifest. */
export function splitLines(out: string, manifest: SplitManifest): string[] {
	const folder = path.dirname(out);
	const parts = manifest.parts.length === 1 ? 'one part' : `${count(manifest.parts.length)} parts`;
	return [
		`split into ${parts} for Hanko Cloud's Console, listed in ${splitNames(out).manifest}:`,
		...manifest.parts.map(part => `  ${path.join(folder, part.file)}  ${count(part.users)} users, ${count(part.bytes)} bytes`),
	];
}
