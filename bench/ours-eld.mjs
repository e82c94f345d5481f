// Runs hanko-tui's validation engine in this process (as the TUI does) and measures the main thread's
// event-loop delay meanwhile. The histogram's samples include the 10 ms timer interval itself: an
// idle loop shows about 10 ms, so the figures are an upper bound on the extra delay.
//
// Usage: node bench/ours-eld.mjs <file>   (after `npm run build`)
// Prints one JSON line: {records, invalid, seconds, stalls, eld: {resolutionMs, p50Ms, p99Ms, maxMs, meanMs}}.

import {monitorEventLoopDelay} from 'node:perf_hooks';
import process from 'node:process';
import {ValidationRun} from '../dist/core/engine/validation-run.js';

const file = process.argv[2];
if (!file) {
	process.stderr.write('usage: node bench/ours-eld.mjs <file>\n');
	process.exit(2);
}

const resolution = 10;
const histogram = monitorEventLoopDelay({resolution});
histogram.enable();
const started = performance.now();
const run = new ValidationRun(file, {maxStoredProblems: 1000}).start();
let progressEvents = 0;
let lastRecords = 0;
let lastRecordsAt = started;
run.on('progress', stats => {
	progressEvents++;
	if (stats.records !== lastRecords) {
		lastRecords = stats.records;
		lastRecordsAt = performance.now();
	}
});

// For diagnosis: the longest stalls of the loop, with when they happened and how far the run was.
const stalls = [];
let tick = performance.now();
const watch = setInterval(() => {
	const now = performance.now();
	const gap = now - tick - resolution;
	tick = now;
	if (gap < 50) return;
	stalls.push({atSeconds: round((now - started) / 1000), ms: round(gap), records: run.stats.records});
	stalls.sort((a, b) => b.ms - a.ms);
	stalls.length = Math.min(stalls.length, 10);
}, resolution);

const stats = await run.finished();
const finished = performance.now();
const seconds = (finished - started) / 1000;
clearInterval(watch);
histogram.disable();

function round(value) {
	return Math.round(value * 100) / 100;
}

const ms = ns => Math.round(ns / 1e4) / 100;
process.stdout.write(
	`${JSON.stringify({
		records: stats.records,
		invalid: stats.invalid,
		fatal: stats.fatal ? stats.fatal.message : null,
		seconds,
		progressEvents,
		// Time from the last record merged to the run's end (work done after the records were counted)
		afterLastRecordSeconds: round((finished - lastRecordsAt) / 1000),
		stalls,
		eld: {
			resolutionMs: resolution,
			samples: histogram.count,
			p50Ms: ms(histogram.percentile(50)),
			p99Ms: ms(histogram.percentile(99)),
			maxMs: ms(histogram.max),
			meanMs: ms(histogram.mean),
		},
	})}\n`,
);
