import {checkWritten} from './shared/check-written.js';
import {splitLines} from '../core/split/describe-split.js';
import {splitNames} from '../core/split/part-names.js';
import type {SplitManifest} from '../core/split/split-manifest.js';
import path from 'node:path';
import {readBesideFiles} from '../core/convert/beside-files.js';
import {type ConvertFiles, type LossReport, checkConvertPaths, convertFile} from '../core/convert/convert-run.js';
import {lossReportLines, nothingWrittenReason} from '../core/convert/describe-loss-report.js';
import type {SourceKind} from '../core/convert/source-kinds.js';
import type {ValidationRun} from '../core/engine/validation-run.js';
import {AtomicFile} from '../core/files/atomic-file.js';
import {type ExitSignal, signalExitCodes} from '../core/signal-exit-codes.js';
import {type OutputCheck, hankoAccepts} from '../core/report/validation-report.js';
import {count} from '../core/text/count.js';
import {shellWord} from '../core/text/shell-word.js';
import {terminalSafe, terminalSafeLines} from '../core/text/terminal-safe.js';
import {Cancelled} from '../core/errors.js';
import {collectGarbage} from '../core/engine/collect-garbage.js';
import {describeFailure} from './shared/describe-failure.js';
import {ProgressLine, conversionProgressText, progressMode} from './shared/progress-line.js';
import {unreadableInput, unwritableOutput} from './shared/check-paths.js';

export type ConvertHeadlessOptions = {
	from?: SourceKind;
	passwords?: string;
	hashConfig?: string;
	includeDisabled: boolean;
	files: ConvertFiles;
	json: boolean;
	/** No progress on stderr. */
	quiet?: boolean;
	/** Progress on stderr also with `json`. */
	progress?: boolean;
	/** The Hanko version the output is checked against. */
	hankoVersion?: string;
	/** Parts of at most this many bytes, with a manifest. */
	split?: number;
};

export function describeLossReport(report: LossReport, files: ConvertFiles, output: OutputCheck, manifest?: SplitManifest): string {
	return [
		...lossReportLines(report, files),
		...(manifest ? splitLines(files.out, manifest) : []),
		hankoAccepts(output)
			? `Checked: Hanko will accept ${manifest ? `every part listed in ${splitNames(files.out).manifest}` : files.out}.`
			: `Checked: ${count(output.invalid)} records of ${files.out} still have errors (hanko-tui validate ${shellWord(files.out)} shows them, hanko-tui fix ${shellWord(files.out)} fixes what it can).`,
	].join('\n');
}

/** `hanko-tui convert`: another provider's export into Hanko's import format, checked at the end. */
export async function convertHeadless(file: string, options: ConvertHeadlessOptions): Promise<number> {
	const {files} = options;
	const unusable =
		(await unreadableInput(file)) ??
		(options.passwords === undefined ? undefined : await unreadableInput(options.passwords)) ??
		(options.hashConfig === undefined ? undefined : await unreadableInput(options.hashConfig)) ??
		unwritableOutput([
			['--out', files.out],
			['--rejects', files.rejects],
			['--map', files.map],
			...(files.profile === undefined ? [] : [['--profile', files.profile] as const]),
		]);
	if (unusable) {
		process.stderr.write(`hanko-tui: ${unusable}\n`);
		return 2;
	}

	// A signal drops what was converted (the temporary files go) and leaves the export as it was
	const aborter = new AbortController();
	const line = new ProgressLine(
		process.stderr,
		progressMode({quiet: options.quiet ?? false, progress: options.progress ?? false, json: options.json}, process.stderr.isTTY),
	);
	let check: ValidationRun | undefined;
	let committing: Promise<void> | undefined;
	let written = false;
	const onSignal = (signal: ExitSignal) => {
		aborter.abort();
		// Files being renamed into place are let finish, so that the three always belong together
		void (committing ?? Promise.resolve())
			.catch(() => undefined)
			.then(async () => check?.cancel())
			.finally(() => {
				AtomicFile.removeLeftoversSync();
				line.clear();
				process.stderr.write(
					`hanko-tui: interrupted (${signal})${written ? '; the converted files are written' : '; nothing was written'}\n`,
				);
				process.exit(signalExitCodes[signal]);
			});
	};

	for (const signal of Object.keys(signalExitCodes) as ExitSignal[]) process.once(signal, onSignal);
	try {
		let report: LossReport;
		let manifest: SplitManifest | undefined;
		try {
			checkConvertPaths(
				file,
				options.files,
				[options.passwords, options.hashConfig].filter((given): given is string => given !== undefined),
			);
			const beside = await readBesideFiles({passwords: options.passwords, hashConfig: options.hashConfig}, {signal: aborter.signal});
			const pending = await convertFile(file, options.files, {
				from: options.from,
				includeDisabled: options.includeDisabled,
				...beside,
				signal: aborter.signal,
				split: options.split,
				onProgress(progress) {
					line.update(conversionProgressText(`1/2 converting ${path.basename(file)}`, progress));
				},
			});
			committing = pending.commit();
			await committing;
			written = true;
			report = pending.report;
			manifest = pending.manifest();
			// A million users' password hashes are no longer needed: their memory goes before the check's
			if (beside.passwords) {
				beside.passwords.release();
				collectGarbage();
			}
		} catch (error) {
			line.clear();
			// The signal handler ends the process
			if (error instanceof Cancelled || aborter.signal.aborted) return await new Promise<number>(() => undefined);
			process.stderr.write(`hanko-tui: ${terminalSafe(describeFailure(error))}\n`);
			return 2;
		}

		line.clear();
		const output = await checkWritten(options.files.out, manifest, {
			hankoVersion: options.hankoVersion,
			label: '2/2 checking',
			line,
			started(run) {
				check = run;
			},
		});
		process.stdout.write(
			options.json
				? `${JSON.stringify({report, files: options.files, ...(manifest && {manifest}), output}, null, 2)}\n`
				: `${terminalSafeLines(describeLossReport(report, options.files, output, manifest))}\n`,
		);
		const nothing = nothingWrittenReason(report, options.files);
		if (nothing) {
			process.stderr.write(`hanko-tui: ${terminalSafe(nothing)}\n`);
			return 1;
		}

		return hankoAccepts(output) ? 0 : 1;
	} finally {
		for (const signal of Object.keys(signalExitCodes) as ExitSignal[]) process.off(signal, onSignal);
	}
}
