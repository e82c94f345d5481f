import path from 'node:path';
import {useKeys} from '../kit/use-keys.js';
import {useEffect, useEffectEvent, useReducer, useRef, useState} from 'react';
import {type PendingConversion, checkConvertPaths, convertFile, defaultConvertFiles} from '../../core/convert/convert-run.js';
import {type BesideFiles, readBesideFiles} from '../../core/convert/beside-files.js';
import {lossReportLines, nothingWrittenReason} from '../../core/convert/describe-loss-report.js';
import {type ConvertState, convertReducer, isConvertKey} from './convert-state.js';
import {ConvertView} from './convert-view.js';
import {HelpView} from '../kit/help-view.js';
import {type Screen, actionFor, actionsFor, statusBar, unhandled} from '../kit/keymap.js';
import {completePath, resolveTyped, unquotePath} from '../kit/file-paths.js';
import {useSize} from '../kit/use-size.js';
import {Cancelled, CommitError} from '../../core/errors.js';

type Props = {
	initial: ConvertState;
	cwd: string;
	/** Back to the home screen (or the end of the session), nothing written; the form as it is. */
	onBack: (state: ConvertState) => void;
	/**
	 * The files are in place: check the import file, with the report's lines above it; `nothing` when no user
	 * was written from an export that has some.
	 */
	onWritten: (out: string, lines: string[], nothing: boolean) => void;
	/** Ctrl+C: `dropped` when a conversion was running or waiting to be written. */
	onQuit: (dropped: boolean) => void;
	/** Check the file as an import file after all, without converting it. */
	onCheckAsIs: (file: string) => void;
};

const screens: Record<ConvertState['stage'], Screen> = {
	form: 'convertForm',
	running: 'convertRun',
	report: 'convertReport',
	failed: 'convertFailed',
};

/** What the form's second field names, by the source: the password export (Auth0) or the hash config (Firebase). */
function besideFiles(state: ConvertState, cwd: string): BesideFiles {
	if (!state.aside.trim()) return {};
	// Typed or pasted as a shell would take it: quoted, with escaped spaces, or from ~
	const file = resolveTyped(unquotePath(state.aside), cwd);
	if (state.layout.kind === 'auth0') return {passwords: file};
	if (state.layout.kind === 'firebase') return {hashConfig: file};
	return {};
}

export function ConvertScreen({initial, cwd, onBack, onWritten, onQuit, onCheckAsIs}: Props) {
	const {columns} = useSize();
	const [state, dispatch] = useReducer(convertReducer, initial);
	const [help, setHelp] = useState(false);
	const pending = useRef<PendingConversion | undefined>(undefined);
	const controller = useRef<AbortController | undefined>(undefined);

	// Files being put in place are let finish: a quit waits for them
	const committing = useRef<Promise<unknown> | undefined>(undefined);

	// Whatever was converted and not written goes when the screen closes
	useEffect(
		() => () => {
			controller.current?.abort();
			void pending.current?.abort();
		},
		[],
	);

	// Starts the conversion of the form as it is when `starting` turns on (a later edit does not restart it)
	const start = useEffectEvent(() => {
		const abort = new AbortController();
		controller.current = abort;
		dispatch({type: 'started'});
		const defaults = defaultConvertFiles(state.file, resolveTyped(unquotePath(state.out), cwd));
		const files = {
			out: defaults.out,
			rejects: state.rejects ? path.resolve(cwd, state.rejects) : defaults.rejects,
			map: state.map ? path.resolve(cwd, state.map) : defaults.map,
			...(state.profile && {profile: path.resolve(cwd, state.profile)}),
		};
		void (async () => {
			try {
				const beside = besideFiles(state, cwd);
				checkConvertPaths(
					state.file,
					files,
					[beside.passwords, beside.hashConfig].filter(file => file !== undefined),
				);
				const aside = await readBesideFiles(beside, {cwd, signal: abort.signal});
				const conversion = await convertFile(state.file, files, {
					layout: state.layout,
					includeDisabled: state.includeDisabled,
					...aside,
					signal: abort.signal,
					workerNice: 10,
					onProgress: progress => dispatch({type: 'progress', progress}),
				});
				if (abort.signal.aborted) {
					await conversion.abort();
					dispatch({type: 'cancelled'});
					return;
				}

				pending.current = conversion;
				dispatch({type: 'converted', report: conversion.report, files: conversion.files});
			} catch (error) {
				dispatch(
					error instanceof Cancelled || abort.signal.aborted
						? {type: 'cancelled'}
						: {type: 'failed', message: (error as Error).message},
				);
			}
		})();
	});
	useEffect(() => {
		if (state.starting) start();
	}, [state.starting]);

	// Tab in a path field: complete the file name from the folder it names
	const {completing} = state;
	useEffect(() => {
		if (!completing) return;
		let current = true;
		void completePath(unquotePath(completing.typed), cwd).then(completion => {
			if (current) dispatch({type: 'completed', field: completing.field, typed: completing.typed, completion});
		});
		return () => {
			current = false;
		};
	}, [completing, cwd]);

	/** Puts the files in place: begun at the key, so that no key after it can still drop them. */
	const commit = () => {
		const conversion = pending.current;
		if (!conversion || committing.current) return;
		pending.current = undefined; // From here on the files are the commit's, not the screen's to drop
		dispatch({type: 'key', action: 'writeConverted'});
		committing.current = conversion.commit().then(
			() => {
				const nothing = nothingWrittenReason(conversion.report, conversion.files);
				onWritten(
					conversion.files.out,
					// The warning first: the banner shows only its first lines
					[...(nothing ? [`Warning: ${nothing}.`] : []), ...lossReportLines(conversion.report, conversion.files)],
					nothing !== undefined,
				);
			},
			(error: unknown) => {
				committing.current = undefined;
				dispatch({
					type: 'failed',
					message: (error as Error).message,
					partlyWritten: error instanceof CommitError && error.written.length > 0,
				});
			},
		);
	};

	/** Ctrl+C: what runs is stopped, what is being written is let finish. */
	const quit = (current: ConvertState) => {
		controller.current?.abort();
		// Dropped: a run, or a result not yet being written (what the refs say, not the last render)
		const dropped = current.stage === 'running' || pending.current !== undefined;
		void Promise.all([pending.current?.abort(), committing.current]).finally(() => {
			onQuit(dropped);
		});
	};

	const latest = useRef(state);
	latest.current = state;
	useKeys((input, key) => {
		const current = latest.current;
		const screen = screens[current.stage];
		if (help) {
			const action = actionFor('help', input, key);
			if (action === 'help' || action === 'back') setHelp(false);
			else if (action === 'quit') quit(current);
			return;
		}

		// The form's own keys (Enter, Tab, Esc, ↑/↓, Ctrl+O, Ctrl+C) are the screen's; the rest edit the field
		// (in a burst, a return converts and a Tab moves on)
		if (screen === 'convertForm') {
			const action = actionFor(screen, input, key);
			if (action !== 'quit' && !(isConvertKey(action) && action !== 'toggleDisabled')) {
				dispatch({type: 'edit', input, key});
				return;
			}
		}

		for (const action of actionsFor(screen, input, key)) {
			if (!isConvertKey(action)) continue;
			if (action === 'quit') {
				quit(current);
				continue;
			}

			// Writing: no key drops or changes what is being put in place
			if (committing.current) continue;
			switch (action) {
				case 'help': {
					setHelp(true);
					break;
				}

				case 'back': {
					onBack({...current, stage: 'form', starting: false, committing: false, message: ''});
					break;
				}

				case 'checkAsIs': {
					onCheckAsIs(current.file);
					break;
				}

				case 'cancelConvert': {
					controller.current?.abort();
					break;
				}

				case 'writeConverted': {
					commit();
					break;
				}

				case 'drop': {
					const conversion = pending.current;
					pending.current = undefined;
					void conversion?.abort();
					dispatch({type: 'cancelled'});
					break;
				}

				case 'nextField':
				case 'startConvert':
				case 'toggleDisabled':
				case 'down':
				case 'up':
				case 'pageDown':
				case 'pageUp':
				case 'halfPageDown':
				case 'halfPageUp':
				case 'first':
				case 'last': {
					dispatch({type: 'key', action});
					break;
				}

				default: {
					unhandled(action);
				}
			}
		}
	});

	const width = Math.max(20, columns - 1);
	const screen = screens[state.stage];
	if (help) return <HelpView screen={screen} columns={width} />;
	return (
		<ConvertView
			state={state}
			columns={width}
			status={state.committing && state.stage === 'report' ? 'writing the files…' : statusBar(screen, width)}
		/>
	);
}
