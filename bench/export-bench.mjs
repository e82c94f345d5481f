// The export against the mock Admin API (`hanko-tui mock-api`, in its own process) with a fixed delay
// on every request: ours (`hanko-tui export`) against the ideal time for its concurrency and page size
// (pages x latency / concurrency) and against a sequential page-by-page walk, in the same run, with
// our peak RSS. Options: --users N (100000), --latency MS (20), --per-page N (100), --concurrency N (4).

import {mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {measureNode} from './measure-child.mjs';
import {startMock as startMockProcess} from './mock-process.mjs';

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

const startMock = async () => startMockProcess(cli, ['--users', String(users), '--key', key, '--faults', `latency=${latency}`]);

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

// The look-up of users a later walk did not see, on its own: 10,000 ids of the mock's users checked
// with the exporter's batched, concurrent look-up, against one request per user (timed on a sample)
const checker = `
const [dist, url, key, idsFile, concurrency, sample] = process.argv.slice(2);
const {readFileSync} = await import('node:fs');
const {AdminClient} = await import(dist + '/core/export/admin-client.js');
const {findGone} = await import(dist + '/core/export/check-ids.js');
const ids = readFileSync(idsFile, 'utf8').trim().split('\\n');
const client = new AdminClient({apiUrl: url, apiKey: key, connections: Number(concurrency)});
let started = performance.now();
const gone = await findGone(client, ids, {concurrency: Number(concurrency)});
const batched = (performance.now() - started) / 1000;
started = performance.now();
for (const id of ids.slice(0, Number(sample))) await client.getUser(id);
const oneByOne = ((performance.now() - started) / 1000) * (ids.length / Number(sample));
await client.close();
console.log(JSON.stringify({ids: ids.length, gone: gone.size, batchedSeconds: batched, oneByOneSeconds: oneByOne}));
`;

// The floor this machine allows: the exporter's own HTTP client alone, as many requests at once, every
// page fetched and parsed and nothing else done
const floorWalker = `
const [dist, url, key, perPage, concurrency, pages] = process.argv.slice(2);
const {AdminClient} = await import(dist + '/core/export/admin-client.js');
const client = new AdminClient({apiUrl: url, apiKey: key, connections: Number(concurrency)});
let next = 1;
let users = 0;
const worker = async () => {
	while (next <= Number(pages)) users += (await client.listPage(next++, Number(perPage))).users.length;
};
await Promise.all(Array.from({length: Number(concurrency)}, worker));
await client.close();
console.log(JSON.stringify({users}));
`;

const {child: mock, url} = await startMock();
const check = (name, pass, detail) => console.log(`${pass ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);
try {
	console.error(`Mock: ${users.toLocaleString('en-US')} users at ${url}, ${latency} ms a request`);
	const runs = [];
	for (const size of [perPage, 1000]) {
		const out = path.join(work, `users-${size}.json`);
		console.error(`Running hanko-tui export, ${size} a page ...`);

		const run = await timed(
			[cli, 'export', '--api-url', url, '--out', out, '--per-page', String(size), '--concurrency', String(concurrency), '--json'],
			{HANKO_API_KEY: key},
		);
		if (run.code !== 0) throw new Error(`export exited ${run.code}: ${run.stderr}`);
		runs.push({perPage: size, out, run, summary: JSON.parse(run.stdout)});
	}

	const [ours, big] = runs;
	const summary = ours.summary;
	const walker = path.join(work, 'sequential.mjs');
	writeFileSync(walker, sequentialWalker);
	console.error('Running a sequential page-by-page walk ...');
	const sequential = await timed([walker, url, String(perPage), key]);
	const floorFile = path.join(work, 'floor.mjs');
	writeFileSync(floorFile, floorWalker);
	console.error('Running the client alone, as many at once ...');
	const floor = await timed([
		floorFile,
		path.join(repoDir, 'dist'),
		url,
		key,
		String(perPage),
		String(concurrency),
		String(Math.ceil(summary.total / perPage)),
	]);
	if (floor.code !== 0) throw new Error(`the client alone exited ${floor.code}: ${floor.stderr}`);
	const idsFile = path.join(work, 'ids.txt');
	const ids = JSON.parse(readFileSync(ours.out, 'utf8'))
		.slice(0, 10_000)
		.map(user => user.user_id);
	writeFileSync(idsFile, `${ids.join('\n')}\n`);
	const checkerFile = path.join(work, 'checker.mjs');
	writeFileSync(checkerFile, checker);
	console.error(`Looking up ${ids.length.toLocaleString('en-US')} users by id ...`);
	const lookup = await timed([checkerFile, path.join(repoDir, 'dist'), url, key, idsFile, String(concurrency), '200']);
	if (lookup.code !== 0) throw new Error(`the look-up exited ${lookup.code}: ${lookup.stderr}`);
	const lookups = JSON.parse(lookup.stdout);
	const pages = Math.ceil(summary.total / perPage);
	const ideal = (pages * latency) / 1000 / concurrency;
	const result = {
		date: new Date().toISOString(),
		machine: `${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, Node ${process.version}`,
		users: summary.users,
		total: summary.total,
		verified: summary.verified,
		pages,
		latencyMs: latency,
		perPage,
		concurrency,
		oursSeconds: ours.run.seconds,
		oursCpuSeconds: ours.run.cpuSeconds,
		oursPeakRssMB: ours.run.peakRssMB,
		idealSeconds: ideal,
		sequentialSeconds: sequential.seconds,
		clientAloneSeconds: floor.seconds,
		vsIdeal: ours.run.seconds / ideal,
		vsSequential: sequential.seconds / ours.run.seconds,
		thousandAPage: {seconds: big.run.seconds, peakRssMB: big.run.peakRssMB, users: big.summary.users, verified: big.summary.verified},
		lookup: lookups,
	};
	console.log(
		`export of ${summary.users.toLocaleString('en-US')} users (${pages} pages, ${latency} ms a request, ${concurrency} at once):`,
	);
	console.log(
		`  ours        ${ours.run.seconds.toFixed(2)} s, peak RSS ${ours.run.peakRssMB.toFixed(0)} MB, verified: ${summary.verified}`,
	);
	console.log(`  ideal       ${ideal.toFixed(2)} s (pages x latency / concurrency)`);
	console.log(`  sequential  ${sequential.seconds.toFixed(2)} s`);
	console.log(
		`  client alone ${floor.seconds.toFixed(2)} s (the same requests, ${concurrency} at once, nothing done with the pages: this machine's floor)`,
	);
	console.log(
		`  1,000 a page: ${big.run.seconds.toFixed(2)} s, peak RSS ${big.run.peakRssMB.toFixed(0)} MB, verified: ${big.summary.verified}`,
	);
	console.log(
		`look-up of ${lookups.ids.toLocaleString('en-US')} users by id: ${lookups.batchedSeconds.toFixed(2)} s batched (100 a request, ${concurrency} at once); one request per user would take about ${lookups.oneByOneSeconds.toFixed(0)} s`,
	);
	check('export <= 1.25x the ideal time', result.vsIdeal <= 1.25, `${result.vsIdeal.toFixed(2)}x`);
	check(
		'export peak RSS <= 150 MB at 100 a page',
		ours.run.peakRssMB > 0 && ours.run.peakRssMB <= 150,
		`${ours.run.peakRssMB.toFixed(0)} MB`,
	);
	check(
		'export peak RSS <= 150 MB at 1,000 a page',
		big.run.peakRssMB > 0 && big.run.peakRssMB <= 150,
		`${big.run.peakRssMB.toFixed(0)} MB`,
	);
	check(
		'every user in both exports',
		summary.users === big.summary.users && summary.verified && big.summary.verified,
		`${summary.users} and ${big.summary.users}`,
	);
	check(
		'look-up of 10,000 users takes seconds',
		lookups.batchedSeconds < 10 && lookups.gone === 0,
		`${lookups.batchedSeconds.toFixed(2)} s, ${lookups.gone} not found`,
	);
	mkdirSync(path.join(benchDir, 'results'), {recursive: true});
	writeFileSync(path.join(benchDir, 'results', 'export-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
	mock.kill('SIGINT');
	rmSync(work, {recursive: true, force: true});
}
