import {useKeys} from '../kit/use-keys.js';
import {useEffect, useEffectEvent, useReducer, useRef, useState} from 'react';
import {AdminApiError} from '../../core/export/admin-api-error.js';
import {type ExportProgress, ExportRun, type ExportSummary} from '../../core/export/export-run.js';
import {ExportView} from './export-view.js';
import {type ExportState, cancelConfirmed, exportReducer, isExportKey} from './export-state.js';
import {HelpView} from '../kit/help-view.js';
import {type Screen, actionFor, actionsFor, statusBar} from '../kit/keymap.js';
import {resolveTyped, unquotePath} from '../kit/file-paths.js';
import {useFormCompletion} from './use-form-completion.js';
import {useSize} from '../kit/use-size.js';

type Props = {
	initial: ExportState;
	/** `hanko-tui export` flags the form does not show. */
	options?: ExportScreenOptions;
	cwd: string;
	/** Back to the home screen, with the form as it is (the key stays in memory only). */
	onBack: (state: ExportState) => void;
	onOpen: (file: string) => void;
	/** Ctrl+C: the run (if any) is stopped and its checkpoint kept first. */
	onQuit: () => void;
	/** The API URL worked: remember it (never the key). */
	onUrlUsed: (url: string) => void;
	onOutcome: (code: number) => void;
};

const screenOf = (state: ExportState): Screen =>
	state.stage === 'form'
		? 'exportForm'
		: state.stage === 'running'
			? 'exportRun'
			: state.stage === 'failed'
				? 'exportFailed'
				: 'exportDone';

export type ExportScreenOptions = {raw?: string; perPage?: number; concurrency?: number; allowHttp?: boolean};

export function ExportScreen({initial, options = {}, cwd, onBack, onOpen, onQuit, onUrlUsed, onOutcome}: Props) {
	const {columns} = useSize();
	const [state, dispatch] = useReducer(exportReducer, initial);
	const [help, setHelp] = useState(false);
	const run = useRef<ExportRun | undefined>(undefined);
	const running = useRef<Promise<unknown> | undefined>(undefined);

	// Starts a run with the form and options as they are when `starting` turns on (a later change does not restart it)
	const start = useEffectEvent(() => {
		let exportRun: ExportRun;
		try {
			exportRun = new ExportRun({
				apiUrl: state.url.trim(),
				apiKey: state.key || undefined,
				allowHttp: options.allowHttp,
				out: resolveTyped(unquotePath(state.out), cwd),
				deep: state.deep,
				raw: options.raw,
				perPage: options.perPage,
				concurrency: options.concurrency,
				restart: state.restart,
			});
		} catch (error) {
			dispatch({type: 'failed', message: (error as Error).message});
			return;
		}

		run.current = exportRun;
		dispatch({type: 'started'});
		exportRun.on('progress', (progress: ExportProgress) => dispatch({type: 'progress', progress}));
		exportRun.on('event', (text: string) => dispatch({type: 'event', text}));
		running.current = exportRun
			.run()
			.then(
				(summary: ExportSummary) => {
					dispatch({type: 'finished', summary});
					if (!summary.cancelled && state.rememberUrl) onUrlUsed(state.url.trim());
					onOutcome(summary.cancelled ? 130 : summary.verified ? 0 : 1);
				},
				(error: unknown) => {
					const known = error instanceof AdminApiError;
					dispatch({
						type: 'failed',
						message: known ? error.message : `unexpected: ${(error as Error).message}`,
						restartHelps: known && error.restartHelps,
					});
					onOutcome(2);
				},
			)
			.finally(() => {
				run.current = undefined;
			});
	});
	useEffect(() => {
		if (state.starting) start();
	}, [state.starting]);

	// Tab in the output field: complete the file name from the folder it names
	useFormCompletion(state.completing, cwd, (typed, completion) => {
		dispatch({type: 'completed', typed, completion});
	});

	useEffect(() => {
		if (state.paused) run.current?.pause();
		else run.current?.resume();
	}, [state.paused]);

	// Ctrl+C: the run stops with its checkpoint and reports (exit 130) before the session ends
	const quit = () => {
		run.current?.cancel();
		void (running.current ?? Promise.resolve()).finally(onQuit);
	};

	const latest = useRef(state);
	latest.current = state;
	useKeys((input, key) => {
		// Keys of one read meet the state each leaves: `cc` asks and then cancels
		let current = latest.current;
		const screen = screenOf(current);
		if (help) {
			const action = actionFor('help', input, key);
			if (action === 'help' || action === 'back') setHelp(false);
			else if (action === 'quit') quit();
			return;
		}

		// The form's own keys (Enter, Tab, Esc, ↑/↓, Ctrl+C) are the screen's; the rest edit the field (in a
		// burst, a return starts and a Tab moves on)
		if (screen === 'exportForm') {
			const action = actionFor(screen, input, key);
			if (action !== 'quit' && !(isExportKey(action) && action !== 'toggleDeep')) {
				dispatch({type: 'edit', input, key});
				return;
			}
		}

		// While the cancel question stands, its keys answer it; any other key answers "no"
		const answer = current.confirmingCancel ? actionsFor('cancelPrompt', input, key) : [];
		const actions = (answer.length > 0 ? answer : actionsFor(screen, input, key)).filter(action => isExportKey(action));
		if (actions.length === 0 && current.confirmingCancel) dispatch({type: 'stay'});
		for (const action of actions) {
			if (action === 'quit') {
				quit();
			} else if (action === 'help') {
				setHelp(true);
			} else if (cancelConfirmed(current, action)) {
				run.current?.cancel(); // Resolves as cancelled, with its checkpoint kept
			} else if (action === 'back' && current.stage !== 'running') {
				onBack(current);
			} else if (action === 'openExported' && current.stage === 'done' && current.summary) {
				onOpen(current.summary.out);
			} else if (action === 'backToForm') {
				dispatch({type: 'key', action: 'startExport'});
			} else {
				dispatch({type: 'key', action});
				current = exportReducer(current, {type: 'key', action});
			}
		}
	});

	const width = Math.max(20, columns - 1);
	const screen = screenOf(state);
	if (help) return <HelpView screen={screen} columns={width} />;
	const status = state.confirmingCancel
		? 'Cancel the export? c or q again to stop (the checkpoint is kept, Enter resumes later), any other key to go on'
		: // r is a key only when the interrupted export's checkpoint is what stands in the way
			statusBar(screen, width, {except: state.restartOffered ? [] : ['restartExport']});
	return <ExportView state={state} columns={width} status={status} />;
}
