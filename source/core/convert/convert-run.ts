import {createReadStream} from 'node:fs';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {describeIoError} from '../engine/read-batches.js';
import {AtomicFile} from '../files/atomic-file.js';
import {stableUuid} from '../fixes/stable-uuid.js';
import {isUuidAnyCase} from '../rules/formats.js';
import {isPlainObject} from '../rules/json-values.js';
import {csvField} from '../text/csv-field.js';
import {convertAuth0} from './auth0.js';
import {convertClerk} from './clerk.js';
import {convertCognito} from './cognito.js';
import type {ConvertOptions, ConvertedUser} from './converted-user.js';
import {detectSource} from './detect-source.js';
import {convertFirebase} from './firebase.js';
import {type SourceKind, type SourceLayout, sourceKinds, sourceNames} from './source-kinds.js';
import {readSourceRecords} from './source-records.js';
import {convertSupabase} from './supabase.js';

// Streams another provider's export, converts each user, and writes the import file, the rejects,
// and the map from the source's ids to the UUIDs given. Nothing is in place until `commit`: the
// loss report can be read, and the conversion dropped, before any output file exists.

const converters: Record<SourceKind, (record: Record<string, unknown>, options: ConvertOptions) => ConvertedUser> = {
	auth0: convertAuth0,
	firebase: convertFirebase,
	supabase: convertSupabase,
	clerk: convertClerk,
	cognito: convertCognito,
};

export type ConvertFiles = {out: string; rejects: string; map: string};

/** The output beside the source (`users.json.gz` → `users.hanko.json`), unless `out` names one. */
export function defaultConvertFiles(source: string, out?: string): ConvertFiles {
	const target = out ?? path.join(path.dirname(source), `${path.basename(source).replace(/(?:\.(?:json|ndjson|jsonl|csv))?(?:\.gz)?$/i, '')}.hanko.json`);
	const base = path.join(path.dirname(target), path.basename(target).replace(/\.json$/i, ''));
	return {out: target, rejects: `${base}.rejects.ndjson`, map: `${base}.id-map.csv`};
}

export type LossReport = {
	source: SourceKind;
	users: number;
	written: number;
	rejected: Record<string, number>;
	/** Users carrying each kind of data Hanko cannot hold. */
	losses: Record<string, number>;
	passwords: {kept: number; converted: number; none: number; reset: Record<string, number>};
	idsReplaced: number;
};

export type ConvertProgress = {users: number; bytesRead: number; size: number};

export type PendingConversion = {
	report: LossReport;
	files: ConvertFiles;
	/** Puts the three files in place (each renamed over its name). */
	commit(): Promise<void>;
	/** Drops what was written; nothing of it stays on disk. */
	abort(): Promise<void>;
};

/**
 * Password hashes of Auth0's separate export (NDJSON: `_id` as `{"$oid": ...}`, `email`, `passwordHash`),
 * by `id:<oid>` (the part of the user_id after `auth0|`) and by `email:<lowercased address>`.
 */
export async function readPasswordExport(file: string): Promise<Map<string, string>> {
	const hashes = new Map<string, string>();
	const lines = createInterface({input: createReadStream(file, {encoding: 'utf8'}), crlfDelay: Number.POSITIVE_INFINITY});
	for await (const line of lines) {
		if (!line.trim()) continue;
		try {
			const entry = JSON.parse(line) as {_id?: unknown; email?: unknown; passwordHash?: unknown};
			if (typeof entry.passwordHash !== 'string') continue;
			const oid = isPlainObject(entry._id) ? entry._id.$oid : entry._id;
			if (typeof oid === 'string' && oid) hashes.set(`id:${oid}`, entry.passwordHash);
			if (typeof entry.email === 'string') hashes.set(`email:${entry.email.trim().toLowerCase()}`, entry.passwordHash);
		} catch {} // A damaged line costs that user's password only: the report counts them
	}

	return hashes;
}

export class UnknownSourceError extends Error {
	constructor(file: string) {
		super(`${file}: not an export of a provider this tool knows (${sourceKinds.map(kind => sourceNames[kind]).join(', ')}): name the source with --from (${sourceKinds.join(', ')})`);
	}
}

const bump = (counts: Record<string, number>, key: string) => {
	counts[key] = (counts[key] ?? 0) + 1;
};

export type ConvertRunOptions = ConvertOptions & {
	from?: SourceKind;
	/** Already detected (the screen detects before it asks). */
	layout?: SourceLayout;
	onProgress?(progress: ConvertProgress): void;
	signal?: AbortSignal;
};

/** Converts `file` into temporary files; `commit` the result to put them in place. */
export async function convertFile(file: string, files: ConvertFiles, options: ConvertRunOptions): Promise<PendingConversion> {
	let layout = options.layout;
	try {
		layout ??= await detectSource(file, options.from);
	} catch (error) {
		throw new Error(`${file}: cannot read the file: ${describeIoError(error)}`);
	}

	if (!layout) throw new UnknownSourceError(file);
	const convert = converters[layout.kind];
	const out = await AtomicFile.create(files.out);
	const rejects = await AtomicFile.create(files.rejects);
	const map = await AtomicFile.create(files.map);
	const opened = [out, rejects, map];
	const abort = async () => {
		await Promise.all(opened.map(async file => file.abort()));
	};

	try {
		map.write('record,source_id,user_id\n');
		out.write('[');
		const report: LossReport = {source: layout.kind, users: 0, written: 0, rejected: {}, losses: {}, passwords: {kept: 0, converted: 0, none: 0, reset: {}}, idsReplaced: 0};
		let bytesRead = 0;
		let size = 0;
		const reject = (index: number, line: number, reason: string, original: unknown) => {
			bump(report.rejected, reason);
			return rejects.write(`${JSON.stringify({record: index, line, reason, original})}\n`);
		};

		const fatal = await readSourceRecords(file, layout.container, {
			progress(read, total) {
				bytesRead = read;
				size = total;
			},
			async batch(records) {
				if (options.signal?.aborted) throw new Error('cancelled');
				const waits: Array<Promise<void> | undefined> = [];
				for (const {index, line, value, error} of records) {
					report.users++;
					if (error !== undefined || !isPlainObject(value)) {
						waits.push(reject(index, line, error ?? 'not an object', error === undefined ? value : null));
						continue;
					}

					const user = convert(value, options);
					if (!user.record) {
						waits.push(reject(index, line, user.reject ?? 'rejected', value));
						continue;
					}

					// What the written users lose: a rejected user is in the rejects file whole
					for (const lost of user.losses) bump(report.losses, lost);
					const {password} = user;
					if (password.kind === 'reset') bump(report.passwords.reset, password.reason);
					else report.passwords[password.kind]++;
					// A source id that is a UUID stays (lowercased); any other becomes a stable UUID, in the map
					const id = isUuidAnyCase(user.sourceId) ? user.sourceId.toLowerCase() : stableUuid(`id:${user.sourceId}`);
					if (id !== user.sourceId) {
						report.idsReplaced++;
						waits.push(map.write(`${index},${csvField(user.sourceId)},${id}\n`));
					}

					waits.push(out.write(`${report.written++ === 0 ? '\n  ' : ',\n  '}${JSON.stringify({user_id: id, ...user.record})}`));
				}

				await Promise.all(waits.filter(Boolean));
				options.onProgress?.({users: report.users, bytesRead, size});
			},
		});
		if (fatal) throw new Error(`${file}:${fatal.line}:${fatal.column}: ${fatal.message}`);
		out.write(report.written === 0 ? ']\n' : '\n]\n');
		return {
			report,
			files,
			async commit() {
				for (const file of [map, rejects, out]) await file.commit(); // eslint-disable-line no-await-in-loop
			},
			abort,
		};
	} catch (error) {
		await abort();
		throw error;
	}
}
