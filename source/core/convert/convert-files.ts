import path from 'node:path';

// The three files a conversion writes: the import file, the users it rejected, and the map from the
// source's ids to the UUIDs given.

export type ConvertFiles = {out: string; rejects: string; map: string};

/** The output beside the source (`users.json.gz` → `users.hanko.json`), unless `out` names one. */
export function defaultConvertFiles(source: string, out?: string): ConvertFiles {
	const target =
		out ??
		path.join(path.dirname(source), `${path.basename(source).replace(/(?:\.(?:json|ndjson|jsonl|csv))?(?:\.gz)?$/i, '')}.hanko.json`);
	const base = path.join(path.dirname(target), path.basename(target).replace(/\.json$/i, ''));
	return {out: target, rejects: `${base}.rejects.ndjson`, map: `${base}.id-map.csv`};
}
