import {useApp, useInput, useStdout} from 'ink';
import {useEffect, useReducer, useState, useSyncExternalStore} from 'react';
import {appReducer, initialApp} from './app-state.js';
import {HelpView} from './help-view.js';
import {actionsFor, statusLine} from './keymap.js';
import type {RunStore} from './run-store.js';
import {ValidationView, chromeLines} from './validation-view.js';

/** The terminal's size, following resizes (ink-testing-library has no rows: 24 then). */
function useSize(): {columns: number; rows: number} {
	const {stdout} = useStdout();
	const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => {
			setSize(read());
		};

		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}

/** Wires the store, the keymap and the reducer to the views; holds no logic of its own. */
export function App({store}: {store: RunStore}) {
	const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
	const {columns, rows} = useSize();
	// One line short of the terminal: a frame as tall as the terminal makes Ink clear it on every render
	const listHeight = Math.max(3, rows - 1 - chromeLines);
	const [state, dispatch] = useReducer(appReducer, listHeight, initialApp);
	const {exit} = useApp();

	useEffect(() => {
		dispatch({type: 'rows', total: snapshot.problems});
	}, [snapshot.problems]);
	useEffect(() => {
		dispatch({type: 'resize', height: listHeight});
	}, [listHeight]);
	useEffect(() => {
		if (!state.quitting) return;
		void store.run.cancel().finally(() => {
			exit();
		});
	}, [state.quitting]);

	useInput((input, key) => {
		for (const action of actionsFor(state.screen, input, key)) dispatch({type: 'key', action, running: !snapshot.done});
	});

	const width = Math.max(20, columns - 1);
	if (state.screen === 'help') return <HelpView screen='validation' columns={width}/>;
	const status = state.confirmingQuit ? 'Still checking: press q again to quit, any other key to stay' : statusLine('validation');
	return <ValidationView snapshot={snapshot} state={state} problem={index => store.run.problems.get(index)} columns={width} status={status}/>;
}
