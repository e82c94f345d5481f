import {type Worker, parentPort} from 'node:worker_threads';
import type {RuleContext} from '../rules/validate-record.js';
import type {SourceHeader} from './read-batches.js';
import {type KeyReading, type RecordKeys, readRecordKeys} from './record-keys.js';
import {RecordReader} from './record-reader.js';

// At the end of a run the reader worker reads the records of the duplicate pairs again, while the UI
// thread checks the spilled partitions that find most of them: a partition's pairs are asked for as
// soon as it is checked, so the reading and the checking overlap (measured at 1M users on 2 cores:
// the end of the run took 0.3 s, 0.12 s of partitions then 0.18 s of reading). And the worker's framer
// and checks are compiled by then, where the UI thread would run them cold.

/** Where the records are: the run's file, as its reader saw it. */
export type KeySource = {file: string; header: SourceHeader; checkpoints: readonly number[]; who: boolean};

type KeysMessage = ({type: 'keys-source'} & KeySource) | {type: 'keys-of'; id: number; records: readonly number[]};
type KeysReply = {type: 'keys'; id: number; entries?: Array<[number, RecordKeys]>; error?: string};

function isKeysMessage(message: unknown): message is KeysMessage {
	const type = typeof message === 'object' && message !== null ? (message as {type?: unknown}).type : undefined;
	return type === 'keys-source' || type === 'keys-of';
}

/** Whether a worker's message answers `keysFromWorker` (the run's own handlers skip it). */
export function isKeysReply(message: unknown): message is KeysReply {
	return typeof message === 'object' && message !== null && (message as {type?: unknown}).type === 'keys';
}

/** In a worker: answers the run's requests for records' keys, one at a time, until the run ends it. */
export function serveKeyRequests(context: RuleContext): void {
	let source: {reader: RecordReader; who: boolean} | undefined;
	let queue = Promise.resolve();
	parentPort!.on('message', (message: unknown) => {
		if (!isKeysMessage(message)) return;
		if (message.type === 'keys-source') {
			source = {reader: new RecordReader(message.file, message.header, message.checkpoints), who: message.who};
			return;
		}

		const {id, records} = message;
		const answer = async (): Promise<KeysReply> => {
			try {
				const found = await readRecordKeys(source!.reader, records, context, source!.who);
				return {type: 'keys', id, entries: [...found]};
			} catch (error) {
				return {type: 'keys', id, error: String(error)};
			}
		};

		queue = queue
			.then(async () => answer())
			.then(reply => {
				parentPort!.postMessage(reply);
			});
	});
}

/**
 * Reads records in `worker`; a reading fails when the worker answers with an error or ends first.
 * The source (with its checkpoints, megabytes at 10M users) goes to the worker once.
 */
export function keysFromWorker(worker: Worker, source: KeySource): KeyReading {
	const waiting = new Map<number, {resolve: (found: Map<number, RecordKeys>) => void; reject: (error: Error) => void}>();
	worker.on('message', (message: unknown) => {
		if (!isKeysReply(message)) return;
		const reading = waiting.get(message.id);
		waiting.delete(message.id);
		if (message.entries) reading?.resolve(new Map(message.entries));
		else reading?.reject(new Error(message.error));
	});
	let ended = false;
	worker.once('exit', () => {
		ended = true;
		for (const reading of waiting.values()) reading.reject(new Error('the worker ended'));
		waiting.clear();
	});
	worker.postMessage({type: 'keys-source', ...source} satisfies KeysMessage);
	let lastId = 0;
	return async records =>
		new Promise((resolve, reject) => {
			if (ended) {
				reject(new Error('the worker ended'));
				return;
			}

			const id = ++lastId;
			waiting.set(id, {resolve, reject});
			worker.postMessage({type: 'keys-of', id, records} satisfies KeysMessage);
		});
}
