import path from 'node:path';
import process from 'node:process';
import {AdminApiError} from '../core/export/admin-api-error.js';
import {AdaptiveConcurrency} from '../core/export/adaptive-concurrency.js';
import type {AdminClient} from '../core/export/admin-client.js';
import {sameTarget} from '../core/files/same-file.js';
import {type ExitSignal, signalExitCodes} from '../core/signal-exit-codes.js';
import {type ApplyProfileReport, applyProfile} from '../core/target/apply-profile-run.js';
import {count} from '../core/text/count.js';
import {terminalSafe, terminalSafeLines} from '../core/text/terminal-safe.js';
import {unreadableInput, unwritableOutput} from './shared/check-paths.js';
import {describeFailure} from './shared/describe-failure.js';
import {ProgressLine, progressMode} from './shared/progress-line.js';
import {type TargetFlags, sayClientEvents, targetClient} from './shared/target-flags.js';

export type ApplyProfileHeadlessOptions = TargetFlags & {
	apiUrl: string;
	concurrency: number;
	failures: string;
	json: boolean;
	quiet?: boolean;
	progress?: boolean;
};

/** How long the requests under way may take to finish after an interrupt before they are cut. */
const graceMs = 10_000;

const listed = (counts: Record<string, number>) =>
	Object.entries(counts)
		.sort((a, b) => b[1] - a[1])
		.map(([what, n]) => `${what} (${count(n)})`)
		.join(', ');

export function describeApplyProfile(report: ApplyProfileReport): string {
	const failed = Object.values(report.failed).reduce((sum, n) => sum + n, 0);
	return [
		`${report.file}: ${count(report.lines)} lines; applied: ${count(report.applied)}; failed: ${count(failed)}${failed ? ` (${listed(report.failed)})` : ''}`,
		`requests: ${count(report.requests.user)} PATCH /users/{id}, ${count(report.requests.metadata)} PATCH /users/{id}/metadata`,
		...(report.failures ? [`the failed lines, with why: ${report.failures} (once fixed, apply-profile takes it as it is)`] : []),
		...(report.resumedAt === undefined ? [] : [`(went on from line ${count(report.resumedAt)}, where an interrupted run stopped)`]),
		report.interrupted
			? 'Interrupted: the same command goes on from where this run stopped.'
			: failed === 0
				? 'Every line was applied.'
				: 'Not every line was applied.',
	].join('\n');
}

/** `hanko-tui apply-profile`: each line of a profile file set through the Admin API. */
export async function applyProfileHeadless(file: string, options: ApplyProfileHeadlessOptions): Promise<number> {
	const unusable =
		(await unreadableInput(file)) ??
		(path.resolve(options.failures) === path.resolve(file) || sameTarget(options.failures, file)
			? `${options.failures}: --failures names the profile file itself, which is only read`
			: undefined) ??
		unwritableOutput([['--failures', options.failures]]);
	if (unusable) {
		process.stderr.write(`hanko-tui: ${unusable}\n`);
		return 2;
	}

	const line = new ProgressLine(
		process.stderr,
		progressMode({quiet: options.quiet ?? false, progress: options.progress ?? false, json: options.json}, process.stderr.isTTY),
	);
	// A first signal lets the requests under way finish (so that none is sent twice), a second one or
	// the end of the grace period cuts them; either way the checkpoint is saved and the report printed
	const stop = new AbortController();
	const cut = new AbortController();
	let interruptedBy: ExitSignal | undefined;
	let grace: NodeJS.Timeout | undefined;
	const onSignal = (signal: ExitSignal) => {
		if (interruptedBy) {
			cut.abort();
			return;
		}

		interruptedBy = signal;
		stop.abort();
		grace = setTimeout(() => cut.abort(), graceMs);
		line.log(`interrupted (${signal}): finishing the requests under way`);
	};

	const signals = Object.keys(signalExitCodes) as ExitSignal[];
	for (const signal of signals) process.on(signal, onSignal);
	let client: AdminClient | undefined;
	try {
		const concurrency = new AdaptiveConcurrency(options.concurrency);
		client = await targetClient(options, concurrency, sayClientEvents(line, concurrency));
		const report = await applyProfile(file, client, {
			concurrency,
			failures: options.failures,
			// Beside the failures file, as verify keeps its own beside the retry file
			checkpoint: `${options.failures}.checkpoint`,
			stop: stop.signal,
			signal: cut.signal,
			onProgress(progress) {
				line.update(`applying: ${count(progress.applied)} lines applied`);
			},
		});
		line.clear();
		process.stdout.write(
			options.json ? `${JSON.stringify(report, null, 2)}\n` : `${terminalSafeLines(describeApplyProfile(report))}\n`,
		);
		if (report.interrupted && interruptedBy) return signalExitCodes[interruptedBy];
		return Object.keys(report.failed).length === 0 ? 0 : 1;
	} catch (error) {
		line.clear();
		const message = error instanceof AdminApiError ? error.message : describeFailure(error);
		process.stderr.write(`hanko-tui: ${terminalSafe(message)}\n`);
		if (interruptedBy) return signalExitCodes[interruptedBy];
		return 2;
	} finally {
		clearTimeout(grace);
		for (const signal of signals) process.off(signal, onSignal);
		await client?.close();
	}
}
