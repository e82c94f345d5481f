// `npm run bench`: hanko-tui's validator against general-purpose JSON parsers + ajv on the same data.
//
// Options
//   --records N       a data set of N users instead of 1,000,000 (e.g. 100000 for a quick run)
//   --big             the 10,000,000-user file (~4.6 GB), also HANKO_BENCH_BIG=1; contenders: ours, jsonparse
//   --only a,b        contenders to run: ours, fix, jsonparse, jsonstream, stream-json, streamparser
//   --no-eld          skip the in-process event-loop-delay run of our engine
//   --dir DIR         where the data lives (default $HANKO_BENCH_DIR or <tmpdir>/hanko-tui-bench)
//   --runs N          run each contender N times and keep the fastest (peak RSS: the largest of the runs)
//
// Each contender runs in its own child process; wall time is measured around the child, peak RSS
// with GNU time (/usr/bin/time -v, the largest resident set of the process) or, without it, by
// polling VmHWM in /proc. Ours runs its checkers as worker threads in one process, so the process
// figure covers them. The baselines read the "strict" twin of the data file (see generate.mjs),
// since they cannot get past a syntax error; ours reads the file with it.

import {existsSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {gitState, machineInfo, measureNode, warmCache} from './measure-child.mjs';
import {bigRecords, defaultDir, defaultRecords, ensureDataset, expectedCodes, parseRecordsOption} from './generate.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(benchDir);

// The fixed files of the `fix` contender: outside the repository, removed after the run
const fixOutputDir = path.join(os.tmpdir(), `hanko-bench-fix-${process.pid}`);

const targets = {
	fixVsValidate: 1.5,
	speedupVsJsonStream: 3,
	speedupVsJsonParse: 2,
	peakRssMB: 256,
	eventLoopP99Ms: 50,
};

const contenders = {
	ours: {
		label: 'hanko-tui validate (ours)',
		command: data => [path.join(repoDir, 'dist/cli.js'), 'validate', data.file, '--json', '--max-issues', '1000'],
		// Exit 1 means "invalid records found", which is expected here.
		ok: code => code === 0 || code === 1,
		read(stdout) {
			const report = JSON.parse(stdout);
			return {
				records: report.records,
				invalid: report.invalid,
				warnings: report.warnings,
				fatal: report.fatal?.message ?? null,
				issues: report.issues.length,
				issuesTruncated: report.issuesTruncated,
				byCode: report.byCode,
			};
		},
	},
	// Not a baseline: our second command, timed against ours (validate) for its own target
	fix: {
		label: 'hanko-tui fix (ours)',
		command: data => [
			path.join(repoDir, 'dist/cli.js'),
			'fix',
			data.file,
			'--out',
			path.join(fixOutputDir, 'users.fixed.json'),
			'--json',
		],
		ok: code => code === 0 || code === 1,
		read(stdout) {
			const report = JSON.parse(stdout);
			return {
				records: report.counts.records,
				invalid: report.output.invalid,
				written: report.counts.written,
				rejected: report.counts.rejected,
			};
		},
	},
	jsonparse: baseline('jsonparse', 'JSON.parse + ajv'),
	jsonstream: baseline('jsonstream', 'JSONStream + ajv'),
	'stream-json': baseline('stream-json', 'stream-json + ajv'),
	streamparser: baseline('streamparser', '@streamparser/json + ajv'),
};

function baseline(kind, label) {
	return {
		label,
		command: data => [path.join(benchDir, 'baseline.mjs'), kind, data.strictFile],
		ok: code => code === 0,
		read(stdout) {
			const line = stdout.trim().split('\n').at(-1);
			const result = JSON.parse(line);
			if (result.error) throw new Error(result.error);
			return {records: result.records, invalid: result.invalid};
		},
	};
}

// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
	const value = name => {
		const at = argv.indexOf(name);
		return at >= 0 ? argv[at + 1] : undefined;
	};

	const known = new Set(['--records', '--big', '--only', '--no-eld', '--dir', '--runs']);
	for (const [index, arg] of argv.entries()) {
		if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown option ${arg}`);
		if (!arg.startsWith('--') && !['--records', '--only', '--dir', '--runs'].includes(argv[index - 1]))
			throw new Error(`unexpected argument ${arg}`);
	}

	const records = parseRecordsOption(argv);
	const big = records === bigRecords && value('--records') === undefined;
	const only =
		value('--only')
			?.split(',')
			.map(name => name.trim())
			.filter(Boolean) ?? (big ? ['ours', 'jsonparse'] : Object.keys(contenders));
	for (const name of only) {
		if (!contenders[name]) throw new Error(`unknown contender ${name} (known: ${Object.keys(contenders).join(', ')})`);
	}

	const runs = Number(value('--runs') ?? 1);
	if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a whole number, 1 or more');
	return {records, big, only, runs, eld: !argv.includes('--no-eld') && only.includes('ours'), dir: value('--dir') ?? defaultDir()};
}

/** Runs `node <args>` and measures it: {code, signal, seconds, peakRssMB, stdout, stderr}. */
async function measure(args) {
	return measureNode(args, {stdout: 'pipe'});
}

/** Why a child failed, in one line: its own error report, a V8 fatal error, or the exit status. */
function failureReason(result, readError) {
	if (readError) return readError.message;
	const fatal = /FATAL ERROR: (.*)/.exec(result.stderr)?.[1] ?? /(RangeError|Error): (.*)/.exec(result.stderr)?.[0];
	const status = result.signal ? `killed by ${result.signal}` : `exit ${result.code}`;
	return fatal ? `${fatal.trim()} (${status})` : status;
}

const mb = value => (value === undefined ? '-' : value.toFixed(0));
const secs = value => (value === undefined ? '-' : value.toFixed(2));
const count = value => (value === undefined ? '-' : value.toLocaleString('en-US'));

function printTable(rows) {
	const header = ['contender', 'seconds', 'peak RSS MB', 'records', 'invalid', 'CPU s', 'others', 'vs ours'];
	const lines = rows.map(row => [
		row.label,
		row.error ? 'failed' : secs(row.seconds),
		mb(row.peakRssMB),
		count(row.records),
		count(row.invalid),
		secs(row.cpuSeconds),
		row.othersCores === undefined ? '-' : row.othersCores.toFixed(2),
		row.error ? `failed: ${row.error}` : row.ratio === undefined ? '-' : `${row.ratio.toFixed(2)}x`,
	]);
	const widths = header.map((title, column) => Math.max(title.length, ...lines.map(line => (column === 7 ? 0 : line[column].length))));
	const format = line =>
		line
			.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : column === 7 ? cell : cell.padStart(widths[column])))
			.join('  ');
	console.log(format(header));
	console.log(widths.map(width => '-'.repeat(width)).join('  '));
	for (const line of lines) console.log(format(line));
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if (options.only.includes('ours') || options.eld) {
		if (!existsSync(path.join(repoDir, 'dist/cli.js')))
			throw new Error('dist/cli.js is missing: run `npm run build` (npm run bench does)');
	}

	const log = message => console.error(message);
	const data = ensureDataset(options.records, {dir: options.dir, log});
	log(
		`Data: ${data.file} (${(data.bytes / 1e6).toFixed(0)} MB, ${count(data.records)} users, ${count(data.problemRecords)} with injected problems)`,
	);
	log('Warming the page cache ...');
	await warmCache([
		...(options.only.includes('ours') || options.eld ? [data.file] : []),
		...(options.only.some(name => name !== 'ours') ? [data.strictFile] : []),
	]);

	const rows = [];
	mkdirSync(fixOutputDir, {recursive: true});
	process.once('exit', () => rmSync(fixOutputDir, {recursive: true, force: true}));
	for (const id of options.only) {
		const contender = contenders[id];
		log(`Running ${contender.label} ...`);
		let result;
		for (let run = 0; run < options.runs; run++) {
			const attempt = await measure(contender.command(data));
			if (options.runs > 1) log(`  run ${run + 1}: ${secs(attempt.seconds)} s, ${mb(attempt.peakRssMB)} MB`);
			const peakRssMB = Math.max(attempt.peakRssMB, result?.peakRssMB ?? 0);
			if (!result || (contender.ok(attempt.code) && attempt.seconds < result.seconds) || !contender.ok(result.code)) result = attempt;
			result.peakRssMB = peakRssMB;
		}

		const row = {
			id,
			label: contender.label,
			seconds: result.seconds,
			peakRssMB: result.peakRssMB,
			cpuSeconds: result.cpuSeconds,
			othersCores: result.othersCores,
			exitCode: result.code,
		};
		let readError;
		if (contender.ok(result.code)) {
			try {
				Object.assign(row, contender.read(result.stdout));
			} catch (error) {
				readError = error;
			}
		}

		if (!contender.ok(result.code) || readError) {
			let partial;
			try {
				partial = JSON.parse(result.stdout.trim().split('\n').at(-1));
			} catch {}

			row.error = partial?.error ?? failureReason(result, readError);
		}

		log(`  ${row.error ? `failed: ${row.error}` : `${secs(row.seconds)} s, ${mb(row.peakRssMB)} MB, ${count(row.records)} records`}`);
		rows.push(row);
	}

	let eld;
	if (options.eld) {
		log('Running our engine in-process for the event-loop delay ...');
		const result = await measure([path.join(benchDir, 'ours-eld.mjs'), data.file]);
		try {
			eld = {
				...JSON.parse(result.stdout.trim()),
				wallSeconds: result.seconds,
				peakRssMB: result.peakRssMB,
				cpuSeconds: result.cpuSeconds,
				otherProcessesCores: result.othersCores,
			};
		} catch {
			eld = {error: failureReason(result)};
		}

		log(eld.error ? `  failed: ${eld.error}` : `  p99 ${eld.eld.p99Ms} ms, max ${eld.eld.maxMs} ms`);
	}

	const ours = rows.find(row => row.id === 'ours' && !row.error);
	for (const row of rows) {
		if (ours && !row.error) row.ratio = row.seconds / ours.seconds;
	}

	// Targets
	const checks = [];
	const speedup = (id, limit) => {
		const other = rows.find(row => row.id === id);
		const name = `ours >= ${limit}x faster than ${contenders[id].label}`;
		if (!other || !ours) return checks.push({name, status: 'SKIP', detail: !ours ? 'ours did not run' : 'not run'});
		if (other.error) return checks.push({name, status: 'N/A', detail: `baseline failed: ${other.error}`});
		checks.push({
			name,
			value: other.ratio,
			limit,
			status: other.ratio >= limit ? 'PASS' : 'FAIL',
			detail: `${other.ratio.toFixed(2)}x`,
		});
	};

	speedup('jsonstream', targets.speedupVsJsonStream);
	speedup('jsonparse', targets.speedupVsJsonParse);
	const fixRow = rows.find(row => row.id === 'fix');
	if (fixRow) {
		const name = `fix <= ${targets.fixVsValidate}x the time of validate, peak RSS <= ${targets.peakRssMB} MB`;
		if (fixRow.error || !ours) checks.push({name, status: 'N/A', detail: fixRow.error ?? 'validate did not run'});
		else
			checks.push({
				name,
				value: fixRow.ratio,
				limit: targets.fixVsValidate,
				status: fixRow.ratio <= targets.fixVsValidate && fixRow.peakRssMB <= targets.peakRssMB ? 'PASS' : 'FAIL',
				detail: `${fixRow.ratio.toFixed(2)}x, ${mb(fixRow.peakRssMB)} MB`,
			});
	}

	const oursRow = rows.find(row => row.id === 'ours');
	if (oursRow) {
		const name = `ours peak RSS <= ${targets.peakRssMB} MB`;
		checks.push(
			oursRow.peakRssMB > 0
				? {
						name,
						value: oursRow.peakRssMB,
						limit: targets.peakRssMB,
						status: oursRow.peakRssMB <= targets.peakRssMB ? 'PASS' : 'FAIL',
						detail: `${mb(oursRow.peakRssMB)} MB`,
					}
				: {name, status: 'N/A', detail: 'not measured'},
		);
	}

	if (eld) {
		const name = `ours event-loop delay p99 <= ${targets.eventLoopP99Ms} ms`;
		checks.push(
			eld.error
				? {name, status: 'FAIL', detail: eld.error}
				: {
						name,
						value: eld.eld.p99Ms,
						limit: targets.eventLoopP99Ms,
						status: eld.eld.p99Ms <= targets.eventLoopP99Ms ? 'PASS' : 'FAIL',
						detail: `${eld.eld.p99Ms} ms (max ${eld.eld.maxMs} ms, 10 ms timer included)`,
					},
		);
	}

	// Not a target but a precondition for comparing: everyone must see every record.
	const counted = rows.filter(row => !row.error);
	const disagree = counted.filter(row => row.records !== data.records);
	if (eld && !eld.error && eld.records !== data.records) disagree.push({label: 'ours in-process', records: eld.records});
	checks.push({
		name: `record counts = ${count(data.records)}`,
		status: disagree.length === 0 ? (counted.length > 0 ? 'PASS' : 'N/A') : 'FAIL',
		detail:
			disagree.length === 0
				? `${counted.length} contender(s) agree`
				: disagree.map(row => `${row.label}: ${count(row.records)}`).join('; '),
	});

	// Ours should find each injected problem: every code at least as often as it was injected, and
	// exactly the records with an injected error invalid (every injected problem is on its own record).
	if (ours) {
		const {ruleFor} = await import('../dist/core/rules/catalogue.js');
		const wanted = new Map();
		let errorRecords = 0;
		for (const [kind, injected] of Object.entries(data.problems)) {
			const code = expectedCodes[kind];
			if (code === null) continue; // Not a problem for the Hanko checked against
			wanted.set(code, (wanted.get(code) ?? 0) + injected);
			if (ruleFor(code).severity === 'error') errorRecords += injected;
		}

		const missing = [...wanted]
			.filter(([code, injected]) => (ours.byCode[code]?.count ?? 0) < injected)
			.map(([code, injected]) => `${code} ${ours.byCode[code]?.count ?? 0} < ${injected}`);
		checks.push({
			name: 'ours finds every injected problem',
			status: missing.length === 0 && ours.invalid === errorRecords ? 'PASS' : 'FAIL',
			detail: [
				missing.length > 0 ? `too few: ${missing.join(', ')}` : `${wanted.size} codes`,
				`invalid ${count(ours.invalid)}, records with an injected error ${count(errorRecords)}`,
			].join('; '),
		});
	}

	console.log('');
	console.log(
		`hanko-tui bench: ${count(data.records)} users, ${(data.bytes / 1e6).toFixed(0)} MB (${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, node ${process.version})`,
	);
	console.log('');
	printTable(rows);
	console.log("(CPU s: the contender's user+system CPU time; others: cores kept busy by other processes meanwhile, on average)");
	if (rows.some(row => (row.othersCores ?? 0) > 0.25))
		console.log('WARNING: other processes used the CPU during the run: the figures are not reliable');
	if (eld && !eld.error) {
		console.log('');
		console.log(
			`ours in-process: ${secs(eld.seconds)} s, ${mb(eld.peakRssMB)} MB; event-loop delay (resolution 10 ms) p50 ${eld.eld.p50Ms} ms, p99 ${eld.eld.p99Ms} ms, max ${eld.eld.maxMs} ms`,
		);
	}

	console.log('');
	for (const check of checks) console.log(`${check.status.padEnd(4)}  ${check.name}${check.detail ? `: ${check.detail}` : ''}`);

	const results = {
		date: new Date().toISOString(),
		code: gitState(repoDir),
		runsPerContender: options.runs,
		machine: machineInfo(),
		dataset: {
			records: data.records,
			bytes: data.bytes,
			generatorVersion: data.generatorVersion,
			seed: data.seed,
			problemRecords: data.problemRecords,
			problems: data.problems,
			syntaxError: data.syntaxError,
		},
		contenders: rows.map(
			({id, label, seconds, peakRssMB, cpuSeconds, othersCores, records, invalid, warnings, ratio, exitCode, error, fatal}) => ({
				id,
				label,
				seconds: round(seconds, 3),
				peakRssMB: round(peakRssMB, 1),
				cpuSeconds: round(cpuSeconds, 2),
				otherProcessesCores: round(othersCores, 2),
				records,
				invalid,
				warnings,
				ratioVsOurs: round(ratio, 2),
				exitCode,
				fatal,
				error,
			}),
		),
		oursByCode: ours ? Object.fromEntries(Object.entries(ours.byCode).map(([code, {count: n}]) => [code, n])) : undefined,
		eventLoop: eld,
		targets: checks,
	};
	const resultsDir = path.join(benchDir, 'results');
	mkdirSync(resultsDir, {recursive: true});
	const name = options.big ? 'latest-big.json' : options.records === defaultRecords ? 'latest.json' : `latest-${options.records}.json`;
	writeFileSync(path.join(resultsDir, name), `${JSON.stringify(results, null, 2)}\n`);
	console.log('');
	console.log(`Results written to bench/results/${name}`);
	if (checks.some(check => check.status === 'FAIL')) process.exitCode = 1;
}

function round(value, digits) {
	return value === undefined ? undefined : Number(value.toFixed(digits));
}

try {
	await main();
} catch (error) {
	console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 2;
}
