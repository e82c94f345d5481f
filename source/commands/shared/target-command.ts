import process from 'node:process';
import {AdminApiError} from '../../core/export/admin-api-error.js';
import {AtomicFile} from '../../core/files/atomic-file.js';
import {AdaptiveConcurrency} from '../../core/export/adaptive-concurrency.js';
import type {AdminClient} from '../../core/export/admin-client.js';
import {hankoRules, isHankoRules} from '../../core/rules/hanko-versions.js';
import type {RuleContext} from '../../core/rules/record-check.js';
import {type ExitSignal, signalExitCodes} from '../../core/signal-exit-codes.js';
import {terminalSafe} from '../../core/text/terminal-safe.js';
import {unreadableInput, unwritableOutput} from './check-paths.js';
import {describeFailure} from './describe-failure.js';
import {ProgressLine, progressMode} from './progress-line.js';
import {type TargetFlags, sayClientEvents, targetClient} from './target-flags.js';

// What preflight and verify share around their work: the file and output checked first, the client,
// the progress line, a signal that ends the run (temporary files removed by the writers' abort), and
// every failure as one line with exit 2.

export type TargetCommandOptions = TargetFlags & {
	apiUrl: string;
	concurrency: number;
	hankoVersion?: string;
	json: boolean;
	quiet?: boolean;
	progress?: boolean;
};

export type TargetWork = (tools: {
	client: AdminClient;
	concurrency: AdaptiveConcurrency;
	context: RuleContext;
	signal: AbortSignal;
	line: ProgressLine;
}) => Promise<number>;

export async function runTargetCommand(
	file: string,
	outputs: Array<readonly [flag: string, file: string]>,
	options: TargetCommandOptions,
	work: TargetWork,
): Promise<number> {
	const unusable = (await unreadableInput(file)) ?? unwritableOutput(outputs);
	if (unusable) {
		process.stderr.write(`hanko-tui: ${unusable}\n`);
		return 2;
	}

	const rules = hankoRules(options.hankoVersion);
	if (!isHankoRules(rules)) throw new Error(rules.error);
	const line = new ProgressLine(
		process.stderr,
		progressMode({quiet: options.quiet ?? false, progress: options.progress ?? false, json: options.json}, process.stderr.isTTY),
	);
	const aborter = new AbortController();
	let client: AdminClient | undefined;
	const onSignal = (signal: ExitSignal) => {
		aborter.abort();
		AtomicFile.removeLeftoversSync();
		line.clear();
		process.stderr.write(`hanko-tui: interrupted (${signal}); nothing was written\n`);
		process.exit(signalExitCodes[signal]);
	};

	for (const signal of Object.keys(signalExitCodes) as ExitSignal[]) process.once(signal, onSignal);
	try {
		const concurrency = new AdaptiveConcurrency(options.concurrency);
		// Not with --quiet, nor with --json unless --progress: the line decides
		client = await targetClient(options, concurrency, sayClientEvents(line, concurrency));
		return await work({client, concurrency, context: {now: Date.now(), rules}, signal: aborter.signal, line});
	} catch (error) {
		line.clear();
		const message = error instanceof AdminApiError ? error.message : describeFailure(error);
		process.stderr.write(`hanko-tui: ${terminalSafe(message)}\n`);
		return 2;
	} finally {
		for (const signal of Object.keys(signalExitCodes) as ExitSignal[]) process.off(signal, onSignal);
		await client?.close();
	}
}
