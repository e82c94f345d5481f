import {describe, expect, it} from 'vitest';
import type {LossReport} from '../../../source/core/convert/convert-run.js';
import {
	type ConvertKeyAction,
	type ConvertState,
	convertReducer,
	fieldsOf,
	initialConvert,
	suggestedOutput,
} from '../../../source/ui/convert/convert-state.js';

const auth0 = () => initialConvert('/data/users.json.gz', {kind: 'auth0', container: 'json'}, {out: 'users.hanko.json'});
const press = (state: ConvertState, ...actions: ConvertKeyAction[]) =>
	actions.reduce((current, action) => convertReducer(current, {type: 'key', action}), state);

describe('convert screen state', () => {
	it('asks for the file beside the export only where the source keeps passwords apart', () => {
		expect(fieldsOf(auth0())).toEqual(['out', 'aside', 'disabled']);
		expect(fieldsOf({layout: {kind: 'firebase', container: 'users-object'}})).toEqual(['out', 'aside', 'disabled']);
		expect(fieldsOf({layout: {kind: 'clerk', container: 'csv'}})).toEqual(['out', 'disabled']);
		expect(press(initialConvert('/x.csv', {kind: 'cognito', container: 'csv'}, {out: 'o'}), 'down', 'down').field).toBe('out');
	});

	it('types into the chosen field, erases, and flips the disabled-users box with space only', () => {
		let state = convertReducer(press(auth0(), 'down'), {type: 'type', text: 'pw.ndjson\u0007'});
		expect(state.aside).toBe('pw.ndjson');
		state = convertReducer(state, {type: 'erase'});
		expect(state.aside).toBe('pw.ndjso');
		state = press(state, 'down');
		expect(convertReducer(state, {type: 'type', text: 'a'}).includeDisabled).toBe(false);
		state = convertReducer(state, {type: 'type', text: ' '});
		expect(state.includeDisabled).toBe(true);
		expect(convertReducer(state, {type: 'erase'}).includeDisabled).toBe(true);
	});

	it('completes a path field on Tab, and moves on when there is nothing to complete', () => {
		const atAside = convertReducer(press(auth0(), 'down'), {type: 'type', text: 'pw'});
		const asked = press(atAside, 'nextField');
		expect(asked).toMatchObject({field: 'aside', completing: {field: 'aside', typed: 'pw'}});
		const completed = convertReducer(asked, {
			type: 'completed',
			field: 'aside',
			typed: 'pw',
			completion: {value: 'pw-', candidates: ['pw-1.ndjson', 'pw-2.ndjson']},
		});
		expect(completed).toMatchObject({
			aside: 'pw-',
			cursor: 3,
			field: 'aside',
			completing: undefined,
			message: '2 matches: pw-1.ndjson  pw-2.ndjson',
		});
		// A completion for text since changed is dropped
		const changed = convertReducer(asked, {type: 'type', text: 'x'});
		expect(
			convertReducer(changed, {type: 'completed', field: 'aside', typed: 'pw', completion: {value: 'pw.ndjson', candidates: []}})
				.aside,
		).toBe('pwx');
		const nothing = convertReducer(asked, {type: 'completed', field: 'aside', typed: 'pw', completion: {value: 'pw', candidates: []}});
		expect(nothing).toMatchObject({field: 'disabled', aside: 'pw'});
	});

	it('edits at the cursor, and a return in a burst converts with the text before it', () => {
		let state = convertReducer(auth0(), {type: 'edit', input: 'w', key: {ctrl: true}});
		state = convertReducer(state, {type: 'edit', input: 'new.json', key: {}});
		state = convertReducer(state, {type: 'edit', input: '', key: {home: true}});
		state = convertReducer(state, {type: 'edit', input: 'out/\r', key: {}});
		expect(state.out.endsWith('out/new.json')).toBe(true);
		expect(state.starting).toBe(true);
	});

	it('starts only with an output file, and goes from the run to the report, where Enter commits', () => {
		const empty = {...auth0(), out: '  '};
		expect(press(empty, 'startConvert')).toMatchObject({starting: false, message: 'the output file is missing'});
		const starting = press(auth0(), 'startConvert');
		expect(starting.starting).toBe(true);
		const running = convertReducer(starting, {type: 'started'});
		expect(running).toMatchObject({stage: 'running', starting: false});
		// Keys of the form mean nothing while it runs
		expect(convertReducer(running, {type: 'type', text: 'x'})).toBe(running);
		const report = {source: 'auth0', users: 1} as LossReport;
		const files = {out: '/o.json', rejects: '/o.rejects.ndjson', map: '/o.id-map.csv'};
		const shown = convertReducer(running, {type: 'converted', report, files});
		expect(shown).toMatchObject({stage: 'report', report, files, committing: false});
		expect(press(shown, 'writeConverted').committing).toBe(true);
		expect(convertReducer(shown, {type: 'cancelled'})).toMatchObject({
			stage: 'form',
			report: undefined,
			message: 'Cancelled: nothing was written.',
		});
	});

	it('after a failure, Enter goes back to the form with what was typed', () => {
		const failed = convertReducer(convertReducer(press(auth0(), 'startConvert'), {type: 'started'}), {
			type: 'failed',
			message: 'pw.ndjson: no such file',
		});
		expect(failed).toMatchObject({stage: 'failed', message: 'pw.ndjson: no such file'});
		expect(press(failed, 'startConvert')).toMatchObject({stage: 'form', message: '', out: 'users.hanko.json'});
	});

	it('suggests the output beside the export, relative to the working folder when inside it', () => {
		expect(suggestedOutput('/work/in/users.json.gz', '/work')).toBe('in/users.hanko.json');
		expect(suggestedOutput('/data/auth0.ndjson', '/work')).toBe('/data/auth0.hanko.json');
		expect(suggestedOutput('/work/clerk.csv', '/work')).toBe('clerk.hanko.json');
	});
});
