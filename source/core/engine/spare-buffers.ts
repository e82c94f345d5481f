import {type MessagePort, receiveMessageOnPort} from 'node:worker_threads';

/**
 * The buffers of batches done with, to read into again: the reader's own, and those the checkers send
 * back through their ports. Only buffers of the length a read takes are kept, and a few of them: a
 * streamed file (gzip, a pipe) makes its batches by copying, and those are let go. The ports are
 * emptied at every batch, read by position or not: a buffer left waiting in a port is memory held
 * until the end of the run.
 */
export class SpareBuffers {
	private readonly kept: ArrayBuffer[] = [];

	constructor(
		private readonly ports: readonly MessagePort[],
		/** The length of a read's buffer (see readBufferBytes). */
		private readonly bytes: number,
		private readonly most = 4,
	) {}

	/** Takes in what the checkers sent back. */
	collect(): void {
		for (const port of this.ports) {
			for (let given = receiveMessageOnPort(port); given; given = receiveMessageOnPort(port)) this.keep(given.message as ArrayBuffer);
		}
	}

	keep(buffer: ArrayBuffer): void {
		if (buffer.byteLength === this.bytes && this.kept.length < this.most) this.kept.push(buffer);
	}

	/** A buffer to read into, if one is back. */
	take(): ArrayBuffer | undefined {
		this.collect();
		return this.kept.pop();
	}

	get count(): number {
		return this.kept.length;
	}
}
