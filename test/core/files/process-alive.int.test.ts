import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {describe, expect, it} from 'vitest';
import {isProcessAlive} from '../../../source/core/files/process-alive.js';

describe('isProcessAlive', () => {
	it('sees this process and a child that runs, not a child that has ended', async () => {
		expect(isProcessAlive(process.pid)).toBe(true);
		const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], {stdio: 'ignore'});
		const pid = child.pid!;
		expect(isProcessAlive(pid)).toBe(true);
		const exited = once(child, 'exit');
		child.kill();
		await exited;
		expect(isProcessAlive(pid)).toBe(false);
	});

	it('never takes a process group or nonsense for a process', () => {
		for (const pid of [0, -1, -process.pid, 1.5, Number.NaN, 2 ** 60]) expect(isProcessAlive(pid), String(pid)).toBe(false);
	});
});
