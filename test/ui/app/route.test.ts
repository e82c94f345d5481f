import {describe, expect, it} from 'vitest';
import {ValidationRun} from '../../../source/core/engine/validation-run.js';
import {type RouteAction, type Session, endsSession, initialSession, routeReducer} from '../../../source/ui/app/route.js';
import {initialConvert} from '../../../source/ui/convert/convert-state.js';
import {initialExport} from '../../../source/ui/export/export-state.js';
import {RunStore} from '../../../source/ui/validation/run-store.js';

// Runs that are never started: the route only holds their stores
const store = (file = 'fixtures/valid.json') => new RunStore(new ValidationRun(file));
const conversion = (file = '/data/users.json') => initialConvert(file, {kind: 'auth0', container: 'json'}, {out: 'users.hanko.json'});
const start = (values: Partial<Parameters<typeof initialSession>[0]> = {}) =>
	initialSession({startExport: false, exportForm: initialExport({}), homeAfter: false, ...values});
const steps = (session: Session, ...actions: RouteAction[]) => actions.reduce((current, action) => routeReducer(current, action), session);

describe('route', () => {
	it('starts on the home screen, or on the screen asked for, which then ends the session when it closes', () => {
		expect(start().route).toEqual({screen: 'home'});
		expect(start().direct).toBe(false);
		const checking = start({store: store()});
		expect(checking.route.screen).toBe('validation');
		expect(checking.direct).toBe(true);
		expect(endsSession(checking, {type: 'closeCheck', how: 'back'})).toBe(true);
		expect(start({convert: conversion()}).route.screen).toBe('convert');
		expect(start({startExport: true}).route.screen).toBe('export');
		// The demo: the home screen follows the first check
		const demo = start({store: store(), homeAfter: true});
		expect(endsSession(demo, {type: 'closeCheck', how: 'back'})).toBe(false);
		expect(routeReducer(demo, {type: 'closeCheck', how: 'back'}).route).toEqual({screen: 'home'});
	});

	it('ends the session on a quit from the validation screen, wherever it began', () => {
		expect(endsSession(start(), {type: 'closeCheck', how: 'all'})).toBe(true);
		expect(endsSession(start(), {type: 'closeCheck', how: 'back'})).toBe(false);
	});

	it('keeps the export form while the person looks elsewhere, as a form again', () => {
		const form = {...initialExport({url: 'https://x.hanko.io/admin'}), stage: 'failed' as const, starting: true, out: 'mine.json'};
		const back = steps(start(), {type: 'openExport'}, {type: 'closeExport', form});
		expect(back.route).toEqual({screen: 'home'});
		expect(back.exportForm).toMatchObject({stage: 'form', starting: false, out: 'mine.json', url: 'https://x.hanko.io/admin'});
		expect(steps(back, {type: 'openExport'}).route).toEqual({screen: 'export'});
	});

	it('offers the form left for the same file again, and a fresh one for another file', () => {
		const typed = {...conversion(), out: 'typed.json'};
		const back = steps(start(), {type: 'offerConversion', fresh: conversion()}, {type: 'closeConversion', form: typed});
		expect(steps(back, {type: 'offerConversion', fresh: conversion()}).route).toEqual({screen: 'convert', state: typed});
		const other = conversion('/data/other.json');
		expect(steps(back, {type: 'offerConversion', fresh: other}).route).toEqual({screen: 'convert', state: other});
	});

	it('returns to the home screen from a file checked after an export, even when the export was the first screen', () => {
		const exported = store();
		const session = steps(start({startExport: true}), {type: 'check', store: exported, homeAfter: true});
		expect(session.route).toEqual({screen: 'validation', store: exported, banner: []});
		expect(endsSession(session, {type: 'closeCheck', how: 'back'})).toBe(false);
		// A fixed output checked again keeps the way out of the file it came from
		const direct = start({store: store()});
		const rechecked = steps(direct, {type: 'check', store: store(), banner: ['Wrote 3 records']});
		expect(rechecked.route).toMatchObject({screen: 'validation', banner: ['Wrote 3 records']});
		expect(endsSession(rechecked, {type: 'closeCheck', how: 'back'})).toBe(true);
		expect(endsSession(start({startExport: true}), {type: 'closeExport', form: initialExport({})})).toBe(true);
		expect(endsSession(start(), {type: 'closeExport', form: initialExport({})})).toBe(false);
	});

	it('opens the target screen from a written file with the export form, and goes back to that check with the URL and key kept', () => {
		const written = steps(start(), {type: 'check', store: store(), banner: ['Wrote 3 records'], target: '/data/users.fixed.json'});
		expect(written.route).toMatchObject({screen: 'validation', target: '/data/users.fixed.json'});
		const opened = steps(written, {type: 'openTarget', mode: 'preflight', file: '/data/users.fixed.json'});
		expect(endsSession(written, {type: 'openTarget', mode: 'preflight', file: '/data/users.fixed.json'})).toBe(false);
		expect(opened.route.screen).toBe('target');
		if (opened.route.screen !== 'target') throw new Error('not the target screen');
		expect(opened.route.state).toMatchObject({
			mode: 'preflight',
			file: '/data/users.fixed.json',
			form: {out: '/data/users.fixed.delta.json'},
		});
		const form = {...opened.route.state.form, url: 'https://p.hanko.io/admin', key: 'typed-key', out: 'elsewhere.json'};
		const back = steps(opened, {type: 'closeTarget', form});
		expect(back.route).toBe(written.route);
		// The URL and key go on to the next form (export, verify); the output file is each form's own
		expect(back.exportForm).toMatchObject({url: 'https://p.hanko.io/admin', key: 'typed-key', out: 'hanko-users.json'});
		const verify = steps(back, {type: 'openTarget', mode: 'verify', file: '/data/users.fixed.json'});
		if (verify.route.screen !== 'target') throw new Error('not the target screen');
		expect(verify.route.state.form).toMatchObject({
			url: 'https://p.hanko.io/admin',
			key: 'typed-key',
			out: '/data/users.fixed.retry.json',
			field: 'out',
		});
	});
});
