import path from 'node:path';

// The files a conversion writes: the import file, the users it rejected, the map from the source's ids
// to the UUIDs given, and with `--profile` what the Admin API can set after the import.

export type ConvertFiles = {
	out: string;
	rejects: string;
	map: string;
	/** Names, pictures and metadata for the Admin API to set after the import (`--profile`): NDJSON. */
	profile?: string;
};

/** The output beside the source (`users.json.gz` → `users.hanko.json`), unless `out` names one. */
export function defaultConvertFiles(source: string, out?: string): ConvertFiles {
	const target =
		out ??
		path.join(path.dirname(source), `${path.basename(source).replace(/(?:\.(?:json|ndjson|jsonl|csv))?(?:\.gz)?$/i, '')}.hanko.json`);
	const base = path.join(path.dirname(target), path.basename(target).replace(/\.json$/i, ''));
	return {out: target, rejects: `${base}.rejects.ndjson`, map: `${base}.id-map.csv`};
}
