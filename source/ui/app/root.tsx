import {useApp} from 'ink';
import {useReducer, useRef} from 'react';
import type {ValidationRun} from '../../core/engine/validation-run.js';
import {detectSource} from '../../core/convert/detect-source.js';
import {ValidationScreen} from '../validation/validation-screen.js';
import {ConvertScreen} from '../convert/convert-screen.js';
import {type ConvertState, initialConvert, suggestedOutput} from '../convert/convert-state.js';
import {ExportScreen, type ExportScreenOptions} from '../export/export-screen.js';
import {type ExportDefaults, initialExport} from '../export/export-state.js';
import {HomeScreen} from '../home/home-screen.js';
import {TargetScreen} from '../target/target-screen.js';
import type {RecentFiles} from './settings/settings-store.js';
import {RunStore} from '../validation/run-store.js';
import {bannerOf, writtenFiles} from './written-banner.js';
import {type RouteAction, endsSession, initialSession, routeReducer} from './route.js';

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

/** The router: the home screen, and the validation, export and convert screens opened from it, one at a time. */
export function Root({
	file,
	startConvert,
	startExport = false,
	homeAfter = false,
	exportDefaults = {},
	exportOptions,
	recent,
	cwd,
	startRun,
	onRun,
	onApiUrlUsed,
	onExportOutcome,
	onConvertOutcome,
	hankoVersion,
}: Props) {
	const {exit} = useApp();
	const [session, dispatch] = useReducer(routeReducer, undefined, () => {
		let store: RunStore | undefined;
		if (file !== undefined) {
			const run = startRun(file);
			onRun(run);
			store = new RunStore(run);
		}

		return initialSession({store, convert: startConvert, startExport, exportForm: initialExport(exportDefaults), homeAfter});
	});

	// Screens call back after awaiting work (a run cancelled, a file detected): they meet the session as it is then
	const latest = useRef(session);
	latest.current = session;
	const go = (action: RouteAction) => {
		if (endsSession(latest.current, action)) exit();
		else dispatch(action);
	};

	const check = (chosen: string, more: {banner?: readonly string[]; homeAfter?: boolean; target?: string} = {}) => {
		const run = startRun(chosen);
		onRun(run);
		go({type: 'check', store: new RunStore(run), ...more});
	};

	const {route} = session;
	switch (route.screen) {
		case 'validation': {
			return (
				<ValidationScreen
					key={route.store.run.file}
					store={route.store}
					banner={route.banner}
					// A file was just written (fixed, split or converted): the next steps of a migration are offered
					onTarget={
						route.target === undefined
							? undefined
							: mode => {
									go({type: 'openTarget', mode, file: route.target!});
								}
					}
					onWritten={written => {
						// The output is checked again at once, on the same screen, with what was written above it; a
						// split's first part is checked, and its manifest (the parts as one file) offered to the project
						const {checked, target} = writtenFiles(written);
						check(checked, {banner: bannerOf(written), target});
					}}
					onClose={how => {
						const action: RouteAction = {type: 'closeCheck', how};
						if (!endsSession(latest.current, action)) onRun(undefined);
						go(action);
					}}
				/>
			);
		}

		case 'convert': {
			return (
				<ConvertScreen
					key={route.state.file}
					initial={route.state}
					cwd={cwd}
					onBack={form => {
						go({type: 'closeConversion', form});
					}}
					onWritten={(out, lines, nothing) => {
						recent.add(out);
						// No user written from an export that has some: the session fails, however clean the empty file
						onConvertOutcome?.(nothing ? 1 : 0);
						// Back from the converted file's check is the home screen
						check(out, {banner: lines, homeAfter: true, target: out});
					}}
					onQuit={dropped => {
						if (dropped) onConvertOutcome?.(130);
						exit();
					}}
					onCheckAsIs={chosen => {
						check(chosen);
					}}
				/>
			);
		}

		case 'export': {
			return (
				<ExportScreen
					initial={session.exportForm}
					options={exportOptions}
					cwd={cwd}
					onBack={form => {
						go({type: 'closeExport', form});
					}}
					onOpen={exported => {
						recent.add(exported);
						// Back from the exported file's check is the home screen
						check(exported, {homeAfter: true});
					}}
					onQuit={() => {
						exit();
					}}
					onUrlUsed={url => onApiUrlUsed?.(url)}
					onOutcome={code => onExportOutcome?.(code)}
				/>
			);
		}

		case 'target': {
			const {back} = route;
			// The record of an entry is read again through the validation run of the same file, when it is open
			const readRecord =
				back.screen === 'validation' && back.store.run.file === route.state.file
					? async (record: number) => {
							const reader = back.store.run.recordReader();
							if (!reader) return undefined;
							const found = await reader.readMany([record]);
							return found.get(record)?.text;
						}
					: undefined;
			return (
				<TargetScreen
					key={`${route.state.mode}:${route.state.file}`}
					initial={route.state}
					cwd={cwd}
					hankoVersion={hankoVersion}
					allowHttp={exportOptions?.allowHttp}
					readRecord={readRecord}
					onBack={form => {
						go({type: 'closeTarget', form});
					}}
					onQuit={() => {
						exit();
					}}
					onUrlUsed={url => onApiUrlUsed?.(url)}
				/>
			);
		}

		case 'home': {
			return (
				<HomeScreen
					hankoVersion={hankoVersion}
					recent={recent}
					cwd={cwd}
					onOpen={chosen => {
						recent.add(chosen);
						// Another provider's export is offered for conversion; anything else is checked as it is
						void detectSource(chosen)
							.catch(() => undefined)
							.then(layout => {
								if (layout)
									go({
										type: 'offerConversion',
										fresh: initialConvert(chosen, layout, {out: suggestedOutput(chosen, cwd)}),
									});
								else check(chosen);
							});
					}}
					onExport={() => {
						go({type: 'openExport'});
					}}
					onQuit={() => {
						exit();
					}}
				/>
			);
		}
	}
}
