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
import {ProgressLine, progressMode} from './shared/progress-line.js';

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
	/** No progress and no events on stderr. */
	quiet?: boolean;
	/** Progress on stderr also with `json`. */
	progress?: boolean;
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

	// As validate, fix and convert: redrawn on a terminal, a line every few seconds in a log, nothing
	// with --quiet or with --json unless --progress. The events (a walk starts, retries, rate limits)
	// go to a log as they happen; on a terminal they would scroll the redrawn line away.
	const line = new ProgressLine(
		process.stderr,
		progressMode({quiet: options.quiet ?? false, progress: options.progress ?? false, json: options.json}, process.stderr.isTTY),
	);
	run.on('progress', (progress: ExportProgress) => {
		line.update(progressLine(progress));
	});
	run.on('event', (event: string) => {
		if (line.mode === 'log') process.stderr.write(`${terminalSafe(event)}\n`);
	});
	let stoppedBy: ExitSignal | undefined;
	const onSignal = (signal: ExitSignal) => {
		// A second signal leaves at once: the checkpoint is consistent at every moment
		if (stoppedBy) process.exit(signalExitCodes[signal]);
		stoppedBy = signal;
		line.clear();
		process.stderr.write(`hanko-tui: stopping after the pages in flight (${signal} again to leave now); the checkpoint is kept\n`);
		run.cancel();
	};

	for (const signal of Object.keys(signalExitCodes) as Array<ExitSignal>) process.on(signal, onSignal);
	try {
		const summary = await run.run();
		line.clear();
		if (summary.cancelled) {
			process.stderr.write(
				`hanko-tui: stopped${stoppedBy ? ` (${stoppedBy})` : ''} after ${count(summary.users)} users; the checkpoint is kept: run the same command again to resume\n`,
			);
			return stoppedBy ? signalExitCodes[stoppedBy] : 130;
		}

		process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${terminalSafeLines(describeSummary(summary))}\n`);
		return summary.verified ? 0 : 1;
	} catch (error) {
		line.clear();
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
