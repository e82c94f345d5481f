import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import {afterEach, describe, expect, it} from 'vitest';
import {keysFromWorker} from '../../../source/core/engine/key-requests.js';
import {readRecordKeys} from '../../../source/core/engine/record-keys.js';
import {RecordReader} from '../../../source/core/engine/record-reader.js';
import {hankoRules} from '../../../source/core/rules/hanko-versions.js';
import type {RuleContext} from '../../../source/core/rules/validate-record.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const temp = useTempDir();
const now = Date.parse('2026-12-01T00:00:00Z');

/** A worker that serves key requests as the reader worker does at the end of a run (the build's code). */
function keyWorker(): Worker {
	const dist = new URL('../../../dist/core/engine/', import.meta.url).href;
	return new Worker(
		`Promise.all([import('${dist}key-requests.js'), import('${dist}worker-rules.js')]).then(([keys, rules]) =>
			keys.serveKeyRequests(rules.contextOf({now: ${now}, hankoVersion: '3.0'})))`,
		{eval: true},
	);
}

describe('keysFromWorker', () => {
	let worker: Worker | undefined;
	afterEach(async () => {
		await worker?.terminate();
	});

	it('gives the keys and labels this thread reads, and fails once the worker has ended', async () => {
		const users = Array.from({length: 300}, (_, i) => ({
			user_id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
			emails: [{address: `User${i}@Example.com`, is_primary: true, is_verified: true}],
			...(i % 3 === 0 && {username: `user_${i}`}),
		}));
		const text = JSON.stringify(users, null, 2);
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, text);
		const header = {format: 'json-array', compressed: false, bytes: text.length, seekable: true, bom: false} as const;
		// One checkpoint: the first record, on line 2, column 3
		const checkpoints = [0, text.indexOf('{'), 2, 3];
		const context: RuleContext = {now, rules: hankoRules('3.0') as RuleContext['rules']};
		const records = [0, 7, 150, 299, 42];
		const expected = await readRecordKeys(new RecordReader(file, header, checkpoints), records, context, true);

		worker = keyWorker();
		const read = keysFromWorker(worker, {file, header, checkpoints, who: true});
		const [first, second] = await Promise.all([read(records.slice(0, 2)), read(records.slice(2))]);
		const found = new Map([...first, ...second]);
		expect(found).toEqual(expected);
		expect(found.get(42)?.keys?.emails[0]?.address).toBe('user42@example.com');

		await worker.terminate();
		await expect(read([1])).rejects.toThrow('the worker ended');
	});
});
