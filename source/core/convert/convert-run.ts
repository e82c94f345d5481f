import {createReadStream} from 'node:fs';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {readBatches} from '../engine/read-batches.js';
import {AtomicFile} from '../files/atomic-file.js';
import {stableUuid} from '../fixes/stable-uuid.js';
import {isPlainObject} from '../rules/json-values.js';
import {csvField} from '../text/csv-field.js';
import {isUuidAnyCase} from '../rules/formats.js';
import {convertAuth0, looksLikeAuth0} from './auth0.js';
import type {ConvertOptions, ConvertedUser} from './converted-user.js';
import {convertSupabase, looksLikeSupabase} from './supabase.js';

// Streams another provider's export (a JSON array or NDJSON, gzipped or not), converts each user, and
// writes the import file, the rejects, and the map from the source's ids to the UUIDs given.

export type SourceKind = 'auth0' | 'supabase';

export const sourceKinds: readonly SourceKind[] = ['auth0', 'supabase'];

const converters: Record<SourceKind, (record: Record<string, unknown>, options: ConvertOptions) => ConvertedUser> = {
	auth0: convertAuth0,
	supabase: convertSupabase,
};

export function detectSource(record: unknown): SourceKind | undefined {
	if (!isPlainObject(record)) return undefined;
	const fields = record;
	if (looksLikeSupabase(fields)) return 'supabase';
	if (looksLikeAuth0(fields)) return 'auth0';
	return undefined;
}

export type ConvertFiles = {out: string; rejects: string; map: string};

export function defaultConvertFiles(source: string, out: string): ConvertFiles {
	const base = path.join(path.dirname(out), path.basename(out).replace(/\.json$/i, ''));
	return {out, rejects: `${base}.rejects.ndjson`, map: `${base}.id-map.csv`};
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

/** Password hashes of Auth0's separate export (NDJSON with `email` and `passwordHash`), by lowercased email. */
export async function readPasswordExport(file: string): Promise<Map<string, string>> {
	const hashes = new Map<string, string>();
	const lines = createInterface({input: createReadStream(file, {encoding: 'utf8'}), crlfDelay: Number.POSITIVE_INFINITY});
	for await (const line of lines) {
		if (!line.trim()) continue;
		try {
			const entry = JSON.parse(line) as {email?: unknown; passwordHash?: unknown};
			if (typeof entry.email === 'string' && typeof entry.passwordHash === 'string') hashes.set(entry.email.trim().toLowerCase(), entry.passwordHash);
		} catch {} // A damaged line costs that user's password only: the report counts them
	}

	return hashes;
}

const decoder = new TextDecoder();

export async function convertFile(file: string, files: ConvertFiles, options: ConvertOptions & {from?: SourceKind}): Promise<LossReport> {
	const out = await AtomicFile.create(files.out);
	const rejects = await AtomicFile.create(files.rejects);
	const map = await AtomicFile.create(files.map);
	const opened = [out, rejects, map];
	try {
		map.write('record,source_id,user_id\n');
		out.write('[');
		let source = options.from;
		let unknownSource: Error | undefined;
		const report: LossReport = {source: source ?? 'auth0', users: 0, written: 0, rejected: {}, losses: {}, passwords: {kept: 0, converted: 0, none: 0, reset: {}}, idsReplaced: 0};
		const reject = (index: number, reason: string, original: unknown) => {
			report.rejected[reason] = (report.rejected[reason] ?? 0) + 1;
			return rejects.write(`${JSON.stringify({record: index, reason, original})}\n`);
		};

		const outcome = await readBatches(file, {
			header() {},
			progress() {},
			async batch(batch) {
				const waits: Array<Promise<void> | undefined> = [];
				for (let i = 0; i < batch.count; i++) {
					const index = batch.firstRecord + i;
					report.users++;
					let value: unknown;
					try {
						value = JSON.parse(decoder.decode(batch.buf.subarray(batch.starts[i]!, batch.ends[i]!)));
					} catch {
						waits.push(reject(index, 'not JSON', null));
						continue;
					}

					source ??= detectSource(value);
					if (!source) {
						unknownSource = new Error(`record ${index} does not look like a user of a known provider: name the source with --from (${sourceKinds.join(', ')})`);
						throw unknownSource;
					}

					report.source = source;
					if (!isPlainObject(value)) {
						waits.push(reject(index, 'not an object', value));
						continue;
					}

					const user = converters[source](value, options);
					if (!user.record) {
						waits.push(reject(index, user.reject ?? 'rejected', value));
						continue;
					}

					// What the written users lose: a rejected user is in the rejects file whole
					for (const loss of user.losses) report.losses[loss] = (report.losses[loss] ?? 0) + 1;

					const {password} = user;
					if (password.kind === 'reset') report.passwords.reset[password.reason] = (report.passwords.reset[password.reason] ?? 0) + 1;
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
			},
		});
		if (unknownSource) throw unknownSource;
		if (outcome.fatal) throw new Error(`${file}:${outcome.fatal.line}:${outcome.fatal.column}: ${outcome.fatal.message}`);
		out.write(report.written === 0 ? ']\n' : '\n]\n');
		for (const file of [map, rejects, out]) await file.commit(); // eslint-disable-line no-await-in-loop
		return report;
	} catch (error) {
		await Promise.all(opened.map(async file => file.abort()));
		throw error;
	}
}
