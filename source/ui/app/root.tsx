import path from 'node:path';
import {useApp} from 'ink';
import {useState} from 'react';
import type {ValidationRun} from '../../core/engine/validation-run.js';
import {detectSource} from '../../core/convert/detect-source.js';
import {ValidationScreen, type Written} from '../validation/validation-screen.js';
import {ConvertScreen} from '../convert/convert-screen.js';
import {type ConvertState, initialConvert, suggestedOutput} from '../convert/convert-state.js';
import {ExportScreen, type ExportScreenOptions} from '../export/export-screen.js';
import {type ExportDefaults, type ExportState, initialExport} from '../export/export-state.js';
import {HomeScreen} from '../home/home-screen.js';
import type {RecentFiles} from './recent-files.js';
import {RunStore} from '../validation/run-store.js';

type Props = {
	/** A file to check at once (`validate <file>`, `--demo`). */
	file?: string;
	/** Open the convert screen first (`hanko-tui convert` on a terminal). */
	startConvert?: ConvertState;
	/** Open the export screen first (`hanko-tui export` on a terminal). */
	startExport?: boolean;
	/** When the first screen closes, show the home screen instead of ending (the demo). */
	homeAfter?: boolean;
	/** What the export form starts with: flags, HANKO_API_KEY, the remembered URL, the demo's mock. */
	exportDefaults?: ExportDefaults;
	/** `hanko-tui export` flags beyond the form's fields. */
	exportOptions?: ExportScreenOptions;
	recent: RecentFiles;
	cwd: string;
	startRun: (file: string) => ValidationRun;
	/** Told of every run as it starts, so a signal can stop it, and of the return to the home screen. */
	onRun: (run: ValidationRun | undefined) => void;
	/** An export worked with this URL: remember it. */
	onApiUrlUsed?: (url: string) => void;
	/** The exit code an export ended with (0 verified, 1 not verified, 2 failed, 130 cancelled). */
	onExportOutcome?: (code: number) => void;
	/** Quit while a conversion ran or waited to be written: what it had done is dropped (130). */
	onConvertOutcome?: (code: number) => void;
	/** The Hanko version files are checked against (`--hanko-version`, or the one remembered), to show. */
	hankoVersion?: string;
};

function bannerOf({files, counts}: Written): string[] {
	const reasons = Object.entries(counts.rejectedBy).map(([reason, n]) => `${n} ${reason}`).join(', ');
	return [
		`Wrote ${counts.written.toLocaleString('en-US')} records (${counts.fixed.toLocaleString('en-US')} fixed), checked again below; ${counts.idsReplaced.toLocaleString('en-US')} ids replaced (${path.basename(files.map)})`,
		`Rejected ${counts.rejected.toLocaleString('en-US')} (${path.basename(files.rejects)})${reasons ? `: ${reasons}` : ''}`,
		...(counts.fixesSkipped > 0 ? [`${counts.fixesSkipped.toLocaleString('en-US')} written unfixed: their fixes (of warnings) would have given them another user's value`] : []),
		...(counts.passwordResets > 0 ? [`${counts.passwordResets.toLocaleString('en-US')} passwords removed, no sign-in could use them: ask these users to reset (${path.basename(files.resets)})`] : []),
	];
}

/** The session: the home screen, and the validation screens and the export screen opened from it, one at a time. */
export function Root({file, startConvert, startExport = false, homeAfter = false, exportDefaults = {}, exportOptions, recent, cwd, startRun, onRun, onApiUrlUsed, onExportOutcome, onConvertOutcome, hankoVersion}: Props) {
	const {exit} = useApp();
	const [store, setStore] = useState<RunStore | undefined>(() => {
		if (file === undefined) return undefined;
		const run = startRun(file);
		onRun(run);
		return new RunStore(run);
	});
	const [banner, setBanner] = useState<string[]>([]);
	const [exporting, setExporting] = useState(startExport);
	// The export form is kept while the person looks elsewhere (the key in memory only)
	const [exportForm, setExportForm] = useState<ExportState>(() => initialExport(exportDefaults));
	const [converting, setConverting] = useState<ConvertState | undefined>(startConvert);
	// The convert form as it was left, for the same file opened again (what was typed is kept)
	const [convertForm, setConvertForm] = useState<ConvertState | undefined>(undefined);
	// Screens opened at the start end the session when they close, unless the home screen follows
	const [direct, setDirect] = useState((file !== undefined || startExport || startConvert !== undefined) && !homeAfter);

	const open = (chosen: string) => {
		const run = startRun(chosen);
		onRun(run);
		setBanner([]);
		setStore(new RunStore(run));
	};

	if (store) {
		return (
			<ValidationScreen
				key={store.run.file}
				store={store}
				banner={banner}
				onWritten={written => {
					// The output is checked again at once, on the same screen, with what was written above it
					setBanner(bannerOf(written));
					const run = startRun(written.files.out);
					onRun(run);
					setStore(new RunStore(run));
				}}
				onClose={how => {
					if (how === 'all' || direct) {
						exit();
						return;
					}

					onRun(undefined);
					setStore(undefined);
					setBanner([]);
				}}
			/>
		);
	}

	if (converting) {
		return (
			<ConvertScreen
				key={converting.file}
				initial={converting}
				cwd={cwd}
				onBack={state => {
					setConvertForm(state);
					if (direct) exit();
					else setConverting(undefined);
				}}
				onWritten={(out, lines) => {
					setConverting(undefined);
					setDirect(false); // Back from the converted file's check is the home screen
					recent.add(out);
					open(out);
					setBanner(lines);
				}}
				onQuit={dropped => {
					if (dropped) onConvertOutcome?.(130);
					exit();
				}}
				onCheckAsIs={chosen => {
					setConverting(undefined);
					open(chosen);
				}}
			/>
		);
	}

	if (exporting) {
		return (
			<ExportScreen
				initial={exportForm}
				options={exportOptions}
				cwd={cwd}
				onBack={state => {
					setExportForm({...state, stage: 'form', starting: false});
					if (direct) exit();
					else setExporting(false);
				}}
				onOpen={exported => {
					setExporting(false);
					setDirect(false); // Back from the exported file's check is the home screen
					recent.add(exported);
					open(exported);
				}}
				onQuit={() => {
					exit();
				}}
				onUrlUsed={url => onApiUrlUsed?.(url)}
				onOutcome={code => onExportOutcome?.(code)}
			/>
		);
	}

	return (
		<HomeScreen
			hankoVersion={hankoVersion}
			recent={recent}
			cwd={cwd}
			onOpen={chosen => {
				recent.add(chosen);
				// Another provider's export is offered for conversion; anything else is checked as it is
				void detectSource(chosen).catch(() => undefined).then(layout => {
					if (layout) setConverting(convertForm?.file === chosen ? convertForm : initialConvert(chosen, layout, {out: suggestedOutput(chosen, cwd)}));
					else open(chosen);
				});
			}}
			onExport={() => {
				setExporting(true);
			}}
			onQuit={() => {
				exit();
			}}
		/>
	);
}
