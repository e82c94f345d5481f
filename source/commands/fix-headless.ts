import {splitLines} from '../core/split/describe-split.js';
import path from 'node:path';
import {ValidationRun} from '../core/engine/validation-run.js';
import {canReadTwice, sourcePath} from '../core/files/input-stream.js';
import {type FixPlan} from '../core/fixes/fix-plan.js';
import {type FixCounts, type FixFiles, type FixResult, writeFixed} from '../core/fixes/write-fixed.js';
import {prestartPieceReader} from '../core/engine/visit-pieces.js';
import {type OutputCheck, buildSummary, fatalLine, hankoAccepts} from '../core/report/validation-report.js';
import {type ExitSignal, signalExitCodes} from '../core/signal-exit-codes.js';
import {count} from '../core/text/count.js';
import {terminalSafe, terminalSafeLines} from '../core/text/terminal-safe.js';
import {Cancelled, UserError} from '../core/errors.js';
import {unreadableInput, unwritableOutput} from './shared/check-paths.js';
import {describeFailure} from './shared/describe-failure.js';
import {ProgressLine, phaseText, progressMode} from './shared/progress-line.js';

export type FixHeadlessOptions = {
	plan: FixPlan;
	files: FixFiles;
	json: boolean;
	/** No progress on stderr. */
	quiet?: boolean;
	/** Progress on stderr also with `json`. */
	progress?: boolean;
	checkers?: number;
	hankoVersion?: string;
	/** Parts of at most this many bytes, with a manifest. */
	split?: number;
};

export type FixReport = {
	source: string;
	files: FixFiles;
	counts: FixCounts;
	/**
	 * What Hanko will make of the output: what its validation would report, known from the writing (each
	 * record's problems, the duplicates across the output), not by reading it again.
	 */
	output: OutputCheck;
};

/** Where the users went: one file, or the parts of a split and their manifest. */
function wroteLines({counts, files}: FixReport): string[] {
	const written = `${count(counts.written)} records (${count(counts.fixed)} fixed)`;
	return counts.manifest ? [`wrote ${written}`, ...splitLines(files.out, counts.manifest)] : [`wrote ${files.out}: ${written}`];
}

function describe(report: FixReport): string {
	const {counts, output, files} = report;
	const fixes = Object.entries(counts.byFix)
		.sort((a, b) => b[1] - a[1])
		.map(([fix, n]) => `  ${count(n).padStart(9)}  ${fix}`);
	const rejected = Object.entries(counts.rejectedBy)
		.sort((a, b) => b[1] - a[1])
		.map(([reason, n]) => `  ${count(n).padStart(9)}  ${reason}`);
	const errors = Object.entries(output.byCode)
		.filter(([, {severity}]) => severity === 'error')
		.map(([code, {count: n}]) => `${code} ${count(n)}`);
	const invalid = `${count(output.invalid)} records of the output still have errors`;
	const whole = output.fileErrors > 0 ? `the output as a whole has ${count(output.fileErrors)} errors` : '';
	return [
		`${report.source}: ${count(counts.records)} records`,
		...wroteLines(report),
		`rejected ${count(counts.rejected)} records to ${files.rejects}`,
		`user ids replaced: ${count(counts.idsReplaced)} (mapping in ${files.map}); every change in ${files.log}`,
		...(counts.fixesSkipped > 0
			? [`written unfixed, as their fixes (of warnings) would have given them another user's value: ${count(counts.fixesSkipped)}`]
			: []),
		...(counts.passwordResets > 0
			? [
					`passwords removed (no sign-in could use them): ${count(counts.passwordResets)}; ask these users to reset theirs: ${files.resets}`,
				]
			: []),
		...(fixes.length > 0 ? ['Changes by fix', ...fixes] : []),
		...(rejected.length > 0 ? ['Rejected, by reason', ...rejected] : []),
		// The one step left to the user: say where the records are and what their problems are
		...(Object.keys(counts.rejectedBy).some(reason => reason.startsWith('no fix for '))
			? [`  (no fix exists for these errors: edit those records by hand; ${files.rejects} lists each one's problems)`]
			: []),
		hankoAccepts(output)
			? `Checked as written: Hanko will accept ${counts.manifest ? (counts.manifest.parts.length === 1 ? 'its one part' : `each of the ${count(counts.manifest.parts.length)} parts`) : files.out} (${count(output.records)} records, ${count(output.warnings)} warnings).`
			: `Checked as written: ${output.invalid > 0 || !whole ? invalid : whole} (${errors.join(', ')}).`,
	].join('\n');
}

/** `hanko-tui fix`: validate, apply the plan in a second pass that also checks what it writes, report. */
export async function fixHeadless(file: string, options: FixHeadlessOptions): Promise<number> {
	const {files} = options;
	const unusable =
		(await unreadableInput(file)) ??
		unwritableOutput([
			['--out', files.out],
			['--rejects', files.rejects],
			['--map', files.map],
			['--log', files.log],
			['--resets', files.resets],
		]);
	if (unusable) {
		process.stderr.write(`hanko-tui: ${unusable}\n`);
		return 2;
	}

	// Checked before anything is read: a pipe's content would be gone before the second pass needs it
	if (!(await canReadTwice(file))) {
		process.stderr.write(
			`hanko-tui: ${terminalSafe(file)}: fix reads its source twice and a pipe or FIFO can be read only once: save it to a file first\n`,
		);
		return 2;
	}

	const now = Date.now();
	const aborter = new AbortController();
	const line = new ProgressLine(
		process.stderr,
		progressMode({quiet: options.quiet ?? false, progress: options.progress ?? false, json: options.json}, process.stderr.isTTY),
	);
	// Each of the two passes says which it is: the source checked, the files written
	const current = line.follow(
		new ValidationRun(file, {
			maxStoredProblems: Number.POSITIVE_INFINITY,
			checkers: options.checkers,
			now,
			hankoVersion: options.hankoVersion,
		}).start(),
		`1/2 checking ${path.basename(file)}`,
	);
	// The write pass's reader thread starts as the check ends, while the other core is free
	current.once('tail', () => {
		if (!current.stats.fatal) prestartPieceReader();
	});
	let writing: Promise<unknown> | undefined;
	const onSignal = (signal: ExitSignal) => {
		aborter.abort();
		// The writer removes its temporary files when it sees the abort: wait for that before leaving
		void current
			.cancel()
			.then(async () => writing?.catch(() => undefined))
			.finally(() => {
				line.clear();
				process.stderr.write(`hanko-tui: interrupted (${signal}); the fixed files were not written, the source is untouched\n`);
				process.exit(signalExitCodes[signal]);
			});
	};

	for (const signal of Object.keys(signalExitCodes) as Array<ExitSignal>) process.once(signal, onSignal);
	try {
		await current.finished();
		line.clear();
		const source = buildSummary(current);
		const fatal = fatalLine(source);
		if (fatal) {
			process.stderr.write(
				`${terminalSafe(fatal)}\nhanko-tui: nothing written: a file that cannot be read to its end cannot be fixed safely\n`,
			);
			return 2;
		}

		let result: FixResult;
		// The writer counts nothing as it goes: the line says what it does and for how long
		const writingSince = Date.now();
		const ticker = setInterval(() => {
			line.update(phaseText(`2/2 writing ${path.basename(options.files.out)}`, writingSince));
		}, 100);
		try {
			writing = writeFixed(current, options.plan, options.files, aborter.signal, options.split);
			result = await (writing as Promise<FixResult>);
			current.keyLog?.dispose(); // The source's values were for the fixes only
		} catch (error) {
			if (error instanceof Cancelled || aborter.signal.aborted) return new Promise(() => undefined); // The signal handler exits
			const {code} = error as NodeJS.ErrnoException;
			// A user's choice that cannot be met (a record larger than a part) is said as it is
			const reason =
				error instanceof UserError ? error.message : code === 'EEXIST' ? 'a temporary file is in the way' : describeFailure(error);
			// The source read again (gone or unreadable since it was checked) is not a fault of the output
			const rereading = (error as NodeJS.ErrnoException).path === sourcePath(file);
			const doing = error instanceof UserError ? '' : rereading ? 'cannot read the file again: ' : 'cannot write the fixed files: ';
			process.stderr.write(`hanko-tui: ${doing}${terminalSafe(reason)}\n`);
			return 2;
		} finally {
			clearInterval(ticker);
			line.clear();
		}

		const {output, ...counts} = result;
		const report: FixReport = {source: file, files: options.files, counts, output};
		process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${terminalSafeLines(describe(report))}\n`);
		return hankoAccepts(report.output) ? 0 : 1;
	} finally {
		for (const signal of Object.keys(signalExitCodes) as Array<ExitSignal>) process.off(signal, onSignal);
	}
}
