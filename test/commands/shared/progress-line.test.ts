import {describe, expect, it} from 'vitest';
import type {RunStats} from '../../../source/core/engine/validation-run.js';
import {ProgressLine, logIntervalMs, progressMode, validationProgressText} from '../../../source/commands/shared/progress-line.js';

function recorder(columns?: number) {
	const written: string[] = [];
	return {out: {columns, write: (text: string) => written.push(text)}, written};
}

describe('progress on stderr', () => {
	it('is off with --quiet, and with --json unless --progress; a line on a terminal, a log elsewhere', () => {
		expect(progressMode({quiet: true, progress: true, json: false}, true)).toBe('off');
		expect(progressMode({quiet: false, progress: false, json: true}, true)).toBe('off');
		expect(progressMode({quiet: false, progress: true, json: true}, true)).toBe('line');
		expect(progressMode({quiet: false, progress: false, json: false}, true)).toBe('line');
		expect(progressMode({quiet: false, progress: false, json: false}, false)).toBe('log');
	});

	it('on a terminal: redrawn in place at most ~10 times a second, cut to the width, erased at the end', () => {
		let now = 1000;
		const {out, written} = recorder(20);
		const line = new ProgressLine(out, 'line', () => now);
		line.update('first');
		now += 50;
		line.update('too soon');
		now += 50;
		line.update('a line longer than the twenty columns');
		line.clear();
		line.clear(); // Nothing left to erase
		expect(written).toEqual(['\r\u001B[Kfirst', '\r\u001B[Ka line longer than…', '\r\u001B[K']);
	});

	it('in a log: nothing in the first interval, then a plain line per interval, with control characters made safe', () => {
		let now = 0;
		const {out, written} = recorder();
		const line = new ProgressLine(out, 'log', () => now);
		line.update('short run');
		now = logIntervalMs - 1;
		line.update('still short');
		now = logIntervalMs;
		line.update('long run \u001B[31m');
		now += 1000;
		line.update('too soon');
		line.clear();
		expect(written).toEqual([expect.stringMatching(/^long run .*\n$/)]);
		expect(written[0]).not.toContain('\u001B');
	});

	it('counts with thousands separators and the share of the file read', () => {
		const stats = {
			header: {format: 'ndjson', compressed: false, bytes: 120_000_000, seekable: true, bom: false},
			bytesRead: 45_000_000,
			records: 1_234_567,
			recordsPerSecond: 81_234.4,
			invalid: 20_000,
		} as unknown as RunStats;
		expect(validationProgressText('checking users.json', stats)).toBe(
			'checking users.json: 1,234,567 records, 45 MB of 120 MB (37%), 81,234/s, 20,000 invalid',
		);
		const piped = {...stats, header: {...stats.header!, seekable: false, bytes: 0}, invalid: 0} as RunStats;
		expect(validationProgressText('checking -', piped)).toBe('checking -: 1,234,567 records, 45 MB read, 81,234/s');
	});
});
