import path from 'node:path';

// The files of a split output `users.fixed.json`: `users.fixed-001.json`, `users.fixed-002.json`, … and
// `users.fixed.manifest.json`, beside where the single file would have been.

export type SplitNames = {
	part(n: number): string;
	manifest: string;
	/** Whether a file name (no folder) is one of this split's part names. */
	isPart(file: string): boolean;
};

export function splitNames(out: string): SplitNames {
	const extension = path.extname(out);
	const stem = extension ? out.slice(0, -extension.length) : out;
	const suffix = extension || '.json';
	const base = path.basename(stem);
	return {
		part: n => `${stem}-${String(n).padStart(3, '0')}${suffix}`,
		manifest: `${stem}.manifest.json`,
		isPart: file =>
			file.startsWith(`${base}-`) && file.endsWith(suffix) && /^\d{3,}$/.test(file.slice(base.length + 1, -suffix.length)),
	};
}
