import {getPriority, platform} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {Worker} from 'node:worker_threads';
import {describe, expect, it} from 'vitest';

// The module is loaded from dist/ inside the worker, as the engine's workers load it
const module = pathToFileURL(path.resolve('dist/core/engine/worker-priority.js')).href;

async function priorityInWorker(nice: number | undefined): Promise<number> {
	const worker = new Worker(
		`
		const {parentPort, workerData} = require('node:worker_threads');
		import(workerData.module).then(({niceThisThread}) => {
			niceThisThread(workerData.nice);
			parentPort.postMessage(require('node:os').getPriority());
		});
	`,
		{eval: true, workerData: {module, nice}},
	);
	const [priority] = await Promise.all([
		new Promise<number>(resolve => worker.once('message', resolve)),
		new Promise(resolve => worker.once('exit', resolve)),
	]);
	return priority;
}

describe.skipIf(platform() !== 'linux')('worker priority', () => {
	it('lowers the priority of the worker thread only, not of the thread that draws the screen', async () => {
		const before = getPriority();
		// An already nicer process cannot be made less nice without privileges: then it stays as it is
		expect(await priorityInWorker(7)).toBe(Math.max(7, before));
		expect(getPriority()).toBe(before);
		expect(await priorityInWorker(undefined)).toBe(before);
	});
});
