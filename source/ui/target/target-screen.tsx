import {useEffect, useEffectEvent, useReducer, useRef, useState} from 'react';
import {AdminApiError} from '../../core/export/admin-api-error.js';
import {AdminClient} from '../../core/export/admin-client.js';
import {hankoRules, isHankoRules} from '../../core/rules/hanko-versions.js';
import {preflightFile} from '../../core/target/preflight-run.js';
import {verifyFile} from '../../core/target/verify-run.js';
import type {ExportState} from '../export/export-state.js';
import {useFormCompletion} from '../export/use-form-completion.js';
import {resolveTyped, unquotePath} from '../kit/file-paths.js';
import {HelpView} from '../kit/help-view.js';
import {type Screen, actionFor, actionsFor, statusBar} from '../kit/keymap.js';
import {useKeys} from '../kit/use-keys.js';
import {useSize} from '../kit/use-size.js';
import {prettyLines} from '../validation/pretty-record.js';
import {type TargetState, isTargetKey, leavesScreen, targetReducer} from './target-state.js';
import {TargetView, listRoom} from './target-view.js';

type Props = {
	initial: TargetState;
	cwd: string;
	/** The Hanko version the file's users are read for (`--hanko-version`, or the one remembered). */
	hankoVersion?: string;
	/** Send the key over plain http to another machine (`--allow-http`). */
	allowHttp?: boolean;
	/** Reads a record of the file again by its index, for the detail (the validation run of the file keeps positions). */
	readRecord?: (record: number) => Promise<string | undefined>;
	/** Back to the screen before, with the form as it is (the key stays in memory only). */
	onBack: (form: ExportState) => void;
	/** Ctrl+C: a run that goes is stopped first (nothing is written). */
	onQuit: () => void;
	/** The API URL worked: remember it (never the key). */
	onUrlUsed: (url: string) => void;
};

const screenOf = (state: TargetState): Screen =>
	state.stage === 'form'
		? 'targetForm'
		: state.stage === 'running'
			? 'targetRun'
			: state.stage === 'failed'
				? 'targetFailed'
				: state.detail
					? 'targetDetail'
					: 'targetResult';

/** Concurrency of verify's look-ups, as the headless command's default. */
const requestsAtOnce = 4;

/** Wires the reducer, the keys and the core's pre-flight or verify run to the view. */
export function TargetScreen({initial, cwd, hankoVersion, allowHttp, readRecord, onBack, onQuit, onUrlUsed}: Props) {
	const {columns, rows} = useSize();
	const [state, dispatch] = useReducer(targetReducer, initial);
	const [help, setHelp] = useState(false);
	const aborter = useRef<AbortController | undefined>(undefined);
	const running = useRef<Promise<unknown> | undefined>(undefined);
	const width = Math.max(20, columns - 1);
	// One line short of the terminal (a frame as tall as it makes Ink clear it on every render), less the title and status bar
	const bodyRows = Math.max(5, rows - 3);

	const height = listRoom(state, bodyRows, width);
	useEffect(() => {
		dispatch({type: 'resize', height});
	}, [height]);

	// Starts a run with the form as it is when `starting` turns on
	const start = useEffectEvent(() => {
		const {form, mode, file} = state;
		const url = form.url.trim();
		const rules = hankoRules(hankoVersion);
		if (!isHankoRules(rules)) {
			dispatch({type: 'failed', message: rules.error});
			return;
		}

		let client: AdminClient;
		try {
			client = new AdminClient({apiUrl: url, apiKey: form.key || undefined, allowHttp, connections: requestsAtOnce});
		} catch (error) {
			dispatch({type: 'failed', message: (error as Error).message});
			return;
		}

		const abort = new AbortController();
		aborter.current = abort;
		dispatch({type: 'started'});
		const context = {now: Date.now(), rules};
		const out = resolveTyped(unquotePath(form.out), cwd);
		const work =
			mode === 'preflight'
				? preflightFile(file, client, {
						context,
						delta: out,
						signal: abort.signal,
						onProgress(progress) {
							dispatch({
								type: 'progress',
								progress:
									progress.phase === 'target'
										? {projectUsers: progress.done, projectTotal: progress.total}
										: {fileUsers: progress.done},
							});
						},
					}).then(report => {
						dispatch({type: 'preflightDone', report});
					})
				: verifyFile(file, client, {
						context,
						deep: form.deep,
						concurrency: requestsAtOnce,
						retry: out,
						signal: abort.signal,
						onProgress(checked) {
							dispatch({type: 'progress', progress: {fileUsers: checked}});
						},
					}).then(report => {
						dispatch({type: 'verifyDone', report});
					});
		running.current = work
			.then(
				() => {
					if (form.rememberUrl) onUrlUsed(url);
				},
				(error: unknown) => {
					if (abort.signal.aborted) dispatch({type: 'cancelled'});
					else
						dispatch({
							type: 'failed',
							message: error instanceof AdminApiError ? error.message : `unexpected: ${(error as Error).message}`,
						});
				},
			)
			.finally(() => {
				aborter.current = undefined;
				void client.close();
			});
	});
	useEffect(() => {
		if (state.form.starting) start();
	}, [state.form.starting]);

	useFormCompletion(state.form.completing, cwd, (typed, completion) => {
		dispatch({type: 'form', action: {type: 'completed', typed, completion}});
	});

	// The detail's record, read again from the file by its index
	const shown = state.detail ? state.entries[state.list.cursor]?.record : undefined;
	const [loaded, setLoaded] = useState<{record: number; lines: string[]} | undefined>(undefined);
	// The reader is a new function on each render of the router: the record shown says when to read
	const reader = useRef(readRecord);
	reader.current = readRecord;
	useEffect(() => {
		if (shown === undefined || !reader.current) return;
		let current = true;
		void reader
			.current(shown)
			.catch(() => undefined)
			.then(text => {
				if (!current) return;
				let lines: string[];
				try {
					lines =
						text === undefined
							? ['(the record could not be read again)']
							: prettyLines(JSON.parse(text)).map(line => line.text);
				} catch {
					lines = text!.split('\n');
				}

				setLoaded({record: shown, lines});
			});
		return () => {
			current = false;
		};
	}, [shown]);

	// Ctrl+C: a run stops first (its writer removes what it had begun)
	const quit = () => {
		aborter.current?.abort();
		void (running.current ?? Promise.resolve()).finally(onQuit);
	};

	const latest = useRef(state);
	latest.current = state;
	useKeys((input, key) => {
		let current = latest.current;
		if (help) {
			const action = actionFor('help', input, key);
			if (action === 'help' || action === 'back') setHelp(false);
			else if (action === 'quit') quit();
			return;
		}

		const screen = screenOf(current);
		// The form's own keys are the screen's; the rest edit the field (the export's form, as the export has it)
		if (screen === 'targetForm') {
			const action = actionFor(screen, input, key);
			if (action === 'quit') quit();
			else if (action === 'back') onBack(current.form);
			else if (action === 'startCheck') dispatch({type: 'form', action: {type: 'key', action: 'startExport'}});
			else if (action === 'nextField' || action === 'down' || action === 'up')
				dispatch({type: 'form', action: {type: 'key', action}});
			else dispatch({type: 'form', action: {type: 'edit', input, key}});
			return;
		}

		for (const action of actionsFor(screen, input, key)) {
			if (!isTargetKey(action)) continue;
			if (action === 'quit') {
				quit();
			} else if (action === 'help') {
				setHelp(true);
			} else if (action === 'cancelCheck') {
				aborter.current?.abort();
			} else if (action === 'back' && leavesScreen(current)) {
				onBack(current.form);
				return;
			} else {
				dispatch({type: 'key', action});
				current = targetReducer(current, {type: 'key', action});
			}
		}
	});

	const screen = screenOf(state);
	if (help) return <HelpView screen={screen} columns={width} />;
	const recordLines = loaded && loaded.record === shown ? loaded.lines : readRecord ? undefined : ['(the record is not at hand here)'];
	return <TargetView state={state} recordLines={recordLines} bodyRows={bodyRows} columns={width} status={statusBar(screen, width)} />;
}
