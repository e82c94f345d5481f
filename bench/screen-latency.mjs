// `npm run bench:screen`: how fast the validation screen answers while a large file is being checked.
// The built CLI runs in tmux (100x30) on the bench data set (1M users unless --records says otherwise);
// keys are sent while the run goes on, and the time until the cursor row moves on the captured screen
// is measured. The same is measured on the small demo file once its run is done, as the floor that
// tmux, capturing and Ink's 15 fps cap add by themselves. Needs tmux.
//
// Options: --records N, --dir DIR, --keys N (presses per phase, default 20)

import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {defaultDir, ensureDataset, parseRecordsOption} from './generate.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(benchDir);
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const presses = Number(option('--keys', '20'));
const session = `hanko-tui-screen-bench-${process.pid}`;
const tmux = (...args) => execFileSync('tmux', args, {encoding: 'utf8'});
const sleep = ms =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});

if (spawnSync('tmux', ['-V']).status !== 0) {
	console.error('bench:screen needs tmux');
	process.exit(2);
}

const screen = () => tmux('capture-pane', '-p', '-t', session);
const cursorRow = text => text.split('\n').findIndex(line => line.startsWith('> '));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measureKeys() {
	const latencies = [];
	for (let i = 0; i < presses; i++) {
		const before = cursorRow(screen());
		const started = performance.now();
		tmux('send-keys', '-t', session, i % 2 === 0 ? 'j' : 'k');
		while (cursorRow(screen()) === before && performance.now() - started < 5000) await sleep(2);
		latencies.push(performance.now() - started);
		await sleep(100);
	}

	return latencies.sort((a, b) => a - b);
}

async function measureRefresh(ms) {
	// How often the counts line changes: the screen promises at least 5 times a second
	const seen = [];
	const started = performance.now();
	while (performance.now() - started < ms) {
		const line = screen().split('\n')[2];
		if (seen.at(-1) !== line) seen.push(line);
		await sleep(10);
	}

	return (seen.length - 1) / (ms / 1000);
}

// The screen remembers files it opened: here in a throwaway folder, not the user's settings
const configDir = mkdtempSync(path.join(os.tmpdir(), 'hanko-tui-bench-config-'));

function start(file) {
	tmux(
		'new-session',
		'-d',
		'-s',
		session,
		'-x',
		'100',
		'-y',
		'30',
		`export HANKO_TUI_CONFIG_DIR=${configDir}; exec ${process.execPath} ${path.join(repoDir, 'dist/cli.js')} validate ${file}`,
	);
}

const stop = () => spawnSync('tmux', ['kill-session', '-t', session]);

const data = ensureDataset(parseRecordsOption(argv), {dir: option('--dir', defaultDir()), log: console.log});
try {
	start(path.join(repoDir, 'fixtures/broken.json'));
	while (!screen().includes('done in')) await sleep(50);
	const idle = await measureKeys();
	stop();

	start(data.file);
	while (cursorRow(screen()) < 0) await sleep(20);
	const refreshPerSecond = await measureRefresh(2000);
	const running = await measureKeys();
	const stillRunning = !screen().includes('done in');
	stop();

	const summary = sorted => ({
		p50: Math.round(percentile(sorted, 50)),
		p90: Math.round(percentile(sorted, 90)),
		max: Math.round(sorted.at(-1)),
	});
	const result = {
		date: new Date().toISOString(),
		machine: `${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, Node ${process.version}`,
		records: data.records,
		keysIdleMs: summary(idle),
		keysDuringRunMs: summary(running),
		countsRefreshPerSecond: Number(refreshPerSecond.toFixed(1)),
		stillRunningAfterKeys: stillRunning,
	};
	console.log(
		`key to screen, idle (floor):   p50 ${result.keysIdleMs.p50} ms  p90 ${result.keysIdleMs.p90} ms  max ${result.keysIdleMs.max} ms`,
	);
	console.log(
		`key to screen, during the run: p50 ${result.keysDuringRunMs.p50} ms  p90 ${result.keysDuringRunMs.p90} ms  max ${result.keysDuringRunMs.max} ms${stillRunning ? '' : '  (the run ended before the last key)'}`,
	);
	console.log(`counts refreshed ${result.countsRefreshPerSecond} times a second (target: 5 or more)`);
	mkdirSync(path.join(benchDir, 'results'), {recursive: true});
	writeFileSync(path.join(benchDir, 'results', 'screen-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
	stop();
	rmSync(configDir, {recursive: true, force: true});
}
