import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {freshCheckpoint} from '../../../source/core/export/export-checkpoint.js';
import {ExportOutputs} from '../../../source/core/export/export-outputs.js';
import {useTempDir} from '../../helpers/temp-dir.js';

describe('ExportOutputs', () => {
	const temp = useTempDir();

	it("appends a page's lines to each partial file and counts their bytes in the checkpoint", async () => {
		const out = path.join(temp(), 'out.json');
		const outputs = ExportOutputs.of({out, raw: path.join(temp(), 'raw.ndjson'), deep: true});
		expect(outputs.files).toEqual({out, raw: path.join(temp(), 'raw.ndjson'), contacts: outputs.contacts!.target});
		const checkpoint = freshCheckpoint({apiUrl: 'http://127.0.0.1:9/', perPage: 10, raw: null, deep: true}, 0);
		for (const output of outputs.all) await output.open(0, false);
		try {
			await outputs.appendPage({lines: '{"user_id":"a"}\n', rawLines: '{"id":"a"}\n', contactLines: 'a,é\n'}, checkpoint);
			await outputs.appendPage({lines: '{"user_id":"b"}\n', rawLines: '', contactLines: ''}, checkpoint);
		} finally {
			await outputs.close();
		}

		expect(readFileSync(outputs.out.partial, 'utf8')).toBe('{"user_id":"a"}\n{"user_id":"b"}\n');
		expect(checkpoint).toMatchObject({partialBytes: 32, rawBytes: 11, contactBytes: 5});
	});

	it('names no raw or contacts file it does not write', () => {
		expect(ExportOutputs.of({out: 'o.json'}).files).toEqual({out: 'o.json', raw: null, contacts: null});
	});
});
