import {describe, expect, it} from 'vitest';
import {
	type ExportStateAction,
	type ExportState,
	exportReducer,
	formProblem,
	initialExport,
} from '../../../source/ui/export/export-state.js';

const apply = (state: ExportState, ...actions: ExportStateAction[]) => actions.reduce(exportReducer, state);

describe('export screen state', () => {
	it('starts without a key (a self-hosted Admin API has none), but not without a URL', () => {
		expect(formProblem(initialExport({}))).toContain('the API URL is missing');
		expect(formProblem(initialExport({url: 'http://hanko-admin:8001'}))).toBe('');
		// Given on the command line, the export starts at once; a form with something missing waits
		expect(initialExport({url: 'http://hanko-admin:8001', out: 'users.json', start: true}).starting).toBe(true);
		expect(initialExport({out: 'users.json', start: true}).starting).toBe(false);
		expect(initialExport({url: 'http://hanko-admin:8001', out: 'users.json'}).starting).toBe(false);
	});

	it('toggles --deep with Space on its checkbox, and text typed there changes nothing else', () => {
		const atDeep = apply(initialExport({url: 'https://p.hanko.io/admin', key: 'k'}), {type: 'key', action: 'down'});
		expect(atDeep.field).toBe('deep');
		const on = apply(atDeep, {type: 'type', text: ' '});
		expect(on.deep).toBe(true);
		expect(apply(on, {type: 'type', text: 'q'})).toEqual(on);
		expect(apply(on, {type: 'type', text: 'x'}).deep).toBe(false);
		expect(initialExport({deep: true}).deep).toBe(true);
	});

	it('remembers a URL the user typed, never one the demo put there', () => {
		const demo = initialExport({url: 'http://127.0.0.1:4567', key: 'demo-key', rememberUrl: false});
		expect(demo.rememberUrl).toBe(false);
		const typed = apply(demo, {type: 'key', action: 'up'}, {type: 'key', action: 'up'}, {type: 'erase'}, {type: 'type', text: '8'});
		expect(typed).toMatchObject({rememberUrl: true, url: 'http://127.0.0.1:4568'});
		expect(apply({...demo, field: 'out'}, {type: 'type', text: 'x'}).rememberUrl).toBe(false);
		expect(initialExport({url: 'https://p.hanko.io/admin'}).rememberUrl).toBe(true);
	});

	it('completes the output file on Tab (moving on when there is nothing to add), and edits at the cursor', () => {
		const form = initialExport({url: 'https://p.hanko.io/admin', key: 'k', out: 'users'});
		expect(form).toMatchObject({field: 'out', cursor: 5});
		const asked = apply(form, {type: 'key', action: 'nextField'});
		expect(asked).toMatchObject({field: 'out', completing: 'users'});
		expect(apply(asked, {type: 'completed', typed: 'users', completion: {value: 'users.json', candidates: []}})).toMatchObject({
			out: 'users.json',
			cursor: 10,
			field: 'out',
			completing: undefined,
		});
		expect(apply(asked, {type: 'completed', typed: 'users', completion: {value: 'users', candidates: []}}).field).toBe('deep');
		// A Tab in a burst in the URL field moves on, and what follows it is the next field's text
		const pasted = apply(initialExport({}), {type: 'edit', input: 'http://h:8001\tsecret', key: {}});
		expect(pasted).toMatchObject({url: 'http://h:8001', field: 'key', key: 'secret', cursor: 6});
		const moved = apply(form, {type: 'edit', input: '', key: {leftArrow: true}}, {type: 'edit', input: 'x\r', key: {}});
		expect(moved).toMatchObject({out: 'userxs', starting: true});
	});

	it('offers to start over only after a failure that the interrupted export causes, and then starts with --restart', () => {
		const running = apply(initialExport({url: 'https://p.hanko.io/admin', key: 'k'}), {type: 'started'});
		const failed = apply(running, {type: 'failed', message: 'users.json.checkpoint belongs to another export', restartHelps: true});
		expect(failed).toMatchObject({stage: 'failed', restartOffered: true});
		expect(apply(failed, {type: 'key', action: 'restartExport'})).toMatchObject({starting: true, restart: true});
		const other = apply(running, {type: 'failed', message: 'HTTP 401'});
		expect(apply(other, {type: 'key', action: 'restartExport'})).toEqual(other);
		// Once started, the discard is not repeated by a later resume
		expect(apply(failed, {type: 'key', action: 'restartExport'}, {type: 'started'}).restart).toBe(false);
	});
});
