import type {KeyPress} from '../kit/key-binding.js';
import {type Dispatch, type RefObject, useEffect, useEffectEvent, useLayoutEffect, useState} from 'react';
import type {ValidationRun} from '../../core/engine/validation-run.js';
import {type FixCounts, type FixFiles, defaultFixFiles, writeFixed} from '../../core/fixes/write-fixed.js';
import {actionsFor, statusBar} from '../kit/keymap.js';
import {type ValidationState, type ValidationStateAction, isValidationKey} from '../validation/validation-state.js';
import type {FixChoice} from './fix-choices.js';
import {previewLines} from './fix-preview.js';
import {
	type FixesState,
	type FixesStateAction,
	type PendingState,
	cannotWrite,
	consoleSplitBytes,
	fixesKeyEffect,
	menuTitle,
	offersSplit,
	pendingKey,
	planOf,
	proposalKey,
} from './fixes-state.js';
import {FixMenuView, PendingView, PreviewView, SafeFixesView} from './fixes-view.js';

export type Written = {files: FixFiles; counts: FixCounts};

/** The keys of the fixing screens, handed to the screen that reads the keyboard (it has one handler). */
export type FixesKeys = (input: string, key: KeyPress) => void;

export const isFixesScreen = (screen: ValidationState['screen']) =>
	screen === 'fixMenu' || screen === 'preview' || screen === 'pending' || screen === 'safeFixes';

type Props = {
	run: ValidationRun;
	/** The validation screens' state: which fixing screen, the menu's cursor, the question before writing. */
	state: ValidationState;
	dispatch: Dispatch<ValidationStateAction>;
	fixes: FixesState;
	dispatchFixes: Dispatch<FixesStateAction>;
	/** The record the detail view shows (the menu's title when it was opened there). */
	record: number | null | undefined;
	/** Problems by rule code, all of them (the safe fixes are proposed from these). */
	problemsByCode: Readonly<Record<string, {count: number}>>;
	/** The file has been read to its end; or it could not be. */
	done: boolean;
	fatal: unknown;
	rows: number;
	columns: number;
	/** The status line of the pending list, when there is something to say (writing, a notice). */
	status: string;
	setNotice: (notice: string) => void;
	/** Set to this screen's key handler while it is shown. */
	keysRef: RefObject<FixesKeys | undefined>;
};

/** The fix menu, the preview of the chosen fix and the pending list: wires their keys and the preview to the views. */
export function FixesScreen({
	run,
	state,
	dispatch,
	fixes,
	dispatchFixes,
	record,
	problemsByCode,
	done,
	fatal,
	rows,
	columns,
	status,
	setNotice,
	keysRef,
}: Props) {
	const {menu, pending} = fixes;
	const chosen = state.screen === 'preview' ? menu[state.fixMenu.cursor] : undefined;
	const [preview, setPreview] = useState<{choice: FixChoice; lines: string[]} | undefined>();
	useEffect(() => {
		if (!chosen) return;
		let current = true;
		void previewLines(run, chosen).then(lines => {
			if (current) setPreview({choice: chosen, lines});
		});
		return () => {
			current = false;
		};
	}, [run, chosen]);

	const handle: FixesKeys = (input, key) => {
		// A question asked by a first key: its own keys answer it, any other key goes on to the screen
		const prompt = state.confirmingWrite ? 'writePrompt' : state.confirmingQuit ? 'quitPrompt' : undefined;
		// s answers only when the question offers the split
		const answer = prompt && actionsFor(prompt, input, key).filter(action => action !== 'writeSplit' || offersSplit(problemsByCode));
		const actions = answer && answer.length > 0 ? answer : actionsFor(state.screen, input, key);
		for (const action of actions) {
			if (!isValidationKey(action)) continue;
			const move = state.screen === 'pending' ? pendingKey(action) : state.screen === 'safeFixes' ? proposalKey(action) : undefined;
			const notYet = action === 'write' ? cannotWrite(done, fatal) : undefined;
			const effect = fixesKeyEffect(action, fixes, problemsByCode, done);
			if (effect && 'notice' in effect) {
				setNotice(effect.notice);
			} else if (effect) {
				dispatchFixes(effect.fixes);
				dispatch({type: 'key', action, running: !done, unsaved: pending.fixes.length});
			} else if (action === 'confirm' && chosen) {
				dispatchFixes({type: 'add', fix: chosen});
				dispatch({type: 'key', action, running: !done, unsaved: pending.fixes.length});
			} else if (move) {
				if (state.confirmingWrite) dispatch({type: 'stay'}); // Any other key: not now
				dispatchFixes(move);
			} else if (notYet) {
				setNotice(notYet);
			} else {
				dispatch({type: 'key', action, running: !done, unsaved: pending.fixes.length});
			}
		}
	};

	// Keys read the state of the last render: the handler is handed over on every commit
	useLayoutEffect(() => {
		keysRef.current = handle;
		return () => {
			keysRef.current = undefined;
		};
	});

	if (state.screen === 'fixMenu') {
		return (
			<FixMenuView
				title={menuTitle(state.fixMenu.from, record, menu)}
				choices={menu}
				cursor={state.fixMenu.cursor}
				rows={rows}
				columns={columns}
				status={statusBar('fixMenu', columns)}
			/>
		);
	}

	if (state.screen === 'preview' && chosen) {
		const lines = preview?.choice === chosen ? preview.lines : undefined;
		return (
			<PreviewView
				title={`Preview: ${chosen.label}`}
				lines={lines}
				rows={rows}
				columns={columns}
				status={statusBar('preview', columns, {before: ['q: back to the fixes']})}
			/>
		);
	}

	if (state.screen === 'safeFixes') {
		return <SafeFixesView proposal={fixes.proposal} rows={rows} columns={columns} status={status || statusBar('safeFixes', columns)} />;
	}

	return <PendingView pending={pending} rows={rows} columns={columns} status={status || statusBar('pending', columns)} />;
}

type WriteProps = {
	run: ValidationRun;
	/** Turns on when the second `w` is pressed (on the list or the pending fixes), or `s` for a split. */
	writing: boolean;
	/** Write the output in parts of at most 50 MB, with a manifest (`s` answered the question). */
	split: boolean;
	pending: PendingState;
	dispatch: Dispatch<ValidationStateAction>;
	onWritten: ((written: Written) => void) | undefined;
	setNotice: (notice: string) => void;
};

/** Writes the pending fixes as they are when `writing` turns on; used by the validation screen, as `w` is also a key of its list. */
export function useWriteFixed({run, writing, split, pending, dispatch, onWritten, setNotice}: WriteProps) {
	const write = useEffectEvent(() => {
		const files = defaultFixFiles(run.file);
		void writeFixed(run, planOf(pending), files, undefined, split ? consoleSplitBytes : undefined).then(
			counts => {
				dispatch({type: 'written'});
				onWritten?.({files, counts});
			},
			(error: unknown) => {
				dispatch({type: 'written'});
				setNotice(`not written: ${error instanceof Error ? error.message : String(error)}`);
			},
		);
	});
	useEffect(() => {
		if (writing) write();
	}, [writing]);
}
