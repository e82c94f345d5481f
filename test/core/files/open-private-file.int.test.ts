import {execFileSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {openPrivateFile, PrivateFileError, readPrivateFile, truncateHandle} from '../../../source/core/files/open-private-file.js';
import {useTempDir} from '../../helpers/temp-dir.js';

// The check by name before opening can be raced: a link or a FIFO put in place right after it. To see
// that the open itself refuses them, lstat is made to report "no such file" for chosen paths.
const racing = vi.hoisted(() => new Set<string>());
vi.mock('node:fs/promises', async importOriginal => {
	const actual = await importOriginal<typeof import('node:fs/promises')>();
	const lstat = async (file: string, ...rest: []) => {
		if (racing.has(file)) throw Object.assign(new Error(`ENOENT: ${file}`), {code: 'ENOENT'});
		return actual.lstat(file, ...rest);
	};

	return {...actual, lstat};
});

async function refusal(promise: Promise<unknown>): Promise<PrivateFileError> {
	const error: unknown = await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
	expect(error).toBeInstanceOf(PrivateFileError);
	return error as PrivateFileError;
}

describe('openPrivateFile', () => {
	const temp = useTempDir();

	it('creates a missing file with mode 0600 even under umask 000', async () => {
		const file = path.join(temp(), 'users.json.partial');
		const previous = process.umask(0);
		try {
			const handle = await openPrivateFile(file);
			await handle.close();
		} finally {
			process.umask(previous);
		}

		expect(statSync(file).mode & 0o777).toBe(0o600);
	});

	it('makes an existing 0644 file 0600 and appends to what it holds', async () => {
		const file = path.join(temp(), 'users.json.partial');
		writeFileSync(file, 'one\n');
		chmodSync(file, 0o644);
		const handle = await openPrivateFile(file);
		await handle.write('two\n', 0); // A position is ignored in append mode
		await handle.close();
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(readFileSync(file, 'utf8')).toBe('one\ntwo\n');
	});

	it('opens for reading and writing anywhere in update mode', async () => {
		const file = path.join(temp(), 'state');
		writeFileSync(file, 'abcdef');
		const handle = await openPrivateFile(file, {mode: 'update'});
		await handle.write('X', 2);
		const {buffer} = await handle.read(Buffer.alloc(6), 0, 6, 0);
		await handle.close();
		expect(buffer.toString()).toBe('abXdef');
	});

	it('does not create the file when told not to', async () => {
		const file = path.join(temp(), 'missing');
		const error = await refusal(openPrivateFile(file, {create: false}));
		expect(error.message).toBe(`cannot write ${file}: no such file or folder`);
		expect(existsSync(file)).toBe(false);
	});

	it('refuses a symbolic link, also one pointing nowhere, and writes nothing through it', async () => {
		const target = path.join(temp(), 'elsewhere.txt');
		const dangling = path.join(temp(), 'not-yet.txt');
		writeFileSync(target, 'precious');
		const link = path.join(temp(), 'users.json.partial');
		const danglingLink = path.join(temp(), 'raw.ndjson.partial');
		symlinkSync(target, link);
		symlinkSync(dangling, danglingLink);
		for (const file of [link, danglingLink]) {
			const error = await refusal(openPrivateFile(file));
			expect(error.message).toBe(`${file} is a symbolic link: refusing to write through it (remove it)`);
		}

		expect(readFileSync(target, 'utf8')).toBe('precious');
		expect(statSync(target).mode & 0o777).not.toBe(0o600);
		expect(existsSync(dangling)).toBe(false);
	});

	it('refuses a link that appears after the check, at the open itself', async () => {
		const target = path.join(temp(), 'elsewhere.txt');
		writeFileSync(target, 'precious');
		const link = path.join(temp(), 'users.json.partial');
		symlinkSync(target, link);
		racing.add(link);
		try {
			const error = await refusal(openPrivateFile(link));
			expect(error.message).toBe(`${link} is a symbolic link: refusing to write through it (remove it)`);
		} finally {
			racing.delete(link);
		}

		expect(readFileSync(target, 'utf8')).toBe('precious');
	});

	it('refuses a folder, a named pipe and a device, without blocking on the pipe', async () => {
		const folder = path.join(temp(), 'folder');
		mkdirSync(folder);
		const fifo = path.join(temp(), 'fifo');
		execFileSync('mkfifo', [fifo]);
		expect((await refusal(openPrivateFile(folder))).message).toBe(`${folder} is a folder, not a regular file: refusing to write to it`);
		expect((await refusal(openPrivateFile(fifo))).message).toBe(`${fifo} is a named pipe, not a regular file: refusing to write to it`);
		expect((await refusal(openPrivateFile('/dev/null'))).message).toBe(
			'/dev/null is a device, not a regular file: refusing to write to it',
		);
	});

	it('refuses a named pipe that appears after the check, without waiting for a reader', async () => {
		const fifo = path.join(temp(), 'fifo');
		execFileSync('mkfifo', [fifo]);
		racing.add(fifo);
		try {
			expect((await refusal(openPrivateFile(fifo))).message).toBe(`${fifo} is not a regular file: refusing to write to it`);
		} finally {
			racing.delete(fifo);
		}
	});

	it('gives one line and no stack trace', async () => {
		const link = path.join(temp(), 'link');
		symlinkSync('/nowhere', link);
		const error = await refusal(openPrivateFile(link));
		expect(error.message).not.toContain('\n');
		expect(error.stack).toBe(`PrivateFileError: ${error.message}`);
		expect(error.file).toBe(link);
	});
});

describe('truncateHandle', () => {
	const temp = useTempDir();

	it('cuts the open file back, even when its name now points elsewhere', async () => {
		const file = path.join(temp(), 'users.json.partial');
		writeFileSync(file, 'kept|dropped');
		const handle = await openPrivateFile(file);
		// The name is swapped for a link to another file after opening: the cut must not follow it
		const other = path.join(temp(), 'other');
		writeFileSync(other, 'untouched');
		renameSync(file, path.join(temp(), 'moved'));
		symlinkSync(other, file);
		expect(await truncateHandle(handle, 5, file)).toBe(12);
		await handle.write('more');
		await handle.close();
		expect(readFileSync(path.join(temp(), 'moved'), 'utf8')).toBe('kept|more');
		expect(readFileSync(other, 'utf8')).toBe('untouched');
	});

	it('refuses to lengthen a file that is shorter than the length to keep', async () => {
		const file = path.join(temp(), 'users.json.partial');
		writeFileSync(file, 'abc');
		const handle = await openPrivateFile(file);
		try {
			expect((await refusal(truncateHandle(handle, 10, file))).message).toBe(
				`${file} is shorter (3 bytes) than the 10 bytes to keep`,
			);
		} finally {
			await handle.close();
		}

		expect(readFileSync(file, 'utf8')).toBe('abc');
	});
});

describe('readPrivateFile', () => {
	const temp = useTempDir();

	it('reads a file, and gives undefined for a missing one', async () => {
		const file = path.join(temp(), 'users.json.checkpoint');
		expect(await readPrivateFile(file)).toBeUndefined();
		writeFileSync(file, '{"nextPage":3,"name":"Zoë"}');
		expect(await readPrivateFile(file)).toBe('{"nextPage":3,"name":"Zoë"}');
	});

	it('refuses a symbolic link, also one that appears after the check', async () => {
		const target = path.join(temp(), 'elsewhere.json');
		writeFileSync(target, '{"nextPage":99}');
		const link = path.join(temp(), 'users.json.checkpoint');
		symlinkSync(target, link);
		const message = `${link} is a symbolic link: refusing to read through it (remove it)`;
		expect((await refusal(readPrivateFile(link))).message).toBe(message);
		racing.add(link);
		try {
			expect((await refusal(readPrivateFile(link))).message).toBe(message);
		} finally {
			racing.delete(link);
		}
	});

	it('refuses a named pipe without waiting for a writer, and a folder', async () => {
		const fifo = path.join(temp(), 'fifo');
		execFileSync('mkfifo', [fifo]);
		expect((await refusal(readPrivateFile(fifo))).message).toBe(`${fifo} is a named pipe, not a regular file: refusing to read it`);
		racing.add(fifo);
		try {
			expect((await refusal(readPrivateFile(fifo))).message).toBe(`${fifo} is a named pipe, not a regular file: refusing to read it`);
		} finally {
			racing.delete(fifo);
		}

		expect((await refusal(readPrivateFile(temp()))).message).toBe(`${temp()} is a folder, not a regular file: refusing to read it`);
	});

	it('refuses a file larger than asked for', async () => {
		const file = path.join(temp(), 'big');
		writeFileSync(file, 'x'.repeat(101));
		expect((await refusal(readPrivateFile(file, {maxBytes: 100}))).message).toBe(
			`${file} is larger than 100 bytes: not a file this tool wrote`,
		);
		writeFileSync(file, 'x'.repeat(100));
		expect(await readPrivateFile(file, {maxBytes: 100})).toHaveLength(100);
	});
});
