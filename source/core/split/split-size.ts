// `--split SIZE`: the most bytes a part may have. Hanko Cloud's Console counts decimal megabytes
// (50 MB = 50,000,000 bytes); binary units are accepted for whoever thinks in them.

const units: Record<string, number> = {
	'': 1,
	b: 1,
	kb: 1e3,
	mb: 1e6,
	gb: 1e9,
	kib: 1024,
	mib: 1024 ** 2,
	gib: 1024 ** 3,
};

/** Small enough for tests, large enough for any one user. */
export const minSplitSize = 1000;

/** Bytes, or why the text is not a size. */
export function parseSplitSize(text: string): number | {error: string} {
	const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
	const unit = match ? units[match[2]!.toLowerCase()] : undefined;
	if (!match || unit === undefined) {
		return {
			error: `--split ${JSON.stringify(text)} is not a size: give bytes or a number with a unit, as 50MB (50,000,000 bytes) or 48MiB`,
		};
	}

	const bytes = Math.floor(Number(match[1]) * unit);
	if (bytes < minSplitSize)
		return {error: `--split ${text} is too small: a part takes at least ${minSplitSize.toLocaleString('en-US')} bytes`};
	if (bytes > Number.MAX_SAFE_INTEGER) return {error: `--split ${text} is too large`};
	return bytes;
}
