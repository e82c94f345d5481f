import {execFileSync} from 'node:child_process';
import {closeSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {headroom, openPositional, positionalReads, readBufferBytes, withCarry} from '../../../source/core/files/positional-reads.js';
import {useTempDir} from '../../helpers/temp-dir.js';

describe('reading a regular file by position', () => {
	const temp = useTempDir();

	it('opens only a regular file whose content is not gzip, and a FIFO without waiting for a writer', async () => {
		const plain = path.join(temp(), 'users.json');
		writeFileSync(plain, '[{"user_id": "a"}]');
		const opened = await openPositional(plain);
		expect(opened?.size).toBe(18);
		closeSync(opened!.fd);

		const gzip = path.join(temp(), 'users.json.gz');
		writeFileSync(gzip, gzipSync('[]'));
		const folder = path.join(temp(), 'folder');
		mkdirSync(folder);
		const fifo = path.join(temp(), 'fifo');
		execFileSync('mkfifo', [fifo]);
		for (const other of [gzip, folder, fifo, path.join(temp(), 'missing.json')]) expect(await openPositional(other)).toBeUndefined();
	});

	it('reads the file in order, each read in a buffer of its own with room before it', async () => {
		const file = path.join(temp(), 'bytes.bin');
		const bytes = Uint8Array.from({length: 10_000}, (_, i) => (i * 7) % 251);
		writeFileSync(file, bytes);
		const opened = (await openPositional(file))!;
		const progress = {bytes: 0};
		const reads = [...positionalReads(opened, 4096, progress)];
		closeSync(opened.fd);
		expect(reads.map(read => read.length)).toEqual([4096, 4096, 1808]);
		expect(Buffer.concat(reads)).toEqual(Buffer.from(bytes));
		expect(progress.bytes).toBe(bytes.length);
		expect(new Set(reads.map(read => read.buffer)).size).toBe(3);
		expect(reads.every(read => read.byteOffset === headroom)).toBe(true);
	});

	it('reads into the buffers given back, when they are as long as a read needs', async () => {
		const file = path.join(temp(), 'bytes.bin');
		writeFileSync(file, 'ABCDEFGHIJKL');
		const opened = (await openPositional(file))!;
		const spare = new ArrayBuffer(readBufferBytes(4));
		const short = new ArrayBuffer(7);
		const given = [spare, short];
		const reads = [...positionalReads(opened, 4, {bytes: 0}, () => given.shift())];
		closeSync(opened.fd);
		expect(reads.map(read => Buffer.from(read).toString())).toEqual(['ABCD', 'EFGH', 'IJKL']);
		// The first read went into the buffer given; the one of another length was not used
		expect(reads[0]!.buffer).toBe(spare);
		expect(reads[1]!.buffer).not.toBe(short);
		expect(new Set(reads.map(read => read.buffer)).size).toBe(3);
		expect(reads.every(read => read.buffer.byteLength === readBufferBytes(4))).toBe(true);
	});

	it('puts the open record before a read in its room, and copies both for anything else', async () => {
		const file = path.join(temp(), 'bytes.bin');
		writeFileSync(file, 'ABCDEFGH');
		const opened = (await openPositional(file))!;
		const [read] = [...positionalReads(opened, 8, {bytes: 0})];
		closeSync(opened.fd);
		const carry = Buffer.from('xyz');
		const joined = withCarry(carry, read!);
		expect(Buffer.from(joined).toString()).toBe('xyzABCDEFGH');
		// The read's own buffer: nothing of the read was copied
		expect(joined.buffer).toBe(read!.buffer);
		expect(joined.byteOffset).toBe(headroom - 3);

		// A view into something else, or a carry longer than the room: copied into a new array
		const other = Buffer.from('ABCDEFGH');
		const copied = withCarry(carry, other.subarray(2));
		expect(Buffer.from(copied).toString()).toBe('xyzCDEFGH');
		expect(copied.buffer).not.toBe(other.buffer);
		const long = new Uint8Array(headroom + 1).fill(0x20);
		const opened2 = (await openPositional(file))!;
		const [read2] = [...positionalReads(opened2, 8, {bytes: 0})];
		closeSync(opened2.fd);
		const longJoined = withCarry(long, read2!);
		expect(longJoined.buffer).not.toBe(read2!.buffer);
		expect(Buffer.from(longJoined.subarray(headroom + 1)).toString()).toBe('ABCDEFGH');
		// Nothing before the record: the read itself
		expect(withCarry(new Uint8Array(0), read2!).buffer).toBe(read2!.buffer);
	});
});
