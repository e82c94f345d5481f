import {once} from 'node:events';
import type {Writable} from 'node:stream';
import type {Problem} from '../../core/engine/problem-store.js';
import type {ValidationSummary} from '../../core/report/validation-report.js';

const chunkSize = 64 * 1024;

/**
 * Writes the `--json` document with its problems streamed one a line, so that `--max-issues 0` on a
 * file with millions of problems never builds the whole text (or the whole list) in memory.
 */
export async function writeJsonReport(summary: ValidationSummary, problems: Iterable<Problem>, out: Writable): Promise<void> {
	const {issuesTruncated, fatal, ...head} = summary;
	const field = (key: string, value: unknown) => `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}`;
	let pending = `{\n${Object.entries(head)
		.map(([key, value]) => field(key, value))
		.join(',\n')},\n  "issues": [`;
	let first = true;
	const flush = async () => {
		if (!out.write(pending)) await once(out, 'drain');
		pending = '';
	};

	for (const problem of problems) {
		pending += `${first ? '\n' : ',\n'}    ${JSON.stringify(problem)}`;
		first = false;

		if (pending.length >= chunkSize) await flush();
	}

	pending += `${first ? '' : '\n  '}],\n${field('issuesTruncated', issuesTruncated)},\n${field('fatal', fatal)}\n}\n`;
	await flush();
}
