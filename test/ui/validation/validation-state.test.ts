import {describe, expect, it} from 'vitest';
import {
	type ValidationKeyAction,
	type ValidationStateAction,
	type ValidationState,
	validationReducer,
	initialValidation,
	quitQuestion,
} from '../../../source/ui/validation/validation-state.js';

const keys = (state: ValidationState, running: boolean, ...actions: ValidationKeyAction[]) =>
	actions.reduce((current, action) => validationReducer(current, {type: 'key', action, running} satisfies ValidationStateAction), state);

describe('validation state', () => {
	const withRows = validationReducer(initialValidation(10), {type: 'rows', total: 50});

	it('asks before quitting while the engine runs; any other key says no', () => {
		expect(keys(withRows, true, 'back')).toMatchObject({confirmingQuit: true, quitting: false});
		expect(keys(withRows, true, 'back', 'back')).toMatchObject({quitting: 'back'});
		expect(keys(withRows, true, 'back', 'down')).toMatchObject({confirmingQuit: false, quitting: false, list: {cursor: 1}});
	});

	it('asks before leaving with pending fixes not written, for q and for Ctrl+C; a second one leaves', () => {
		const withPending = (state: ValidationState, ...actions: ValidationKeyAction[]) =>
			actions.reduce((current, action) => validationReducer(current, {type: 'key', action, running: false, unsaved: 2}), state);
		expect(withPending(withRows, 'back')).toMatchObject({confirmingQuit: true, quitting: false});
		expect(withPending(withRows, 'back', 'back')).toMatchObject({quitting: 'back'});
		expect(withPending(withRows, 'quit')).toMatchObject({confirmingQuit: true, quitting: false});
		expect(withPending(withRows, 'quit', 'quit')).toMatchObject({quitting: 'all'});
		expect(withPending(withRows, 'quit', 'back')).toMatchObject({quitting: 'back'});
		// Any other key stays, and w goes on to write them
		expect(withPending(withRows, 'back', 'down')).toMatchObject({confirmingQuit: false, quitting: false});
		expect(withPending(withRows, 'back', 'write')).toMatchObject({confirmingQuit: false, confirmingWrite: true, quitting: false});
		expect(quitQuestion(false, 2)).toBe(
			'2 pending fixes not written: q or Ctrl+c again leaves without them, w writes them, any other key stays',
		);
		expect(quitQuestion(true, 1)).toMatch(/^1 pending fix not written/);
		expect(quitQuestion(true, 0)).toBe('Still checking: press q again to quit, any other key to stay');
	});

	it('shows every safe fix after A, the pending fixes once they are added, and the list after q', () => {
		expect(keys(withRows, false, 'safeFixes')).toMatchObject({screen: 'safeFixes'});
		expect(keys(withRows, false, 'pending', 'safeFixes')).toMatchObject({screen: 'safeFixes'});
		expect(keys(withRows, false, 'safeFixes', 'addSafeFixes')).toMatchObject({screen: 'pending'});
		expect(keys(withRows, false, 'safeFixes', 'back')).toMatchObject({screen: 'validation', quitting: false});
	});

	it('goes back at once when the run is done; Ctrl+C ends the session', () => {
		expect(keys(withRows, false, 'back')).toMatchObject({quitting: 'back'});
		expect(keys(withRows, true, 'quit')).toMatchObject({quitting: 'all'});
	});

	it('opens and closes help; q in help goes back rather than quitting', () => {
		expect(keys(withRows, true, 'help')).toMatchObject({screen: 'help'});
		expect(keys(withRows, true, 'help', 'back')).toMatchObject({screen: 'validation', quitting: false, confirmingQuit: false});
		expect(keys(withRows, true, 'help', 'help')).toMatchObject({screen: 'validation'});
		expect(keys(withRows, true, 'help', 'down')).toMatchObject({list: {cursor: 0}});
	});

	it('opens the detail of the problem under the cursor and scrolls it within the record', () => {
		const opened = keys(withRows, false, 'down', 'down', 'open');
		expect(opened).toMatchObject({screen: 'detail', detail: {problem: 2, scroll: 0}});
		const sized = validationReducer(opened, {type: 'detailLayout', lines: 25, height: 10, widest: 40, width: 79});
		expect(keys(sized, false, 'down', 'down').detail!.scroll).toBe(2);
		expect(keys(sized, false, 'last').detail!.scroll).toBe(15);
		expect(keys(sized, false, 'last', 'up').detail!.scroll).toBe(14);
		expect(keys(sized, false, 'up').detail!.scroll).toBe(0);
		expect(keys(sized, false, 'help', 'back')).toMatchObject({screen: 'detail'});
		expect(keys(sized, false, 'back')).toMatchObject({screen: 'validation', detail: undefined, quitting: false, list: {cursor: 2}});
		expect(keys(validationReducer(initialValidation(10), {type: 'rows', total: 0}), false, 'open')).toMatchObject({
			screen: 'validation',
		});
	});

	it('wraps long lines or scrolls them sideways, and brings the fault into view once', () => {
		const opened = keys(withRows, false, 'open');
		const sized = validationReducer(opened, {
			type: 'detailLayout',
			lines: 30,
			height: 10,
			widest: 300,
			width: 80,
			fault: {scroll: 5, left: 150},
		});
		expect(sized.detail).toMatchObject({scroll: 5, left: 150, placed: true});
		// Placed once: a later layout (a resize, problems arriving) leaves where the person scrolled to
		const moved = keys(sized, false, 'scrollLeft', 'up');
		expect(moved.detail).toMatchObject({left: 130, scroll: 4});
		expect(
			validationReducer(moved, {type: 'detailLayout', lines: 30, height: 10, widest: 300, width: 80, fault: {scroll: 5, left: 150}})
				.detail,
		).toMatchObject({scroll: 4, left: 130});
		// Sideways stops at the widest line's end, and at column 0
		expect(keys(sized, false, ...Array.from({length: 20}, () => 'scrollRight' as const)).detail!.left).toBe(221);
		expect(keys(sized, false, ...Array.from({length: 20}, () => 'scrollLeft' as const)).detail!.left).toBe(0);
		// Wrapped, nothing is cut: no sideways scroll, and the fault is placed again on its new row
		const wrapped = keys(sized, false, 'toggleWrap');
		expect(wrapped.detail).toMatchObject({wrap: true, left: 0, placed: false});
		expect(keys(wrapped, false, 'scrollRight').detail!.left).toBe(0);
		expect(
			validationReducer(wrapped, {type: 'detailLayout', lines: 34, height: 10, widest: 300, width: 80, fault: {scroll: 7, left: 0}})
				.detail,
		).toMatchObject({scroll: 7, placed: true});
		expect(keys(wrapped, false, 'toggleWrap').detail!.wrap).toBe(false);
	});

	it('scrolls the detail by the room it has, which shrinks with its problem list and the terminal', () => {
		const opened = validationReducer(keys(withRows, false, 'open'), {
			type: 'detailLayout',
			lines: 30,
			height: 4,
			widest: 40,
			width: 79,
		});
		expect(keys(opened, false, 'last').detail!.scroll).toBe(26);
		expect(keys(opened, false, 'pageDown').detail!.scroll).toBe(4);
		expect(keys(opened, false, 'halfPageDown').detail!.scroll).toBe(2);
		// A taller terminal: the last page starts earlier, and a scroll past it is pulled back
		const taller = validationReducer(keys(opened, false, 'last'), {type: 'detailLayout', lines: 30, height: 20, widest: 40, width: 79});
		expect(taller.detail!.scroll).toBe(10);
	});

	it('moves through the list and follows resizes', () => {
		expect(keys(withRows, true, 'last')).toMatchObject({list: {cursor: 49, top: 40}});
		const resized = validationReducer(keys(withRows, true, 'last'), {type: 'resize', height: 5});
		expect(resized.list).toMatchObject({cursor: 49, top: 45, height: 5});
	});
});

describe('app state, fixes', () => {
	const withRows = validationReducer(initialValidation(10), {type: 'rows', total: 50});
	const press = (state: ValidationState, ...actions: ValidationKeyAction[]) =>
		actions.reduce((current, action) => validationReducer(current, {type: 'key', action, running: false}), state);

	it('goes from the detail to the fix menu, to a preview and back where it came from', () => {
		const detail = press(withRows, 'open');
		const menu = validationReducer(detail, {type: 'openFixMenu', from: 'detail', size: 3});
		expect(menu).toMatchObject({screen: 'fixMenu', fixMenu: {cursor: 0, size: 3}});
		expect(press(menu, 'down', 'down', 'down').fixMenu.cursor).toBe(2);
		expect(press(menu, 'down', 'chooseFix').screen).toBe('preview');
		expect(press(menu, 'chooseFix', 'back').screen).toBe('fixMenu');
		expect(press(menu, 'chooseFix', 'confirm')).toMatchObject({screen: 'detail', detail: {problem: 0}});
		expect(press(menu, 'back').screen).toBe('detail');
		const empty = validationReducer(detail, {type: 'openFixMenu', from: 'detail', size: 0});
		expect(press(empty, 'chooseFix').screen).toBe('fixMenu');
	});

	it('asks before writing: a second w writes, any other key does not', () => {
		expect(press(withRows, 'write')).toMatchObject({confirmingWrite: true, writing: false});
		expect(press(withRows, 'write', 'write')).toMatchObject({confirmingWrite: false, writing: true});
		expect(press(withRows, 'write', 'down')).toMatchObject({confirmingWrite: false, writing: false, list: {cursor: 0}});
		expect(press(withRows, 'write', 'write', 'down')).toMatchObject({writing: true, list: {cursor: 0}});
		expect(validationReducer(press(withRows, 'write', 'write'), {type: 'written'}).writing).toBe(false);
		expect(press(withRows, 'pending', 'write').confirmingWrite).toBe(true);
	});

	it('writes in 50 MB parts when s answers the write question, and only then', () => {
		expect(press(withRows, 'write', 'writeSplit')).toMatchObject({confirmingWrite: false, writing: true, split: true});
		expect(press(withRows, 'writeSplit')).toMatchObject({writing: false, split: false});
		expect(press(withRows, 'write', 'write').split).toBe(false);
		expect(validationReducer(press(withRows, 'write', 'writeSplit'), {type: 'written'})).toMatchObject({writing: false, split: false});
	});

	it('returns from help to the screen it was opened on', () => {
		const menu = validationReducer(press(withRows, 'open'), {type: 'openFixMenu', from: 'detail', size: 2});
		expect(press(menu, 'help', 'back').screen).toBe('fixMenu');
		expect(press(withRows, 'pending', 'help', 'help').screen).toBe('pending');
	});
});
