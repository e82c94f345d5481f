import {describe, expect, it} from 'vitest';
import {type HomeKeyAction, type HomeStateAction, type HomeState, homeReducer, initialHome} from '../../../source/ui/home/home-state.js';

const keys = (state: HomeState, ...actions: HomeKeyAction[]) =>
	actions.reduce((current, action) => homeReducer(current, {type: 'key', action} satisfies HomeStateAction), state);
const typed = (state: HomeState, text: string) => homeReducer(state, {type: 'type', text});

describe('home screen state', () => {
	const withRecent = initialHome(['/data/a.json', '/data/b.json']);

	it('moves over open, export, the recent files and quit', () => {
		expect(keys(withRecent, 'down', 'down').cursor).toBe(2);
		expect(keys(withRecent, 'last').cursor).toBe(4);
		expect(keys(withRecent, 'last', 'down').cursor).toBe(4);
		expect(keys(withRecent, 'up').cursor).toBe(0);
		expect(keys(withRecent, 'last', 'first').cursor).toBe(0);
	});

	it('opens the path input, keeps what was typed when it closes, and asks to check it on Enter', () => {
		const input = keys(withRecent, 'choose');
		expect(input.screen).toBe('path');
		const written = homeReducer(typed(input, 'users.jsonx'), {type: 'erase'});
		expect(written.typed).toBe('users.json');
		const closed = keys(written, 'closePath');
		expect(closed).toMatchObject({screen: 'home', typed: 'users.json', pending: undefined});
		expect(keys(closed, 'openFile', 'submitPath').pending).toEqual({kind: 'check', typed: 'users.json'});
		// Printable keys in the input are text, not actions: the screen sends them as `type`
		expect(typed(input, 'q?\r\n').typed).toBe('q?');
	});

	it('completes with Tab and drops a completion for text that changed since', () => {
		const input = typed(keys(initialHome([]), 'openFile'), 'exp');
		const asked = keys(input, 'complete');
		expect(asked.pending).toEqual({kind: 'complete', typed: 'exp'});
		const done = homeReducer(asked, {type: 'completed', typed: 'exp', completion: {value: 'exports/', candidates: []}});
		expect(done).toMatchObject({typed: 'exports/', pending: undefined});
		const several = homeReducer(done, {
			type: 'completed',
			typed: 'exports/',
			completion: {value: 'exports/users-', candidates: ['users-1.json', 'users-2.json']},
		});
		expect(several.candidates).toEqual(['users-1.json', 'users-2.json']);
		expect(typed(several, 'x').candidates).toEqual([]);
		const stale = homeReducer(typed(asked, 'o'), {type: 'completed', typed: 'exp', completion: {value: 'exports/', candidates: []}});
		expect(stale.typed).toBe('expo');
		const none = homeReducer(asked, {type: 'completed', typed: 'exp', completion: {value: 'exp', candidates: []}});
		expect(none.message).toBe('nothing to complete');
	});

	it('opens a recent file, forgets one, and shows why a path was refused', () => {
		expect(keys(withRecent, 'down', 'down', 'down', 'choose').pending).toEqual({kind: 'check', typed: '/data/b.json'});
		expect(keys(withRecent, 'down', 'down', 'forget').pending).toEqual({kind: 'forget', file: '/data/a.json'});
		expect(keys(withRecent, 'forget').pending).toBeUndefined();
		const forgotten = homeReducer(keys(withRecent, 'last'), {type: 'recent', files: ['/data/a.json']});
		expect(forgotten).toMatchObject({cursor: 3, recent: ['/data/a.json']});
		const refused = homeReducer(keys(withRecent, 'openFile', 'submitPath'), {type: 'refused', message: 'no such file: x'});
		expect(refused).toMatchObject({message: 'no such file: x', pending: undefined, screen: 'path'});
	});

	it('opens the export screen with e or its item, shows help, and quits with q, Quit or Ctrl+C', () => {
		expect(keys(withRecent, 'export').pending).toEqual({kind: 'export'});
		expect(keys(withRecent, 'down', 'choose').pending).toEqual({kind: 'export'});
		expect(keys(withRecent, 'help').screen).toBe('help');
		expect(keys(withRecent, 'help', 'back')).toMatchObject({screen: 'home', pending: undefined});
		expect(keys(withRecent, 'back').pending).toEqual({kind: 'quit'});
		expect(keys(withRecent, 'last', 'choose').pending).toEqual({kind: 'quit'});
		expect(keys(withRecent, 'openFile', 'quit').pending).toEqual({kind: 'quit'});
	});
});

describe('home screen state, keys in one read', () => {
	it('handles each key of a burst on the screen it finds: o opens the input, the rest is typed, a return checks', () => {
		const state = homeReducer(initialHome([]), {type: 'burst', text: 'ofixtures/x.json\r'});
		expect(state).toMatchObject({screen: 'path', typed: 'fixtures/x.json', pending: {kind: 'check', typed: 'fixtures/x.json'}});
		expect(homeReducer(initialHome([]), {type: 'burst', text: 'jj'}).cursor).toBe(2);
		expect(homeReducer(keys(initialHome([]), 'openFile'), {type: 'burst', text: 'ab\t'})).toMatchObject({
			typed: 'ab',
			pending: {kind: 'complete', typed: 'ab'},
		});
	});

	it('forgets a check or completion asked for when the text changes or the input closes', () => {
		const asked = keys(typed(keys(initialHome([]), 'openFile'), 'a.json'), 'submitPath');
		expect(asked.pending).toBeDefined();
		expect(keys(asked, 'closePath').pending).toBeUndefined();
		expect(typed(asked, 'x').pending).toBeUndefined();
		expect(homeReducer(asked, {type: 'erase'}).pending).toBeUndefined();
	});

	it('takes a held Backspace in one read as backspaces, not as text', () => {
		const input = typed(keys(initialHome([]), 'openFile'), 'users.jsonxyz');
		const erased = homeReducer(input, {type: 'burst', text: '\u007F\u007F\u007F'});
		expect(erased).toMatchObject({typed: 'users.json', typedCursor: 10});
		expect(homeReducer(input, {type: 'edit', input: '\u007F\u007F', key: {}}).typed).toBe('users.jsonx');
	});

	it('edits at the cursor, and a return in a burst checks the path typed before it, read as a shell reads it', () => {
		let input = typed(keys(initialHome([]), 'openFile'), 'my file.json');
		input = homeReducer(input, {type: 'edit', input: 'a', key: {ctrl: true}});
		expect(input.typedCursor).toBe(0);
		input = homeReducer(input, {type: 'burst', text: "'/tmp/\u007F/"});
		expect(input).toMatchObject({typed: "'/tmp/my file.json", typedCursor: 6});
		input = homeReducer(input, {type: 'edit', input: '', key: {end: true}});
		const submitted = homeReducer(input, {type: 'burst', text: "'\rjunk"});
		expect(submitted.pending).toEqual({kind: 'check', typed: '/tmp/my file.json'});
		expect(submitted.typed).toBe("'/tmp/my file.json'");
		// A Tab in a burst asks for a completion of the text before it
		expect(homeReducer(keys(initialHome([]), 'openFile'), {type: 'burst', text: 'fix\t'}).pending).toEqual({
			kind: 'complete',
			typed: 'fix',
		});
	});

	it('puts the cursor at the end of a completion, and drops one for text since changed', () => {
		const asked = homeReducer(typed(keys(initialHome([]), 'openFile'), 'us'), {type: 'key', action: 'complete'});
		const completed = homeReducer(asked, {type: 'completed', typed: 'us', completion: {value: 'users.json', candidates: []}});
		expect(completed).toMatchObject({typed: 'users.json', typedCursor: 10});
		const changed = typed(asked, 'x');
		expect(homeReducer(changed, {type: 'completed', typed: 'us', completion: {value: 'users.json', candidates: []}}).typed).toBe('usx');
	});
});
