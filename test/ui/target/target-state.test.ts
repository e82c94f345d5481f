import {describe, expect, it} from 'vitest';
import type {PreflightReport} from '../../../source/core/target/preflight-run.js';
import type {VerifyReport} from '../../../source/core/target/verify-run.js';
import {initialExport} from '../../../source/ui/export/export-state.js';
import {
	type TargetState,
	type TargetStateAction,
	initialTarget,
	leavesScreen,
	outcomeLines,
	targetReducer,
} from '../../../source/ui/target/target-state.js';

const apply = (state: TargetState, ...actions: TargetStateAction[]) => actions.reduce(targetReducer, state);
const typed = (text: string): TargetStateAction => ({type: 'form', action: {type: 'type', text}});
const key = (action: Extract<TargetStateAction, {type: 'key'}>['action']): TargetStateAction => ({type: 'key', action});
const formKey = (action: 'nextField' | 'down' | 'startExport'): TargetStateAction => ({type: 'form', action: {type: 'key', action}});

const preflightReport: PreflightReport = {
	file: 'users.json',
	users: 5,
	targetUsers: 4,
	alreadyPresent: [{record: 0, userId: 'id-1'}],
	collisions: [
		{record: 1, field: 'email', value: 'user2@example.com', existingUserId: 'id-2'},
		{record: 2, field: 'username', value: 'taken', existingUserId: 'id-3'},
		{record: 2, field: 'credential_id', value: 'cred', existingUserId: 'id-3'},
	],
	unreadable: [],
	delta: '/tmp/users.delta.json',
	deltaUsers: 2,
};

const verifyReport = (missing: VerifyReport['missing'], mismatched: VerifyReport['mismatched']): VerifyReport => ({
	file: 'users.json',
	users: 10,
	matched: 10 - missing.length - mismatched.length,
	missing,
	mismatched,
	unreadable: [],
	deep: false,
	...(missing.length > 0 && {retry: '/tmp/users.retry.json'}),
});

describe('the target screen state', () => {
	it('starts from the export form: its URL and key, the delta file as output, and no Deep field in a pre-flight', () => {
		const exportForm = {...initialExport({url: 'https://p.hanko.io/admin', key: 'secret'}), rememberUrl: false};
		const state = initialTarget('preflight', 'users.json', exportForm, 'users.delta.json', 10);
		expect(state.form).toMatchObject({url: 'https://p.hanko.io/admin', key: 'secret', out: 'users.delta.json', field: 'out'});
		expect(state.form.rememberUrl).toBe(false);
		// ↓ goes round URL, key and output, never to Deep (Tab in the output completes it first)
		const fields = [1, 2, 3].map(n => apply(state, ...Array.from({length: n}, () => formKey('down'))).form.field);
		expect(fields).toEqual(['url', 'key', 'out']);
		expect(apply(state, formKey('nextField')).form.completing).toBe('users.delta.json');
		const verify = initialTarget('verify', 'users.json', exportForm, 'users.retry.json', 10);
		expect(apply(verify, formKey('down')).form.field).toBe('deep');
		// Space ticks Deep, as in the export form
		expect(apply(verify, formKey('down'), typed(' ')).form.deep).toBe(true);
	});

	it('edits the form as the export does and starts only when the URL is there', () => {
		const state = initialTarget('verify', 'users.json', initialExport({}), 'users.retry.json', 10);
		expect(state.form.field).toBe('url');
		const empty = apply(state, formKey('startExport'));
		expect(empty.form.starting).toBe(false);
		expect(empty.form.message).toContain('the API URL is missing');
		const typedUrl = apply(state, typed('http://localhost:8001'), formKey('nextField'), typed('key'));
		expect(typedUrl.form).toMatchObject({url: 'http://localhost:8001', key: 'key', rememberUrl: true});
		const started = apply(typedUrl, formKey('startExport'));
		expect(started.form.starting).toBe(true);
		const running = apply(started, {type: 'started'}, {type: 'progress', progress: {fileUsers: 200}});
		expect(running).toMatchObject({stage: 'running', progress: {fileUsers: 200}});
		expect(running.form.starting).toBe(false);
		// Past the form, typing changes nothing
		expect(apply(running, typed('x'))).toBe(running);
	});

	it('lists the collisions of a pre-flight, moves in them, and shows one in detail with the other collisions of its record', () => {
		const state = apply(initialTarget('preflight', 'users.json', initialExport({url: 'u'}), 'd.json', 10), {
			type: 'preflightDone',
			report: preflightReport,
		});
		expect(state.stage).toBe('done');
		expect(state.entries.map(item => item.summary)).toEqual([
			'email user2@example.com is held by id-2',
			'username taken is held by id-3',
			'credential_id cred is held by id-3',
		]);
		expect(state.list).toMatchObject({total: 3, cursor: 0});
		const second = apply(state, key('down'), key('showEntry'));
		expect(second.detail).toBe(true);
		expect(leavesScreen(second)).toBe(false);
		expect(second.entries[second.list.cursor]!.fields).toContainEqual(['also', 'credential_id cred (held by id-3)']);
		// j in the detail shows the next entry's; back returns to the list, and back there leaves
		const third = apply(second, key('down'));
		expect(third).toMatchObject({detail: true, list: {cursor: 2}});
		const list = apply(third, key('back'));
		expect(list.detail).toBe(false);
		expect(leavesScreen(list)).toBe(true);
		const lines = outcomeLines(state);
		expect(lines[0]).toBe('5 users; the project has 4 (listed); already there (imported before): 1; colliding: 2');
		expect(lines).toContain('Wrote the 2 users that can be imported: /tmp/users.delta.json');
		expect(apply(state, key('checkAgain')).stage).toBe('form');
	});

	it('lists the users verify found missing or different in file order, and says when every user arrived', () => {
		const base = initialTarget('verify', 'users.json', initialExport({url: 'u'}), 'r.json', 10);
		const state = apply(base, {
			type: 'verifyDone',
			report: verifyReport(
				[{record: 7, userId: 'id-7', email: 'seven@example.com'}],
				[{record: 3, userId: 'id-3', fields: ['username']}],
			),
		});
		expect(state.entries.map(item => [item.record, item.kind])).toEqual([
			[3, 'mismatched'],
			[7, 'missing'],
		]);
		expect(outcomeLines(state)).toContain('Wrote the missing users, as an import file: /tmp/users.retry.json');
		const arrived = apply(base, {type: 'verifyDone', report: verifyReport([], [])});
		expect(arrived.entries).toEqual([]);
		expect(outcomeLines(arrived)).toEqual([
			'10 users; in the project as the file gave them: 10; missing: 0; different: 0 (passwords and OTP secrets not checked: Deep)',
			'Nothing written: no user is missing.',
			'Every user arrived.',
		]);
		// Nothing to show in detail
		expect(apply(arrived, key('showEntry')).detail).toBe(false);
	});

	it('fails with the reason, goes back to the form to try again, and a cancelled run says nothing was written', () => {
		const base = apply(initialTarget('preflight', 'users.json', initialExport({url: 'u'}), 'd.json', 10), {type: 'started'});
		const failed = apply(base, {type: 'failed', message: 'the Admin API answered 401 Unauthorized'});
		expect(failed).toMatchObject({stage: 'failed', message: 'the Admin API answered 401 Unauthorized'});
		expect(apply(failed, key('checkAgain'))).toMatchObject({stage: 'form', message: ''});
		const cancelled = apply(base, {type: 'cancelled'});
		expect(cancelled.stage).toBe('form');
		expect(cancelled.form.message).toContain('nothing was written');
	});
});
