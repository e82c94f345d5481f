import {type ChildProcess, spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {AtomicFile} from '../../../source/core/files/atomic-file.js';
import {removeLeftoverTemps} from '../../../source/core/files/leftover-temps.js';
import {useTempDir} from '../../helpers/temp-dir.js';

async function deadPid(): Promise<number> {
	const child = spawn(process.execPath, ['-e', ''], {stdio: 'ignore'});
	const pid = child.pid!;
	await once(child, 'exit');
	return pid;
}

describe('removeLeftoverTemps', () => {
	const temp = useTempDir();
	let sleeper: ChildProcess | undefined;
	afterEach(async () => {
		if (!sleeper) return;
		const exited = once(sleeper, 'exit');
		sleeper.kill();
		await exited;
		sleeper = undefined;
	});

	const touch = (name: string, content = 'x') => {
		writeFileSync(path.join(temp(), name), content);
		return name;
	};

	const hoursAgo = (name: string, hours: number) => {
		const when = (Date.now() - hours * 3_600_000) / 1000;
		utimesSync(path.join(temp(), name), when, when);
	};

	it('removes the temporaries of processes that have ended, and old ones without a pid', async () => {
		const dead = await deadPid();
		sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], {stdio: 'ignore'});
		const gone = [touch(`.users.json.${dead}-0123456789ab.partial`), touch('.users.json.0123456789ab.partial')];
		hoursAgo(gone[1]!, 2);
		const kept = [
			touch(`.users.json.${sleeper.pid}-0123456789ab.partial`), // A run still writing
			touch('.users.json.abcdef012345.partial'), // Old name, but recent
			touch('users.json'),
			touch('users.json.partial'), // The export's own partial file
			touch('users.json.checkpoint'),
			touch(`.users.json.lock.${dead}-0123456789ab.partial`), // Another target's
			touch(`.raw.ndjson.${dead}-0123456789ab.partial`),
			touch(`.users.json.${dead}-0123456789ab.partial.bak`),
		];
		const removed = await removeLeftoverTemps(path.join(temp(), 'users.json'));
		expect(removed.toSorted()).toEqual(gone.map(name => path.join(temp(), name)).toSorted());
		expect(readdirSync(temp()).toSorted()).toEqual(kept.toSorted());
	});

	it('keeps the temporaries of this process', async () => {
		const target = path.join(temp(), 'users.json');
		const file = await AtomicFile.create(target);
		expect(await removeLeftoverTemps(target)).toEqual([]);
		await file.commit();
	});

	it('judges age by the time given', async () => {
		const name = touch('.users.json.0123456789ab.partial');
		const target = path.join(temp(), 'users.json');
		expect(await removeLeftoverTemps(target, {now: Date.now() + 30 * 60_000})).toEqual([]);
		expect(await removeLeftoverTemps(target, {maxAgeMs: 60_000, now: Date.now() + 30 * 60_000})).toEqual([path.join(temp(), name)]);
	});

	it('never removes a link or a folder under such a name, nor follows it', async () => {
		const dead = await deadPid();
		const elsewhere = path.join(temp(), 'elsewhere');
		mkdirSync(elsewhere);
		writeFileSync(path.join(elsewhere, 'precious'), 'keep');
		symlinkSync(path.join(elsewhere, 'precious'), path.join(temp(), `.users.json.${dead}-0123456789ab.partial`));
		mkdirSync(path.join(temp(), `.users.json.${dead}-ba9876543210.partial`));
		expect(await removeLeftoverTemps(path.join(temp(), 'users.json'))).toEqual([]);
		expect(readdirSync(temp())).toHaveLength(3);
		expect(readFileSync(path.join(elsewhere, 'precious'), 'utf8')).toBe('keep');
	});

	it('finds nothing in a folder that does not exist', async () => {
		expect(await removeLeftoverTemps(path.join(temp(), 'missing', 'users.json'))).toEqual([]);
	});
});
