import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {gunzipSync, gzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {type InputStream, canReadTwice, openInputStream} from '../../../source/core/files/input-stream.js';
import {useTempDir} from '../../helpers/temp-dir.js';

const temp = useTempDir();

async function readAll(input: InputStream): Promise<Buffer> {
	const pieces: Buffer[] = [];
	for await (const piece of input.stream as AsyncIterable<Uint8Array>) pieces.push(Buffer.from(piece));
	return Buffer.concat(pieces);
}

function fifo(name: string): string {
	const file = path.join(temp(), name);
	execFileSync('mkfifo', [file]);
	return file;
}

describe('openInputStream', () => {
	it('reads a FIFO of gzip once, front to back, and says it cannot be read again', async () => {
		const text = JSON.stringify(Array.from({length: 5000}, (_, i) => ({user_id: `u${i}`})));
		const file = fifo('users.json.gz');
		// The writer's open waits for the reader's: both go on together
		const writing = writeFile(file, gzipSync(text));
		const input = await openInputStream(file, 4096);
		expect(input).toMatchObject({compressed: true, seekable: false, size: 0});
		expect((await readAll(input)).toString('utf8')).toBe(text);
		await writing;
		expect(input.bytesRead()).toBe(gzipSync(text).length);
	});

	it('reads a plain FIFO with its first bytes intact', async () => {
		const file = fifo('users.json');
		const writing = writeFile(file, '[{"user_id":"a"}]');
		const input = await openInputStream(file, 4096);
		expect(input).toMatchObject({compressed: false, seekable: false});
		expect((await readAll(input)).toString('utf8')).toBe('[{"user_id":"a"}]');
		await writing;
	});

	it('reads a regular file whole, gzip or not, one byte long or empty', async () => {
		const cases: Array<[string, Buffer]> = [
			['a.json', Buffer.from('[{}]')],
			['b.json.gz', gzipSync('[{}]')],
			['c', Buffer.from('[')],
			['d', Buffer.alloc(0)],
		];
		for (const [name, bytes] of cases) {
			const file = path.join(temp(), name);
			writeFileSync(file, bytes);
			const input = await openInputStream(file, 4096);
			expect(input.seekable).toBe(true);
			expect(input.size).toBe(bytes.length);
			const read = await readAll(input);
			expect(read).toEqual(input.compressed ? gunzipSync(bytes) : bytes);
			expect(input.bytesRead()).toBe(bytes.length);
		}
	});
});

describe('canReadTwice', () => {
	it('is true for a regular file and false for a FIFO, without opening it', async () => {
		const file = path.join(temp(), 'users.json');
		writeFileSync(file, '[]');
		expect(await canReadTwice(file)).toBe(true);
		// Opening a FIFO with no writer would wait for ever: the answer comes from its type
		expect(await canReadTwice(fifo('pipe'))).toBe(false);
		expect(await canReadTwice(path.join(temp(), 'missing'))).toBe(true);
	});
});
