import {type ChildProcess, spawn} from 'node:child_process';
import {once} from 'node:events';
import {existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {OutputLock, OutputLockError} from '../../../source/core/files/output-lock.js';
import {useTempDir} from '../../helpers/temp-dir.js';

/** The pid of a process that has ended (and been reaped: its 'exit' has fired). */
async function deadPid(): Promise<number> {
	const child = spawn(process.execPath, ['-e', ''], {stdio: 'ignore'});
	const pid = child.pid!;
	await once(child, 'exit');
	return pid;
}

/** A process that runs until killed. */
function sleeper(): ChildProcess {
	return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], {stdio: 'ignore'});
}

async function stop(child: ChildProcess): Promise<void> {
	const exited = once(child, 'exit');
	child.kill();
	await exited;
}

const lockText = (pid: number, host = hostname()) => `${JSON.stringify({pid, host, startedAt: '2025-01-02T03:04:05.000Z'})}\n`;

type Owner = {pid: number; host: string; startedAt: string; nonce: string};

function owner(file: string): Owner {
	return JSON.parse(readFileSync(file, 'utf8')) as Owner;
}

async function refusal(promise: Promise<unknown>): Promise<OutputLockError> {
	const error: unknown = await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
	expect(error).toBeInstanceOf(OutputLockError);
	return error as OutputLockError;
}

describe('OutputLock', () => {
	const temp = useTempDir();

	it('writes who holds it, for the user only, and leaves nothing once released', async () => {
		const out = path.join(temp(), 'users.json');
		const lock = await OutputLock.acquire(out);
		expect(lock.file).toBe(`${out}.lock`);
		expect(owner(lock.file)).toEqual({
			pid: process.pid,
			host: hostname(),
			startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
			nonce: expect.stringMatching(/^[\da-f]{12}$/) as unknown,
		});
		expect(statSync(lock.file).mode & 0o777).toBe(0o600);
		await lock.release();
		expect(readdirSync(temp())).toEqual([]);
	});

	it('refuses a second lock on the same output while the first is held', async () => {
		const out = path.join(temp(), 'users.json');
		const first = await OutputLock.acquire(out);
		const error = await refusal(OutputLock.acquire(out));
		expect(error.message).toBe(`${out} is already being written by this run (${out}.lock)`);
		// The same output named another way is still the same lock
		await refusal(OutputLock.acquire(path.join(temp(), '.', 'users.json')));
		await first.release();
		const second = await OutputLock.acquire(out);
		await second.release();
	});

	it('refuses while another live process on this machine holds it, naming its pid', async () => {
		const out = path.join(temp(), 'users.json');
		const child = sleeper();
		try {
			writeFileSync(`${out}.lock`, lockText(child.pid!));
			const error = await refusal(OutputLock.acquire(out));
			expect(error.message).toBe(
				`${out} is being written by another run (pid ${child.pid}, started 2025-01-02T03:04:05.000Z): wait for it to end or stop it; if no such run exists, remove ${out}.lock`,
			);
			expect(error.message).not.toContain('\n');
			expect(error.stack).toBe(`OutputLockError: ${error.message}`);
			expect(owner(`${out}.lock`).pid).toBe(child.pid);
		} finally {
			await stop(child);
		}

		// Once it has ended, its lock is stale
		const lock = await OutputLock.acquire(out);
		expect(owner(lock.file).pid).toBe(process.pid);
		await lock.release();
	});

	it('takes over the lock of a process that has ended', async () => {
		const out = path.join(temp(), 'users.json');
		writeFileSync(`${out}.lock`, lockText(await deadPid()));
		const lock = await OutputLock.acquire(out);
		expect(owner(lock.file).pid).toBe(process.pid);
		await lock.release();
		expect(readdirSync(temp())).toEqual([]); // Nothing set aside is left
	});

	it('takes over a lock with our own pid that this process does not hold (an earlier run had the pid)', async () => {
		const out = path.join(temp(), 'users.json');
		writeFileSync(`${out}.lock`, lockText(process.pid));
		const lock = await OutputLock.acquire(out);
		expect(owner(lock.file).startedAt).not.toBe('2025-01-02T03:04:05.000Z');
		await lock.release();
	});

	it('takes over a damaged or empty lock', async () => {
		const out = path.join(temp(), 'users.json');
		for (const damaged of ['{not json', '', '{"pid":"12","host":"x","startedAt":"y"}', '[1]', 'x'.repeat(10_000)]) {
			writeFileSync(`${out}.lock`, damaged);

			const lock = await OutputLock.acquire(out);
			expect(owner(lock.file).pid).toBe(process.pid);

			await lock.release();
		}
	});

	it('obeys a lock from another machine, whose process it cannot check', async () => {
		const out = path.join(temp(), 'users.json');
		writeFileSync(`${out}.lock`, lockText(await deadPid(), 'other-machine'));
		const error = await refusal(OutputLock.acquire(out));
		expect(error.message).toContain(`${out} is locked by a run on other-machine (pid `);
		expect(error.message).toContain(`if it has ended, remove ${out}.lock`);
	});

	it('does not follow a lock that is a symbolic link: the link is replaced, what it points to is untouched', async () => {
		const out = path.join(temp(), 'users.json');
		const elsewhere = path.join(temp(), 'elsewhere.json');
		// Followed, this would read as a live lock of our parent process, and the run would be refused
		writeFileSync(elsewhere, lockText(process.ppid));
		symlinkSync(elsewhere, `${out}.lock`);
		const lock = await OutputLock.acquire(out);
		expect(lstatSync(lock.file).isFile()).toBe(true);
		expect(owner(lock.file).pid).toBe(process.pid);
		expect(readFileSync(elsewhere, 'utf8')).toBe(lockText(process.ppid));
		await lock.release();
		expect(readdirSync(temp())).toEqual(['elsewhere.json']);
	});

	it("refuses a folder in the lock's place", async () => {
		const out = path.join(temp(), 'users.json');
		mkdirSync(`${out}.lock`);
		expect((await refusal(OutputLock.acquire(out))).message).toBe(`${out}.lock is a folder, not a lock: remove it`);
	});

	it('release leaves a lock another run has taken since', async () => {
		const out = path.join(temp(), 'users.json');
		const lock = await OutputLock.acquire(out);
		writeFileSync(lock.file, lockText(process.ppid));
		await lock.release();
		expect(owner(lock.file).pid).toBe(process.ppid);
	});

	it('releaseAllSync removes the locks still held, for an exit handler', async () => {
		const first = await OutputLock.acquire(path.join(temp(), 'a.json'));
		const second = await OutputLock.acquire(path.join(temp(), 'b.json'));
		await second.release();
		await OutputLock.acquire(path.join(temp(), 'c.json'));
		OutputLock.releaseAllSync();
		expect(readdirSync(temp())).toEqual([]);
		await first.release(); // Already gone: nothing to do, no error
		expect(existsSync(first.file)).toBe(false);
	});

	it('gives the lock to one of two runs taking over a stale lock at once', async () => {
		// Two tries in one process interleave at every await, in whatever order the file system answers;
		// whichever way, one holds the lock and the other is refused (three at once is the race
		// output-lock.ts describes)
		const out = path.join(temp(), 'users.json');
		const stale = lockText(await deadPid());
		for (let round = 0; round < 100; round++) {
			writeFileSync(`${out}.lock`, stale);

			const results = await Promise.allSettled([OutputLock.acquire(out), OutputLock.acquire(out)]);
			const taken = results.flatMap(result => (result.status === 'fulfilled' ? [result.value] : []));
			expect(taken).toHaveLength(1);
			const refused = results.find(result => result.status === 'rejected')!;
			expect((refused.reason as Error).message).toBe(`${out} is already being written by this run (${out}.lock)`);
			expect(owner(`${out}.lock`).nonce).toBe(JSON.parse(taken[0]!.text).nonce);

			await taken[0]!.release();
			expect(readdirSync(temp())).toEqual([]);
		}
	});
});
