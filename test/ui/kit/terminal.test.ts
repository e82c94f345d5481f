import {describe, expect, it} from 'vitest';
import {enterAlternateScreen, mouseOff, mouseOn, wantsMouse} from '../../../source/ui/kit/terminal.js';

function fakeStdout() {
	const written: string[] = [];
	return {written, stdout: {write: (text: string) => written.push(text) > 0} as unknown as NodeJS.WriteStream};
}

describe('mouse reporting', () => {
	it('is asked for only on a terminal that can have it, and not with --no-mouse', () => {
		expect(wantsMouse(true, {isTTY: true}, 'xterm-256color')).toBe(true);
		expect(wantsMouse(false, {isTTY: true}, 'xterm-256color')).toBe(false);
		expect(wantsMouse(true, {isTTY: false}, 'xterm-256color')).toBe(false);
		expect(wantsMouse(true, {}, 'xterm-256color')).toBe(false);
		expect(wantsMouse(true, {isTTY: true}, 'dumb')).toBe(false);
		expect(wantsMouse(true, {isTTY: true}, '')).toBe(false);
	});

	it('is turned on with the alternate screen and off before leaving it, once', () => {
		const {written, stdout} = fakeStdout();
		const restore = enterAlternateScreen(stdout, () => {}, {mouse: true});
		expect(written.join('')).toContain(mouseOn);
		restore();
		restore();
		const all = written.join('');
		expect(all.split(mouseOff)).toHaveLength(2);
		expect(all.indexOf(mouseOff)).toBeGreaterThan(all.indexOf(mouseOn));
		expect(all.indexOf(mouseOff)).toBeLessThan(all.indexOf('\u001B[?1049l'));
		expect(process.listenerCount('SIGTSTP')).toBe(0);
	});

	it('is off when the process is stopped, and on again when it continues', () => {
		const {written, stdout} = fakeStdout();
		const restore = enterAlternateScreen(stdout, () => {}, {mouse: true});
		written.length = 0;
		// The handler of SIGTSTP stops the process with SIGSTOP: here only what it writes is checked
		const kill = process.kill;
		const sent: string[] = [];
		process.kill = ((pid: number, signal: string) => sent.push(signal) > 0) as typeof process.kill;
		try {
			process.emit('SIGTSTP', 'SIGTSTP');
		} finally {
			process.kill = kill;
		}

		expect(written).toEqual([mouseOff]);
		expect(sent).toEqual(['SIGSTOP']);
		process.emit('SIGCONT', 'SIGCONT');
		expect(written).toEqual([mouseOff, mouseOn]);
		restore();
		process.emit('SIGCONT', 'SIGCONT');
		expect(written.at(-1)).not.toBe(mouseOn);
	});

	it('is never asked for without the mouse option', () => {
		const {written, stdout} = fakeStdout();
		enterAlternateScreen(stdout, () => {})();
		expect(written.join('')).not.toContain('\u001B[?1000');
	});
});
