// The export against the mock Admin API (`hanko-tui mock-api`, in its own process) with a fixed delay
// on every request: ours (`hanko-tui export`) against the ideal time for its concurrency and page size
// (pages x latency / concurrency) and against a sequential page-by-page walk, in the same run, with
// our peak RSS. Options: --users N (100000), --latency MS (20), --per-page N (100), --concurrency N (4).

import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync, mkdirSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {measureNode} from './measure-child.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(benchDir);
const cli = path.join(repoDir, 'dist/cli.js');
const argv = process.argv.slice(2);
const option = (name, fallback) => Number(argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const users = option('--users', 100_000);
const latency = option('--latency', 20);
const perPage = option('--per-page', 100);
const concurrency = option('--concurrency', 4);
const work = mkdtempSync(path.join(os.tmpdir(), 'hanko-export-bench-'));
const key = 'bench-key';

function startMock() {
	const child = spawn(process.execPath, [cli, 'mock-api', '--users', String(users), '--key', key, '--faults', `latency=${latency}`], {stdio: ['ignore', 'pipe', 'inherit']});
	return new Promise((resolve, reject) => {
		let text = '';
		child.stdout.setEncoding('utf8').on('data', chunk => {
			text += chunk;
			const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
			if (url) resolve({child, url});
		});
		child.once('exit', code => reject(new Error(`mock-api exited ${code}`)));
	});
}

async function timed(args, env) {
	return measureNode(args, {stdout: 'pipe', env});
}

const sequentialWalker = `
const [url, perPage, key] = process.argv.slice(2);
let page = 1, count = 0;
for (;;) {
	const response = await fetch(url + '/users?sort_direction=asc&per_page=' + perPage + '&page=' + page, {headers: {authorization: 'Bearer ' + key}});
	const users = await response.json();
	count += users.length;
	if (users.length < Number(perPage)) break;
	page++;
}
console.log(JSON.stringify({users: count, pages: page}));
`;

const {child: mock, url} = await startMock();
try {
	console.error(`Mock: ${users.toLocaleString('en-US')} users at ${url}, ${latency} ms a request`);
	const out = path.join(work, 'users.json');
	console.error('Running hanko-tui export ...');
	const ours = await timed([cli, 'export', '--api-url', url, '--out', out, '--per-page', String(perPage), '--concurrency', String(concurrency), '--json'], {HANKO_API_KEY: key});
	if (ours.code !== 0) throw new Error(`export exited ${ours.code}`);
	const summary = JSON.parse(ours.stdout);
	const walker = path.join(work, 'sequential.mjs');
	writeFileSync(walker, sequentialWalker);
	console.error('Running a sequential page-by-page walk ...');
	const sequential = await timed([walker, url, String(perPage), key]);
	const pages = Math.ceil(summary.total / perPage);
	const ideal = (pages * latency) / 1000 / concurrency;
	const result = {
		date: new Date().toISOString(),
		machine: `${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, Node ${process.version}`,
		users: summary.users, total: summary.total, verified: summary.verified, pages, latencyMs: latency, perPage, concurrency,
		oursSeconds: ours.seconds, oursPeakRssMB: ours.peakRssMB, idealSeconds: ideal, sequentialSeconds: sequential.seconds,
		vsIdeal: ours.seconds / ideal, vsSequential: sequential.seconds / ours.seconds,
	};
	console.log(`export of ${summary.users.toLocaleString('en-US')} users (${pages} pages, ${latency} ms a request, ${concurrency} at once):`);
	console.log(`  ours        ${ours.seconds.toFixed(2)} s, peak RSS ${ours.peakRssMB.toFixed(0)} MB, verified: ${summary.verified}`);
	console.log(`  ideal       ${ideal.toFixed(2)} s (pages x latency / concurrency)`);
	console.log(`  sequential  ${sequential.seconds.toFixed(2)} s`);
	const check = (name, pass, detail) => console.log(`${pass ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);
	check('export <= 1.25x the ideal time', result.vsIdeal <= 1.25, `${result.vsIdeal.toFixed(2)}x`);
	check('export >= 3.5x faster than the sequential walk', result.vsSequential >= 3.5, `${result.vsSequential.toFixed(2)}x`);
	check('export peak RSS <= 150 MB', ours.peakRssMB > 0 && ours.peakRssMB <= 150, `${ours.peakRssMB.toFixed(0)} MB`);
	mkdirSync(path.join(benchDir, 'results'), {recursive: true});
	writeFileSync(path.join(benchDir, 'results', 'export-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
	mock.kill('SIGINT');
	rmSync(work, {recursive: true, force: true});
}
