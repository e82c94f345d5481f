import path from 'node:path';
import {useStdout} from 'ink';
import {useEffect, useEffectEvent, useMemo, useReducer, useRef, useState, useSyncExternalStore} from 'react';
import type {Problem} from '../../core/engine/problem-store.js';
import {effectiveCode} from '../../core/fixes/fix-catalogue.js';
import {defaultFixFiles} from '../../core/fixes/write-fixed.js';
import type {RuleCode} from '../../core/rules/catalogue.js';
import {type FixChoice, addressesOf, fixChoices} from '../fixes/fix-choices.js';
import {type FixesKeys, FixesScreen, type Written, isFixesScreen, useWriteFixed} from '../fixes/fixes-screen.js';
import {cannotWrite, fixesKeyEffect, fixesReducer, noFixes, offersSplit, writeStatus} from '../fixes/fixes-state.js';
import {describeForecast, forecastWrite} from '../fixes/write-forecast.js';
import {initialValidation, isValidationKey, quitQuestion, validationReducer} from './validation-state.js';
import {DetailView, detailBodyHeight} from './detail-view.js';
import {bodyRows, detailBody, faultIn, placeFault, recordLineIndex, widestLine} from './detail-body.js';
import {HelpView} from '../kit/help-view.js';
import {listReducer, visibleRange} from '../kit/list-window.js';
import {lineOf} from './pretty-record.js';
import {findProblems} from './find-problems.js';
import {useRecordText} from './use-record-text.js';
import {useRowLabels} from './use-row-labels.js';
import {RuleRows, filterReducer, noFilter} from './rule-filter.js';
import {hitPosition, idleSearch, nextHit, searchReducer} from './search-state.js';
import {withCursor} from '../kit/text-input.js';
import {actionFor, actionsFor, statusBar, statusLine} from '../kit/keymap.js';
import type {RunStore} from './run-store.js';
import {useSize} from '../kit/use-size.js';
import {useKeys} from '../kit/use-keys.js';
import {copyToClipboard} from '../kit/clipboard.js';
import {type CopyField, type CopyValue, problemPosition, recordField, shortened} from './copy-fields.js';
import {ValidationView, bannerLines, chromeLines, offerLine} from './validation-view.js';
import type {TargetMode} from '../target/target-state.js';

export type {Written} from '../fixes/fixes-screen.js';

type Props = {
	store: RunStore;
	/** After the run is cancelled (if it still ran): `back` to the screen that opened it, `all` to end. */
	onClose: (how: 'back' | 'all') => void;
	/** The fixed files are written: the session shows the output, checked again. */
	onWritten?: (written: Written) => void;
	/** Lines above the counts: what was written, when this screen shows a fixed output. */
	banner?: readonly string[];
	/** The file shown was just written: `c` checks it against the project, `v` verifies its import. */
	onTarget?: (mode: TargetMode) => void;
};

/** Wires the store, the keymap and the reducer to the views; holds no logic of its own. */
export function ValidationScreen({store, onClose, onWritten, onTarget, banner: fullBanner = []}: Props) {
	// Under what was written, always shown (a long banner is cut above it): the next steps of a migration
	const banner = onTarget ? [...bannerLines(fullBanner), offerLine] : bannerLines(fullBanner);
	const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
	const {columns, rows} = useSize();
	// One line short of the terminal: a frame as tall as the terminal makes Ink clear it on every render
	const listHeight = Math.max(3, rows - 1 - chromeLines - banner.length);
	const [state, dispatch] = useReducer(validationReducer, listHeight, initialValidation);

	// With a filter the list shows the problems of one rule: row i is the store's problem rows[i]
	const [filter, dispatchFilter] = useReducer(filterReducer, noFilter);
	const ruleRows = useRef<RuleRows | undefined>(undefined);
	const {problems: stored} = store.run;
	if (!filter.code) ruleRows.current = undefined;
	else if (!ruleRows.current || ruleRows.current.code !== filter.code || !ruleRows.current.fits(stored))
		ruleRows.current = new RuleRows(filter.code, stored.version);
	const filtered = ruleRows.current?.update(stored);
	const total = filtered ? filtered.indexes.length : snapshot.problems;
	const storeIndex = (row: number) => (filtered ? filtered.indexes[row]! : row);
	// Rows can change between renders (a filter applied, problems arriving): draw within today's rows,
	// the reducer catches up in the effect below
	const list = total === state.list.total ? state.list : listReducer(state.list, {type: 'setTotal', total});

	useEffect(() => {
		dispatch({type: 'rows', total});
	}, [total]);
	useEffect(() => {
		dispatch({type: 'resize', height: listHeight});
	}, [listHeight]);
	const close = useEffectEvent((how: 'back' | 'all') => {
		void store.run.cancel().finally(() => {
			onClose(how);
		});
	});
	useEffect(() => {
		const how = state.quitting;
		if (how) close(how);
	}, [state.quitting]);

	// The detail view's record is read again from the file by its index (the engine keeps positions)
	const detailIndex = state.detail ? storeIndex(state.detail.problem) : undefined;
	const detailProblem = detailIndex === undefined ? undefined : stored.get(detailIndex);
	const detailRecord = detailProblem?.record ?? null;
	const loaded = useRecordText(store.run, state.detail?.problem, detailRecord);
	// The problems of the record shown, looked up again once per snapshot (the store fills between them)
	const recordProblems = useMemo<Problem[]>(() => {
		if (detailIndex === undefined) return [];
		const problem = stored.get(detailIndex);
		if (problem.record === null) return [problem];
		return stored.indexesOf(problem.record).map(index => stored.get(index));
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the store is mutable: snapshot.problems is the key that says it changed
	}, [stored, detailIndex, snapshot.problems]);

	// Who each visible row's user is
	const {from, to} = visibleRange(list);
	// Rows change with the problems stored and the filter (a count has no colon, so the key names both)
	const rowsVersion = `${snapshot.problems}:${filter.code ?? ''}`;
	const labelOf = useRowLabels(store.run, from, to, rowsVersion, row => store.run.problems.get(storeIndex(row)).record);

	const [search, dispatchSearch] = useReducer(searchReducer, idleSearch);
	// The first hit is the first at or after the cursor where the search started
	const find = useEffectEvent((query: string) => {
		const {cursor} = state.list;
		void findProblems(store.run, query).then(hits => {
			dispatchSearch({type: 'hits', query, hits});
			const first = nextHit(hits, cursor - 1, 1);
			if (first !== undefined) dispatch({type: 'goTo', index: first});
		});
	});
	useEffect(() => {
		if (search.pending) find(search.query);
	}, [search.pending, search.query]);

	// Fixes: the menu of the record shown (or of a rule), the preview of the chosen one, the pending list.
	// Their state lives here, as the pending fixes outlast the fixing screens (the list counts and writes them)
	const [fixes, dispatchFixes] = useReducer(fixesReducer, noFixes);
	const {pending} = fixes;
	const openMenu = (choices: FixChoice[], from: 'detail' | 'validation') => {
		dispatchFixes({type: 'menu', choices});
		dispatch({type: 'openFixMenu', from, size: choices.length});
	};

	const [notice, setNotice] = useState('');
	useWriteFixed({run: store.run, writing: state.writing, split: state.split, pending, dispatch, onWritten, setNotice});
	// y then u, e or p: the value is read again from the file (the engine keeps no values) and sent to the
	// terminal's clipboard; the status line says what was copied, or why nothing was, until the next key
	const {stdout} = useStdout();
	// A plain function: it reads nothing of the render but the store and the output, which stay the same
	const copy = (field: CopyField, index: number) => {
		const problem = store.run.problems.get(index);
		const name = field === 'position' ? 'file:line:col' : field;
		const finish = (found: CopyValue) => {
			if ('missing' in found) {
				setNotice(`nothing copied: ${found.missing}`);
				return;
			}

			const refused = copyToClipboard(stdout, found.value);
			setNotice(
				refused
					? `nothing copied: ${refused}`
					: `copied ${name} ${shortened(found.value)} (OSC 52: your terminal must allow clipboard writes)`,
			);
		};

		if (field === 'position') {
			finish({value: problemPosition(store.run.file, problem)});
		} else if (problem.record === null) {
			finish({missing: `a problem of the whole file has no ${name} (p copies file:line:col)`});
		} else if (store.run.stats.header?.seekable === false) {
			finish({missing: 'read from a pipe, the record cannot be read again'});
		} else {
			const {record} = problem;
			const reader = store.run.recordReader();
			if (!reader) finish({missing: 'the record cannot be read again yet'});
			else void reader.readMany([record]).then(found => finish(recordField(found.get(record)?.text, field)));
		}
	};
	// The fixing screens hand their key handler over while they are shown
	const fixesKeys = useRef<FixesKeys | undefined>(undefined);

	// Keys read the state of the last render through a ref: Ink re-subscribes a new handler only after
	// the frame is drawn, and a fast typist (or a paste) would otherwise reach the previous one

	const rules = Object.keys(snapshot.byCode);
	// The problem y copies from: the one open in the detail view, else the one under the cursor
	const selected = state.screen === 'detail' ? detailIndex : total > 0 ? storeIndex(list.cursor) : undefined;
	const now = {state, search, filter, rules, done: snapshot.done, fatal: snapshot.fatal, recordProblems, loaded, selected};
	const latest = useRef(now);
	latest.current = now;
	useKeys(
		(input, key) => {
			const {state, search, filter, rules, done, fatal, recordProblems, loaded, selected} = latest.current;
			setNotice('');
			if (filter.choosing) {
				// The counts by rule take the keys (the filterChooser part of the keymap)
				for (const action of actionsFor('filterChooser', input, key)) {
					switch (action) {
						case 'fixRule': {
							// A fix for every problem of the rule being chosen
							const code = rules[filter.choice] as RuleCode | undefined;
							dispatchFilter({type: 'close'});
							if (code) openMenu(fixChoices({record: undefined, codes: [code], counts: snapshot.byCode}), 'validation');
							return;
						}

						case 'down':
						case 'up':
						case 'first':
						case 'last': {
							const by = {down: 1, up: -1, first: Number.NEGATIVE_INFINITY, last: Number.POSITIVE_INFINITY}[action];
							dispatchFilter({type: 'move', by, rules: rules.length});
							break;
						}

						case 'applyFilter': {
							dispatchFilter({type: 'apply', codes: rules});
							dispatchSearch({type: 'reset'}); // Hits count in the unfiltered list
							dispatch({type: 'goTo', index: 0});
							return;
						}

						case 'closeFilter': {
							dispatchFilter({type: 'close'});
							return;
						}

						case 'quit': {
							dispatch({type: 'key', action, running: !done, unsaved: pending.fixes.length});
							return;
						}

						default: {
							break;
						}
					}
				}

				return;
			}

			if (search.editing) {
				// The query line takes the keys: Enter searches, Esc closes it (nothing is lost), the rest edits the text
				const action = actionFor('searchInput', input, key);
				if (action === 'submitSearch') dispatchSearch({type: 'submit'});
				else if (action === 'closeSearch') dispatchSearch({type: 'cancel'});
				else if (action === 'quit') dispatch({type: 'key', action, running: !done, unsaved: pending.fixes.length});
				else dispatchSearch({type: 'edit', input, key});
				return;
			}

			if (isFixesScreen(state.screen)) {
				fixesKeys.current?.(input, key);
				return;
			}

			if (state.copying) {
				// What to copy: u, e or p answers, Esc copies nothing, any other key copies nothing and goes on
				dispatch({type: 'copyClosed'});
				const answer = actionFor('copyPrompt', input, key);
				const field =
					answer === 'copyUserId'
						? 'user_id'
						: answer === 'copyEmail'
							? 'email'
							: answer === 'copyPosition'
								? 'position'
								: undefined;
				if (field && selected !== undefined) copy(field, selected);
				if (answer) return;
			}

			// A question asked by a first key: its own keys answer it, any other key goes on to the screen
			const prompt = state.confirmingWrite ? 'writePrompt' : state.confirmingQuit ? 'quitPrompt' : undefined;
			// s answers only when the question offers the split
			const answer =
				prompt && actionsFor(prompt, input, key).filter(action => action !== 'writeSplit' || offersSplit(snapshot.byCode));
			const actions = answer && answer.length > 0 ? answer : actionsFor(state.screen, input, key);
			for (const action of actions) {
				if (!isValidationKey(action)) continue;
				if (action === 'checkTarget' || action === 'verifyImport') {
					// Offered only for a file just written; elsewhere the keys do nothing
					if (onTarget) onTarget(action === 'checkTarget' ? 'preflight' : 'verify');
					else setNotice('c and v are offered once a file is written (w, or a conversion)');
					return;
				}

				const effect = fixesKeyEffect(action, fixes, snapshot.byCode, done);
				if (effect && 'notice' in effect) {
					setNotice(effect.notice);
				} else if (effect) {
					dispatchFixes(effect.fixes);
					dispatch({type: 'key', action, running: !done, unsaved: pending.fixes.length});
				} else if (action === 'search') {
					// Hits are found in the whole list: searching shows it whole again
					if (filter.code) dispatchFilter({type: 'clear'});
					dispatchSearch({type: 'start'});
				} else if (action === 'filter') {
					dispatchFilter({type: 'open'});
				} else if (action === 'clearFilter') {
					if (filter.code) {
						dispatchFilter({type: 'clear'});
						dispatch({type: 'goTo', index: 0});
					}
				} else if (action === 'nextHit' || action === 'previousHit') {
					const target = nextHit(search.hits, state.list.cursor, action === 'nextHit' ? 1 : -1);
					if (target !== undefined) dispatch({type: 'goTo', index: target});
				} else if (action === 'fix') {
					const record = recordProblems[0]?.record ?? null;
					const addresses = loaded?.record === record ? addressesOf(loaded.value) : [];
					openMenu(
						record === null
							? []
							: fixChoices({
									record,
									codes: recordProblems.map(problem => effectiveCode(problem)),
									counts: snapshot.byCode,
									addresses,
								}),
						'detail',
					);
				} else if (action === 'write' && cannotWrite(done, fatal)) {
					setNotice(cannotWrite(done, fatal) ?? '');
				} else {
					dispatch({type: 'key', action, running: !done, unsaved: pending.fixes.length});
				}
			}
		},
		// A burst goes whole to the query line; keys wait while the screen closes, for the screen that comes next
		{text: search.editing, paused: state.quitting !== false},
	);

	// The body (problems, then the record) scrolls within the rows left; scrolling stops at its last page
	const width = Math.max(20, columns - 1);
	const detailHeight = detailBodyHeight(rows);
	const detailLines = loaded?.record === detailRecord ? loaded : undefined;
	const wrap = state.detail?.wrap ?? false;
	const detail = useMemo(() => {
		const lines = detailLines?.lines;
		const marked = new Set((lines ? recordProblems.map(problem => lineOf(lines, problem.pointer)) : []).filter(line => line >= 0));
		const body = detailBody(detailRecord, recordProblems, lines, marked);
		// The fault brought into view: where a syntax error is, else the first line a problem points at
		const syntax = detailLines?.start && recordProblems.map(problem => faultIn(problem, detailLines.start!)).find(Boolean);
		const firstMarked = Math.min(...marked);
		const fault = syntax ?? (Number.isFinite(firstMarked) ? {line: firstMarked, column: 0} : undefined);
		return {
			rows: bodyRows(body, width, wrap),
			widest: widestLine(body),
			fault:
				lines && fault
					? placeFault(body, recordLineIndex(recordProblems.length, fault.line), fault.column, {
							width,
							height: detailHeight,
							wrap,
						})
					: undefined,
		};
	}, [detailLines, detailRecord, recordProblems, width, wrap, detailHeight]);
	const openProblem = state.detail?.problem;
	const layout = {lines: detail.rows.length, height: detailHeight, widest: detail.widest, width, fault: detail.fault};
	useEffect(() => {
		if (openProblem !== undefined) dispatch({type: 'detailLayout', ...layout});
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the layout is new on each render: its parts say when it changed
	}, [openProblem, layout.lines, layout.height, layout.widest, layout.width, layout.fault?.scroll, layout.fault?.left, wrap]);

	// Said when w asks: how many records will go to the rejects file (counted once, on the first w)
	const forecast = useMemo(
		() =>
			state.confirmingWrite
				? describeForecast(forecastWrite(store.run.problems, pending), path.basename(defaultFixFiles(store.run.file).rejects))
				: undefined,
		[state.confirmingWrite, pending, store.run],
	);
	const output = defaultFixFiles(store.run.file).out;
	const writing = writeStatus(state, pending, output, forecast, offersSplit(snapshot.byCode));
	const leaving = state.confirmingQuit ? quitQuestion(!snapshot.done, pending.fixes.length) : '';
	// A problem of the whole file has no record: only its position can be copied
	const copying =
		state.copying && selected !== undefined
			? `copy: ${statusLine('copyPrompt', stored.get(selected).record === null ? ['copyUserId', 'copyEmail'] : []).replaceAll('  ', ' · ')}`
			: '';
	if (state.screen === 'help') return <HelpView screen={state.helpFrom} columns={width} />;
	if (isFixesScreen(state.screen)) {
		return (
			<FixesScreen
				run={store.run}
				state={state}
				dispatch={dispatch}
				fixes={fixes}
				dispatchFixes={dispatchFixes}
				record={recordProblems[0]?.record}
				problemsByCode={snapshot.byCode}
				done={snapshot.done}
				fatal={snapshot.fatal}
				rows={rows}
				columns={width}
				status={leaving || writing || notice}
				setNotice={setNotice}
				keysRef={fixesKeys}
			/>
		);
	}

	if (state.screen === 'detail' && state.detail) {
		const first = recordProblems[0];
		return (
			<DetailView
				record={detailRecord}
				start={detailLines?.start ?? (first && detailRecord !== null ? {line: first.line, column: first.column} : undefined)}
				body={detail.rows}
				scroll={state.detail.scroll}
				left={state.detail.left}
				wrap={state.detail.wrap}
				rows={rows}
				columns={width}
				status={copying || leaving || notice || statusBar('detail', width)}
			/>
		);
	}

	const found = search.pending
		? `searching for "${search.query}"…`
		: search.searched
			? `${hitPosition(search.hits, list.cursor)} for "${search.searched}" (n/N)`
			: '';
	const status = search.editing
		? statusBar('searchInput', width, {before: [`/${withCursor({value: search.query, cursor: search.cursor})}`]})
		: copying ||
			leaving ||
			writing ||
			notice ||
			statusBar('validation', width, {
				except: onTarget ? [] : ['checkTarget', 'verifyImport'],
				before: [
					filter.code ? `only ${filter.code} (Esc: all)` : '',
					found,
					pending.fixes.length > 0 ? `${pending.fixes.length} pending` : '',
				],
			});
	return (
		<ValidationView
			banner={banner}
			snapshot={snapshot}
			state={{...state, list}}
			problem={index => store.run.problems.get(storeIndex(index))}
			choosing={filter.choosing ? filter.choice : undefined}
			choosingKeys={statusLine('filterChooser').replaceAll('  ', ', ')}
			filterCode={filter.code}
			label={labelOf}
			columns={width}
			status={status}
		/>
	);
}
