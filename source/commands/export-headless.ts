import {existsSync} from 'node:fs';
import {AdminApiError} from '../core/export/admin-api-error.js';
import {describeSummary} from '../core/export/describe-summary.js';
import {type ExportProgress, ExportRun} from '../core/export/export-run.js';
import {count} from '../core/text/count.js';
import {type ExitSignal, signalExitCodes} from '../core/signal-exit-codes.js';
import {terminalSafe, terminalSafeLines} from '../core/text/terminal-safe.js';
import {readApiKey} from './shared/api-key.js';
import {unwritableOutput} from './shared/check-paths.js';
import {describeFailure} from './shared/describe-failure.js';

export type ExportHeadlessOptions = {
	apiUrl: string;
	out: string;
	raw?: string;
	perPage?: number;
	concurrency?: number;
	restart: boolean;
	deep: boolean;
	allowHttp: boolean;
	json: boolean;
	apiKeyFile?: string;
};

function progressLine(progress: ExportProgress): string {
	if (progress.phase === 'check')
		return `walk ${progress.walk}: looking up users it did not see, ${count(progress.checked)}/${count(progress.toCheck)}, ${progress.concurrency} at once, ${count(progress.retries)} retries`;
	if (progress.phase === 'write') return `writing the files, ${count(progress.users)} users`;
	const pages = progress.pages > 0 ? `${count(progress.page)}/${count(progress.pages)}` : count(progress.page);
	return `walk ${progress.walk}: page ${pages}, ${count(progress.users)}/${progress.total === undefined ? '?' : count(progress.total)} users, ${count(Math.round(progress.usersPerSecond))} users/s, ${progress.concurrency} at once, ${count(progress.retries)} retries, ${count(progress.rateLimited)} rate-limited`;
}

/** `hanko-tui export` without the screen: progress on stderr, the summary on stdout. */
export async function exportHeadless(options: ExportHeadlessOptions): Promise<number> {
	const unwritable = unwritableOutput([['--out', options.out], ...(options.raw === undefined ? [] : [['--raw', options.raw] as const])]);
	if (unwritable) {
		process.stderr.write(`hanko-tui: ${unwritable}\n`);
		return 2;
	}

	let run: ExportRun;
	try {
		const apiKey = await readApiKey(options.apiKeyFile);
		run = new ExportRun({
			apiUrl: options.apiUrl,
			apiKey,
			allowHttp: options.allowHttp,
			deep: options.deep,
			out: options.out,
			raw: options.raw,
			perPage: options.perPage,
			concurrency: options.concurrency,
			restart: options.restart,
		});
	} catch (error) {
		process.stderr.write(`hanko-tui: ${terminalSafe(describeFailure(error))}\n`);
		return 2;
	}

	// On a terminal the line is redrawn in place; in a log, one line every two seconds
	const tty = process.stderr.isTTY;
	let lastLine = 0;
	run.on('progress', (progress: ExportProgress) => {
		const now = Date.now();
		if (!tty && now - lastLine < 2000) return;
		lastLine = now;
		process.stderr.write(tty ? `\r\u001B[K${progressLine(progress)}` : `${progressLine(progress)}\n`);
	});
	run.on('event', (event: string) => {
		if (!tty) process.stderr.write(`${terminalSafe(event)}\n`);
	});
	let stoppedBy: ExitSignal | undefined;
	const onSignal = (signal: ExitSignal) => {
		// A second signal leaves at once: the checkpoint is consistent at every moment
		if (stoppedBy) process.exit(signalExitCodes[signal]);
		stoppedBy = signal;
		process.stderr.write(`\nhanko-tui: stopping after the pages in flight (${signal} again to leave now); the checkpoint is kept\n`);
		run.cancel();
	};

	for (const signal of Object.keys(signalExitCodes) as Array<ExitSignal>) process.on(signal, onSignal);
	try {
		const summary = await run.run();
		if (tty) process.stderr.write('\r\u001B[K');
		if (summary.cancelled) {
			process.stderr.write(
				`hanko-tui: stopped${stoppedBy ? ` (${stoppedBy})` : ''} after ${count(summary.users)} users; the checkpoint is kept: run the same command again to resume\n`,
			);
			return stoppedBy ? signalExitCodes[stoppedBy] : 130;
		}

		process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${terminalSafeLines(describeSummary(summary))}\n`);
		return summary.verified ? 0 : 1;
	} catch (error) {
		if (tty) process.stderr.write('\r\u001B[K');
		const message = error instanceof AdminApiError ? error.message : describeFailure(error);
		const resumable =
			!(error instanceof AdminApiError && (error.restartHelps || error.beforeStart)) && existsSync(`${options.out}.checkpoint`);
		process.stderr.write(
			`hanko-tui: ${terminalSafe(message)}${resumable ? '; the checkpoint is kept: the same command resumes' : ''}\n`,
		);
		return 2;
	} finally {
		for (const signal of Object.keys(signalExitCodes) as Array<ExitSignal>) process.off(signal, onSignal);
	}
}
