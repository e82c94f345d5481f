import {MessageChannel, receiveMessageOnPort} from 'node:worker_threads';
import {describe, expect, it} from 'vitest';
import {SpareBuffers} from '../../../source/core/engine/spare-buffers.js';

describe('the buffers of batches done with', () => {
	it('empties the ports, keeping a few buffers as long as a read needs and letting the rest go', () => {
		const channels = [new MessageChannel(), new MessageChannel()];
		const spares = new SpareBuffers(
			channels.map(channel => channel.port1),
			1024,
			3,
		);
		const right = Array.from({length: 5}, () => new ArrayBuffer(1024));
		for (const [i, buffer] of right.entries()) channels[i % 2]!.port2.postMessage(buffer, [buffer]);
		for (const length of [512, 2048]) {
			const other = new ArrayBuffer(length);
			channels[0]!.port2.postMessage(other, [other]);
		}

		spares.collect();
		expect(spares.count).toBe(3);
		// Nothing is left waiting in a port: a streamed file's buffers would pile up there
		for (const {port1} of channels) expect(receiveMessageOnPort(port1)).toBeUndefined();

		const taken = spares.take()!;
		expect(taken.byteLength).toBe(1024);
		expect(spares.count).toBe(2);
		spares.keep(new ArrayBuffer(4096));
		expect(spares.count).toBe(2);
		spares.keep(taken);
		spares.keep(new ArrayBuffer(1024));
		expect(spares.count).toBe(3);
		for (const {port1, port2} of channels) {
			port1.close();
			port2.close();
		}
	});
});
