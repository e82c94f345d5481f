import {describe, expect, it} from 'vitest';
import {Limiter} from '../../../source/core/export/limiter.js';

describe('Limiter', () => {
	it('never runs more than its limit at once, and runs the waiting tasks in the order they came', async () => {
		const limiter = new Limiter(3);
		let active = 0;
		let most = 0;
		const started: number[] = [];
		const tasks = Array.from({length: 20}, async (_, index) =>
			limiter.run(async () => {
				started.push(index);
				active++;
				most = Math.max(most, active);
				await new Promise(resolve => {
					setTimeout(resolve, (index * 7) % 5);
				});
				active--;
				return index * 2;
			}),
		);
		expect(await Promise.all(tasks)).toEqual(Array.from({length: 20}, (_, index) => index * 2));
		expect(most).toBe(3);
		expect(started).toEqual(Array.from({length: 20}, (_, index) => index));
	});

	it('frees the slot of a task that fails', async () => {
		const limiter = new Limiter(1);
		await expect(
			limiter.run(async () => {
				throw new Error('boom');
			}),
		).rejects.toThrow('boom');
		expect(await limiter.run(async () => 'next')).toBe('next');
	});
});
