// The steps around an import, in the same run: `verify` of a file against the project it went into,
// timed beside an `export` of those same users (the mock adds a fixed delay to every request, 4 at once);
// `preflight` of the file against an empty project; and `fix --split 50MB` beside `fix` on the bench's
// large file. Options: --users N (100000), --latency MS (20), --records N (the split's file, 1000000).

import {mkdtempSync, rmSync, writeFileSync, mkdirSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {defaultDir, ensureDataset} from './generate.mjs';
import {measureNode} from './measure-child.mjs';
import {startMock as startMockProcess} from './mock-process.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(benchDir);
const cli = path.join(repoDir, 'dist/cli.js');
const argv = process.argv.slice(2);
const option = (name, fallback) => Number(argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const users = option('--users', 100_000);
const latency = option('--latency', 20);
const records = option('--records', 1_000_000);
const concurrency = 4;
const work = mkdtempSync(path.join(os.tmpdir(), 'hanko-target-bench-'));
const key = 'bench-key';
const check = (name, pass, detail) => console.log(`${pass ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);

const startMock = async args => startMockProcess(cli, ['--key', key, '--faults', `latency=${latency}`, ...args]);

const id = i => `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`;
const file = path.join(work, 'users.json');
writeFileSync(
	file,
	`[\n${Array.from({length: users}, (_, i) =>
		JSON.stringify({
			user_id: id(i),
			emails: [{address: `user${i}@example.com`, is_primary: true, is_verified: true}],
			...(i % 2 === 0 && {username: `user${i}`}),
		}),
	).join(',\n')}\n]\n`,
);

const mocks = [];
try {
	console.error(`Starting a project of ${users.toLocaleString('en-US')} users (imported from the file), ${latency} ms a request ...`);
	const full = await startMock(['--users', '0', '--import', file]);
	mocks.push(full.child);
	const env = {HANKO_API_KEY: key};
	console.error('Running hanko-tui export ...');
	const exported = await measureNode(
		[cli, 'export', '--api-url', full.url, '--out', path.join(work, 'export.json'), '--concurrency', String(concurrency), '--json'],
		{stdout: 'pipe', env},
	);
	if (exported.code !== 0) throw new Error(`export exited ${exported.code}: ${exported.stderr}`);
	console.error('Running hanko-tui verify ...');
	const verified = await measureNode([cli, 'verify', file, '--api-url', full.url, '--concurrency', String(concurrency), '--json'], {
		stdout: 'pipe',
		env,
	});
	if (verified.code !== 0) throw new Error(`verify exited ${verified.code}: ${verified.stderr}`);
	const report = JSON.parse(verified.stdout);

	const empty = await startMock(['--users', '0']);
	mocks.push(empty.child);
	console.error('Running hanko-tui preflight against an empty project ...');
	const preflight = await measureNode(
		[cli, 'preflight', file, '--api-url', empty.url, '--delta', path.join(work, 'delta.json'), '--json'],
		{
			stdout: 'pipe',
			env,
		},
	);
	if (preflight.code !== 0) throw new Error(`preflight exited ${preflight.code}: ${preflight.stderr}`);

	const data = ensureDataset(records, {dir: defaultDir(), log: line => console.error(line)});
	const outDir = path.join(work, 'fix');
	mkdirSync(outDir);
	console.error(`Running hanko-tui fix on ${data.file}, then with --split 50MB ...`);
	const fix = await measureNode([cli, 'fix', data.file, '--out', path.join(outDir, 'one.json'), '--quiet'], {});
	const split = await measureNode([cli, 'fix', data.file, '--out', path.join(outDir, 'parts.json'), '--split', '50MB', '--quiet'], {});
	if (fix.code > 1 || split.code > 1) throw new Error(`fix exited ${fix.code}, with --split ${split.code}`);

	const result = {
		date: new Date().toISOString(),
		machine: `${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, Node ${process.version}`,
		users,
		latencyMs: latency,
		concurrency,
		exportSeconds: exported.seconds,
		verifySeconds: verified.seconds,
		verifyPeakRssMB: verified.peakRssMB,
		verifyVsExport: verified.seconds / exported.seconds,
		matched: report.matched,
		preflightEmptySeconds: preflight.seconds,
		preflightPeakRssMB: preflight.peakRssMB,
		fixSeconds: fix.seconds,
		splitSeconds: split.seconds,
		splitVsFix: split.seconds / fix.seconds,
		records,
	};
	console.log(`verify and preflight of ${users.toLocaleString('en-US')} users (${latency} ms a request, ${concurrency} at once):`);
	console.log(`  export       ${exported.seconds.toFixed(2)} s, peak RSS ${exported.peakRssMB.toFixed(0)} MB`);
	console.log(`  verify       ${verified.seconds.toFixed(2)} s, peak RSS ${verified.peakRssMB.toFixed(0)} MB, ${report.matched} matched`);
	console.log(`  preflight    ${preflight.seconds.toFixed(2)} s against an empty project, peak RSS ${preflight.peakRssMB.toFixed(0)} MB`);
	console.log(
		`fix of ${records.toLocaleString('en-US')} records: ${fix.seconds.toFixed(2)} s; with --split 50MB ${split.seconds.toFixed(2)} s`,
	);
	check('verify <= 1.5x the export of the same users', result.verifyVsExport <= 1.5, `${result.verifyVsExport.toFixed(2)}x`);
	check('verify peak RSS <= 200 MB', verified.peakRssMB > 0 && verified.peakRssMB <= 200, `${verified.peakRssMB.toFixed(0)} MB`);
	check('every user matched', report.matched === users && report.missing.length === 0, `${report.matched}`);
	check('preflight against an empty project in seconds', preflight.seconds < 10, `${preflight.seconds.toFixed(2)} s`);
	check('fix --split <= 1.2x fix', result.splitVsFix <= 1.2, `${result.splitVsFix.toFixed(2)}x`);
	mkdirSync(path.join(benchDir, 'results'), {recursive: true});
	writeFileSync(path.join(benchDir, 'results', 'target-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
	process.exitCode =
		result.verifyVsExport <= 1.5 && verified.peakRssMB <= 200 && preflight.seconds < 10 && result.splitVsFix <= 1.2 ? 0 : 1;
} finally {
	for (const mock of mocks) mock.kill('SIGTERM');
	rmSync(work, {recursive: true, force: true});
}
