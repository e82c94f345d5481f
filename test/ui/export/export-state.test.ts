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
		const atDeep = apply(initialExport({url: 'https://p.hanko.io/admin', key: 'k'}), {type: 'key', action: 'nextField'});
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
		const typed = apply({...demo, field: 'url'}, {type: 'erase'}, {type: 'type', text: '8'});
		expect(typed).toMatchObject({rememberUrl: true, url: 'http://127.0.0.1:4568'});
		expect(apply({...demo, field: 'out'}, {type: 'type', text: 'x'}).rememberUrl).toBe(false);
		expect(initialExport({url: 'https://p.hanko.io/admin'}).rememberUrl).toBe(true);
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
