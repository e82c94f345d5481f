import {accessSync, constants, statSync} from 'node:fs';
import path from 'node:path';
import {render} from 'ink';
import {ValidationRun} from '../../core/engine/validation-run.js';
import {AtomicFile} from '../../core/files/atomic-file.js';
import {type ExitSignal, signalExitCodes} from '../../core/signal-exit-codes.js';
import {defaultHankoVersion, hankoRules, isHankoRules} from '../../core/rules/hanko-versions.js';
import type {ExportScreenOptions} from '../export/export-screen.js';
import {openSettingsStore} from './settings/settings-store.js';
import {Root} from './root.js';
import {initialConvert, suggestedOutput} from '../convert/convert-state.js';
import type {SourceLayout} from '../../core/convert/source-kinds.js';
import {enterAlternateScreen, wantsMouse} from '../kit/terminal.js';
import type {ExportDefaults} from '../export/export-state.js';

/**
 * Characters of user labels the screen's run keeps (record-labels.ts), about as many bytes: enough for
 * every user of a 1M-record file that is all problems (33 MB with an email and an id each).
 */
const screenLabelBudget = 48_000_000;

function isReadableFile(file: string): boolean {
	try {
		accessSync(file, constants.R_OK);
		return statSync(file).isFile();
	} catch {
		return false;
	}
}

type Options = {
	/** Check this file at once; without it the home screen opens. */
	file?: string;
	/** Remember the file among the recent ones (not for the bundled demo). */
	remember?: boolean;
	/** Offer this export's conversion first (`hanko-tui convert` on a terminal). */
	convert?: {
		file: string;
		layout: SourceLayout;
		out?: string;
		aside?: string;
		includeDisabled: boolean;
		rejects?: string;
		map?: string;
		profile?: string;
	};
	/** Open the export screen first. */
	startExport?: boolean;
	/** Show the home screen when the first screen closes (the demo). */
	homeAfter?: boolean;
	/** The export form's first values; the URL defaults to the one remembered. */
	exportDefaults?: ExportDefaults;
	exportOptions?: ExportScreenOptions;
	/** The Hanko version to check against (`--hanko-version`): remembered; without it, the one remembered. */
	hankoVersion?: string;
	/** Mouse wheel scrolling (false with `--no-mouse`); on only where the terminal can have it. */
	mouse?: boolean;
};

/** The interactive session on a terminal, until the person quits; resolves to the exit code. */
export async function runInteractive({
	file,
	remember = true,
	convert,
	startExport,
	homeAfter,
	exportDefaults = {},
	exportOptions,
	hankoVersion,
	mouse = true,
}: Options = {}): Promise<number> {
	const {recent, settings} = openSettingsStore();
	if (hankoVersion !== undefined) settings.set('hankoVersion', hankoVersion);
	// A remembered version this release no longer knows is dropped for the default
	const remembered = hankoRules(hankoVersion ?? (settings.get('hankoVersion') || undefined));
	const checkedAgainst = isHankoRules(remembered) ? remembered.label : undefined;
	let exportOutcome: number | undefined;
	let convertOutcome: number | undefined;
	// A path that is not a readable file shows its error on the screen, but is not worth remembering
	if (file !== undefined && remember && isReadableFile(file)) recent.add(path.resolve(file));
	let current: ValidationRun | undefined;
	const restore = enterAlternateScreen(
		process.stdout,
		signal => {
			// At once, before anything waits: Ink's signal-exit may end the process as soon as this returns.
			// A conversion or a fix not yet written leaves no temporary file behind
			AtomicFile.removeLeftoversSync();
			void (current?.cancel() ?? Promise.resolve()).finally(() => {
				process.exit(signalExitCodes[signal as ExitSignal] ?? 1);
			});
		},
		{mouse: wantsMouse(mouse, process.stdout)},
	);
	try {
		const app = render(
			<Root
				file={file}
				startConvert={
					convert &&
					initialConvert(convert.file, convert.layout, {
						...convert,
						out: convert.out ?? suggestedOutput(convert.file, process.cwd()),
					})
				}
				startExport={startExport}
				exportOptions={exportOptions}
				homeAfter={homeAfter}
				exportDefaults={{
					...exportDefaults,
					url: exportDefaults.url ?? (settings.get('apiUrl') || undefined),
					key: exportDefaults.key ?? (process.env.HANKO_API_KEY?.trim() || undefined),
				}}
				onApiUrlUsed={url => {
					settings.set('apiUrl', url);
				}}
				onConvertOutcome={code => {
					convertOutcome = code;
				}}
				onExportOutcome={code => {
					exportOutcome = code;
				}}
				recent={recent}
				cwd={process.cwd()}
				// The list keeps up to two million problems (about 50 MB); the counts go on past that
				startRun={chosen =>
					new ValidationRun(chosen, {
						maxStoredProblems: 2_000_000,
						labelBudget: screenLabelBudget,
						workerNice: 10,
						hankoVersion: checkedAgainst,
					}).start()
				}
				hankoVersion={checkedAgainst ?? defaultHankoVersion}
				onRun={run => {
					current = run;
				}}
			/>,
			{exitOnCtrlC: false, maxFps: 15, patchConsole: true},
		);
		await app.waitUntilExit();
	} finally {
		restore();
	}

	// Leaving from the home screen is a plain exit; from a run, the codes of the report, and quitting
	// before its end counts as an interruption
	if (!current) return exportOutcome ?? convertOutcome ?? 0;
	const {stats} = current;
	if (!stats.done) return signalExitCodes.SIGINT;
	if (stats.fatal) return 2;
	// A conversion that wrote no user from an export that has some failed, though its empty output is valid
	return stats.invalid === 0 && stats.fileErrors === 0 && convertOutcome !== 1 ? 0 : 1;
}
