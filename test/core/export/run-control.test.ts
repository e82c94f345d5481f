import {describe, expect, it} from 'vitest';
import {RunControl} from '../../../source/core/export/run-control.js';

const tick = async () =>
	new Promise(resolve => {
		setTimeout(resolve, 5);
	});

describe('RunControl', () => {
	it('holds work while paused until resumed', async () => {
		const control = new RunControl();
		control.pause();
		let passed = false;
		const waiting = control.whilePaused().then(() => {
			passed = true;
		});
		await tick();
		expect(passed).toBe(false);
		control.resume();
		await waiting;
		expect(passed).toBe(true);
	});

	it('a cancel lets paused work through, aborts the signal, and counts once', async () => {
		const control = new RunControl();
		control.pause();
		const waiting = control.whilePaused();
		expect(control.cancel()).toBe(true);
		control.resume();
		await waiting;
		expect(control.signal.aborted).toBe(true);
		expect(control.cancelled).toBe(true);
		expect(control.cancel()).toBe(false);
	});

	it('adds up the time spent paused, a pause running until now included', () => {
		const control = new RunControl();
		expect(control.pausedMs(1000)).toBe(0);
		control.pause(1000);
		control.pause(1500); // A second pause changes nothing
		expect(control.pausedMs(1800)).toBe(800);
		control.resume(2000);
		expect(control.pausedMs(5000)).toBe(1000);
		control.pause(6000);
		expect(control.pausedMs(6500)).toBe(1500);
	});
});
