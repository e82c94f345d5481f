import path from 'node:path';
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {buildReport, buildSummary} from '../../../source/core/report/validation-report.js';
import {writeJsonReport} from '../../../source/commands/shared/write-json-report.js';

async function streamed(file: string): Promise<{text: string; run: ValidationRun}> {
	const run = new ValidationRun(path.join('fixtures', file), {now: Date.parse('2026-01-01T00:00:00Z')}).start();
	await run.finished();
	const out = new PassThrough({highWaterMark: 16}); // A tiny buffer: the writer must wait for 'drain'
	let text = '';
	out.on('data', (chunk: Buffer) => {
		text += chunk.toString();
	});
	await writeJsonReport(buildSummary(run), run.problems, out);
	return {text, run};
}

describe('writeJsonReport', () => {
	it.each(['broken.json', 'valid.json'])('streams the same document as the whole report (%s)', async file => {
		const {text, run} = await streamed(file);
		const report = buildReport(run);
		expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(report)));
		expect(Object.keys(JSON.parse(text) as object)).toEqual(Object.keys(report));
		expect(text.endsWith('}\n')).toBe(true);
	});

	it('writes one problem a line', async () => {
		const {text, run} = await streamed('broken.json');
		const lines = text.split('\n').filter(line => line.startsWith('    {"record":'));
		expect(lines).toHaveLength(run.problems.size);
	});
});
