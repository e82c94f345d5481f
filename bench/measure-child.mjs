// Timing a child `node` process with its peak RSS, for run.mjs and convert-bench.mjs. Wall time from spawn to exit (node start-up
// included); peak RSS from GNU time (-v, the largest resident set of the process, worker threads
// included) or, without it, VmHWM of the child and its descendants polled from /proc every 20 ms
// (forced with HANKO_BENCH_NO_GNU_TIME=1); CPU seconds (GNU time only) and the cores other processes
// kept busy meanwhile (from /proc/stat), since the machine may be shared.

import {execFileSync, spawn} from 'node:child_process';
import {createReadStream, existsSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

export const gnuTime = process.env.HANKO_BENCH_NO_GNU_TIME
	? undefined
	: ['/usr/bin/time', '/bin/time'].find(candidate => existsSync(candidate));
export const peakRssMethod = gnuTime ? `${gnuTime} -v (max RSS of the process)` : '/proc/<pid>/status VmHWM polled every 20 ms';

/**
 * Runs `node <args>` (with `env` added to the environment) with stdout going to `stdout` (a file
 * descriptor, 'ignore', or 'pipe' to collect it) and measures it:
 * {code, signal, seconds, cpuSeconds, othersCores, peakRssMB, stdout, stderr}.
 */
export async function measureNode(
	args,
	{stdout = 'ignore', env, timeFile = path.join(os.tmpdir(), `hanko-bench-time-${process.pid}.txt`)} = {},
) {
	const [command, commandArgs] = gnuTime ? [gnuTime, ['-v', '-o', timeFile, process.execPath, ...args]] : [process.execPath, args];
	const busyBefore = cpuBusySeconds();
	const started = performance.now();
	const child = spawn(command, commandArgs, {stdio: ['ignore', stdout, 'pipe'], env: env ? {...process.env, ...env} : process.env});
	let collected = '';
	child.stdout?.setEncoding('utf8').on('data', text => {
		collected += text;
	});
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', text => {
		stderr = (stderr + text).slice(-8000);
	});
	let polledKb = 0;
	const poll = gnuTime
		? undefined
		: setInterval(() => {
				polledKb = Math.max(polledKb, highWaterKb(child.pid));
			}, 20);
	let {code, signal} = await new Promise(resolve => {
		child.on('close', (exitCode, exitSignal) => resolve({code: exitCode, signal: exitSignal}));
	});
	const seconds = (performance.now() - started) / 1000;
	const busy = cpuBusySeconds() - busyBefore;
	if (poll) clearInterval(poll);

	let peakKb = polledKb;
	let cpuSeconds;
	if (gnuTime) {
		const report = existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '';
		rmSync(timeFile, {force: true});
		peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1] ?? 0);
		const user = /User time \(seconds\): ([\d.]+)/.exec(report);
		const system = /System time \(seconds\): ([\d.]+)/.exec(report);
		if (user && system) cpuSeconds = Number(user[1]) + Number(system[1]);
		const exit = /Exit status: (\d+)/.exec(report);
		const killed = /Command terminated by signal (\d+)/.exec(report);
		if (exit) code = Number(exit[1]);
		if (killed) [code, signal] = [null, `signal ${killed[1]}`];
	}

	// CPU that other processes used meanwhile, as cores kept busy on average: on a shared machine a
	// contender that was timed next to someone else's build is not comparable.
	const othersCores = cpuSeconds === undefined || Number.isNaN(busy) ? undefined : Math.max(0, busy - cpuSeconds) / seconds;
	return {code, signal, seconds, cpuSeconds, othersCores, peakRssMB: peakKb / 1024, stdout: collected, stderr};
}

/** Busy CPU time of the whole machine so far (all cores, in seconds), from /proc/stat. */
function cpuBusySeconds() {
	try {
		const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
			.split('\n', 1)[0]
			.trim()
			.split(/\s+/)
			.slice(1)
			.map(Number);
		return (user + nice + system + irq + softirq + steal) / 100; // USER_HZ is 100 on Linux
	} catch {
		return Number.NaN;
	}
}

/** VmHWM of a process and its descendants (the largest one), in kB; 0 once it is gone. */
function highWaterKb(pid) {
	try {
		let peak = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
		const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
		for (const child of children ? children.split(/\s+/) : []) peak = Math.max(peak, highWaterKb(Number(child)));
		return peak;
	} catch {
		return 0;
	}
}

export function machineInfo() {
	return {
		cpu: os.cpus()[0]?.model ?? 'unknown',
		cores: os.cpus().length,
		availableParallelism: os.availableParallelism(),
		totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
		node: process.version,
		platform: `${os.platform()} ${os.release()} ${os.arch()}`,
		peakRssMethod,
	};
}

/** Which code was measured: the commit, and whether source/ had uncommitted changes. */
export function gitState(repoDir) {
	try {
		const git = args => execFileSync('git', args, {cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
		return {commit: git(['rev-parse', 'HEAD']), sourceChanged: git(['status', '--porcelain', '--', 'source']) !== ''};
	} catch {
		return undefined;
	}
}

/** Reads the files once, so every contender starts with them in the page cache. */
export async function warmCache(files) {
	for (const file of files) {
		for await (const _ of createReadStream(file, {highWaterMark: 4 << 20})) {
			// Reading is the point
		}
	}
}
