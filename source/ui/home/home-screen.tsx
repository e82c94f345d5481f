import {useEffect, useEffectEvent, useReducer, useRef} from 'react';
import {checkTyped, completePath, unquotePath} from '../kit/file-paths.js';
import {HelpView} from '../kit/help-view.js';
import {type Pending, homeReducer, initialHome, isHomeKey} from './home-state.js';
import {HomeView} from './home-view.js';
import {actionsFor, statusBar} from '../kit/keymap.js';
import type {RecentFiles} from '../app/settings/settings-store.js';
import {useSize} from '../kit/use-size.js';
import {useKeys} from '../kit/use-keys.js';

type Props = {
	recent: RecentFiles;
	/** Relative paths are read from here. */
	cwd: string;
	onOpen: (file: string) => void;
	onExport: () => void;
	onQuit: () => void;
	/** The Hanko version files are checked against, to show. */
	hankoVersion?: string;
};

/** Wires the home screen's reducer to the keymap, the file system and the settings. */
export function HomeScreen({recent, cwd, onOpen, onExport, onQuit, hankoVersion}: Props) {
	const {columns, rows} = useSize();
	const [state, dispatch] = useReducer(homeReducer, recent.list(), initialHome);

	// Carries out the pending work with the props as they are then; `isCurrent` says false once it is superseded
	const carryOut = useEffectEvent((pending: Pending, isCurrent: () => boolean) => {
		if (pending.kind === 'quit') {
			onQuit();
		} else if (pending.kind === 'export') {
			onExport();
		} else if (pending.kind === 'forget') {
			recent.remove(pending.file);
			dispatch({type: 'recent', files: recent.list()});
		} else if (pending.kind === 'complete') {
			void completePath(unquotePath(pending.typed), cwd).then(completion => {
				if (isCurrent()) dispatch({type: 'completed', typed: pending.typed, completion});
			});
		} else {
			void checkTyped(pending.typed, cwd).then(checked => {
				if (!isCurrent()) return;
				if ('file' in checked) onOpen(checked.file);
				else dispatch({type: 'refused', message: checked.error});
			});
		}
	});

	const {pending} = state;
	useEffect(() => {
		if (!pending) return;
		let current = true;
		carryOut(pending, () => current);
		return () => {
			current = false;
		};
	}, [pending]);

	// Keys read the latest state through a ref, as on the validation screen: a paste arrives at once
	const latest = useRef(state);
	latest.current = state;
	useKeys(
		(input, key) => {
			const {screen} = latest.current;
			if (input.length > 1 && !key.ctrl && !key.meta && !key.escape) {
				dispatch({type: 'burst', text: input});
				return;
			}

			const actions = actionsFor(screen, input, key).filter(action => isHomeKey(action));
			for (const action of actions) dispatch({type: 'key', action});
			// The path input's own keys (Enter, Tab, Esc) are the screen's; the rest edit the text
			if (actions.length === 0 && screen === 'path') dispatch({type: 'edit', input, key});
		},
		// The path input reads a burst whole; keys wait while a key's work may open another screen
		{text: state.screen === 'path', paused: state.pending !== undefined && ['check', 'export', 'quit'].includes(state.pending.kind)},
	);

	const width = Math.max(20, columns - 1);
	if (state.screen === 'help') return <HelpView screen="home" also={{title: 'Typing a path', screen: 'path'}} columns={width} />;
	return <HomeView state={state} columns={width} rows={rows} status={statusBar(state.screen, width)} hankoVersion={hankoVersion} />;
}
